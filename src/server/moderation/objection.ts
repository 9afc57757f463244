// A reader's own objection (issue 15, round three): "41 of 118 cancellations were breakdowns, so 77
// were weather: a new ship won't fix that", "this one didn't fail, it was popular". Bots that reword
// the article negate too, but only where the article does ("didn't result in more crashes" for "no
// rise in crashes"): they restate its negations, they never deny its claims. So a negation counts
// as the reader's when the article's sentences that the comment's sentence draws on say no such
// thing. Grammar, like the stopwords: the words that negate, and the idioms in which a negation
// agrees ("couldn't agree more"), praises ("not bad") or marvels ("can't believe"). Pure functions.
import { isReaction, valence } from './valence.ts';
import { wordClass } from './word-class.ts';
import type { Segment, Token } from './text-features.ts';

// Negations, and the verb that says so outright ("I disagree with the protesters here").
const NEGATIONS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'nowhere', 'disagree', 'hardly']);
// Of those, the ones that deny a claim. "No", "nothing", "nobody" mostly count things ("at no cost",
// "in for nothing", "no drop in pay"): an LLM's rewording of the article's figures, not a denial.
// "Hardly" too: "two nests is hardly a 'return'" (round eight).
const DENIALS = new Set(['not', 'never', 'nor', 'disagree', 'hardly']);

// "Not" denies a claim when it negates a verb: after an auxiliary ("is not", "they're not owed",
// "would not"), or opening a sentence on how the reader stands ("Not convinced the union is right").
// Elsewhere it contrasts the article's own points ("good for commutes, not for long bumpy rides").
const AUXILIARIES = new Set(
  'am is are was were be been being do does did have has had can could will would shall should may might must'.split(' '),
);

const negation = (tok: Token) => NEGATIONS.has(tok.raw.toLowerCase()) || /n['’]t$/i.test(tok.raw);

function denial(tokens: Token[], i: number): boolean {
  const tok = tokens[i]!;
  const lower = tok.raw.toLowerCase();
  if (/n['’]t$/.test(lower)) return true;
  if (lower !== 'not') return DENIALS.has(lower);
  const before = tokens[i - 1];
  if (before && before.clause === tok.clause) return AUXILIARIES.has(before.raw.toLowerCase()) || /['’](?:re|s|m|ve|d|ll)$/i.test(before.raw);
  const after = tokens[i + 1]?.raw.toLowerCase() ?? '';
  return tok.sentenceStart && ['j', 'e'].includes(wordClass(after));
}

/** The sentence has a negation ("not", "no", "never", "can't", "disagree"…). */
export function isNegated(seg: Segment): boolean {
  return seg.tokens.some(negation);
}

/**
 * A negation that agrees, praises or marvels rather than denies: a verb of stance then "more"
 * ("Couldn't agree more", "can't stress enough"), a word of blame right after it ("not bad", "never
 * disappoints"), "can't" before a verb of stance ("can't believe") or "wait", a surprise ("didn't
 * know that"). General English
 * idiom, not wrappers of any one article.
 */
function agrees(tokens: Token[], i: number): boolean {
  const next = tokens.slice(i + 1).filter((t) => !/^(?:be|been|have|so|too|at|all|really)$/i.test(t.raw));
  const first = next[0]?.raw.toLowerCase() ?? '';
  // Litotes: a negated blame is praise ("not bad", "never disappoints"); a negated praise is blame.
  if (isReaction(first) && valence(first) < 0) return true;
  const second = next[1]?.raw.toLowerCase() ?? '';
  if (wordClass(first) === 'e' && (second === 'more' || second === 'enough')) return true;
  // "Did not know that …", "didn't realise", "never knew": the reader's surprise at the article,
  // not a denial of it (round six).
  const lower = tokens[i]!.raw.toLowerCase().replace(/’/g, "'");
  if (/^(?:know|knew|realise|realised|realize|realized)$/.test(first) && (/^(?:didn't|never|not)$/.test(lower))) return true;
  // "Can't believe it", "couldn't imagine", "can't wait": amazement or eagerness, not a denial.
  const can = /^(?:can't|cannot|couldn't)$/.test(lower) || (lower === 'not' && /^(?:can|could)$/i.test(tokens[i - 1]?.raw ?? ''));
  return can && (wordClass(first) === 'e' || first === 'wait');
}

/** What the objection test needs from the article: which sentences each key is in, which negate. */
export interface ArticleNegations {
  postings: Map<string, number[]>;
  /** Ids of the article's sentences that have a negation. */
  negated: Set<number>;
  /**
   * The content keys of the article's negated sentences too short to be indexed (one content word:
   * "They have not yet agreed."), which a shuffled copy repeats (round nine).
   */
  shortNegated?: readonly (readonly string[])[];
}

/**
 * Whether the sentence denies something the article does not: it has a denial (not one of the
 * idioms above), and no negating sentence of the article has two of the denied clause's words (its
 * one word, if it has one). `content` are its content tokens as read in the article's terms.
 */
export function ownNegation(seg: Segment, content: Token[], article: ArticleNegations): boolean {
  const at = seg.tokens.findIndex((_, i) => denial(seg.tokens, i) && !agrees(seg.tokens, i));
  if (at < 0) return false;
  // The words of the denied clause: a shuffled or reworded sentence of the article keeps them
  // beside the article's own negation, whatever it joined them to.
  const clause = seg.tokens[at]!.clause;
  const keys = new Set(content.filter((t) => t.clause === clause).map((t) => t.key));
  const needed = Math.min(2, keys.size);
  if (needed === 0) return true;
  const shared = new Map<number, number>();
  for (const key of keys) for (const id of article.postings.get(key) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
  for (const [id, n] of shared) if (n >= needed && article.negated.has(id)) return false;
  for (const short of article.shortNegated ?? []) if (short.filter((k) => keys.has(k)).length >= Math.min(needed, short.length)) return false;
  return true;
}
