import { describe, expect, it } from 'vitest';
import { en } from '../../src/core/i18n/en.ts';
import { countHeading, plural } from '../../src/core/strings.ts';

describe('countHeading', () => {
  it('says "No comments yet", "One thought" and "N thoughts" with the title in curly quotes', () => {
    expect(countHeading(0, 'Putin to visit China – Kremlin')).toBe('No comments yet');
    expect(countHeading(1, 'Putin to visit China – Kremlin')).toBe('One thought on “Putin to visit China – Kremlin”');
    expect(countHeading(15, 'Putin to visit China – Kremlin')).toBe('15 thoughts on “Putin to visit China – Kremlin”');
  });
  it('drops the title part when the page has none', () => {
    expect(countHeading(1, '  ')).toBe('One thought');
    expect(countHeading(2, '  ')).toBe('2 thoughts');
  });
  it('uses overridden strings', () => {
    expect(countHeading(3, 'T', { ...en, countTitle: { one: '{n} comment', other: '{n} comments' } })).toBe('3 comments');
  });
  it('picks the form by the language’s plural rules, not by "1 or more"', () => {
    const forms = { one: 'one {n}', few: 'few {n}', many: 'many {n}', other: 'other {n}' };
    const s = { ...en, lang: 'ru', countTitle: forms };
    expect([1, 2, 5, 11, 21, 22, 25, 101, 111].map((n) => countHeading(n, 'T', s))).toEqual([
      'one 1', 'few 2', 'many 5', 'many 11', 'one 21', 'few 22', 'many 25', 'one 101', 'many 111',
    ]);
  });
  it('falls back to `other` for a category the strings lack', () => {
    // A browser whose CLDR differs from ours may name a category the file does not have.
    expect(countHeading(5, 'T', { ...en, lang: 'ru', countTitle: { other: '{n} × {title}' } })).toBe('5 × T');
  });
  it('leaves a title that looks like a placeholder alone', () => {
    expect(countHeading(2, '{n} {title}')).toBe('2 thoughts on “{n} {title}”');
  });
});

describe('plural', () => {
  it('returns the form of the category Intl.PluralRules names, placeholders still in', () => {
    const forms = { zero: 'z', one: 'o', two: 't', few: 'f {n}', many: 'm {n}', other: 'x {n}' };
    expect([0, 1, 2, 3, 11, 100].map((n) => plural(forms, n, 'ar'))).toEqual(['z', 'o', 't', 'f {n}', 'm {n}', 'x {n}']);
    expect([0, 1, 2].map((n) => plural(forms, n, 'en'))).toEqual(['x {n}', 'o', 'x {n}']);
    expect(plural({ other: 'x' }, 1, 'en')).toBe('x');
  });
});
