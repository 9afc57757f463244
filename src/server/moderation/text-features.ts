// Text → comparable tokens for the echo rule (issue 3): case, punctuation, numbers written in words
// or digits, and word endings all normalised away, so "Seven votes to two" and "7-2 vote" share
// their numbers and "libraries"/"library" share a stem. Pure functions, no I/O.

import { COMMON_WORDS } from './common-words.ts';

export interface Token {
  /** What is compared: a light stem of the lower-cased word, or a number in digits ("2300", "8.5"). */
  key: string;
  /** The word as written (for numbers: the first word of the number). */
  raw: string;
  number: boolean;
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

export function isFirstPerson(lower: string): boolean {
  return FIRST_PERSON.has(lower);
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

const UNITS: Record<string, number> = {
  zero: 0, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90,
  // Ordinals from "third" on ("first"/"second" are mostly not numbers: "at first", "a second yellow"
  // is still a number but "for the first time" is not).
  third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11,
  twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50,
};
const SCALES: Record<string, number> = {
  hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000, k: 1_000, m: 1_000_000, bn: 1_000_000_000,
};

// Unit abbreviations read as the word ("16.8 kg" = "16.8 kilograms").
const UNIT_WORDS: Record<string, string> = {
  kg: 'kilograms', kgs: 'kilograms', km: 'kilometres', kms: 'kilometres', mi: 'miles', hr: 'hours', hrs: 'hours',
  min: 'minutes', mins: 'minutes', sec: 'seconds', secs: 'seconds', yr: 'years', yrs: 'years', kilometers: 'kilometres',
};

/** "2,300" → 2300, "8:30" → 830 (a time reads the same with or without its colon), "£4.2" → 4.2. */
function digitsValue(s: string): number | null {
  let t = s.replace(/^[£$€]/, '').replace(/%$/, '');
  let scale = 1;
  const suffix = /(?:st|nd|rd|th|k|m|bn)$/i.exec(t);
  if (suffix) {
    const sx = suffix[0].toLowerCase();
    if (sx in SCALES) scale = SCALES[sx]!;
    t = t.slice(0, -sx.length);
  }
  t = t.replace(/,(?=\d{3}\b)/g, '').replace(/:/g, '');
  const n = Number(t);
  return Number.isFinite(n) ? n * scale : null;
}

function numberKey(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

const WORD_RE = /[£$€]?\d(?:[\d,.:]*\d)?(?:st|nd|rd|th|k|m|bn|%)?(?![\p{L}\d])|\p{L}+(?:['’]\p{L}+)*/giu;

function tokenizeSentence(sentence: string): Token[] {
  const out: Token[] = [];
  // Clauses: a comma followed by a space ("1,248" stays one number), brackets and quotes, and the
  // conjunctions that turn from a quote to a reaction ("X, but he should have stopped it").
  const clauses = sentence.split(/,\s+|\s*[()"“”]\s*|\s+(?=(?:but|because|although|though|whereas)\s)/iu);
  for (let i = 0; i < clauses.length; i++) tokenizeClause(clauses[i]!, i, out);
  return out;
}

function tokenizeClause(text: string, clause: number, out: Token[]): void {
  const raws = text.match(WORD_RE) ?? [];
  const atSentenceStart = out.length === 0;
  const first = out.length;
  // A number being read word by word: "two thousand three hundred" = (2 × 1000) + (3 × 100).
  let num: { total: number; current: number; raw: string; start: boolean; units: boolean } | null = null;
  const flush = () => {
    if (num) {
      const value = num.total + num.current;
      out.push({ key: numberKey(value), raw: num.raw, number: true, stop: false, capital: false, sentenceStart: num.start, clause });
    }
    num = null;
  };
  for (const raw of raws) {
    const sentenceStart: boolean = atSentenceStart && out.length === first && num === null;
    const capital = /^\p{Lu}/u.test(raw);
    const lower = raw.toLowerCase().replace(/’/g, "'");
    // Contractions: compare the stem ("couldn't" → "could", "council's" → "council").
    const base = lower.endsWith("n't") ? lower.slice(0, -3) : lower.replace(/'(?:s|ll|re|ve|d|m)$/, '');
    const digits = /^[£$€]?\d/.test(raw) ? digitsValue(raw) : null;
    if (digits !== null) {
      flush();
      num = { total: 0, current: digits, raw, start: sentenceStart, units: true };
      continue;
    }
    if (base in UNITS) {
      const v = UNITS[base]!;
      // "twenty five" adds up; "two five" is two numbers.
      if (num && (!num.units || (num.current % 100 >= 20 && num.current % 10 === 0 && v < 10))) {
        num.current += v;
        num.units = true;
      } else {
        flush();
        num = { total: 0, current: v, raw, start: sentenceStart, units: true };
      }
      continue;
    }
    if (base in SCALES && base.length > 2 && num) {
      const s = SCALES[base]!;
      if (s === 100) num.current = (num.current || 1) * 100;
      else {
        num.total += (num.current || 1) * s;
        num.current = 0;
      }
      num.units = false;
      continue;
    }
    if (num && base === 'and' && !num.units) continue;
    flush();
    const stop = STOPWORDS.has(base) || base.length < 2;
    const word = UNIT_WORDS[base] ?? base;
    out.push({ key: stop ? base : stem(word), raw, number: false, stop, capital, sentenceStart, clause });
  }
  flush();
}

// Sentence and clause boundaries: . ! ? followed by a space or the end, and a colon, semicolon or dash
// between words. Clauses let "Reading that X — hard to argue with that" keep the wrapper apart.
const SPLIT_RE = /(?<=[.!?…]+["'”’)\]]*)\s+|(?<=[:;])\s+|\s+[—–-]\s+|\n+/u;

/** Splits text into sentences/clauses and tokenises each. */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  for (const part of text.normalize('NFKC').split(SPLIT_RE)) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const tokens = tokenizeSentence(trimmed);
    if (tokens.length === 0) continue;
    out.push({ tokens, question: /\?["'”’)\s]*$/.test(trimmed), words: tokens.length });
  }
  return out;
}

/** Tokens that carry content: numbers and non-stopwords. */
export function contentTokens(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.number || !t.stop);
}
