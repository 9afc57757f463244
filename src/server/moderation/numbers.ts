// Numbers as people write them, read to one value (issue 15): digits or words, with scales,
// currencies, fractions, rates and hedges, so that "$9.4 million a year" and "something like nine
// and a half million dollars annually", "62 drivers short" and "about sixty drivers short", "a
// third" and "one in three", "104 years" and "more than a century" can be compared. Pure functions.
//
// Rates (per cent, fractions, "one in three") are kept apart from counts: "two per cent" is not the
// article's "two". Measured against compromise and words-to-numbers on the reworded set's tuning part (README
// "Moderation", eval/spam/libraries.mjs): neither reads hedges, "212k" or "nine and a half
// million", and compromise takes about 0.4 s to read a 3,000-word article, so numbers are read here.

/** A number read from the text. */
export interface NumberReading {
  /** The value: 9400000 for "$9.4 million"; for a rate, per cent: 20 for "20%" and for "a fifth". */
  value: number;
  /** A rate or share ("20%", "a fifth", "one in three"), never equal to a count ("two" is not "2%"). */
  rate: boolean;
  /** Hedged ("about", "nearly", "more than") or round: compared loosely. */
  approx: boolean;
  /** How many words it took, from the first. */
  length: number;
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90,
};
/** Ordinals from "third" on ("first"/"second" are mostly not numbers: "at first", "a second look"). */
const ORDINALS: Record<string, number> = {
  third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11,
  twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50,
};
/** After "a", "one", "two" …: a fraction ("a third", "two thirds", "three quarters"). */
const FRACTIONS: Record<string, number> = {
  half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fifth: 5, fifths: 5, sixth: 6, sixths: 6,
  eighth: 8, eighths: 8, tenth: 10, tenths: 10,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
/** Time spans that stand for a number of years, and counting words: "half a decade" is 5. */
const SPANS: Record<string, number> = {
  decade: 10, decades: 10, century: 100, centuries: 100, millennium: 1000, millennia: 1000, dozen: 12, dozens: 12, couple: 2, pair: 2,
};
/** Units a fraction can be a part of ("a fifth of a point", "a quarter of an hour"): general English measures. */
const MEASURES = new Set([
  'point', 'percentage', 'mile', 'metre', 'meter', 'kilometre', 'kilometer', 'inch', 'foot', 'yard', 'degree', 'second', 'minute',
  'hour', 'day', 'week', 'month', 'year', 'litre', 'liter', 'gallon', 'kilo', 'kilogram', 'gram', 'tonne', 'ton', 'pound', 'cent', 'penny',
]);
const SUFFIX_SCALES: Record<string, number> = { k: 1e3, m: 1e6, bn: 1e9 };
/**
 * Words before a number that say it is not exact. General English quantifiers (like a stopword
 * list), not phrases of any wrapper: "about 60", "roughly a third", "more than 400", "just over".
 */
const HEDGES = new Set([
  'about', 'around', 'roughly', 'approximately', 'nearly', 'almost', 'some', 'over', 'under', 'than', 'upwards', 'close',
  'up', 'like', 'least', 'most', 'around', 'circa', 'approx', 'just', 'barely', 'well', 'getting', 'north', 'south', 'estimated',
  // Round four: "closer to a quarter of a billion", "just shy of two million", "below 40 per cent".
  'closer', 'nearer', 'shy', 'below', 'above', 'toward', 'towards',
]);

/** "2,300" → 2300, "8:30" → 830 (a time reads the same with or without its colon), "£4.2m" → 4200000. */
export function digitsValue(s: string): number | null {
  let t = s.replace(/^[£$€¥]/, '').replace(/%$/, '');
  let scale = 1;
  const suffix = /(?:st|nd|rd|th|k|m|bn|am|pm)$/i.exec(t);
  if (suffix) {
    const sx = suffix[0].toLowerCase();
    if (sx in SUFFIX_SCALES) scale = SUFFIX_SCALES[sx]!;
    t = t.slice(0, -sx.length);
  }
  t = t.replace(/,(?=\d{3}\b)/g, '').replace(/:/g, '');
  const n = Number(t);
  return Number.isFinite(n) ? n * scale : null;
}

let starterWords: Set<string> | undefined;
/** Words a number can start with. */
function starters(): Set<string> {
  return (starterWords ??= new Set([...Object.keys(UNITS), ...Object.keys(ORDINALS), ...Object.keys(SCALES), 'a', 'an', 'half']));
}

const lower = (w: string | undefined) => (w ?? '').toLowerCase().replace(/’/g, "'");
const isDigits = (w: string) => /^[£$€¥]?\d/.test(w);

/** A number written with units of words: "twenty five", "nine" (not scales). */
function unitValue(w: string): number | null {
  const l = lower(w);
  if (l in UNITS) return UNITS[l]!;
  // "sixty-two", "twenty-five"
  const m = /^([a-z]+)-([a-z]+)$/.exec(l);
  if (m && m[1]! in UNITS && m[2]! in UNITS && UNITS[m[1]!]! >= 20 && UNITS[m[2]!]! < 10) return UNITS[m[1]!]! + UNITS[m[2]!]!;
  return null;
}

/**
 * Reads the number that starts at `words[i]`, or null. `words` are one clause's words as written
 * (digits with their currency sign, suffix or per cent sign are one word). The hedge is looked for
 * in the two words before `i`.
 */
export function readNumber(words: readonly string[], i: number): NumberReading | null {
  const w0 = words[i]!;
  const l0 = lower(w0);
  // Most words are no number: say so before any parsing (this runs for every word of every text).
  if (!isDigits(w0) && !starters().has(l0) && !/^[a-z]+-[a-z]+$/.test(l0)) return null;
  let j = i;
  let value: number;
  // "a third", "one in three", "half a billion", "a dozen", "a century"
  if ((l0 === 'a' || l0 === 'an' || l0 === 'one') && lower(words[i + 1]) in FRACTIONS && !(lower(words[i + 1]) in SCALES)) {
    // "a year and a half": the half of a thing just named, no share of its own (round eight).
    if (l0 === 'a' && lower(words[i - 1]) === 'and' && lower(words[i + 1]) === 'half') return null;
    const f = 1 / FRACTIONS[lower(words[i + 1])]!;
    j = i + 2;
    if (lower(words[j]) === 'of' && (lower(words[j + 1]) === 'a' || lower(words[j + 1]) === 'an')) {
      // "a quarter of a million", "a third of a billion" are counts; "a third of trainees" a share.
      if (lower(words[j + 2]) in SCALES) return finish(words, i, j + 3, f * SCALES[lower(words[j + 2])]!, false);
      // "a fifth of a point", "a quarter of a mile": a part of one unit, a count (round eight); "a
      // third of a council's bill" stays a share.
      if (MEASURES.has(lower(words[j + 2]))) return finish(words, i, j + 3, f, false);
    }
    return finish(words, i, j, f * 100, true);
  }
  if ((l0 === 'a' || l0 === 'an') && (lower(words[i + 1]) in SCALES || lower(words[i + 1]) in SPANS)) {
    value = 1;
    j = i + 1;
  } else if (l0 in SCALES) {
    // A scale with no number before it: "an extra hundred and eighty pesos" (round eight).
    value = 1;
    j = i;
  } else if (l0 === 'half' && (lower(words[i + 1]) === 'a' || lower(words[i + 1]) === 'an') && (lower(words[i + 2]) in SCALES || lower(words[i + 2]) in SPANS)) {
    value = 0.5;
    j = i + 2;
  } else if (isDigits(w0)) {
    const d = digitsValue(w0);
    if (d === null) return null;
    value = d;
    j = i + 1;
    if (/%$/.test(w0)) return finish(words, i, j, value, true);
  } else {
    const u = unitValue(w0);
    if (u === null) {
      if (l0 in ORDINALS) return finish(words, i, i + 1, ORDINALS[l0]!, false);
      return null;
    }
    value = u;
    j = i + 1;
    // "twenty five", "one hundred and six"
    while (j < words.length) {
      const l = lower(words[j]);
      const u2 = unitValue(words[j]!);
      if (u2 !== null && u2 < 10 && value % 100 >= 20 && value % 10 === 0) {
        value += u2;
        j++;
      } else if (l === 'hundred' && value < 100) {
        value *= 100;
        j++;
        if (lower(words[j]) === 'and' && unitValue(words[j + 1] ?? '') !== null) j++;
        const rest = j < words.length ? unitValue(words[j]!) : null;
        if (rest !== null && rest < 100) {
          value += rest;
          j++;
          const u3 = j < words.length ? unitValue(words[j]!) : null;
          if (u3 !== null && u3 < 10 && rest >= 20 && rest % 10 === 0) {
            value += u3;
            j++;
          }
        }
      } else break;
    }
    // "six point two million", "three point five" (round eight): decimals read digit by digit.
    if (lower(words[j]) === 'point' && value < 1000) {
      let k = j + 1;
      let decimals = '';
      for (let d = unitValue(words[k] ?? ''); d !== null && d < 10; d = unitValue(words[++k] ?? '')) decimals += d;
      if (decimals) {
        value += Number(`0.${decimals}`);
        j = k;
      }
    }
    // "one in three", "seven out of every hundred", "two in a hundred"
    const l = lower(words[j]);
    if (l === 'in' || (l === 'out' && lower(words[j + 1]) === 'of')) {
      let k = l === 'in' ? j + 1 : j + 2;
      if (['every', 'a', 'an'].includes(lower(words[k]))) k++;
      const of = lower(words[k]) in SCALES && lower(words[k]) !== 'hundred' ? null : lower(words[k]) === 'hundred' ? 100 : unitValue(words[k] ?? '');
      if (of) return finish(words, i, k + 1, (value / of) * 100, true);
    }
  }
  // "9.4 million", "nine and a half million", "two thousand one hundred", "half a decade"
  let total = 0;
  for (;;) {
    const l = lower(words[j]);
    if (l === 'and' && lower(words[j + 1]) === 'a' && lower(words[j + 2]) === 'half' && lower(words[j + 3]) in SCALES) {
      value += 0.5;
      j += 3;
      continue;
    }
    if (l in SCALES && l !== 'hundred') {
      total += value * SCALES[l]!;
      value = 0;
      j++;
      // "two thousand one hundred", "a million and a half"
      const next = j < words.length ? unitValue(words[j]!) : null;
      if (next !== null) {
        value = next;
        j++;
        if (lower(words[j]) === 'hundred') {
          value *= 100;
          j++;
        }
        continue;
      }
      if (lower(words[j]) === 'and' && lower(words[j + 1]) === 'a' && lower(words[j + 2]) === 'half') {
        total += 0.5 * SCALES[l]!;
        j += 3;
      }
      break;
    }
    if (l === 'hundred' && value > 0 && value < 100) {
      value *= 100;
      j++;
      // "a hundred and eighty", "a hundred and twenty-five" (round eight), as "one hundred and six" above.
      const rest = lower(words[j]) === 'and' ? unitValue(words[j + 1] ?? '') : null;
      if (rest !== null) {
        value += rest;
        j += 2;
        const u3 = j < words.length ? unitValue(words[j]!) : null;
        if (u3 !== null && u3 < 10 && rest >= 20 && rest % 10 === 0) {
          value += u3;
          j++;
        }
      }
      continue;
    }
    // "140 grand": a thousand, in speech (round three); not "a grand total".
    if (l === 'grand' && l0 !== 'a' && l0 !== 'an') {
      total += value * 1e3;
      value = 0;
      j++;
      break;
    }
    // "two and a half kilometres" (round three; "two and a half million" is read above).
    if (l === 'and' && lower(words[j + 1]) === 'a' && lower(words[j + 2]) === 'half' && value > 0) {
      value += 0.5;
      j += 3;
      break;
    }
    if (l in SPANS) {
      value = (value || 1) * SPANS[l]!;
      j++;
    }
    break;
  }
  value += total;
  // "60 per cent", "60 percent"
  const l = lower(words[j]);
  if (l === 'percent' || (l === 'per' && lower(words[j + 1]) === 'cent')) return finish(words, i, j + (l === 'per' ? 2 : 1), value, true);
  // A range shares its unit: "from ninety-one to ninety-four percent", "between 30 and 40%" (round three).
  // Both ends are shares (at most 100), so "in 2022 to 94 per cent" is no range.
  if ((l === 'to' || l === 'and') && value <= 100 && j + 1 < words.length) {
    const next = readNumber(words, j + 1);
    if (next?.rate && next.value <= 100) return finish(words, i, j, value, true);
  }
  return finish(words, i, j, value, false);
}

function finish(words: readonly string[], i: number, j: number, value: number, rate: boolean): NumberReading {
  const before = [lower(words[i - 1]), lower(words[i - 2])];
  const hedged = before.some((w) => HEDGES.has(w));
  return { value, rate, approx: hedged, length: j - i };
}

/**
 * Whether a number in a comment stands for one in the article: a rate for a rate, a count for a
 * count; the same value, or within 2 % (a rounding: "half a billion" for 502 million, "nine and a
 * half million" for 9.4 million, "33%" for "a third"), or within 10 % of the larger when the comment
 * hedges it ("just over two hundred" for 214, "under half a million" for 450,000). A small whole number (under 10) must match exactly: they are
 * everywhere.
 */
export function sameNumber(comment: { value: number; rate: boolean; approx: boolean }, article: { value: number; rate: boolean }): boolean {
  if (comment.rate !== article.rate) return false;
  const v = comment.value;
  const a = article.value;
  // Equal up to floating point: 7 out of 100 is 7.000000000000001 per cent.
  if (Math.abs(v - a) <= 1e-9 * Math.max(1, Math.abs(a))) return true;
  if (a === 0) return false;
  // A small figure with decimals (3.1%) may be rounded when hedged ("about 3%"); "3 people" may not.
  // A hedged share is read loosely even when small: "under a tenth" of a reservoir is its 9% (round eight).
  if (Math.abs(a) < 10 && (Number.isInteger(a) || !comment.approx) && !(comment.rate && comment.approx)) return false;
  // A year is a year: 1994 is not the article's 1968, though within 2 % of it ("around 1970" may be).
  if (!article.rate && isYear(a) && isYear(v)) return comment.approx && Math.abs(v - a) <= 2;
  const off = Math.abs(v - a) / Math.abs(a);
  // A hedged round number is read to its own precision: "under half a million" stands for 450,000
  // (a tenth of the comment's figure, round four), as "just over two hundred" does for 214.
  return off <= 0.02 || (comment.approx && Math.abs(v - a) <= 0.1 * Math.max(Math.abs(a), Math.abs(v)));
}

/** A whole number a year is written as: 1800–2100. */
function isYear(n: number): boolean {
  return Number.isInteger(n) && n >= 1800 && n <= 2100;
}
