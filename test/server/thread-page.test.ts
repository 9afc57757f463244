// GET /t and POST /t (issue 18): the thread rendered on the server and its plain form, through the
// app as a browser without JavaScript would use them: the HTML on the wire, the 303s, the headers.
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { body, post, setup } from '../helpers/app.ts';
import { MARKS_CSS, scopeCss, SSR_CSS } from '../../src/server/thread-page/styles.ts';
import { STYLE as VOTES_STYLE } from '../../src/widget/chunks/votes/head.tsx';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import { draft } from './store/context.ts';

type App = ReturnType<typeof setup>['app'];

const formPost = (app: App, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  app.request('/t', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });

/** The hidden fields of the page's form, as a browser would send them back. */
function formOf(html: string): Record<string, string> {
  const form = html.slice(html.indexOf('<form'), html.indexOf('</form>'));
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)) out[m[1]!] = m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  out.hp = '';
  return out;
}

const get = async (app: App, path: string) => {
  const res = await app.request(path);
  return { res, html: await res.text() };
};

describe('GET /t: the thread rendered on the server', () => {
  it('shows the count heading, the nested comments with microdata, safe text and ugc links, and a form with a fresh token', async () => {
    const { app } = setup();
    const first = await (await post(app, body({ text: 'Hi <script>alert(1)</script>\n\nsee https://x.org/a?b=1&c=2.', name: 'Ada <b>', website: 'https://ada.example' }))).json();
    await post(app, body({ parent: first.comment.id, text: 'A reply', name: 'Bob' }));
    await post(app, body({ thread: '/other', text: 'Elsewhere' }));
    const { res, html } = await get(app, '/t?thread=/a&title=' + encodeURIComponent('Putin to visit China – Kremlin'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://blog.example");
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('<title>2 thoughts on “Putin to visit China – Kremlin”</title>');
    expect(html).toContain('<h2>2 thoughts on “Putin to visit China – Kremlin”</h2>');
    expect(html).toContain('<link rel="canonical" href="https://blog.example/a">');
    // Text as text: the script tag arrives as characters, the URL as a nofollow ugc link.
    expect(html).not.toContain('<script');
    expect(html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://x.org/a?b=1&amp;c=2" rel="nofollow ugc noopener" target="_blank">https://x.org/a?b=1&amp;c=2</a>.');
    expect(html).toContain('<a href="https://ada.example" rel="nofollow ugc noopener" itemprop="url"><span itemprop="name">Ada &lt;b&gt;</span></a>');
    expect(html).toMatch(/<article id="comment-[\w-]+" aria-label="Comment by Ada &lt;b&gt;" itemscope itemtype="https:\/\/schema.org\/Comment">/);
    expect(html).toContain('itemprop="dateCreated"');
    // The reply is nested in its parent's item, and the other thread's comment is not here.
    expect(html).toMatch(/Ada &lt;b&gt;.*<ol><li><article[^>]*aria-label="Comment by Bob"/s);
    expect(html).not.toContain('Elsewhere');
    expect(html).toContain(`href="/t?thread=%2Fa&amp;title=Putin+to+visit+China+%E2%80%93+Kremlin&amp;replyto=${first.comment.id}#reply"`);
    const form = formOf(html);
    expect(form.thread).toBe('/a');
    expect(form.token).toMatch(/^[\w-]{54}$/);
    expect(form.key).toMatch(/^[\w-]{21}$/);
    expect(html).toMatch(/<textarea rows="6" id="p-text" name="text" required aria-required="true"><\/textarea>/);
  });

  const fixture = (name: string) => readFileSync(new URL(`../../../shared/fixtures/${name}`, import.meta.url), 'utf8');
  const payloads = fixture('xss/payloads.txt').split('\n').filter((line) => line.trim());
  const naughty = (JSON.parse(fixture('naughty/blns.json')) as string[]).filter((line) => line.trim());
  const half = Math.ceil(payloads.length / 2);
  // In three parts, each within a test's time on a busy machine.
  for (const [name, texts] of [
    ['the first half of the XSS payloads', payloads.slice(0, half)],
    ['the second half of the XSS payloads', payloads.slice(half)],
    ['the naughty strings', naughty],
  ] as const) {
    it(`renders ${name} of the fixtures as text: no element or attribute of their own`, async () => {
      // SQLite: the memory store walks every row of the thread for each page.
      const { app, store } = setup({ store: createSqliteStore({ file: ':memory:' }) });
      // Stored as they are (an import can bring anything the API would refuse), the name too: the page
      // must keep every one as text, whatever the store holds.
      const unique = [...new Set(texts)];
      const sent = new Map(unique.map((text, i) => [`x${i}`, text]));
      await store.comments.insertMany(unique.map((text, i) => draft({ id: `x${i}`, thread: '/a', text, name: [...text].slice(0, 30).join(''), website: i % 2 ? text : null, createdAt: i })));
      expect(sent.size).toBeGreaterThan(500);
      let cursor = '';
      let seen = 0;
      do {
        const { html } = await get(app, `/t?thread=/a${cursor}`);
        const { document } = parseHTML(html);
        expect(document.querySelectorAll('script, img, svg, iframe, object, embed, math, video, audio, details, marquee, base, meta[http-equiv]').length).toBe(0);
        for (const article of document.querySelectorAll('article[itemscope]')) {
          const text = sent.get(article.id.slice('comment-'.length))!;
          seen++;
          const body = article.querySelector('[itemprop=text]')!;
          for (const el of body.querySelectorAll('*')) {
            expect(['P', 'BR', 'A']).toContain(el.tagName);
            for (const attr of el.getAttributeNames()) expect(['href', 'rel', 'target', 'dir']).toContain(attr);
            if (el.tagName === 'A') expect(el.getAttribute('href')).toMatch(/^https?:\/\//i);
          }
          // The words, as text, are the comment's own (whitespace aside: paragraphs and line breaks).
          expect(body.textContent!.replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
          expect(article.querySelector('[itemprop=name]')!.textContent).toBe([...text].slice(0, 30).join(''));
        }
        const more = document.querySelector('a.more');
        cursor = more ? `&cursor=${new URL(more.getAttribute('href')!, 'http://x').searchParams.get('cursor')}` : '';
      } while (cursor);
      expect(seen).toBe(sent.size);
    });
  }

  it('renders a markdown comment formatted and a plain one as typed, as the widget does, with the formatting hint under the box (issue 16)', async () => {
    const { app } = setup();
    await post(app, body({ text: '**Bold** <b>tag</b>\n\n> quoted\n\n- one\n- two\n\n[docs](https://x.org/d)' }));
    await post(app, body({ text: '2*3*4 is **24**', format: 'plain' }));
    const { html } = await get(app, '/t?thread=/a');
    expect(html).toContain('<p dir="auto"><strong>Bold</strong> &lt;b&gt;tag&lt;/b&gt;</p><blockquote dir="auto"><p dir="auto">quoted</p></blockquote>');
    expect(html).toContain('<ul dir="auto"><li dir="auto">one</li><li dir="auto">two</li></ul>');
    expect(html).toContain('<a href="https://x.org/d" rel="nofollow ugc noopener" target="_blank">docs</a>');
    expect(html).toContain('<p dir="auto">2*3*4 is **24**</p>');
    expect(html).toMatch(/<\/textarea><\/p><p class="h">\*\*bold\*\*, \*italic\*, `code`, &gt; quote, - list, \[link\]\(https:\/\/…\)<\/p>/);
  });

  it('offers a reply form under ?replyto, and "Show more comments" as a link to the next page', async () => {
    const { app } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 52; i++) ids.push((await (await post(app, body({ text: `Comment ${i}` }))).json()).comment.id);
    const { html } = await get(app, `/t?thread=/a&replyto=${ids[1]}`);
    expect(html).toContain('<h3>Replying to Ada</h3>');
    expect(formOf(html).parent).toBe(ids[1]);
    const more = /<a class="more" href="([^"]+)">Show more comments<\/a>/.exec(html)![1]!.replace(/&amp;/g, '&');
    const next = await get(app, more);
    expect(next.html).toContain('Comment 50');
    expect(next.html).not.toContain('Comment 49<');
  });

  it('gives a fragment without a form, with absolute links, cacheable by ETag', async () => {
    const { app } = setup({ publicUrl: 'https://comments.example' });
    await post(app, body());
    const { res, html } = await get(app, '/t?thread=/a&fragment=1&title=T');
    expect(res.status).toBe(200);
    expect(html.startsWith('<div class="parley-ssr" data-parley-ssr')).toBe(true);
    expect(html).not.toContain('<form');
    expect(html).not.toContain('<html');
    expect(html).toContain('<h3><a href="https://comments.example/t?thread=%2Fa&amp;title=T#reply">Leave a Reply</a></h3>');
    const etag = res.headers.get('etag')!;
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect((await app.request('/t?thread=/a&fragment=1&title=T', { headers: { 'if-none-match': etag } })).status).toBe(304);
    await post(app, body({ text: 'Another one' }));
    expect((await app.request('/t?thread=/a&fragment=1&title=T', { headers: { 'if-none-match': etag } })).status).toBe(200);
  });

  it('speaks the language asked for', async () => {
    const { app } = setup();
    await post(app, body());
    const { html } = await get(app, '/t?thread=/a&lang=de&title=T');
    expect(html).toContain('<html lang="de" dir="ltr">');
    expect(html).toContain('Ein Gedanke zu „T“');
    expect(html).toContain('Schreibe einen Kommentar');
  });

  it('marks the owner\'s comments with the badge and pinned ones "Pinned", in the widget\'s words and look (issue 16 item 4)', async () => {
    const TOKEN = 'thread-page-admin-token-0123456789';
    const admin = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const { app, store } = setup({ adminToken: TOKEN, ownerName: 'Olga Owner', ownerBadge: 'Editor' });
    const first = await (await post(app, body({ text: 'First', name: 'Ada' }))).json();
    const second = await (await post(app, body({ text: 'Second', name: 'Bob' }))).json();
    const answer = await app.request('/api/v1/admin/comments', { method: 'POST', headers: admin, body: JSON.stringify({ thread: '/a', parent: first.comment.id, text: 'Thanks' }) });
    const reply = ((await answer.json()) as { comment: { id: string } }).comment.id;
    expect((await app.request(`/api/v1/admin/comments/${second.comment.id}/pin`, { method: 'POST', headers: admin, body: JSON.stringify({ pinned: true }) })).status).toBe(200);

    const before = await app.request('/t?thread=/a&fragment=1&title=T');
    const { document } = parseHTML((await get(app, '/t?thread=/a&title=T')).html);
    const article = (id: string) => document.getElementById(`comment-${id}`)!;
    // The pinned comment first, marked; the owner's reply with the owner's word beside the name.
    expect(document.querySelector('ol > li > article')!.id).toBe(`comment-${second.comment.id}`);
    expect(article(second.comment.id).querySelector('header')!.innerHTML).toMatch(/<\/span><span class="pin">Pinned<\/span><a href/);
    expect(article(reply).querySelector('header .bd')!.textContent).toBe('Editor');
    expect(article(reply).querySelector('header')!.textContent).toContain('Olga OwnerEditor');
    // Nobody else has either.
    expect(document.querySelectorAll('.pin')).toHaveLength(1);
    expect(document.querySelectorAll('.bd')).toHaveLength(1);
    expect(article(first.comment.id).querySelector('.bd, .pin')).toBeNull();
    // In the page's language, with the words the widget's votes chunk uses.
    expect((await get(app, '/t?thread=/a&title=T&lang=de')).html).toContain('<span class="pin">Angeheftet</span>');
    expect((await get(app, '/t?thread=/a&title=T&lang=ja')).html).toContain('<span class="pin">固定</span>');

    // A new --owner-badge is a new fragment, not a 304 of the old one.
    const etag = before.headers.get('etag')!;
    expect((await app.request('/t?thread=/a&fragment=1&title=T', { headers: { 'if-none-match': etag } })).status).toBe(304);
    const relabelled = setup({ store, ownerBadge: 'Team' }).app;
    const fresh = await relabelled.request('/t?thread=/a&fragment=1&title=T', { headers: { 'if-none-match': etag } });
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toContain('<span class="bd">Team</span>');
  });

  it('paints the page\'s own background in the thread\'s theme, so neither theme\'s text lands on the other\'s canvas', async () => {
    const { app } = setup();
    const head = async (theme: string) => (await get(app, `/t?thread=/a&title=T${theme}`)).html.split('</head>')[0]!;
    expect(await head('&theme=dark')).toContain('<meta name="color-scheme" content="dark">');
    expect(await head('&theme=dark')).toContain('body{background:#1b1b1b}');
    expect(await head('&theme=light')).toContain('<meta name="color-scheme" content="light">');
    expect(await head('&theme=light')).toContain('body{background:#fff}');
    expect(await head('')).toContain('<meta name="color-scheme" content="light dark">');
    expect(await head('')).toContain('body{background:#fff}@media (prefers-color-scheme:dark){body{background:#1b1b1b}}');
  });

  it('refuses a missing thread with a sentence', async () => {
    const { app } = setup();
    const res = await app.request('/t');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe('Say which thread: ?thread=ID.');
  });
});

describe('POST /t: the plain form', () => {
  it('posts through the same use case as the API and answers 303 to the comment on its page', async () => {
    const { app, clock } = setup({ minSubmitSeconds: 3 });
    const { html } = await get(app, '/t?thread=/a&title=T');
    clock.now += 60_000;
    const res = await formPost(app, { ...formOf(html), text: 'Written without JavaScript', name: 'Noscript', email: 'n@example.com', website: '' });
    expect(res.status).toBe(303);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/t\?thread=%2Fa&title=T#comment-[\w-]+$/);
    const page = await get(app, location);
    expect(page.html).toContain(`id="${location.split('#')[1]}"`);
    expect(page.html).toContain('Written without JavaScript');
    // It is an ordinary comment of the thread: the API lists it.
    const api = await (await app.request('/api/v1/comments?thread=/a')).json();
    expect(api.comments.map((c: { text: string }) => c.text)).toEqual(['Written without JavaScript']);
  });

  it('sends the same form twice (a double click, a reload) and stores one comment', async () => {
    const { app } = setup();
    const fields = { ...formOf((await get(app, '/t?thread=/a')).html), text: 'Once', name: 'N', email: 'n@example.com' };
    const a = await formPost(app, fields);
    const b = await formPost(app, fields);
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    expect((await (await app.request('/api/v1/comments?thread=/a')).json()).thread.count).toBe(1);
  });

  it('holds a post sent sooner than the form token allows, and shows it to its author alone through the signed 303', async () => {
    const { app, store } = setup({ minSubmitSeconds: 3 });
    const fields = { ...formOf((await get(app, '/t?thread=/a')).html), text: 'Too quick', name: 'Bot', email: 'b@example.com' };
    const res = await formPost(app, fields);
    expect(res.status).toBe(303);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const location = res.headers.get('location')!;
    const id = location.split('#comment-')[1]!;
    expect((await store.comments.get(id))!.status).toBe('pending');
    expect((await store.comments.get(id))!.reasons.map((r) => r.rule)).toContain('form-token');
    const mine = await get(app, location);
    expect(mine.res.headers.get('cache-control')).toBe('no-store');
    expect(mine.html).toContain('Your comment is awaiting moderation.');
    expect(mine.html).toContain('Too quick');
    // Without the mark, or with a forged one, nobody sees it.
    expect((await get(app, '/t?thread=/a')).html).not.toContain('Too quick');
    expect((await get(app, `/t?thread=/a&held=${id}.AAAAAAAAAAAAAAAAAAAAAA`)).html).not.toContain('Too quick');
  });

  it('holds a post without the page\'s token, and one that filled the honeypot', async () => {
    const { app, store } = setup({ minSubmitSeconds: 3 });
    const fields = formOf((await get(app, '/t?thread=/a')).html);
    const a = await formPost(app, { ...fields, token: '', text: 'No token', name: 'A', email: 'a@example.com' });
    const b = await formPost(app, { ...fields, key: 'other-key', hp: 'http://spam.example', text: 'Honey', name: 'B', email: 'b@example.com' });
    for (const res of [a, b]) {
      const id = res.headers.get('location')!.split('#comment-')[1]!;
      expect((await store.comments.get(id))!.status).not.toBe('published');
    }
  });

  it('shows the errors in the page with the text kept, in the page\'s language', async () => {
    const { app } = setup();
    const fields = formOf((await get(app, '/t?thread=/a&lang=fr')).html);
    const res = await formPost(app, { ...fields, text: 'Mon <texte> gardé', name: '', email: 'pas-une-adresse' });
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toMatch(/<textarea rows="6" id="p-text" name="text" required aria-required="true">Mon &lt;texte&gt; gardé<\/textarea>/);
    expect(html).toContain('id="p-name" name="name" required aria-required="true" aria-invalid="true" aria-describedby="p-namee"');
    expect(html).toMatch(/<span id="p-emaile" class="e">[^<]+<\/span>/);
    expect(html).toContain('value="pas-une-adresse"');
    expect((await (await app.request('/api/v1/comments?thread=/a')).json()).thread.count).toBe(0);
  });

  it('answers a duplicate with the reason in the page, and a flood with 429 and Retry-After', async () => {
    const { app } = setup({ postsPerMinute: 1 });
    const page = (await get(app, '/t?thread=/a')).html;
    const ok = await formPost(app, { ...formOf(page), text: 'Same words', name: 'A', email: 'a@example.com' });
    expect(ok.status).toBe(303);
    const again = await formPost(app, { ...formOf(page), key: 'k2', text: 'Same words', name: 'A', email: 'a@example.com' });
    expect([409, 429]).toContain(again.status);
    expect(await again.text()).toContain('Same words</textarea>');
  });

  it('refuses a form from a page on another site, and a body that is not a form', async () => {
    const { app } = setup();
    const fields = formOf((await get(app, '/t?thread=/a')).html);
    expect((await formPost(app, { ...fields, text: 'x', name: 'A', email: 'a@example.com' }, { origin: 'https://evil.example' })).status).toBe(403);
    const json = await app.request('/t', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
  });
});

describe('the fragment\'s stylesheet', () => {
  it('draws the badge and "Pinned" with the widget\'s own rules (its votes chunk)', () => {
    expect(SSR_CSS).toContain(scopeCss(MARKS_CSS));
    for (const rule of MARKS_CSS.split('}').filter(Boolean)) expect(VOTES_STYLE).toContain(`${rule}}`);
  });

  it('is the widget\'s own, scoped to the fragment\'s element', () => {
    expect(scopeCss(':host{a:1}:host([data-theme=dark]){b:2}h2,h3{c:3}*{d:4}')).toBe('.parley-ssr{a:1}.parley-ssr[data-theme=dark]{b:2}.parley-ssr h2,.parley-ssr h3{c:3}.parley-ssr *{d:4}');
  });
});
