import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDraft, checkEmail, checkName, checkText, checkWebsite, isIdempotencyKey, normalizeDraft } from '../../src/core/checks.ts';
import { LIMITS } from '../../src/core/limits.ts';
import { problemMessage } from '../../src/core/strings.ts';

describe('checks', () => {
  it('requires comment, name and email but not website', () => {
    expect(Object.keys(checkDraft({ text: ' ', name: '', email: '', website: '' })).sort()).toEqual(['email', 'name', 'text']);
  });
  it('refuses bidi overrides and isolates in names so nobody can spoof an author', () => {
    for (const ch of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(checkName(`Bob${ch}evil`)?.key).toBe('bidi');
    }
  });
  it('refuses invisible and format characters in names: zero-width, LRM/RLM/ALM, tags, line separators (issue 14)', () => {
    const hidden = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f', '\u061c', '\u{e0001}', '\u{e0041}', '\u{e007f}', '\u2028', '\u2029', '\u00ad', '\u3164'];
    for (const ch of hidden) expect(checkName(`Ad${ch}a`)?.key, `U+${ch.codePointAt(0)!.toString(16)}`).toBe('controlChars');
    // Names people have stay fine: accents, scripts, emoji with a variation selector, a space.
    for (const name of ['Zoë Ångström', 'Анна', 'محمد', '李雷', 'Ada ❤️', 'Dr. Ann Lee-Smith', "O'Brien"]) expect(checkName(name), name).toBeNull();
    // Comment text is not a name: it may quote anything but controls.
    expect(checkText('zero\u200bwidth and \u2028')).toBeNull();
  });
  it('refuses control characters in names, and in text all but newline and tab', () => {
    expect(checkName('a\nb')?.key).toBe('controlChars');
    expect(checkText('line one\nline\ttwo')).toBeNull();
    expect(checkText('bell\u0007')?.key).toBe('controlChars');
    expect(checkText('c1\u0085')?.key).toBe('controlChars');
  });
  it('checks lengths in characters, not UTF-16 units', () => {
    expect(checkName('😀'.repeat(LIMITS.name))).toBeNull();
    expect(checkName('a'.repeat(LIMITS.name + 1))).toEqual({ key: 'tooLong', max: LIMITS.name });
  });
  it('takes email shapes people use and refuses broken ones', () => {
    expect(checkEmail('a.b+c@mail.example.co.uk')).toBeNull();
    for (const bad of ['a@b', 'no-at.example', 'a b@c.de', '@c.de', 'a@.de']) expect(checkEmail(bad)?.key).toBe('email');
  });
  it('takes only http(s) websites', () => {
    expect(checkWebsite('https://example.org/me')).toBeNull();
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'ftp://x.org', 'http://', 'https://a b.c']) expect(checkWebsite(bad)?.key).toBe('website');
  });
  it('normalises line ends, surrounding space and a website without a scheme', () => {
    expect(normalizeDraft({ text: ' a\r\nb\rc ', name: ' N ', email: ' e@x.io ', website: 'example.org' })).toEqual({ text: 'a\nb\nc', name: 'N', email: 'e@x.io', website: 'https://example.org' });
    expect(normalizeDraft({ text: 'x', name: 'n', email: 'e@x.io', website: 'javascript:alert(1)' }).website).toBe('javascript:alert(1)');
  });
  it('words every problem as a sentence naming the field', () => {
    expect(problemMessage('name', { key: 'required' })).toBe('Name is required.');
    expect(problemMessage('text', { key: 'tooLong', max: 10 })).toBe('Comment is too long: at most 10 characters.');
  });
  it('accepts idempotency keys of 1–128 printable ASCII characters only', () => {
    expect(isIdempotencyKey('V1StGXR8_Z5jdHi6B-myT')).toBe(true);
    for (const bad of ['', 'x'.repeat(129), 'tab\there', 'ünï', 42]) expect(isIdempotencyKey(bad)).toBe(false);
  });

  it('never throws and agrees with itself after normalising (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (text, name, email, website) => {
        const draft = normalizeDraft({ text, name, email, website });
        expect(normalizeDraft(draft)).toEqual(draft);
        const problems = checkDraft(draft);
        if (!problems.name) expect(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(draft.name)).toBe(false);
        if (!problems.website && draft.website) expect(draft.website).toMatch(/^https?:\/\//i);
      }),
    );
  });
});
