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
