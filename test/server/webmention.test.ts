// Receiving Webmention (issue 18): POST /webmention's checks and its 202, the source fetch's guard
// (loopback, private and link-local addresses refused after DNS on every hop, size and time caps),
// and the processing of the webmention.rocks receiver cases, reproduced by a source site on
// 127.0.0.1: content types, redirects, updates and deletes. Then the whole way through a running
// server: POST → 202 → the outbox worker → the comment in the API and on the /t page.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDeps } from '../../src/server/deps.ts';
import { startServer } from '../../src/server/main.ts';
import { createMemoryStore } from '../../src/server/store/memory.ts';
import { fetchSource, refusedAddress, SOURCE_DEFAULTS, type SourceFetchOptions } from '../../src/server/webmention/fetch-source.ts';
import { createWebmentionProcessor, mentionKey } from '../../src/server/webmention/process.ts';
import { setup } from '../helpers/app.ts';

const TARGET = 'https://blog.example/2026/ferry';

/** The source site: each path's answer, changeable by a test (an update, a delete). */
const pages = new Map<string, (res: ServerResponse) => void>();
let site: Server;
let base = '';

const html = (body: string) => (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><head><title>A page elsewhere</title></head><body>${body}</body></html>`);
};

beforeAll(async () => {
  site = createServer((req, res) => {
    const page = pages.get(req.url!.split('?')[0]!);
    if (page) return page(res);
    res.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => site.close(() => resolve())));
beforeEach(() => pages.clear());

const loopback: SourceFetchOptions = { allowLoopback: true, ...SOURCE_DEFAULTS };

const mention = (app: ReturnType<typeof setup>['app'], fields: Record<string, string>, headers: Record<string, string> = {}) =>
  app.request('/webmention', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });

describe('POST /webmention', () => {
  it('accepts a source and a target on an allowed origin with 202, and queues the job for the worker', async () => {
    const { app, store } = setup();
    const res = await mention(app, { source: 'https://alice.example/reply', target: TARGET });
    expect(res.status).toBe(202);
    const jobs = await store.outbox.list({ limit: 10 });
    expect(jobs.map((j) => [j.kind, j.payload])).toEqual([['webmention', { source: 'https://alice.example/reply', target: TARGET, thread: '/2026/ferry' }]]);
  });

  it('refuses what is not a Webmention it takes, each with a sentence, and queues nothing', async () => {
    const { app, store } = setup();
    const cases: [Record<string, string>, string][] = [
      [{ target: TARGET }, 'source'],
      [{ source: 'javascript:alert(1)', target: TARGET }, 'source'],
      [{ source: 'https://alice.example/a', target: 'https://elsewhere.example/post' }, 'target'],
      [{ source: 'https://alice.example/a' }, 'target'],
      [{ source: TARGET, target: TARGET }, 'source'],
    ];
    for (const [fields, field] of cases) {
      const res = await mention(app, fields);
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields[field]).toMatch(/\.$/);
    }
    const json = await app.request('/webmention', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: 'https://a.example/', target: TARGET }) });
    expect(json.status).toBe(415);
    expect(await store.outbox.list({ limit: 10 })).toEqual([]);
  });

  it('counts receipts per client (--posts-per-minute) and answers 429 with Retry-After', async () => {
    const { app } = setup({ postsPerMinute: 2, clientAddress: () => '198.51.100.7' });
    for (let i = 0; i < 2; i++) expect((await mention(app, { source: `https://alice.example/${i}`, target: TARGET })).status).toBe(202);
    const res = await mention(app, { source: 'https://alice.example/3', target: TARGET });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the source fetch refuses the server\'s own networks', () => {
  it('judges addresses: loopback, private, link-local, reserved and IPv4-mapped ones refused; public ones allowed', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '64:ff9b::a00:1']) {
      expect(refusedAddress(address, false), address).toMatch(/refused|loopback/);
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34']) expect(refusedAddress(address, false), address).toBeNull();
    // The test switch opens loopback only.
    expect(refusedAddress('127.0.0.1', true)).toBeNull();
    expect(refusedAddress('::1', true)).toBeNull();
    expect(refusedAddress('10.0.0.1', true)).not.toBeNull();
    expect(refusedAddress('169.254.169.254', true)).not.toBeNull();
  });

  it('refuses a loopback source without the test switch, and fetches it with it', async () => {
    pages.set('/p', html(`<a href="${TARGET}">a link</a>`));
    const refused = await fetchSource(`${base}/p`, { ...loopback, allowLoopback: false });
    expect(refused).toMatchObject({ ok: false, permanent: true });
    expect((refused as { reason: string }).reason).toMatch(/^refused: 127\.0\.0\.1/);
    expect(await fetchSource(`${base}/p`, loopback)).toMatchObject({ ok: true, status: 200, contentType: 'text/html' });
  });

  it('checks every redirect hop: to a link-local address, and to a name that resolves to a private one', async () => {
    pages.set('/to-metadata', (res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    pages.set('/to-name', (res) => res.writeHead(301, { location: 'http://intranet.test/' }).end());
    pages.set('/to-mixed', (res) => res.writeHead(307, { location: 'http://mixed.test/' }).end());
    const resolved: string[] = [];
    const resolve = async (hostname: string) => {
      resolved.push(hostname);
      if (hostname === 'intranet.test') return [{ address: '10.0.0.5', family: 4 }];
      if (hostname === 'mixed.test') return [{ address: '93.184.216.34', family: 4 }, { address: '192.168.0.10', family: 4 }];
      return [{ address: '127.0.0.1', family: 4 }];
    };
    expect(await fetchSource(`${base}/to-metadata`, loopback)).toMatchObject({ ok: false, permanent: true, reason: expect.stringMatching(/^refused: 169\.254\.169\.254/) });
    expect(await fetchSource(`${base}/to-name`, { ...loopback, resolve })).toMatchObject({ ok: false, permanent: true, reason: expect.stringMatching(/^refused: intranet\.test resolves to 10\.0\.0\.5/) });
    expect(await fetchSource(`${base}/to-mixed`, { ...loopback, resolve })).toMatchObject({ ok: false, permanent: true, reason: expect.stringMatching(/192\.168\.0\.10/) });
    expect(resolved).toEqual(['intranet.test', 'mixed.test']);
  });

  it('caps redirects, size and time, and refuses schemes other than http(s)', async () => {
    pages.set('/loop', (res) => res.writeHead(302, { location: '/loop' }).end());
    pages.set('/huge', (res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('x'.repeat(2 * 1024 * 1024));
    });
    pages.set('/slow', () => {}); // never answers
    pages.set('/to-file', (res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    expect(await fetchSource(`${base}/loop`, loopback)).toMatchObject({ ok: false, reason: 'more than 5 redirects' });
    expect(await fetchSource(`${base}/huge`, loopback)).toMatchObject({ ok: false, permanent: true, reason: expect.stringContaining('larger than 1048576 bytes') });
    expect(await fetchSource(`${base}/slow`, { ...loopback, timeoutMs: 300 })).toMatchObject({ ok: false, permanent: false, reason: 'timeout after 300 ms' });
    expect(await fetchSource(`${base}/to-file`, loopback)).toMatchObject({ ok: false, permanent: true, reason: 'file:///etc/passwd is not an http(s) address' });
  });
});

describe('processing a Webmention (the webmention.rocks receiver cases, locally)', () => {
  const make = (over: Parameters<typeof setup>[0] = {}) => {
    const t = setup(over);
    const deps = createDeps({ store: t.store, origins: ['https://blog.example'], moderation: 'publish', maxLinks: 2, secret: 'test-secret', now: () => t.clock.now, ...over });
    const processMention = createWebmentionProcessor(deps, (url) => fetchSource(url, loopback));
    const run = (path: string, target = TARGET) => processMention({ payload: { source: `${base}${path}`, target, thread: new URL(target).pathname } });
    const stored = (path: string, thread = '/2026/ferry') => t.store.comments.getByIdempotencyKey(mentionKey(`${base}${path}`, thread));
    const listed = async () => (await (await t.app.request('/api/v1/comments?thread=/2026/ferry')).json()).comments;
    return { ...t, run, stored, listed };
  };

  it('stores an HTML h-entry as a mention: author name and URL, content as text, no photo, and the source', async () => {
    pages.set(
      '/entry',
      html(`<article class="h-entry"><span class="p-author h-card"><img class="u-photo" src="https://alice.example/me.jpg" alt=""><a class="u-url p-name" href="https://alice.example/">Alice</a></span>
        <div class="e-content">Great post! <script>alert(1)</script><b>bold</b> — see <a href="${TARGET}">the ferry</a>.</div></article>`),
    );
    const t = make();
    expect(await t.run('/entry')).toBe('created');
    const [c] = await t.listed();
    expect(c).toMatchObject({ kind: 'mention', source: `${base}/entry`, author: { name: 'Alice', website: 'https://alice.example/' }, parent: null });
    expect(c.inReplyTo).toBeUndefined();
    expect(c.text).toContain('Great post!');
    expect(c.text).toContain('bold — see the ferry.');
    expect(JSON.stringify(c)).not.toContain('me.jpg');
    // On the /t page: under "Mentions", its words as text, its date linking to the source.
    const page = await (await t.app.request('/t?thread=/2026/ferry')).text();
    expect(page).toContain('<h3>Mentions</h3>');
    expect(page).toContain(`<a href="${base}/entry" rel="nofollow ugc noopener"><time`);
    expect(page).not.toContain('<script>alert');
  });

  it('stores an h-entry in reply to the target as a reply', async () => {
    pages.set('/reply', html(`<div class="h-entry"><a class="u-in-reply-to" href="${TARGET}">In reply to</a><p class="p-author h-card">Bob</p><p class="e-content">I disagree.</p></div>`));
    const t = make();
    await t.run('/reply');
    expect((await t.listed())[0]).toMatchObject({ kind: 'mention', inReplyTo: true, author: { name: 'Bob', website: null }, text: 'I disagree.' });
  });

  it('takes text/plain and JSON sources that contain the target, and refuses a page without a link to it', async () => {
    pages.set('/plain', (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`I liked ${TARGET} a lot`));
    pages.set('/json', (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ links: [TARGET] })));
    pages.set('/nolink', html('<div class="h-entry"><p class="e-content">Nothing to see</p></div>'));
    pages.set('/image', (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(TARGET));
    const t = make();
    expect(await t.run('/plain')).toBe('created');
    expect(await t.run('/json')).toBe('created');
    expect(await t.run('/nolink')).toBe('ignored');
    expect(await t.run('/image')).toBe('ignored');
    expect((await t.listed()).map((c: { source: string }) => c.source)).toEqual([`${base}/plain`, `${base}/json`]);
  });

  it('follows a redirect to the page that links, and keeps the source as sent', async () => {
    pages.set('/old', (res) => res.writeHead(301, { location: '/new' }).end());
    pages.set('/new', html(`<p class="h-entry"><span class="p-name">Moved</span> <a href="${TARGET}">link</a></p>`));
    const t = make();
    expect(await t.run('/old')).toBe('created');
    expect((await t.listed())[0]).toMatchObject({ source: `${base}/old` });
  });

  it('updates the mention when it is sent again with new content, once', async () => {
    pages.set('/edit', html(`<div class="h-entry"><p class="e-content">First words <a href="${TARGET}">here</a></p></div>`));
    const t = make();
    await t.run('/edit');
    t.clock.now += 60_000;
    pages.set('/edit', html(`<div class="h-entry"><p class="p-author h-card">Carol</p><p class="e-content">Second words <a href="${TARGET}">here</a></p></div>`));
    expect(await t.run('/edit')).toBe('updated');
    expect(await t.run('/edit')).toBe('unchanged');
    const list = await t.listed();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ text: 'Second words here', author: { name: 'Carol' }, editedAt: new Date(t.clock.now).toISOString() });
  });

  it('removes the mention when the source is gone (410) or no longer links, and takes it back when it links again', async () => {
    pages.set('/gone', html(`<a href="${TARGET}">x</a>`));
    pages.set('/unlinked', html(`<a href="${TARGET}">x</a>`));
    const t = make();
    await t.run('/gone');
    await t.run('/unlinked');
    expect(await t.listed()).toHaveLength(2);
    pages.set('/gone', (res) => res.writeHead(410).end());
    pages.set('/unlinked', html('<p>The link was taken out.</p>'));
    expect(await t.run('/gone')).toBe('removed');
    expect(await t.run('/unlinked')).toBe('removed');
    expect(await t.listed()).toEqual([]);
    expect((await t.stored('/gone'))!.status).toBe('deleted');
    pages.set('/unlinked', html(`<a href="${TARGET}">back</a>`));
    expect(await t.run('/unlinked')).toBe('updated');
    expect(await t.listed()).toHaveLength(1);
  });

  it('applies the same moderation: held under --moderation all, and spam words', async () => {
    pages.set('/held', html(`<a href="${TARGET}">x</a> fine words`));
    pages.set('/spam', html(`<div class="h-entry"><p class="e-content">cheap pills <a href="${TARGET}">x</a></p></div>`));
    const held = make({ moderation: 'all' });
    await held.run('/held');
    expect((await held.stored('/held'))!.status).toBe('pending');
    expect(await held.listed()).toEqual([]);
    const spam = make({ spamWords: ['cheap pills'] });
    await spam.run('/spam');
    expect((await spam.stored('/spam'))!.status).toBe('spam');
  });

  it('is retried when the source is down, and given up when it is refused', async () => {
    const t = make();
    pages.set('/down', (res) => res.writeHead(503).end());
    await expect(t.run('/down')).rejects.toThrow(/HTTP 503/);
    const refused = createWebmentionProcessor(createDeps({ store: t.store, origins: ['https://blog.example'] }), (url) => fetchSource(url, { ...loopback, allowLoopback: false }));
    await expect(refused({ payload: { source: `${base}/down`, target: TARGET, thread: '/2026/ferry' } })).rejects.toMatchObject({ name: 'Error', message: expect.stringMatching(/refused: 127\.0\.0\.1/) });
  });
});

describe('Webmention through a running server', () => {
  it('answers 202 and the worker stores the mention, which the API and the /t page then show', async () => {
    pages.set('/e2e', html(`<div class="h-entry"><a class="p-author h-card" href="https://dora.example/">Dora</a><div class="e-content">Linked from my blog: <a href="${TARGET}">the ferry</a></div></div>`));
    const server = await startServer({ port: 0, host: '127.0.0.1', store: createMemoryStore(), origins: ['https://blog.example'], allowPrivateSources: true, outboxIntervalMs: 50, logger: { info: () => {}, error: () => {} } });
    try {
      const res = await fetch(`${server.url}/webmention`, { method: 'POST', body: new URLSearchParams({ source: `${base}/e2e`, target: TARGET }) });
      expect(res.status).toBe(202);
      let comments: { author: { name: string }; kind?: string }[] = [];
      for (let i = 0; i < 200 && !comments.length; i++) {
        await new Promise((r) => setTimeout(r, 25));
        comments = (await (await fetch(`${server.url}/api/v1/comments?thread=/2026/ferry`)).json()).comments;
      }
      expect(comments).toMatchObject([{ kind: 'mention', author: { name: 'Dora' } }]);
      expect(await (await fetch(`${server.url}/t?thread=/2026/ferry`)).text()).toContain('Linked from my blog: the ferry');
    } finally {
      await server.close();
    }
  });

  it('refuses a loopback source without --allow-private-sources: nothing is stored', async () => {
    pages.set('/e2e', html(`<a href="${TARGET}">x</a>`));
    const store = createMemoryStore();
    const server = await startServer({ port: 0, host: '127.0.0.1', store, origins: ['https://blog.example'], outboxIntervalMs: 50, logger: { info: () => {}, error: () => {} } });
    try {
      expect((await fetch(`${server.url}/webmention`, { method: 'POST', body: new URLSearchParams({ source: `${base}/e2e`, target: TARGET }) })).status).toBe(202);
      let dead: { lastError: string | null }[] = [];
      for (let i = 0; i < 200 && !dead.length; i++) {
        await new Promise((r) => setTimeout(r, 25));
        dead = await store.outbox.list({ dead: true, limit: 10 });
      }
      expect(dead[0]!.lastError).toMatch(/refused: 127\.0\.0\.1/);
      expect((await (await fetch(`${server.url}/api/v1/comments?thread=/2026/ferry`)).json()).comments).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
