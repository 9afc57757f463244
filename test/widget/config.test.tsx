// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/adapters/backend.ts';
import { readConfig } from '../../src/widget/config.ts';

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

/** Records what readConfig hands a backend factory: data-api ('' when absent), the script's origin and data-site. */
const fake = (api: string, scriptOrigin: string, site?: string) => ({ api, scriptOrigin, ...(site !== undefined && { site }) }) as unknown as Backend;

function script(attrs: Record<string, string> = {}) {
  const s = document.createElement('script');
  s.type = 'text/x-not-run'; // keep happy-dom from fetching it
  s.setAttribute('src', 'https://comments.example.com/parley.js');
  for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
  document.body.append(s);
  return s;
}

describe('readConfig', () => {
  it('hands the backend no api and the script origin, and takes the canonical thread, og:title and a div after the script', () => {
    document.head.innerHTML = '<link rel="canonical" href="https://news.example/2026/05/putin/?utm_source=x"><meta property="og:title" content="Putin to visit China">';
    document.title = 'Ignored';
    const s = script();
    const c = readConfig(s, { http: fake });
    expect(c.error).toBeUndefined();
    // The http backend defaults to the script origin (embed.ts); wordpress to the page's site.
    expect(c.options!.backend).toEqual({ api: '', scriptOrigin: 'https://comments.example.com' });
    expect(c.options!.thread).toBe('/2026/05/putin');
    expect(c.options!.title).toBe('Putin to visit China');
    expect(c.options!.url).toBe('https://news.example/2026/05/putin/?utm_source=x');
    expect(c.options!.maxDepth).toBe(5);
    expect(c.options!.theme).toBe('auto');
    expect(s.nextElementSibling).toBe(c.el);
  });

  it('hands the backend data-site, the site on a server of many (issue 19)', () => {
    const c = readConfig(script({ 'data-site': 'blog' }), { http: fake });
    expect(c.options!.backend).toEqual({ api: '', scriptOrigin: 'https://comments.example.com', site: 'blog' });
  });

  it('reads every data attribute', () => {
    const target = document.createElement('section');
    target.id = 'here';
    document.body.append(target);
    const c = readConfig(
      script({ 'data-api': 'https://api.example', 'data-thread': 'post-4', 'data-title': 'T', 'data-target': '#here', 'data-theme': 'dark', 'data-max-depth': '3' }),
      { http: fake },
    );
    expect(c.el).toBe(target);
    expect(c.options).toMatchObject({ thread: 'post-4', title: 'T', theme: 'dark', maxDepth: 3 });
    expect(c.options!.backend).toEqual({ api: 'https://api.example', scriptOrigin: 'https://comments.example.com' });
  });

  it('falls back to document.title and the page address', () => {
    document.title = 'Page title';
    const c = readConfig(script(), { http: fake });
    expect(c.options!.title).toBe('Page title');
    expect(c.options!.thread).toBe(new URL(location.href).pathname.replace(/(.)\/$/, '$1'));
  });

  // Issue 21: "12 thoughts on “Harbour bridge repairs – The Riverside Gazette”" repeated the site name.
  it('without og:title takes the article’s <h1>, before the <title>', () => {
    document.title = 'Harbour bridge repairs – The Riverside Gazette';
    document.body.innerHTML = '<main><h1> Harbour bridge repairs </h1></main>';
    expect(readConfig(script(), { http: fake }).options!.title).toBe('Harbour bridge repairs');
  });

  it('refuses an unknown backend with a clear error', () => {
    const c = readConfig(script({ 'data-backend': 'wordpress' }), { http: fake });
    expect(c.options).toBeUndefined();
    expect(c.error).toContain('“wordpress”');
  });
});
