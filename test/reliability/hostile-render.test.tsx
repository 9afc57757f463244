// @vitest-environment happy-dom
// Parley issue 7: every line of xss/payloads.txt, posted through the real API (createApp over a
// memory store, in-process) as text, name and website, then rendered by the widget over the http
// backend. Nothing from a payload becomes an element, an attribute or a live URL, and what the
// reader sees is exactly what the API returned. The real-browser check is hostile-browser.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpBackend } from '../../src/adapters/http.ts';
import { parse, renderHtml } from '../../src/core/format/index.ts';
import type { PublicComment } from '../../src/core/types.ts';
import { css } from '../../src/core/styles.ts';
import { STYLE as VOTES_STYLE } from '../../src/widget/chunks/votes/head.tsx';
import { mount } from '../../src/widget/mount.ts';
import { pool, relaxedApp, xssPayloads } from './helpers.ts';

const payloads = xssPayloads();
const BATCH = 100;

// Every element the widget itself makes (App, Thread, CommentItem, CommentText and the format tree's
// own elements of issue 16, ReplyForm, Status).
const WIDGET_TAGS = new Set([
  'STYLE', 'H2', 'H3', 'OL', 'LI', 'ARTICLE', 'HEADER', 'SPAN', 'A', 'B', 'TIME', 'SMALL', 'EM', 'P', 'BR',
  'BUTTON', 'FORM', 'LABEL', 'INPUT', 'TEXTAREA', 'DIV', 'STRONG', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL',
]);
// Every attribute it sets; anything else came from somewhere it should not have.
const WIDGET_ATTRS = new Set([
  'id', 'class', 'tabindex', 'aria-label', 'aria-hidden', 'aria-live', 'aria-describedby', 'aria-invalid', 'aria-required',
  'style', 'href', 'rel', 'target', 'datetime', 'dir', 'type', 'role', 'for', 'name', 'value', 'autocomplete', 'required',
  'maxlength', 'rows', 'novalidate', 'disabled', 'checked', 'hidden', 'inputmode', 'placeholder', 'spellcheck', 'lang',
  'aria-busy', 'aria-disabled', 'aria-errormessage', 'aria-labelledby', 'tabIndex', 'start',
]);

const { app, store } = relaxedApp();
// The widget's fetch goes straight into the app: no network.
const fetchViaApp = ((input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(String(input));
  return app.request(url.pathname + url.search, init);
}) as typeof fetch;
const backend = createHttpBackend({ api: 'http://parley.test', fetch: fetchViaApp });

afterAll(async () => {
  document.body.innerHTML = '';
  await store.close();
});

async function settle(done: () => boolean) {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
}

/** The reader-visible text of a comment body: paragraphs joined by a blank line, <br> as a newline. */
function visibleText(article: Element): string {
  return [...article.querySelectorAll(':scope > p[dir="auto"]')]
    .map((p) => [...p.childNodes].map((node) => (node.nodeName === 'BR' ? '\n' : node.textContent)).join(''))
    .join('\n\n');
}

/** Walk the whole shadow tree: only the widget's elements and attributes, only http(s) or own-fragment links. */
function expectInert(root: ShadowRoot, ids: Set<string>, label: string) {
  const all = [...root.querySelectorAll('*')];
  const problems: string[] = [];
  for (const el of all) {
    if (!WIDGET_TAGS.has(el.tagName)) problems.push(`element <${el.tagName.toLowerCase()}>`);
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`event attribute ${name} on <${el.tagName.toLowerCase()}>`);
      if (!WIDGET_ATTRS.has(attr.name) && !name.startsWith('aria-') && !name.startsWith('data-parley')) problems.push(`attribute ${attr.name}`);
      if (/^\s*(javascript|data|vbscript):/i.test(attr.value) && name !== 'aria-label') problems.push(`${name}=${attr.value.slice(0, 40)}`);
    }
    if (el.tagName === 'A') {
      const href = el.getAttribute('href') ?? '';
      const own = /^#comment-(.+)$/.exec(href);
      if (own ? !ids.has(own[1]!) : !/^https?:\/\/[^\s]/i.test(href)) problems.push(`href ${href.slice(0, 60)}`);
      if (!own && el.getAttribute('rel') !== 'nofollow ugc noopener') problems.push(`rel ${el.getAttribute('rel')} on ${href.slice(0, 40)}`);
    }
    if (el.hasAttribute('style') && !/^background: ?hsl\(\d+ 50% 30%\);?$/.test(el.getAttribute('style')!)) problems.push(`style ${el.getAttribute('style')}`);
  }
  // <style> holds the widget's own CSS, once: the entry's, and the votes chunk's once it has come
  // (issue 16, loaded after the first page).
  const styles = [...root.querySelectorAll('style')].map((s) => s.textContent);
  expect(styles[0], label).toBe(css);
  expect(styles.slice(1).filter((s) => s !== VOTES_STYLE), label).toEqual([]);
  expect(styles.length, label).toBeLessThanOrEqual(2);
  expect(problems, label).toEqual([]);
}

/** Post a batch through the API; keep what it accepted (the refused ones are hostile-input.test.ts's). */
async function postBatch(field: 'text' | 'name' | 'website', batch: number): Promise<{ thread: string; accepted: PublicComment[] }> {
  const thread = `/render/${field}/${batch}`;
  const lines = payloads.slice(batch * BATCH, (batch + 1) * BATCH);
  const results = await pool(lines, 8, async (payload, k) => {
    const i = batch * BATCH + k;
    const res = await app.request('/api/v1/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        thread,
        text: field === 'text' ? payload : `Rendered ${field} payload ${i}`,
        name: field === 'name' ? payload : `Reader ${i}`,
        email: `render-${field}@example.com`,
        website: field === 'website' ? payload : undefined,
        idempotencyKey: `render-${field}-${i}`,
      }),
    });
    expect(res.status, `line ${i + 1}`).toBeLessThan(500);
    return res.status === 201 ? ((await res.json()) as { comment: PublicComment }).comment : null;
  });
  return { thread, accepted: results.filter((c): c is PublicComment => c !== null) };
}

describe('the widget renders every xss payload as inert text (happy-dom, http backend over the real app)', () => {
  for (const field of ['text', 'name', 'website'] as const) {
    it(`keeps all 2,000 payloads posted as ${field} out of the markup`, async () => {
      let rendered = 0;
      for (let batch = 0; batch < payloads.length / BATCH; batch++) {
        const { thread, accepted } = await postBatch(field, batch);
        const el = document.createElement('div');
        document.body.append(el);
        const unmount = mount(el, { backend, thread, title: `Batch ${batch} <img src=x onerror=alert(1)>`, storage: null, pageSize: 200 });
        const root = el.querySelector('.parley')!.shadowRoot!;
        await settle(() => root.querySelectorAll('article').length >= accepted.length && !!root.querySelector('h2'));
        const label = `${field} batch ${batch}`;
        const articles = [...root.querySelectorAll('article')];
        expect(articles.map((a) => a.id).sort(), label).toEqual(accepted.map((c) => `comment-${c.id}`).sort());
        const ids = new Set(accepted.map((c) => c.id));
        expectInert(root, ids, label);
        // The heading shows the (hostile) title as text ("No comments yet" names no title).
        if (accepted.length) expect(root.querySelector('h2')!.textContent, label).toContain('<img src=x onerror=alert(1)>');
        for (const c of accepted) {
          const article = root.getElementById(`comment-${c.id}`)!;
          const line = `${label} ${c.id}`;
          // What the reader sees is what the API returned, read in its format (issue 16): the same
          // text as the server's rendering of the same tree (core/format renderHtml) shows.
          const reference = document.createElement('article');
          reference.innerHTML = renderHtml(parse(c.text, c.format));
          expect(visibleText(article), line).toBe(visibleText(reference));
          const author = article.querySelector('header > a, header > b')!;
          expect(author.textContent, line).toBe(c.author.name);
          expect(article.getAttribute('aria-label'), line).toBe(`Comment by ${c.author.name}`);
          if (c.author.website) {
            expect(author.tagName, line).toBe('A');
            expect(author.getAttribute('href'), line).toBe(c.author.website);
          } else {
            expect(author.tagName, line).toBe('B');
          }
          // Text links are the URLs inside the text, verbatim, http(s) only.
          for (const a of article.querySelectorAll(':scope > p a')) expect(c.text.includes(a.getAttribute('href')!), line).toBe(true);
        }
        rendered += accepted.length;
        unmount();
        el.remove();
      }
      if (field === 'text') expect(rendered).toBeGreaterThan(1900);
      if (field === 'name') expect(rendered).toBeGreaterThan(900);
    });
  }
});
