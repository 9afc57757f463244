// Many sites on one server (issue 19 item 5), as a new user runs it: one `parley serve` process with
// two sites on one SQLite file. `/about` on both is two threads (comments, counts, feeds, ETags); each
// request names its site, a read without one is a clear 400 and an unknown site a 404; a page of
// site a may not post to site b (CORS per site); a token made for site a moderates site a only.
// Also: a database from before sites keeps its comments under the default site, and a single-site
// server needs no site= at all.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/server/cli.ts';
import { SQLITE_MIGRATIONS } from '../../src/server/store/sqlite/migrations.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import { setup } from '../helpers/app.ts';
import { createNotifier, type WebhookJob } from '../../src/server/notify/events.ts';
import { composeHeldMail, createMailSender } from '../../src/server/notify/mail.ts';
import { readerToken } from '../../src/server/readers/links.ts';
import { commentsMail } from '../../src/server/readers/mail.ts';
import { readerSite } from '../../src/server/readers/site.ts';
import { createMemoryStore } from '../../src/server/store/memory.ts';
import { SCRIPTED, spawnParley } from '../helpers/server.ts';
import { openSse } from '../helpers/sse.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const dir = mkdtempSync(join(tmpdir(), 'parley-sites-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const A = 'https://a.example';
const B = 'https://b.example';
let n = 0;
const comment = (over: Record<string, unknown> = {}) => ({ thread: '/about', text: 'Hello', name: 'Ada', email: 'ada@example.com', idempotencyKey: `site-key-${++n}`, ...over });

async function parley(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { env: {}, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

describe('two sites on one server process', () => {
  const db = join(dir, 'two.db');
  let url = '';
  let stop = async () => {};
  beforeAll(async () => {
    const started = await spawnParley(['--db', db, '--site', `a=${A}`, '--site', `b=${B},https://www.b.example`, ...SCRIPTED]);
    url = started.url;
    stop = started.stop;
  }, 30_000);
  afterAll(() => stop());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(url + path, { headers });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('keeps /about of each site apart: comments, counts, feeds and ETags', async () => {
    // The site in the query, or in the JSON body.
    expect((await post('/api/v1/comments?site=a', comment({ text: 'Said on a' }))).status).toBe(201);
    expect((await post('/api/v1/comments', comment({ site: 'b', text: 'Said on b' }))).status).toBe(201);
    expect((await post('/api/v1/comments', comment({ site: 'b', text: 'Said on b again' }))).status).toBe(201);

    const pageA = await get('/api/v1/comments?thread=/about&site=a');
    const pageB = await get('/api/v1/comments?thread=/about&site=b');
    const bodyA = (await pageA.json()) as { thread: { id: string; count: number }; comments: { text: string; thread: string }[] };
    const bodyB = (await pageB.json()) as typeof bodyA;
    expect(bodyA.thread).toMatchObject({ id: '/about', count: 1 });
    expect(bodyA.comments.map((c) => [c.thread, c.text])).toEqual([['/about', 'Said on a']]);
    expect(bodyB.thread).toMatchObject({ id: '/about', count: 2 });
    expect(bodyB.comments.map((c) => c.text)).toEqual(['Said on b', 'Said on b again']);

    const etagA = pageA.headers.get('etag')!;
    expect(etagA).toBeTruthy();
    expect(pageB.headers.get('etag')).not.toBe(etagA);
    // A's tag means nothing on b: the full page, not a 304.
    expect((await get('/api/v1/comments?thread=/about&site=a', { 'if-none-match': etagA })).status).toBe(304);
    expect((await get('/api/v1/comments?thread=/about&site=b', { 'if-none-match': etagA })).status).toBe(200);

    expect(await (await get('/api/v1/counts?thread=/about&thread=/nothing&site=a')).json()).toEqual({ counts: { '/about': 1, '/nothing': 0 } });
    expect(await (await get('/api/v1/counts?thread=/about&site=b')).json()).toEqual({ counts: { '/about': 2 } });

    const feedA = await (await get('/api/v1/feed.atom?thread=/about&site=a')).text();
    const feedB = await (await get('/api/v1/feed.atom?site=b')).text();
    expect(feedA).toContain('Said on a');
    expect(feedA).not.toContain('Said on b');
    expect(feedA).toContain('feed.atom?thread=%2Fabout&amp;site=a');
    expect(feedB).toContain('Said on b again');
    expect(feedB).not.toContain('Said on a');
  });

  it('answers a read or write that names no site with 400, and an unknown site with 404', async () => {
    const none = await get('/api/v1/comments?thread=/about');
    expect(none.status).toBe(400);
    expect(await none.json()).toEqual({
      error: { code: 'invalid', message: expect.stringContaining('This server serves many sites: name one with site= (a, b)'), fields: { site: 'Name the site.' } },
    });
    expect((await post('/api/v1/comments', comment())).status).toBe(400);
    expect((await get('/api/v1/counts?thread=/about')).status).toBe(400);
    const unknown = await get('/api/v1/comments?thread=/about&site=c');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe('This server has no site named "c"; its sites are a, b.');
    // What belongs to no site is still served: the embed and the health check.
    expect((await get('/parley.js')).status).toBe(200);
    expect((await get('/healthz')).status).toBe(200);
  });

  it("lets a's pages use a only: a write from a's origin to b is refused, and b's reads carry no CORS headers for it", async () => {
    const refused = await post('/api/v1/comments?site=b', comment(), { origin: A });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
    expect((await post('/api/v1/comments?site=a', comment({ text: 'From a page of a' }), { origin: A })).status).toBe(201);
    expect((await post('/api/v1/comments?site=b', comment({ text: 'From www of b' }), { origin: 'https://www.b.example' })).status).toBe(201);
    expect((await get('/api/v1/comments?thread=/about&site=b', { origin: A })).headers.get('access-control-allow-origin')).toBeNull();
    expect((await get('/api/v1/comments?thread=/about&site=b', { origin: B })).headers.get('access-control-allow-origin')).toBe(B);
    expect((await get('/api/v1/comments?thread=/about&site=a', { origin: A })).headers.get('access-control-allow-origin')).toBe(A);
  });

  it("lets a token made with --site a moderate a, never b; a token without a site moderates both", async () => {
    const ann = await parley(['token', 'add', 'ann', '--site', 'a', '--db', db]);
    expect(ann.code).toBe(0);
    expect(ann.out[0]).toBe('Token for "ann" on the site "a" (shown this once; only its hash is kept):');
    const boss = await parley(['token', 'add', 'boss', '--db', db]);
    expect((await parley(['token', 'list', '--db', db])).out).toEqual([expect.stringMatching(/^ann {2}added \S+ {2}site a$/), expect.stringMatching(/^boss {2}added \S+$/)]);
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const published = async (site: string, token: string) => {
      const res = await get(`/api/v1/admin/comments?status=published&site=${site}`, as(token));
      return { status: res.status, texts: res.ok ? ((await res.json()) as { comments: { text: string }[] }).comments.map((c) => c.text) : [] };
    };
    expect(await published('a', ann.out[1]!)).toEqual({ status: 200, texts: ['From a page of a', 'Said on a'] });
    expect((await published('b', ann.out[1]!)).status).toBe(401);
    expect((await published('b', boss.out[1]!)).texts).toContain('Said on b');

    // Ann cannot act on b's comment, neither through b nor by naming its id on a.
    const [onB] = ((await (await get('/api/v1/comments?thread=/about&site=b')).json()) as { comments: { id: string }[] }).comments;
    const act = (site: string, token: string) =>
      fetch(`${url}/api/v1/admin/comments/actions?site=${site}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...as(token) },
        body: JSON.stringify({ action: 'spam', ids: [onB!.id] }),
      });
    expect((await act('b', ann.out[1]!)).status).toBe(401);
    await act('a', ann.out[1]!);
    expect(((await (await get('/api/v1/comments?thread=/about&site=b')).json()) as { comments: { id: string }[] }).comments.map((c) => c.id)).toContain(onB!.id);
    // The token for every site can.
    expect((await act('b', boss.out[1]!)).status).toBe(200);
    expect(((await (await get('/api/v1/comments?thread=/about&site=b')).json()) as { comments: { id: string }[] }).comments.map((c) => c.id)).not.toContain(onB!.id);
  });

  it("streams each site's new comments to that site's readers only", async () => {
    const onA = await openSse(`${url}/api/v1/stream?thread=/live&site=a`);
    const onB = await openSse(`${url}/api/v1/stream?thread=/live&site=b`);
    await onA.nth(0, 5_000, 'ready');
    await onB.nth(0, 5_000, 'ready');
    expect((await post('/api/v1/comments?site=b', comment({ thread: '/live', text: 'Live on b' }))).status).toBe(201);
    expect((await post('/api/v1/comments?site=a', comment({ thread: '/live', text: 'Live on a' }))).status).toBe(201);
    expect(JSON.parse((await onA.nth(0)).data).text).toBe('Live on a');
    expect(JSON.parse((await onB.nth(0)).data).text).toBe('Live on b');
    // a's answer came after b's comment was announced: had a heard it, it would be a's first.
    expect(onA.of('comment')).toHaveLength(1);
    onA.close();
    onB.close();
  });

  it('links /admin to each site\'s desk, where the desk names its site in every call', async () => {
    const index = await (await get('/admin')).text();
    expect(index).toContain('<a href="/admin?site=a">a</a>');
    expect(index).toContain('<a href="/admin?site=b">b</a>');
    expect((await get('/admin?site=a')).status).toBe(200);
    expect(await (await get('/admin/app.js')).text()).toContain("'site=' + encodeURIComponent(SITE)");
  });

  it('has parley doctor check every site\'s origins', async () => {
    const origin = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<main><p>Front page.</p></main>'));
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    const up = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    try {
      const result = await parley(['doctor', '--db', join(dir, 'doctor.db'), '--site', `a=${up}`, '--site', 'b=http://127.0.0.1:9']);
      const out = result.out.join('\n');
      expect(out).toContain(`ok       origin ${up}: reachable (HTTP 200)`);
      expect(out).toMatch(/PROBLEM {2}origin http:\/\/127\.0\.0\.1:9: cannot be reached/);
      expect(out).not.toContain('origin: none given');
    } finally {
      origin.close();
    }
  });

  it('exports one site with --site NAME, imports into another with --site NAME, and writes WXR links from --base-url', async () => {
    const exported = await parley(['export', '--format', 'json', '--site', 'a', '--db', db]);
    expect(exported.code).toBe(0);
    const file = exported.out.join('\n');
    const rows = (JSON.parse(file) as { comments: { thread: string; text: string }[] }).comments;
    expect(rows.map((c) => [c.thread, c.text])).toEqual([
      ['/about', 'Said on a'],
      ['/about', 'From a page of a'],
      ['/live', 'Live on a'],
    ]);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'a.json'), file);
    const other = join(dir, 'other.db');
    const imported = await parley(['import', join(dir, 'a.json'), '--site', 'blog', '--db', other]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out.at(-1)).toBe(`  into ${other}, site "blog"`);
    const again = await parley(['export', '--format', 'json', '--site', 'blog', '--db', other]);
    expect((JSON.parse(again.out.join('\n')) as { comments: { text: string }[] }).comments.map((c) => c.text)).toEqual(['Said on a', 'From a page of a', 'Live on a']);
    // Without --site, the default site: nothing of blog's.
    expect((JSON.parse((await parley(['export', '--format', 'json', '--db', other])).out.join('\n')) as { comments: unknown[] }).comments).toEqual([]);
    const wxr = await parley(['export', '--format', 'wxr', '--site', 'b', '--base-url', B, '--db', db]);
    expect(wxr.code, wxr.err).toBe(0);
    expect(wxr.out.join('\n')).toContain(`<link>${B}/about</link>`);
    expect(wxr.out.join('\n')).not.toContain('Said on a');
    expect((await parley(['export', '--site', 'Not A Name', '--db', db])).err).toContain('is not a site name');
  });
});

describe('a database from before sites', () => {
  it('keeps its comments under the default site, served with or without site= on one site, and as site=default among many', async () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    for (const step of SQLITE_MIGRATIONS.filter((m) => m.version < 16)) {
      old.exec(step.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, 0)').run(step.version);
    }
    old.prepare(`INSERT INTO comments (id, thread, root, status, name, email, avatar, text, created_at) VALUES ('old-1', '/about', 'old-1', 'published', 'Ada', 'ada@example.com', 'seed', 'Written before sites', 0)`).run();
    old.prepare(`INSERT INTO moderator_tokens (name, hash, created_at) VALUES ('ann', 'hash-of-ann', 0)`).run();
    old.close();

    const store = createSqliteStore({ file });
    expect(await store.desk.tokens()).toEqual([{ name: 'ann', hash: 'hash-of-ann', createdAt: 0 }]);
    const texts = async (res: Response) => ((await res.json()) as { comments: { text: string }[] }).comments.map((c) => c.text);
    // One site: exactly as before, and site=default is the same site; any other name is not.
    const single = setup({ store }).app;
    expect(await texts(await single.request('/api/v1/comments?thread=/about'))).toEqual(['Written before sites']);
    expect(await texts(await single.request('/api/v1/comments?thread=/about&site=default'))).toEqual(['Written before sites']);
    const other = await single.request('/api/v1/comments?thread=/about&site=blog');
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: { message: string } }).error.message).toContain('This server serves one site, "default"');
    // Many sites: the old comments are the default site's, and no other site's.
    const many = setup({ store, origins: [], sites: [{ name: 'default', origins: [A], settings: {} }, { name: 'b', origins: [B], settings: {} }] }).app;
    expect(await texts(await many.request('/api/v1/comments?thread=/about&site=default'))).toEqual(['Written before sites']);
    expect(await texts(await many.request('/api/v1/comments?thread=/about&site=b'))).toEqual([]);
    await store.close();
  });
});

describe('notifications of many sites', () => {
  it("name the comment's site beside its own thread id, in webhooks and in the owner's mail", async () => {
    const store = createMemoryStore();
    const { app } = setup({
      store,
      origins: [],
      moderation: 'all',
      notify: createNotifier({ webhooks: ['https://hooks.example/parley'], mail: true }),
      sites: [
        { name: 'default', origins: [A], settings: {} },
        { name: 'shop', origins: [B], settings: {} },
      ],
    });
    for (const site of ['default', 'shop']) {
      const res = await app.request(`/api/v1/comments?site=${site}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(comment({ text: `On ${site}` })) });
      expect(res.status).toBe(201);
    }
    const events = (await store.outbox.list({ limit: 10 })).filter((job) => job.kind === 'webhook').map((job) => (job.payload as WebhookJob).event.comment);
    expect(events.map((c) => [c.thread, c.site, c.text])).toEqual([
      ['/about', undefined, 'On default'],
      ['/about', 'shop', 'On shop'],
    ]);
    const mail = composeHeldMail({ event: 'comment.held', cause: 'posted', comment: { ...events[1]!, author: { name: 'Ada', email: 'ada@example.com', website: null }, createdAt: new Date(0).toISOString(), editedAt: null, status: 'pending' }, reasons: [] }, { approve: 'https://x/a', spam: 'https://x/s' }, 0, { from: 'p@x', to: 'o@x', publicUrl: 'https://comments.example' });
    expect(mail.subject).toBe('Held for moderation: Ada on /about (shop)');
    expect(mail.text).toContain('Site: shop');
  });
});

describe('per-site settings', () => {
  it("holds every comment on a site whose [sites.NAME] says moderation = all, and publishes on the other", async () => {
    const { app } = setup({
      origins: [],
      sites: [
        { name: 'a', origins: [A], settings: { moderation: 'all' } },
        { name: 'b', origins: [B], settings: { holdWords: ['casino'] } },
        { name: 'c', origins: ['https://c.example'], settings: {} },
      ],
    });
    const status = async (site: string, text = 'Hello') =>
      ((await (await app.request(`/api/v1/comments?site=${site}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(comment({ text })) })).json()) as { status: string }).status;
    expect(await status('a')).toBe('held');
    expect(await status('b')).toBe('published');
    // b's hold words are b's: they hold there, and nowhere else.
    expect(await status('b', 'Try the casino')).toBe('held');
    expect(await status('c', 'Try the casino')).toBe('published');
  });
});

describe('Webmentions on a server of two sites (a real process, a source page on 127.0.0.1)', () => {
  const TOKEN = 'sites-webmention-admin-token-0123456789';
  const pages = new Map<string, string>();
  const source = createServer((req, res) => {
    const page = pages.get(req.url ?? '');
    if (page === undefined) return void res.writeHead(404).end('not here');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><head><title>A page elsewhere</title></head><body>${page}</body></html>`);
  });
  let base = '';
  let url = '';
  let stop = async () => {};
  beforeAll(async () => {
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
    // a holds everything for a moderator ([sites.a] in the config file); b publishes.
    const config = join(dir, 'webmention-sites.toml');
    writeFileSync(config, `[sites.a]\norigin = "${A}"\nmoderation = "all"\n\n[sites.b]\norigin = ["${B}", "https://www.b.example"]\n`);
    const started = await spawnParley(['--db', join(dir, 'webmention.db'), '--config', config, '--admin-token', TOKEN, '--allow-private-sources', ...SCRIPTED]);
    url = started.url;
    stop = started.stop;
  }, 30_000);
  afterAll(async () => {
    await stop();
    await new Promise((resolve) => source.close(resolve));
  });

  const mention = (fields: Record<string, string>, query = '') =>
    fetch(`${url}/webmention${query}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  type Listed = { thread: { count: number }; comments: { kind?: string; thread: string; author: { name: string }; text: string }[] };
  const listed = async (site: string, thread: string) => (await (await fetch(`${url}/api/v1/comments?thread=${encodeURIComponent(thread)}&site=${site}`)).json()) as Listed;
  const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    let value = await read();
    for (let i = 0; i < 200 && !done(value); i++) {
      await new Promise((r) => setTimeout(r, 50));
      value = await read();
    }
    return value;
  };

  it("stores a mention of b's page in b's thread, by b's rules, and in no other site", async () => {
    pages.set('/on-b', `<div class="h-entry"><a class="p-author h-card" href="https://dora.example/">Dora</a><div class="e-content">About <a href="${B}/2026/ferry">the ferry</a></div></div>`);
    pages.set('/on-www-b', `<p>See <a href="https://www.b.example/about">this</a>.</p>`);
    expect((await mention({ source: `${base}/on-b`, target: `${B}/2026/ferry` })).status).toBe(202);
    expect((await mention({ source: `${base}/on-www-b`, target: 'https://www.b.example/about' })).status).toBe(202);
    const onB = await until(() => listed('b', '/2026/ferry'), (page) => page.comments.length > 0);
    expect(onB.comments).toMatchObject([{ kind: 'mention', thread: '/2026/ferry', author: { name: 'Dora' }, text: 'About the ferry' }]);
    expect(onB.thread.count).toBe(1);
    // b's other origin is b's too.
    expect((await until(() => listed('b', '/about'), (page) => page.comments.length > 0)).comments).toMatchObject([{ kind: 'mention' }]);
    // a's thread of the same id has none of it.
    expect(await listed('a', '/2026/ferry')).toMatchObject({ thread: { count: 0 }, comments: [] });
    expect((await fetch(`${url}/t?thread=/2026/ferry&site=b`).then((r) => r.text()))).toContain('About the ferry');
  });

  it("judges a mention of a's page by a's rules: held for a's moderator, not shown", async () => {
    pages.set('/on-a', `<p>Linking <a href="${A}/2026/ferry">a's ferry</a>.</p>`);
    expect((await mention({ source: `${base}/on-a`, target: `${A}/2026/ferry` })).status).toBe(202);
    const admin = (site: string) =>
      fetch(`${url}/api/v1/admin/comments?status=pending&site=${site}`, { headers: { authorization: `Bearer ${TOKEN}` } }).then(async (r) => ((await r.json()) as { comments: { thread: string; kind?: string }[] }).comments);
    expect(await until(() => admin('a'), (held) => held.length > 0)).toMatchObject([{ thread: '/2026/ferry', kind: 'mention' }]);
    expect(await admin('b')).toEqual([]);
    expect((await listed('a', '/2026/ferry')).comments).toEqual([]);
  });

  it('refuses a target on no site of the server with a sentence naming the sites, and a target of b sent to a', async () => {
    const foreign = await mention({ source: `${base}/on-b`, target: 'https://c.example/post' });
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      target: 'target is not a page of any site this server takes comments for: a (https://a.example), b (https://b.example, https://www.b.example).',
    });
    const crossed = await mention({ source: `${base}/on-b`, target: `${B}/2026/ferry` }, '?site=a');
    expect(crossed.status).toBe(400);
    expect(((await crossed.json()) as { error: { fields: Record<string, string> } }).error.fields.target).toBe('target is not a page of a site this server takes comments for (https://a.example).');
  });
});

describe("a reader's and the owner's mailed links on a server of many sites", () => {
  const TOKEN = 'sites-links-admin-token-0123456789';
  const SITES = [
    { name: 'default', origins: [A], settings: {} },
    { name: 'shop', origins: [B], settings: {} },
  ];

  it("act on the comment through its own site: the shop's thread and name on the page, the decision in the shop's log", async () => {
    const store = createMemoryStore();
    const { app, clock } = setup({ store, origins: [], moderation: 'all', adminToken: TOKEN, notify: createNotifier({ webhooks: [], mail: true }), sites: SITES });
    const res = await app.request('/api/v1/comments?site=shop', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(comment({ text: 'Held on the shop' })) });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { comment: { id: string } }).comment.id;
    // The owner's mail, as the worker writes it.
    const sent: { text: string }[] = [];
    const send = createMailSender({ transport: { sendMail: async (m) => void sent.push(m) }, from: 'p@x', to: 'o@x', publicUrl: 'https://comments.example', secret: async () => 'test-secret', now: () => clock.now });
    const [job] = (await store.outbox.list({ limit: 10 })).filter((j) => j.kind === 'mail');
    await send(job!);
    const approve = /^Approve: https:\/\/comments\.example(\/moderate\?\S+)$/m.exec(sent[0]!.text)![1]!;
    expect(approve).toMatch(/&site=shop$/);

    const shown = await app.request(approve);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain('<dt>Thread</dt><dd>/about</dd><dt>Site</dt><dd>shop</dd>');
    expect(html).not.toContain('\x1f');
    // A link without its site (mailed before links named it, or cut short) is sent on to the site's page, a POST with its form.
    const bare = approve.replace('&site=shop', '');
    const moved = await app.request(bare);
    expect(moved.status).toBe(307);
    expect(moved.headers.get('location')).toBe(`?${new URLSearchParams({ t: new URL(bare, 'https://x').searchParams.get('t')!, site: 'shop' })}`);
    const seen = /name="seen" value="([^"]+)"/.exec(html)![1]!;
    const form = new URLSearchParams({ t: new URL(approve, 'https://x').searchParams.get('t')!, seen }).toString();
    const movedPost = await app.request('/moderate', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(movedPost.status).toBe(307);
    expect(movedPost.headers.get('location')).toBe('?site=shop');

    const done = await app.request('/moderate?site=shop', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Approved: the comment is published.');
    const onShop = (await (await app.request('/api/v1/comments?thread=/about&site=shop')).json()) as { comments: { id: string }[] };
    expect(onShop.comments.map((c) => c.id)).toEqual([id]);
    const log = async (site: string) => JSON.stringify(await (await app.request(`/api/v1/admin/log?site=${site}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json());
    expect(await log('shop')).toContain('mail link');
    expect(await log('default')).not.toContain('mail link');
  });

  it("show a reader's comments on /my, in the JSON download and in reader mail by their site's own thread and the site's name", async () => {
    const store = createMemoryStore();
    const { app, clock } = setup({ store, origins: [], sites: SITES });
    for (const site of ['default', 'shop']) {
      const res = await app.request(`/api/v1/comments?site=${site}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(comment({ text: `Mine on ${site}` })) });
      expect(res.status).toBe(201);
    }
    const token = readerToken('test-secret', 'manage', 'ada@example.com', clock.now);
    const html = await (await app.request(`/my?t=${token}`)).text();
    expect(html).toContain('<b>/about (shop)</b>');
    expect(html).toContain('<b>/about (default)</b>');
    expect(html).not.toContain('\x1f');
    const mine = (await (await app.request(`/my/export?t=${token}`)).json()) as { comments: { site: string; thread: string; text: string }[] };
    expect(mine.comments.map((c) => [c.site, c.thread, c.text]).sort()).toEqual([
      ['default', '/about', 'Mine on default'],
      ['shop', '/about', 'Mine on shop'],
    ]);

    // Reader mail names the thread the same way and links the comment on its own site's page.
    const [row] = (await store.readers.commentsOf('ada@example.com', 10)).filter((c) => c.text === 'Mine on shop');
    const mail = commentsMail({ from: 'p@x', ...readerSite([], 'https://comments.example', SITES) }, 'r@x', [row!], { manage: 'https://m', unsubscribe: 'https://u' });
    expect(mail.text).toContain('Ada wrote on /about (shop)');
    expect(mail.text).toContain(`Read and reply: ${B}/about#comment-${row!.id}`);
    expect(mail.text).not.toContain('\x1f');
  });
});
