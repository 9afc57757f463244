import { describe, expect, it } from 'vitest';
import { extractArticleText, fetchArticle } from '../../src/server/article.ts';

const ORIGIN = 'https://blog.example';
const PAGE = `<!doctype html><html><head><title>Site | Post</title></head><body class="single comments-open">
<header><nav><a href="/">Home</a> <a href="/about">About us and our menu</a></nav></header>
<main><article><h1>The council votes</h1>
<p>The council voted to close the library on Tuesday.</p><p>Residents said they would appeal.</p></article>
<aside><p>Related: ten other stories you may like in the sidebar.</p></aside>
<section id="comments" class="comments-area"><h2>3 thoughts on this</h2>
<article class="comment-body"><p>Great post, bookmarked it for later reading.</p></article>
<form><textarea>Leave a reply</textarea></form></section></main>
<footer><p>Copyright footer text.</p></footer><script>var x = "script text";</script></body></html>`;

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;
function fakeFetch(handler: Handler): { fetch: typeof globalThis.fetch; calls: string[] } {
  const calls: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(String(input));
    return handler(String(input), init ?? {});
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}
const html = (body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });

describe('fetchArticle', () => {
  it('fetches a page on an allowed origin and returns its main text', async () => {
    const { fetch, calls } = fakeFetch(() => html(PAGE));
    const r = await fetchArticle(`${ORIGIN}/posts/1`, { allowedOrigins: [ORIGIN], fetch });
    expect(r).toEqual({ ok: true, publishedAt: null, title: 'The council votes', text: 'The council votes\n\nThe council voted to close the library on Tuesday.\n\nResidents said they would appeal.' });
    expect(calls).toEqual([`${ORIGIN}/posts/1`]);
  });

  it('refuses a URL on another origin without fetching it', async () => {
    const { fetch, calls } = fakeFetch(() => html(PAGE));
    const r = await fetchArticle('http://169.254.169.254/latest/meta-data', { allowedOrigins: [ORIGIN], fetch });
    expect(r).toEqual({ ok: false, reason: 'origin not allowed: http://169.254.169.254' });
    expect(calls).toEqual([]);
  });

  it('refuses the same host on another scheme or port', async () => {
    const { fetch, calls } = fakeFetch(() => html(PAGE));
    expect((await fetchArticle('http://blog.example/a', { allowedOrigins: [ORIGIN], fetch })).ok).toBe(false);
    expect((await fetchArticle('https://blog.example:8443/a', { allowedOrigins: [ORIGIN], fetch })).ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('refuses a non-http scheme', async () => {
    const { fetch, calls } = fakeFetch(() => html(PAGE));
    for (const url of ['file:///etc/passwd', 'ftp://blog.example/a', 'javascript:alert(1)', 'not a url']) {
      const r = await fetchArticle(url, { allowedOrigins: [ORIGIN, 'file://'], fetch });
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.reason).toMatch(/^not an http\(s\) URL/);
    }
    expect(calls).toEqual([]);
  });

  it('follows a redirect that stays on an allowed origin, by hand', async () => {
    const { fetch, calls } = fakeFetch((url, init) => {
      expect(init.redirect).toBe('manual');
      return url.endsWith('/old') ? new Response(null, { status: 301, headers: { location: '/new' } }) : html(PAGE);
    });
    const r = await fetchArticle(`${ORIGIN}/old`, { allowedOrigins: [ORIGIN], fetch });
    expect(r.ok).toBe(true);
    expect(calls).toEqual([`${ORIGIN}/old`, `${ORIGIN}/new`]);
  });

  it('refuses a redirect off the allowed origins without following it', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 302, headers: { location: 'http://127.0.0.1:6379/' } }));
    const r = await fetchArticle(`${ORIGIN}/a`, { allowedOrigins: [ORIGIN], fetch });
    expect(r).toEqual({ ok: false, reason: 'redirect to another origin refused: http://127.0.0.1:6379' });
    expect(calls).toEqual([`${ORIGIN}/a`]);
  });

  it('stops after 3 redirects', async () => {
    let n = 0;
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 307, headers: { location: `/r${++n}` } }));
    const r = await fetchArticle(`${ORIGIN}/a`, { allowedOrigins: [ORIGIN], fetch });
    expect(r).toEqual({ ok: false, reason: 'more than 3 redirects' });
    expect(calls).toHaveLength(4);
  });

  it('refuses a page larger than maxBytes by its declared length', async () => {
    const { fetch } = fakeFetch(() => html('<p>x</p>', { 'content-length': '5000000' }));
    const r = await fetchArticle(`${ORIGIN}/a`, { allowedOrigins: [ORIGIN], fetch });
    expect(r).toEqual({ ok: false, reason: 'too large (5000000 bytes, limit 1000000)' });
  });

  it('stops reading a body that grows past maxBytes', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new TextEncoder().encode(`<p>${'a'.repeat(1000)}</p>`));
      },
    });
    const { fetch } = fakeFetch(() => new Response(endless, { headers: { 'content-type': 'text/html' } }));
    const r = await fetchArticle(`${ORIGIN}/a`, { allowedOrigins: [ORIGIN], fetch, maxBytes: 10_000 });
    expect(r).toEqual({ ok: false, reason: 'too large (over 10000 bytes)' });
    expect(pulled).toBeLessThan(20);
  });

  it('gives up after the timeout and aborts the request', async () => {
    let signal: AbortSignal | undefined;
    const { fetch } = fakeFetch((_, init) => {
      signal = init.signal ?? undefined;
      return new Promise<Response>(() => {});
    });
    const r = await fetchArticle(`${ORIGIN}/a`, { allowedOrigins: [ORIGIN], fetch, timeoutMs: 50 });
    expect(r).toEqual({ ok: false, reason: 'timeout after 50 ms' });
    expect(signal?.aborted).toBe(true);
  });

  it('times out on a body that trickles in too slowly', async () => {
    const slow = new ReadableStream<Uint8Array>({
      async pull(c) {
        await new Promise((r) => setTimeout(r, 30));
        c.enqueue(new TextEncoder().encode('<p>slow</p>'));
      },
    });
    const { fetch } = fakeFetch(() => new Response(slow, { headers: { 'content-type': 'text/html' } }));
    const r = await fetchArticle(`${ORIGIN}/a`, { allowedOrigins: [ORIGIN], fetch, timeoutMs: 100 });
    expect(r).toEqual({ ok: false, reason: 'timeout after 100 ms' });
  });

  it('refuses what is not HTML', async () => {
    const { fetch } = fakeFetch(() => new Response('{"a":1}', { headers: { 'content-type': 'application/json' } }));
    const r = await fetchArticle(`${ORIGIN}/a`, { allowedOrigins: [ORIGIN], fetch });
    expect(r).toEqual({ ok: false, reason: 'not HTML (application/json)' });
  });

  it('reports an HTTP error and a network failure as reasons, never throws', async () => {
    const notFound = fakeFetch(() => new Response('nope', { status: 404, headers: { 'content-type': 'text/html' } }));
    expect(await fetchArticle(`${ORIGIN}/a`, { allowedOrigins: [ORIGIN], fetch: notFound.fetch })).toEqual({ ok: false, reason: 'HTTP 404' });
    const down = fakeFetch(() => Promise.reject(new TypeError('connect ECONNREFUSED')));
    expect(await fetchArticle(`${ORIGIN}/a`, { allowedOrigins: [ORIGIN], fetch: down.fetch })).toEqual({
      ok: false,
      reason: 'fetch failed (connect ECONNREFUSED)',
    });
  });
});

describe('extractArticleText', () => {
  it('keeps the article and skips nav, header, footer, aside, scripts, forms and comments', () => {
    const { text } = extractArticleText(PAGE);
    expect(text).toContain('The council voted to close the library on Tuesday.');
    for (const noise of ['About us', 'sidebar', 'Great post', 'thoughts on', 'Leave a reply', 'Copyright', 'script text']) {
      expect(text).not.toContain(noise);
    }
  });

  it('uses <main> when there is no <article>', () => {
    const { text } = extractArticleText('<body><div><p>Menu menu menu</p></div><main><p>Main text here.</p><div class="comment-list"><p>A reader comment.</p></div></main></body>');
    expect(text).toBe('Main text here.');
  });

  it('falls back to the densest block of paragraphs', () => {
    const { text, title } = extractArticleText(`<html><head><title>T</title></head><body>
      <div class="top"><p>Short.</p></div>
      <div class="content"><p>First long paragraph of the story, with several words.</p><p>Second paragraph, also long enough to win.</p></div>
      <div id="disqus_thread"><p>An even longer comment section paragraph that must never be taken for the article text at all.</p></div>
    </body></html>`);
    expect(text).toBe('First long paragraph of the story, with several words.\n\nSecond paragraph, also long enough to win.');
    expect(title).toBe('T');
  });

  it('takes a page without an <h1> by its <title> less the trailing site name (issue 21)', () => {
    const page = (head: string) => `<html><head>${head}</head><body><main><p>The bridge closes in June for repairs.</p></main></body></html>`;
    expect(extractArticleText(page('<title>Harbour bridge repairs – The Riverside Gazette</title>')).title).toBe('Harbour bridge repairs');
    const named = '<meta property="og:site_name" content="The Riverside Gazette">';
    expect(extractArticleText(page(`${named}<title>Bridge – Part 2 | The Riverside Gazette</title>`)).title).toBe('Bridge – Part 2');
    expect(extractArticleText(page(`${named}<title>Bridge – Part 2</title>`)).title).toBe('Bridge – Part 2');
  });
});
