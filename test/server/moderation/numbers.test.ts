import { describe, expect, it } from 'vitest';
import { readNumber, sameNumber } from '../../../src/server/moderation/numbers.ts';
import { segments } from '../../../src/server/moderation/text-features.ts';

/** The numbers of a text as the tokenizer reads them: [value, rate, hedged]. */
const numbers = (text: string) =>
  segments(text)
    .flatMap((s) => s.tokens)
    .filter((t) => t.number)
    .map((t) => [Math.round(t.value! * 1000) / 1000, t.rate, t.approx]);

describe('numbers', () => {
  it('reads numbers in digits and in words, with scales, currencies and hedges', () => {
    expect(numbers('$9.4 million a year')).toEqual([[9_400_000, false, false]]);
    expect(numbers('something like nine and a half million dollars annually')).toEqual([[9_500_000, false, true]]);
    expect(numbers('60 drivers short')).toEqual([[60, false, false]]);
    expect(numbers('about sixty drivers short')).toEqual([[60, false, true]]);
    expect(numbers('212k hours, £412m, half a billion pounds, two thousand one hundred jobs')).toEqual([
      [212_000, false, false],
      [412_000_000, false, false],
      [500_000_000, false, false],
      [2100, false, false],
    ]);
    expect(numbers('more than eleven hundred salmon, five hundred forty drivers')).toEqual([[1100, false, true], [540, false, false]]);
    expect(numbers('more than a century, half a decade')).toEqual([[100, false, true], [5, false, false]]);
  });

  it('reads "and a half" after a count, "grand" after a number, and a range of shares as shares (round three)', () => {
    expect(numbers('two and a half kilometres each')).toEqual([[2.5, false, false]]);
    expect(numbers('about 140 grand a year, a grand total')).toEqual([[140_000, false, true]]);
    expect(numbers('from ninety-one to ninety-four percent; fell from 61 to 45 per cent')).toEqual([
      [91, true, false],
      [94, true, false],
      [61, true, false],
      [45, true, false],
    ]);
    // A year before a share is no range: "rose from 91 per cent in 2022 to 94 per cent".
    expect(numbers('in 2022 to 94 per cent')).toEqual([[2022, false, false], [94, true, false]]);
  });

  it('reads rates and shares as per cent, apart from counts', () => {
    expect(numbers('a third of trainees; one in three; seven out of every hundred; 20%; a fifth; 7 percent')).toEqual([
      [33.333, true, false],
      [33.333, true, false],
      [7, true, false],
      [20, true, false],
      [20, true, false],
      [7, true, false],
    ]);
    // "one of them" and "a year" are no numbers; "the third weir" is an ordinal count.
    expect(numbers('one of them stayed a year at the third weir')).toEqual([[3, false, false]]);
  });

  it('says which comment numbers stand for the article’s, and which do not', () => {
    const n = (value: number, approx = false, rate = false) => ({ value, approx, rate });
    const count = (value: number) => ({ value, rate: false });
    expect(sameNumber(n(60, true), count(62))).toBe(true); // "about sixty" for 62
    expect(sameNumber(n(60), count(62))).toBe(false); // "60" is another figure
    expect(sameNumber(n(500_000_000), count(502_000_000))).toBe(true); // "half a billion" for £502m
    expect(sameNumber(n(200, true), count(214))).toBe(true); // "just over two hundred" for 214
    // Round four: a hedged round number to its own precision ("under half a million" for 450,000),
    // and "closer to", "just shy of" as hedges.
    expect(sameNumber(n(500_000, true), count(450_000))).toBe(true);
    expect(sameNumber(n(500_000), count(450_000))).toBe(false);
    expect(sameNumber(n(500_000, true), count(440_000))).toBe(false);
    expect(numbers('closer to a quarter of a billion, just shy of two million')).toEqual([[250_000_000, false, true], [2_000_000, false, true]]);
    // A year only for itself (or two either side, hedged): 1994 is not 1968, though within 2 %.
    expect(sameNumber(n(1994), count(1968))).toBe(false);
    expect(sameNumber(n(1970, true), count(1968))).toBe(true);
    expect(sameNumber(n(3), count(4))).toBe(false);
    expect(sameNumber(n(2, false, true), count(2))).toBe(false); // "two per cent" is not "two"
    expect(sameNumber(n(33, false, true), { value: 100 / 3, rate: true })).toBe(true); // "33%" for "a third"
  });

  it('reads decimals in words, a scale with no number before it, and a hedged small share loosely (round eight)', () => {
    expect(numbers('about six point two million złoty, one point six million TEU')).toEqual([[6_200_000, false, true], [1_600_000, false, false]]);
    expect(numbers('an extra hundred and eighty pesos, a hundred and twenty-five more')).toEqual([[180, false, false], [125, false, false]]);
    expect(numbers('a thousand ways')).toEqual([[1000, false, false]]);
    // "a year and a half" has no share of 50% in it; "a fifth of a point" is 0.2 of one, a count;
    // "a third of a council's bill" stays a share.
    expect(numbers('within a year and a half')).toEqual([]);
    expect(numbers('slipping by a fifth of a point, a quarter of an hour')).toEqual([[0.2, false, false], [0.25, false, false]]);
    expect(numbers("up to a third of a council's bill")).toEqual([[33.333, true, true]]);
    // A unit with a power is no number: "18 million m3", "an 18 m² box" (m² is m2 once normalised); a currency letter is no unit.
    expect(numbers('18 million m3 a year, an 18 m² box')).toEqual([[18_000_000, false, false], [18, false, false]]);
    expect(numbers('fined R14 million')).toEqual([[14_000_000, false, false]]);
    // Before: "point" ended the number ("six", then "two million"), and "hundred and eighty" was "eighty".
    const n = (value: number, approx = false, rate = false) => ({ value, approx, rate });
    // "down to under a tenth" of a reservoir is its 9%; "a tenth" unhedged is not, nor "about 3" people for 4.
    expect(sameNumber(n(10, true, true), { value: 9, rate: true })).toBe(true);
    expect(sameNumber(n(10, false, true), { value: 9, rate: true })).toBe(false);
    expect(sameNumber(n(3, true), { value: 4, rate: false })).toBe(false);
  });

  it('says a word is no number without parsing it', () => {
    expect(readNumber(['weirs', 'were', 'built'], 0)).toBeNull();
    expect(readNumber(['a', 'weir'], 0)).toBeNull();
  });
});
