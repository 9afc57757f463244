// Praise of the piece itself (issue 15, round three): "Excellent reporting on …", "A really balanced
// piece on …", "Informative article about …", "Such a thorough look at …". Language-model bots frame
// a summary as a compliment to the article; AFINN (valence.ts) rates "excellent" but not
// "informative", "thorough", "balanced" or "insightful", so the compliment is read from its grammar
// instead: a descriptive word right before a noun that names a piece of writing. The nouns are those
// a comment uses for the page it is under, general English like the stopwords (a news article rarely
// calls its own subject a "write-up" or "coverage"; "analysis" and "feature" are left out, as
// articles report on them, and "post", which is also the goal's). "Report" is in since round nine
// ("Thanks for this detailed report on …", "An important and well-balanced report on …"): a word
// the article itself puts before it ("a damning report") is its subject, no compliment. Pure functions.
import { wordRank, type Segment, type Token } from './text-features.ts';
import { isPraise } from './valence.ts';
import { wordClass } from './word-class.ts';

/** Nouns for a piece of writing, as a commenter names the article ("great read", "nice write-up"). */
const PIECE_NOUNS = new Set([
  'article', 'piece', 'story', 'read', 'reporting', 'coverage', 'journalism', 'look', 'overview',
  'summary', 'breakdown', 'explainer', 'writeup', 'write', 'writing', 'report',
]);
/** Words ranked below this in general English are everyday ("new", "long"): no compliment unless praise. */
const EVERYDAY_RANK = 300;

const lower = (t: Token) => t.raw.toLowerCase().replace(/’/g, "'");

/** The noun at `i` names a piece of writing ("write-up" is tokenised as "write", "up"). */
function isPieceNoun(tokens: readonly Token[], i: number): boolean {
  const w = lower(tokens[i]!);
  if (w === 'write') return lower(tokens[i + 1] ?? tokens[i]!) === 'up';
  return PIECE_NOUNS.has(w) || (w.endsWith('s') && PIECE_NOUNS.has(w.slice(0, -1)));
}

/** A compliment to the piece: its descriptive words, and the nouns they describe. */
export interface Compliments {
  praise: Set<Token>;
  pieces: Set<Token>;
}

/**
 * The words that compliment the piece: each descriptive word (an adjective, an adverb, a participle,
 * a rare word; not a thing, not a figure, not an everyday word unless it is praise) right before a
 * noun for the piece, and the noun. `inArticle` tells the article's own words, which are its subject
 * rather than a compliment ("the harbour story").
 */
export function pieceCompliments(seg: Segment, inArticle: (tok: Token) => boolean): Compliments {
  const found: Compliments = { praise: new Set(), pieces: new Set() };
  const t = seg.tokens;
  for (let i = 1; i < t.length; i++) {
    if (!isPieceNoun(t, i)) continue;
    const before = t[i - 1]!;
    if (before.clause !== t[i]!.clause || before.number || before.stop) continue;
    const w = lower(before);
    if (!isPraise(w) && (inArticle(before) || wordRank(w) < EVERYDAY_RANK || ['c', 'g', 'm'].includes(wordClass(w)))) continue;
    found.praise.add(before);
    found.pieces.add(t[i]!);
    if (lower(t[i]!) === 'write' && t[i + 1]) found.pieces.add(t[i + 1]!);
  }
  return found;
}

/** Nouns for the page itself as a reader names it in a sentence about it ("the headline says …"). */
const PAGE_NOUNS = new Set(['article', 'piece', 'story', 'report', 'reporting', 'coverage', 'headline', 'reporter', 'journalist', 'writer', 'author']);

/** "the article", "this piece", "the headline": the sentence speaks of the page itself (round four). */
export function namesThePiece(seg: Segment): boolean {
  const t = seg.tokens;
  return t.some((x, i) => /^(?:the|this)$/i.test(x.raw) && PAGE_NOUNS.has(t[i + 1]?.raw.toLowerCase() ?? ''));
}
