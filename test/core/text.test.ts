import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize, type Inline } from '../../src/core/text.ts';

const plain = (inline: Inline) => (typeof inline === 'string' ? inline : inline.text);

describe('tokenize', () => {
  it('splits paragraphs on blank lines and lines on newlines', () => {
    expect(tokenize('one\ntwo\n\nthree')).toEqual([[['one'], ['two']], [['three']]]);
  });
  it('links http and https URLs without the sentence punctuation after them', () => {
    expect(tokenize('see https://example.org/a.')).toEqual([[['see ', { href: 'https://example.org/a', text: 'https://example.org/a' }, '.']]]);
    expect(tokenize('(http://x.org/wiki/Foo_(bar))')[0]![0]).toEqual(['(', { href: 'http://x.org/wiki/Foo_(bar)', text: 'http://x.org/wiki/Foo_(bar)' }, ')']);
  });
  it('never links javascript:, data: or vbscript: URLs', () => {
    const out = tokenize('javascript:alert(1) data:text/html,<b>x</b> vbscript:msgbox');
    expect(out.flat(2).every((x) => typeof x === 'string')).toBe(true);
  });
  it('keeps markup as plain text', () => {
    expect(tokenize('<script>alert(1)</script>')).toEqual([[['<script>alert(1)</script>']]]);
  });

  it('loses no visible character and links only http(s) (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const paragraphs = tokenize(text);
        const joined = paragraphs.map((p) => p.map((line) => line.map(plain).join('')).join('\n')).join('\n\n');
        expect(joined.replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
        for (const inline of paragraphs.flat(2)) if (typeof inline !== 'string') expect(inline.href).toMatch(/^https?:\/\//i);
      }),
    );
  });
});
