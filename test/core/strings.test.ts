import { describe, expect, it } from 'vitest';
import { en } from '../../src/core/i18n/en.ts';
import { countHeading } from '../../src/core/strings.ts';

describe('countHeading', () => {
  it('says "No comments yet", "One thought" and "N thoughts" with the title in curly quotes', () => {
    expect(countHeading(0, 'Putin to visit China – Kremlin')).toBe('No comments yet');
    expect(countHeading(1, 'Putin to visit China – Kremlin')).toBe('One thought on “Putin to visit China – Kremlin”');
    expect(countHeading(15, 'Putin to visit China – Kremlin')).toBe('15 thoughts on “Putin to visit China – Kremlin”');
  });
  it('drops the title part when the page has none', () => {
    expect(countHeading(2, '  ')).toBe('2 thoughts');
  });
  it('uses overridden strings', () => {
    expect(countHeading(3, 'T', { ...en, countMany: '{n} comments' })).toBe('3 comments');
  });
});

describe('other languages', () => {
  it('German has every key, each translated, with the same placeholders as English', async () => {
    const { de } = await import('../../src/core/i18n/de.ts');
    const holes = (t: string) => (t.match(/\{\w+\}/g) ?? []).sort();
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(de[key], key).not.toBe('');
      expect(holes(de[key]), key).toEqual(holes(en[key]));
    }
    expect(countHeading(2, 'T', de)).toBe('2 Gedanken zu „T“');
  });
});
