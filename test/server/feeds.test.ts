// Atom feeds (issue 8): well-formed Atom 1.0, published comments only, newest first, at most 50,
// text as its format's escaped HTML (issue 16), no email, aliases followed, ETag and 304.
import { parse, renderHtml } from '../../src/core/format/index.ts';
import { createHash } from 'node:crypto';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { NewStoredComment } from '../../src/server/store/store.ts';
import { xssPayloads } from '../reliability/helpers.ts';
import { draft } from './store/contracts.ts';
import { body, post, posted, setup } from '../helpers/app.ts';

const ATOM = 'http://www.w3.org/2005/Atom';

interface XmlNode {
  name: string;
  ns: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses strictly (saxes throws on anything not well-formed XML) into a small tree. */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlNode[] = [{ name: '#document', ns: '', attributes: {}, children: [], text: '' }];
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.local, ns: tag.uri, attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value])), children: [], text: '' };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => {
    stack.at(-1)!.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  return stack[0]!.children[0]!;
}

const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name);
const children = (node: XmlNode, name: string) => node.children.filter((c) => c.name === name);
const textOf = (node: XmlNode, name: string) => child(node, name)?.text;
/** An entry's content: the comment's format tree as HTML (issue 16), as the thread shows it. */
const shown = (text: string, format: 'plain' | 'markdown' = 'markdown') => renderHtml(parse(text, format));

async function feed(app: ReturnType<typeof setup>['app'], query = '', headers: Record<string, string> = {}) {
  const res = await app.request(`http://parley.example/api/v1/feed.atom${query}`, { headers });
  return { res, xml: res.status === 200 ? await res.text() : '' };
}

describe('Atom feeds', () => {
  it('gives a thread\'s published comments, newest first, as valid Atom with the required elements', async () => {
    const { app, clock } = setup();
    const first = await posted(app, { thread: '/2024/05/putin-china', name: 'Ann', text: 'First!\nSecond line', website: 'https://ann.example/' });
    clock.now += 60_000;
    const reply = await posted(app, { thread: '/2024/05/putin-china', name: 'Bob', parent: first.comment.id, text: 'A reply' });
    await post(app, body({ thread: '/2024/05/putin-china', text: 'Bot words', form: { hp: 'filled' } }));
    await posted(app, { thread: '/elsewhere', text: 'Not in this thread' });
    const { res, xml } = await feed(app, '?thread=/2024/05/putin-china');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const root = parseXml(xml);
    expect([root.name, root.ns]).toEqual(['feed', ATOM]);
    expect(textOf(root, 'id')).toBe('http://parley.example/api/v1/feed.atom?thread=%2F2024%2F05%2Fputin-china');
    expect(textOf(root, 'title')).toBe('Comments on /2024/05/putin-china');
    expect(textOf(root, 'updated')).toBe(new Date(clock.now).toISOString());
    const links = children(root, 'link').map((l) => l.attributes);
    expect(links).toContainEqual({ rel: 'self', type: 'application/atom+xml', href: 'http://parley.example/api/v1/feed.atom?thread=%2F2024%2F05%2Fputin-china' });
    expect(links).toContainEqual({ rel: 'alternate', type: 'text/html', href: 'https://blog.example/2024/05/putin-china' });
    const entries = children(root, 'entry');
    expect(entries.map((e) => textOf(e, 'content'))).toEqual(['A reply', 'First!\nSecond line'].map((t) => shown(t)));
    const [newest, oldest] = entries as [XmlNode, XmlNode];
    expect(textOf(newest, 'id')).toBe(`http://parley.example/api/v1/comments/${reply.comment.id}`);
    expect(textOf(newest, 'title')).toBe('Bob on /2024/05/putin-china');
    expect(child(newest, 'author')!.children.map((c) => [c.name, c.text])).toEqual([['name', 'Bob']]);
    expect(child(oldest, 'author')!.children.map((c) => [c.name, c.text])).toEqual([
      ['name', 'Ann'],
      ['uri', 'https://ann.example/'],
    ]);
    expect(textOf(oldest, 'published')).toBe(textOf(oldest, 'updated'));
    expect(Date.parse(textOf(newest, 'published')!)).toBe(clock.now);
    expect(child(newest, 'link')!.attributes).toEqual({ rel: 'alternate', type: 'text/html', href: `https://blog.example/2024/05/putin-china#comment-${reply.comment.id}` });
    expect(child(newest, 'content')!.attributes).toEqual({ type: 'html' });
  });

  it('takes its ids and self links from --public-url when it is set, not from the Host header (issue 14)', async () => {
    const { app } = setup({ publicUrl: 'https://comments.blog.example/parley' });
    const { comment } = await posted(app, { thread: '/p' });
    for (const [query, self] of [
      ['?thread=/p', 'https://comments.blog.example/parley/api/v1/feed.atom?thread=%2Fp'],
      ['', 'https://comments.blog.example/parley/api/v1/feed.atom'],
    ] as const) {
      // A request whose Host header an attacker (or a misconfigured proxy) wrote.
      const res = await app.request(`http://evil.example/api/v1/feed.atom${query}`, { headers: { host: 'evil.example' } });
      const root = parseXml(await res.text());
      expect(textOf(root, 'id')).toBe(self);
      expect(children(root, 'link').find((l) => l.attributes.rel === 'self')!.attributes.href).toBe(self);
      expect(textOf(child(root, 'entry')!, 'id')).toBe(`https://comments.blog.example/parley/api/v1/comments/${comment.id}`);
    }
    // The ETag of a thread's feed does not depend on the Host header either.
    const etag = async (host: string) => (await app.request(`http://${host}/api/v1/feed.atom?thread=/p`)).headers.get('etag');
    expect(await etag('a.example')).toBe(await etag('b.example'));
  });

  it('carries no email, no hash of it, and not the avatar seed either', async () => {
    const { app, store } = setup();
    const raw = 'Private.Person@Example.com';
    const { comment } = await posted(app, { thread: '/p', email: raw, name: 'Pat' });
    const stored = (await store.comments.get(comment.id))!;
    // The address and its MD5, SHA-1 and SHA-256, as typed and lower-cased, in hex and base64 (issue 14 item 15).
    const hashes = [raw, raw.toLowerCase()].flatMap((input) =>
      ['md5', 'sha1', 'sha256'].flatMap((algo) => {
        const digest = createHash(algo).update(input).digest();
        return [digest.toString('hex'), digest.toString('base64').replace(/=+$/, ''), digest.toString('base64url')].map((h) => h.toLowerCase());
      }),
    );
    expect(hashes).toHaveLength(18);
    for (const query of ['?thread=/p', '']) {
      const xml = (await feed(app, query)).xml.toLowerCase();
      expect(xml).toContain('pat');
      expect(xml).not.toContain('private.person@example.com');
      expect(xml).not.toContain('@example.com');
      expect(xml).not.toContain(stored.avatar.toLowerCase());
      for (const hash of hashes) expect(xml).not.toContain(hash);
    }
  });

  it('keeps held, spam and deleted comments out, and shows an edit as the entry\'s update', async () => {
    const { app, store, clock } = setup();
    const kept = await posted(app, { thread: '/t', text: 'Kept' });
    const removed = await posted(app, { thread: '/t', text: 'Removed later' });
    await store.comments.insertMany([draft({ id: 'held', thread: '/t', status: 'pending', text: 'Held' }), draft({ id: 'spam', thread: '/t', status: 'spam', text: 'Spam' })]);
    await app.request(`/api/v1/comments/${removed.comment.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${removed.editToken}` } });
    clock.now += 30_000;
    await app.request(`/api/v1/comments/${kept.comment.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${kept.editToken}` },
      body: JSON.stringify({ text: 'Kept, edited' }),
    });
    const entries = children(parseXml((await feed(app, '?thread=/t')).xml), 'entry');
    expect(entries.map((e) => textOf(e, 'content'))).toEqual([shown('Kept, edited')]);
    expect(Date.parse(textOf(entries[0]!, 'updated')!) - Date.parse(textOf(entries[0]!, 'published')!)).toBe(30_000);
  });

  it('holds at most 50 entries, the newest', async () => {
    const { app, store } = setup();
    const many: NewStoredComment[] = Array.from({ length: 60 }, (_, i) => draft({ id: `m${i}`, thread: '/busy', text: `number ${i}` }));
    await store.comments.insertMany(many);
    const entries = children(parseXml((await feed(app, '?thread=/busy')).xml), 'entry');
    expect(entries).toHaveLength(50);
    expect(textOf(entries[0]!, 'content')).toBe(shown('number 59', 'plain'));
    expect(textOf(entries[49]!, 'content')).toBe(shown('number 10', 'plain'));
  });

  it('gives the whole site\'s newest comments without a thread, each linked to its own page', async () => {
    const { app } = setup();
    await posted(app, { thread: '/a', text: 'On a' });
    await posted(app, { thread: '/b?p=2', text: 'On b' });
    const { res, xml } = await feed(app);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const root = parseXml(xml);
    expect(textOf(root, 'title')).toBe('Latest comments');
    expect(textOf(root, 'id')).toBe('http://parley.example/api/v1/feed.atom');
    expect(children(root, 'link').map((l) => l.attributes.rel)).toEqual(['self', 'alternate']);
    const entries = children(root, 'entry');
    expect(entries.map((e) => textOf(e, 'content'))).toEqual(['On b', 'On a'].map((t) => shown(t)));
    expect(entries.map((e) => child(e, 'link')!.attributes.href!.replace(/#.*/, ''))).toEqual(['https://blog.example/b?p=2', 'https://blog.example/a']);
  });

  it('links no page when no origin is configured or the thread id is no path of the site', async () => {
    const { app } = setup({ origins: [] });
    await posted(app, { thread: '/a' });
    const root = parseXml((await feed(app, '?thread=/a')).xml);
    expect(children(root, 'link').map((l) => l.attributes.rel)).toEqual(['self']);
    expect(child(child(root, 'entry')!, 'link')).toBeUndefined();
    const { app: withOrigin } = setup();
    await posted(withOrigin, { thread: 'post-42' });
    await posted(withOrigin, { thread: '//evil.example/x' });
    for (const entry of children(parseXml((await feed(withOrigin)).xml), 'entry')) expect(child(entry, 'link')).toBeUndefined();
  });

  it('follows a thread alias, naming the new thread', async () => {
    const { app, store } = setup();
    await posted(app, { thread: '/old', text: 'Moved' });
    await store.aliases.set('/old', '/new');
    const root = parseXml((await feed(app, '?thread=/old')).xml);
    expect(textOf(root, 'title')).toBe('Comments on /new');
    expect(children(root, 'entry').map((e) => textOf(e, 'content'))).toEqual([shown('Moved')]);
    expect(child(children(root, 'entry')[0]!, 'link')!.attributes.href).toMatch(/^https:\/\/blog\.example\/new#comment-/);
  });

  it('answers 304 to its ETag until the thread changes', async () => {
    const { app } = setup();
    await posted(app, { thread: '/t' });
    const first = await feed(app, '?thread=/t');
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.res.headers.get('cache-control')).toBe('public, no-cache');
    expect((await feed(app, '?thread=/t', { 'if-none-match': etag })).res.status).toBe(304);
    await posted(app, { thread: '/t', text: 'Newer' });
    const changed = await feed(app, '?thread=/t', { 'if-none-match': etag });
    expect(changed.res.status).toBe(200);
    expect(changed.res.headers.get('etag')).not.toBe(etag);
    // Site-wide, the same promise.
    const site = await feed(app);
    const siteTag = site.res.headers.get('etag')!;
    expect((await feed(app, '', { 'if-none-match': siteTag })).res.status).toBe(304);
    const other = await posted(app, { thread: '/elsewhere' });
    expect((await feed(app, '', { 'if-none-match': siteTag })).res.status).toBe(200);
    const latest = (await feed(app)).res.headers.get('etag')!;
    await app.request(`/api/v1/comments/${other.comment.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${other.editToken}` } });
    expect((await feed(app, '', { 'if-none-match': latest })).res.status).toBe(200);
  });

  it('refuses an empty or invalid thread with 400 like the comments API', async () => {
    const { app } = setup();
    for (const query of ['?thread=', `?thread=${encodeURIComponent('a\u0001b')}`]) {
      const res = await app.request(`/api/v1/feed.atom${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid');
    }
  });

  it('brings every XSS payload back as its text, escaped in the HTML content, never as markup', async () => {
    const { app, store } = setup();
    const payloads = xssPayloads();
    const rows = payloads.map((p, i) => draft({ id: `x${i}`, thread: `/xss/${Math.floor(i / 50)}`, text: p, name: p.slice(0, 100), website: i % 2 ? p : 'https://ok.example/' }));
    await store.comments.insertMany(rows);
    let seen = 0;
    for (let page = 0; page * 50 < payloads.length; page++) {
      const root = parseXml((await feed(app, `?thread=/xss/${page}`)).xml);
      const names = new Set<string>();
      const walk = (node: XmlNode) => {
        names.add(node.name);
        node.children.forEach(walk);
      };
      walk(root);
      // Only Atom's own elements: no payload became an element (a <script>, an <img>).
      expect([...names].filter((n) => !['feed', 'id', 'title', 'updated', 'link', 'generator', 'entry', 'published', 'author', 'name', 'uri', 'content'].includes(n))).toEqual([]);
      for (const entry of children(root, 'entry')) {
        const row = rows[Number(textOf(entry, 'id')!.split('/').at(-1)!.slice(1))]!;
        // XML cannot carry a form feed (one payload has one): it comes back as U+FFFD, the rest verbatim.
        const asXml = (s: string) => s.replaceAll('\f', '\ufffd');
        expect(textOf(entry, 'content')).toBe(asXml(shown(row.text, 'plain')));
        expect(child(entry, 'author')!.children[0]!.text).toBe(asXml(row.name));
        const uri = child(child(entry, 'author')!, 'uri');
        if (uri) expect(['http:', 'https:']).toContain(new URL(uri.text).protocol);
        seen++;
      }
    }
    expect(seen).toBe(payloads.length);
  });

  it('carries a markdown comment formatted, and a plain one as it always showed (issue 16)', async () => {
    const { app, store } = setup();
    await posted(app, { thread: '/fmt', text: '**Bold** <b>x</b>\n\n> quoted' });
    await store.comments.insertMany([draft({ id: 'old', thread: '/fmt', text: '2*3*4 **not**', createdAt: 1 })]);
    const entries = children(parseXml((await feed(app, '?thread=/fmt')).xml), 'entry');
    expect(entries.map((e) => textOf(e, 'content'))).toEqual([
      '<p dir="auto"><strong>Bold</strong> &lt;b&gt;x&lt;/b&gt;</p><blockquote dir="auto"><p dir="auto">quoted</p></blockquote>',
      '<p dir="auto">2*3*4 **not**</p>',
    ]);
  });

  it('keeps text with CR, ampersands, quotes, and non-BMP characters, escaped in the HTML content', async () => {
    const { app, store } = setup();
    const text = 'a\r\nb\rc & d < e > f " g \' h 😀 \u202e x ]]> y';
    await store.comments.insertMany([draft({ id: 'odd', thread: '/odd', text, name: 'N & <M>' })]);
    const entry = child(parseXml((await feed(app, '?thread=/odd')).xml), 'entry')!;
    expect(textOf(entry, 'content')).toBe(shown(text, 'plain'));
    expect(textOf(entry, 'content')).toContain('c &amp; d &lt; e &gt; f &quot; g &#39; h 😀 \u202e x ]]&gt; y');
    expect(child(entry, 'author')!.children[0]!.text).toBe('N & <M>');
  });
});

describe('the feed of a thread whose article was fetched (issue 21)', () => {
  it('is titled with the article’s title, not the thread’s path', async () => {
    const thread = '/2026/05/harbour-bridge';
    const fetchArticle = async () => ({ ok: true as const, text: 'The harbour bridge closes for repairs in June.', title: 'Harbour bridge repairs' });
    const { app } = setup({ fetchArticle });
    const before = await feed(app, `?thread=${thread}`);
    expect(textOf(parseXml(before.xml), 'title')).toBe(`Comments on ${thread}`);
    await posted(app, { thread, url: `https://blog.example${thread}`, text: 'About time.' });
    const after = await feed(app, `?thread=${thread}`, { 'If-None-Match': before.res.headers.get('etag')! });
    expect(after.res.status).toBe(200);
    expect(textOf(parseXml(after.xml), 'title')).toBe('Comments on “Harbour bridge repairs”');
  });
});
