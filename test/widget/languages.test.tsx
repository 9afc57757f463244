// @vitest-environment happy-dom
// Which language a page gets (data-lang, else <html lang>) and what the widget does with it: the
// root's dir and lang, and dates through Intl in that language (issue 8, "Languages").
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/adapters/backend.ts';
import { de } from '../../src/core/i18n/de.ts';
import { formatDate } from '../../src/core/time.ts';
import { readConfig } from '../../src/widget/config.ts';
import { comment, setup } from './helpers.tsx';

afterEach(() => {
  document.documentElement.removeAttribute('lang');
  document.body.innerHTML = '';
});

const fake = (api: string) => ({ api }) as unknown as Backend;

/** A script tag like the embed's, not run (happy-dom would fetch it). */
function script(attrs: Record<string, string> = {}) {
  const s = document.createElement('script');
  s.type = 'text/x-not-run';
  s.setAttribute('src', 'https://comments.example.com/parley.js');
  for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
  document.body.append(s);
  return s;
}

describe('the language of a page', () => {
  it('is data-lang when given, else the base subtag of <html lang>, lower-case', () => {
    document.documentElement.lang = 'pt-BR';
    expect(readConfig(script(), { http: fake }).lang).toBe('pt');
    expect(readConfig(script({ 'data-lang': 'AR' }), { http: fake }).lang).toBe('ar');
    document.documentElement.lang = 'he';
    expect(readConfig(script({ 'data-lang': 'de-CH' }), { http: fake }).lang).toBe('de');
    expect(readConfig(script(), { http: fake }).lang).toBe('he');
  });

  it('is English without a lang, and for anything that is not a language code (it names a file)', () => {
    expect(readConfig(script(), { http: fake }).lang).toBe('en');
    for (const junk of ['../../evil', 'x', 'deutsch', '1a']) {
      expect(readConfig(script({ 'data-lang': junk }), { http: fake }).lang, junk).toBe('en');
    }
  });
});

describe('the widget in a language', () => {
  it('sets lang and dir on its root, left to right in English', async () => {
    const m = await setup();
    const host = m.root.host as HTMLElement;
    expect([host.lang, host.dir]).toEqual(['en', 'ltr']);
  });

  it('is right to left when its strings say so, and writes dates in that language', async () => {
    const c = comment('a', null, { createdAt: '2026-05-10T12:00:00.000Z' });
    const m = await setup({ comments: [c], strings: { lang: 'ar', dir: 'rtl', reply: 'رد' } });
    const host = m.root.host as HTMLElement;
    expect([host.lang, host.dir]).toEqual(['ar', 'rtl']);
    expect(m.$('time')!.textContent).toBe(formatDate(c.createdAt, 'ar'));
    expect(m.$('time')!.textContent).not.toBe(formatDate(c.createdAt, 'en'));
    expect(m.$('#r-a')!.textContent).toBe('رد');
  });

  it('takes a whole language file as its strings', async () => {
    const m = await setup({ strings: de });
    expect(m.$('h2')!.textContent).toBe(de.countNone);
    expect((m.root.host as HTMLElement).lang).toBe(de.lang);
  });
});
