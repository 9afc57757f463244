// Text → comparable tokens for the echo rule (issue 3): case, punctuation, numbers written in words
// or digits, and word endings all normalised away, so "Seven votes to two" and "7-2 vote" share
// their numbers and "libraries"/"library" share a stem. Pure functions, no I/O.

import { COMMON_WORDS } from './common-words.ts';
import { irregularBase } from './lemmas.ts';
import { readNumber } from './numbers.ts';
import { wordClass } from './word-class.ts';

export interface Token {
  /** What is compared: a light stem of the lower-cased word, or a number in digits ("2300", "8.5"). */
  key: string;
  /** The word as written (for numbers: the first word of the number). */
  raw: string;
  number: boolean;
  /** For numbers: the value, whether it is a rate (per cent, "a third"), and whether it is hedged
   *  ("about sixty"), so it is compared loosely (numbers.ts). A rate's key ends in "%". */
  value?: number;
  rate?: boolean;
  approx?: boolean;
  /** Read as the article's word or number though written otherwise (rewording.ts). */
  reworded?: boolean;
  /** A stopword: counted for sentence length, never compared. */
  stop: boolean;
  /** Starts with a capital letter. */
  capital: boolean;
  /** First word of its sentence. */
  sentenceStart: boolean;
  /** Which comma-separated clause of its sentence it is in (0, 1, …). */
  clause: number;
}

export interface Segment {
  tokens: Token[];
  /** Ends with a question mark. */
  question: boolean;
  /** Number of words, stopwords included (DESIGN's "long sentence" is 8+ words). */
  words: number;
}

// Function words and reporting verbs: they carry no content, so they are never compared. A stopword
// list is a general resource (the issue allows it), unlike a list of wrapper phrases.
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are aren as at be because been before being ' +
    'below between both but by can cannot could couldn d did didn do does doesn doing don down during each ' +
    'either etc ever few for from further had hadn has hasn have haven having he her here hers herself him ' +
    'himself his how i if in into is isn it its itself just ll m may me might mightn more most much must ' +
    'mustn my myself neither no nor not now o of off on once one ones only or other others ought our ours ' +
    'ourselves out over own per re s same says said say shall shan she should shouldn so some such t than ' +
    'that the their theirs them themselves then there these they this those through to too under until up ' +
    'upon us ve very was wasn we were weren what when where whether which while who whom whose why will ' +
    'with won would wouldn y you your yours yourself yourselves yet already still even ever just like ' +
    'per cent percent according via also another every oh eh yes yeah ok okay ca wo ' +
    // Currency words: "£180,000" and "180,000 pounds" are the same number.
    'pound pounds dollar dollars euro euros quid bucks'
  ).split(' '),
);

const FIRST_PERSON = new Set(['i', 'me', 'my', 'mine', 'myself', 'we', 'us', 'our', 'ours', 'ourselves']);

let ranks: Map<string, number> | undefined;

/** Frequency rank of a lower-case word in general English (0 = most common), or Infinity if it is rare. */
export function wordRank(lower: string): number {
  // Built on first use, not at import time (STYLE.md: no work at import time).
  if (!ranks) {
    ranks = new Map();
    const words = COMMON_WORDS.split(' ');
    for (let i = 0; i < words.length; i++) if (!ranks.has(words[i]!)) ranks.set(words[i]!, i);
  }
  return ranks.get(lower) ?? Infinity;
}

/**
 * A word's rank with its inflections: the lower of the word's and its stem's ("thoughts" ranks as
 * "thought", "happens" as "happen"), so a plural or a tense does not make filler look specific.
 */
export function baseRank(tok: Token): number {
  return tok.number ? Infinity : Math.min(wordRank(tok.raw.toLowerCase().replace(/’/g, "'")), wordRank(tok.key));
}

// Determiners: a word after one (or after one and an adjective) names a thing ("the council", "the
// old roof"). General English grammar, like the stopwords, not a list of wrapper phrases.
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her']);

/**
 * Whether a question names a thing of its own: a content word ranked `minRank` or beyond (with its
 * inflections: "thoughts" is everyday) that `isOwn` accepts, in a noun phrase after a determiner.
 * "How much did the council put in?" names the council; "Is anyone surprised?", "Anyone else think
 * this is huge?" and "What are your thoughts?" name nothing, however rare their adjective.
 */
export function namesAThing(seg: Segment, minRank: number, isOwn: (tok: Token) => boolean): boolean {
  const t = seg.tokens;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i]!;
    if (tok.stop || tok.number || baseRank(tok) < minRank || !isOwn(tok)) continue;
    const before = (k: number) => (i - k >= 0 && t[i - k]!.clause === tok.clause ? t[i - k]!.raw.toLowerCase() : '');
    if (DETERMINERS.has(before(1)) || (DETERMINERS.has(before(2)) && !t[i - 1]!.stop && !t[i - 1]!.number)) return true;
  }
  return false;
}

const REPORTING = new Set(['said', 'says', 'told', 'added', 'explained', 'warned']);
const PRONOUNS = new Set(['he', 'she', 'they']);

/** "…, said Dr Dalgleish", "…, she said", "…, the council told residents": another's words reported. */
export function reportsSpeech(seg: Segment): boolean {
  const t = seg.tokens;
  for (let i = 1; i < t.length; i++) {
    if (!REPORTING.has(t[i]!.raw.toLowerCase()) || t[i]!.clause === 0) continue;
    const near = [t[i - 1], t[i + 1]].filter((x): x is Token => x !== undefined && x.clause === t[i]!.clause);
    if (near.some((x) => PRONOUNS.has(x.raw.toLowerCase()) || (x.capital && !x.sentenceStart))) return true;
  }
  return false;
}

export function isFirstPerson(lower: string): boolean {
  return FIRST_PERSON.has(lower.replace(/['’](?:ve|d|m|ll|re)$/, ''));
}

const SINGULAR_FIRST_PERSON = new Set(['i', 'me', 'my', 'mine', 'myself']);

/**
 * Whether the sentence speaks of the reader's own: "I", "my" always; "we", "our", "us" unless the
 * sentence praises (issue 15, round three: "history buried beneath our feet", "transport in our
 * cities", "anyone who cares about our coastline" are everyone's, in a bot's compliment; "our
 * street went dark at midnight" is the reader's). `praising` is the caller's reading of praise.
 */
export function speaksForSelf(seg: Segment, praising: boolean, only: (tok: Token) => boolean = () => true): boolean {
  // Reported speech is the speaker's, not the reader's (round four): "We cannot say …, said Dr Dalgleish".
  if (reportsSpeech(seg)) return false;
  const frame = framingClause(seg);
  return seg.tokens.some((t) => {
    // "I've", "I'd", "we're" are the first person too (round seven).
    const lower = t.raw.toLowerCase().replace(/['’](?:ve|d|m|ll|re)$/, '');
    return only(t) && t.clause !== frame && (SINGULAR_FIRST_PERSON.has(lower) || (!praising && FIRST_PERSON.has(lower)));
  });
}

/**
 * The clause that only frames what follows (round seven): "As I understand it, …", "If I've got this
 * right, …", "From what I read, …" — the first of several, with nothing in it but the first person,
 * verbs of knowing and everyday words. Its "I" tells nothing of the reader's own. -1 when none.
 */
export function framingClause(seg: Segment): number {
  const t = seg.tokens;
  if (t.length === 0 || !t.some((x) => x.clause > 0)) return -1;
  const first = t.filter((x) => x.clause === 0);
  if (!first.some((x) => FIRST_PERSON.has(x.raw.toLowerCase().replace(/['’].*$/, '')))) return -1;
  const framing = first.every((x) => {
    const lower = x.raw.toLowerCase();
    return x.stop || FIRST_PERSON.has(lower.replace(/['’].*$/, '')) || wordRank(lower) < 300 || ['e', 'r'].includes(wordClass(lower)) || wordClass(x.key) === 'e';
  });
  return framing && first.length <= 6 ? 0 : -1;
}

/**
 * A light suffix-stripping stemmer: enough to make plurals, tenses and -ly adverbs meet
 * ("libraries" = "library", "started" = "starts"), without a dictionary.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:x|ch|sh|ss|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 5 && w.endsWith('ly')) w = w.slice(0, -2);
  // "stopped" → "stopp" → "stop"; keep ll/ss/zz ("fall", "pass").
  if (/([b-df-hj-kmnp-rtv-xz])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.endsWith('y')) w = w.slice(0, -1) + 'i';
  return w;
}

// Unit abbreviations read as the word ("16.8 kg" = "16.8 kilograms").
const UNIT_WORDS: Record<string, string> = {
  kg: 'kilograms', kgs: 'kilograms', km: 'kilometres', kms: 'kilometres', mi: 'miles', hr: 'hours', hrs: 'hours',
  min: 'minutes', mins: 'minutes', sec: 'seconds', secs: 'seconds', yr: 'years', yrs: 'years', kilometers: 'kilometres',
};

function numberKey(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

// A unit with a power ("m3", "km2") is one word, not a word and the number 3 (round eight); "R14"
// (a currency) stays a number.
const WORD_RE = /[£$€]?\d(?:[\d,.:]*\d)?(?:st|nd|rd|th|k|m|bn|am|pm|%)?(?![\p{L}\d])|(?<![\p{L}\d])(?:m|km|cm|mm|ft)[23](?![\p{L}\d])|\p{L}+(?:['’-]\p{L}+)*/giu;

function tokenizeSentence(sentence: string): Token[] {
  const out: Token[] = [];
  // Clauses: a comma followed by a space ("1,248" stays one number), brackets and quotes, and the
  // conjunctions that turn from a quote to a reaction ("X, but he should have stopped it").
  const clauses = sentence.split(/,\s+|\s*[()"“”]\s*|\s+(?=(?:but|because|although|though|whereas)\s)/iu);
  for (let i = 0; i < clauses.length; i++) tokenizeClause(clauses[i]!, i, out);
  return out;
}

function tokenizeClause(text: string, clause: number, out: Token[]): void {
  // Hyphenated words are compared by their parts ("park-and-ride", "fifteen-year-old"), except a
  // number written in words ("sixty-two"), which numbers.ts reads whole.
  const raws = (text.match(WORD_RE) ?? []).flatMap((w) => (w.includes('-') && !/^[a-z]+-(?:one|two|three|four|five|six|seven|eight|nine)$/i.test(w) ? w.split('-').filter(Boolean) : [w]));
  const atSentenceStart = out.length === 0;
  const first = out.length;
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i]!;
    const sentenceStart: boolean = atSentenceStart && out.length === first;
    const lower = raw.toLowerCase().replace(/’/g, "'");
    // A number in digits or words, with its scale and hedge (numbers.ts). "one" alone and "a" alone
    // are not numbers ("one of them", "a year"): only "one in three", "a third", "a million".
    const n = readNumber(raws, i);
    if (n && !((lower === 'one' || lower === 'a' || lower === 'an') && n.length === 1)) {
      // raw: the number as written, all its words ("four hundred and ten").
      out.push({ key: numberKey(n.value) + (n.rate ? '%' : ''), raw: raws.slice(i, i + n.length).join(' '), number: true, value: n.value, rate: n.rate, approx: n.approx, stop: false, capital: false, sentenceStart, clause });
      i += n.length - 1;
      continue;
    }
    const capital = /^\p{Lu}/u.test(raw);
    // Contractions: compare the stem ("couldn't" → "could", "council's" → "council").
    const base = lower.endsWith("n't") ? lower.slice(0, -3) : lower.replace(/'(?:s|ll|re|ve|d|m)$/, '');
    const stop = STOPWORDS.has(base) || base.length < 2;
    // An acronym is not a word form: "LED" is no past tense of "lead".
    const acronym = raw.length > 1 && raw === raw.toUpperCase();
    const word = (acronym ? undefined : irregularBase(base)) ?? UNIT_WORDS[base] ?? base;
    out.push({ key: stop ? base : stem(word), raw, number: false, stop, capital, sentenceStart, clause });
  }
}

// Sentence and clause boundaries: . ! ? followed by a space or the end, and a colon, semicolon or dash
// between words. Clauses let "Reading that X — hard to argue with that" keep the wrapper apart.
const SPLIT_RE = /(?<=[.!?…]+["'”’)\]]*)\s+|(?<=[:;])\s+|\s+[—–-]\s+|\n+/u;

/** Splits text into sentences/clauses and tokenises each. */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let last = '';
  for (const part of text.normalize('NFKC').split(SPLIT_RE)) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const tokens = tokenizeSentence(trimmed);
    if (tokens.length === 0) continue;
    out.push({ tokens, question: /\?["'”’)\s]*$/.test(trimmed), words: tokens.length });
    last = trimmed;
  }
  // A reader's last sentence often goes without its question mark (round six): "Are those from the
  // original 388, and how many have been demolished since 2018". Only the comment's last sentence,
  // only when it ends with no mark at all, and only in a question's word order.
  const end = out[out.length - 1];
  if (end && !end.question && !/[.!…]["'”’)\]]*$/.test(last) && askedInForm(end.tokens)) end.question = true;
  return out;
}

const WH = new Set(['what', 'why', 'where', 'who', 'which', 'how', 'when']);
const AUX = new Set(['do', 'does', 'did', 'are', 'is', 'was', 'were', 'will', 'would', 'can', 'could', 'should', 'has', 'have']);
const SUBJECTS_AFTER_AUX = new Set(['they', 'those', 'these', 'the', 'it', 'we', 'you', 'he', 'she', 'there', 'any', 'anyone', 'anybody', 'this', 'that', 'their', 'our', 'i']);

/** A question's word order: "What happens to …", "Are those …", "Do they …"; not "What a …", "How lovely". */
function askedInForm(tokens: readonly Token[]): boolean {
  const w = tokens.map((t) => t.raw.toLowerCase());
  const at = ['so', 'and', 'but', 'ok', 'well'].includes(w[0]!) ? 1 : 0;
  const [a, b] = [w[at], w[at + 1]];
  if (!a || !b) return false;
  // "How sad", "How lovely": an exclamation (an adjective or adverb after "how", WordNet's class).
  if (WH.has(a)) return b !== 'a' && b !== 'an' && !(a === 'how' && ['j', 'r'].includes(wordClass(b)));
  return AUX.has(a) && SUBJECTS_AFTER_AUX.has(b);
}

/** "could have", "should've", "would have": the sentence argues what might have been instead. */
export function arguesCounterfactual(seg: Segment): boolean {
  const t = seg.tokens.map((x) => x.raw.toLowerCase().replace(/’/g, "'"));
  return t.some((w, i) => /^(?:could|should|would|might|must)(?:'ve)?$/.test(w) && (w.endsWith("'ve") || t[i + 1] === 'have'));
}

/**
 * A question that asks nothing (round four): it wraps a statement for the reader to agree with.
 * "Isn't it wild that only 167 trucks got through?", "Can you believe they spent $9 million?", "Who
 * knew …?", "How crazy is it that …?". Not "Isn't that the definition of …?" nor "Doesn't that mean
 * …?": those challenge something. Grammar, like the stopwords: no list of wrapper phrases.
 */
export function isRhetorical(seg: Segment): boolean {
  if (!seg.question) return false;
  const w = seg.tokens.map((t) => t.raw.toLowerCase().replace(/’/g, "'"));
  const at = ['so', 'and', 'but', 'honestly', 'seriously'].includes(w[0]!) ? 1 : 0;
  const [a, b, c, d, e] = w.slice(at);
  const describing = (x: string | undefined) => x !== undefined && (DESCRIBING.test(x) || DESCRIBERS.has(x));
  // "Isn't it wild that …", "Isn't it amazing how …", "Wasn't it just incredible to …"
  if (a?.endsWith("n't") && ['it', 'this', 'that'].includes(b ?? '')) {
    const adj = ['so', 'just', 'really', 'kind', 'pretty', 'a', 'bit'].includes(c ?? '') ? d : c;
    const next = adj === d ? e : d;
    if (describing(adj) && ['that', 'how', 'to', 'when', 'what'].includes(next ?? '')) return true;
  }
  // "Can you believe …", "Could you imagine …", "Who knew …", "Who would have thought …"
  if ((a === 'can' || a === 'could') && b === 'you' && ['believe', 'imagine'].includes(c === 'even' ? d ?? '' : c ?? '')) return true;
  if (a === 'who' && (b === 'knew' || b === 'would' || b === "who'd" || b === "would've")) return true;
  if (a === "who'd") return true;
  // "How cool is it that …", "How crazy is that?"
  if (a === 'how' && describing(b) && ['is', 'was'].includes(c ?? '') && ['it', 'that', 'this'].includes(d ?? '')) return true;
  return false;
}
/** Describing words as a rhetorical question uses them: "wild", "amazing", "crazy", "sad", "great". */
const DESCRIBING = /(?:ing|ible|able|ful|ous|ic|ive|al|ed|y)$/;
const DESCRIBERS = new Set(['wild', 'great', 'sad', 'mad', 'cool', 'bad', 'good', 'nice', 'odd', 'weird', 'strange', 'grim', 'huge', 'big', 'nuts', 'insane', 'unreal']);

/** Tokens that carry content: numbers and non-stopwords. */
export function contentTokens(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.number || !t.stop);
}
