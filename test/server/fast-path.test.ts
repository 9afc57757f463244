// Issue 22: kept reads are answered before Hono (src/server/fast-path.ts). The promise is that a
// reader cannot tell: for every request, the fast path's answer is the one Hono would give (status,
// every header but Date, every byte of the body), and it is never stale after any kind of write,
// whether made through this server, another instance, or another process on the same SQLite file.
// Two real servers on one store: A as shipped (fast path on), B with every request through Hono.
import { readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/main.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import type { Store } from '../../src/server/store/store.ts';
import { runCli } from '../helpers/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-fast-'));
const dist = join(__dirname, '..', '..', 'dist');
const ORIGIN = 'https://blog.example';
const ADMIN = 'fast-path-admin-token-0123456789';
let db: string;
let store: Store;
let fast: Awaited<ReturnType<typeof startServer>>;
let hono: Awaited<ReturnType<typeof startServer>>;

interface Raw {
  status: number;
  /** [name, value] as sent, Date left out (it is the time of sending). */
  headers: [string, string][];
  body: Buffer;
}

/** One request as a client sends it, and the answer as it came over the wire (no decompression). */
function raw(base: string, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Raw> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const pairs: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i]!.toLowerCase() !== 'date') pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode!, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = (r: Raw) => JSON.parse(r.body.toString()) as any;

/** Asks A (fast path) and B (Hono only) the same thing and expects the same answer, to the byte. */
async function same(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  const a = await raw(fast.url, path, headers);
  const b = await raw(hono.url, path, headers);
  expect({ path, headers, status: a.status, head: a.headers }).toEqual({ path, headers, status: b.status, head: b.headers });
  expect(a.body.equals(b.body), `${path} ${JSON.stringify(headers)}: bodies differ`).toBe(true);
  return a;
}

let keys = 0;
async function postTo(base: string, over: Record<string, unknown> = {}) {
  const res = await raw(base, '/api/v1/comments', {}, 'POST', JSON.stringify({ thread: '/a', text: `Comment ${++keys}, long enough to matter for compression. `.repeat(8), name: 'Ada', email: 'ada@example.com', idempotencyKey: `fast-${keys}`, ...over }));
  expect(res.status, res.body.toString()).toBe(201);
  return json(res) as { comment: { id: string }; editToken: string; status: string };
}

beforeAll(async () => {
  db = join(dir, 'fast.db');
  store = createSqliteStore({ file: db });
  const options = {
    store,
    port: 0,
    host: '127.0.0.1',
    origins: [ORIGIN],
    adminToken: ADMIN,
    minSubmitSeconds: 0,
    floodSeconds: 0,
    postsPerMinute: 0,
    assetsDir: dist,
    logger: { info: () => {}, error: () => {} },
  };
  fast = await startServer(options);
  hono = await startServer({ ...options, fastReads: false });
  for (let i = 0; i < 12; i++) await postTo(fast.url);
  await postTo(fast.url, { thread: '/b' });
});

afterAll(async () => {
  await fast?.close();
  await hono?.close();
  rmSync(dir, { recursive: true, force: true });
});

const page = '/api/v1/comments?thread=%2Fa';
const counts = `/api/v1/counts?${['/a', '/b', '/none', '/a', '__proto__'].map((t) => `thread=${encodeURIComponent(t)}`).join('&')}`;
const chunk = `/chunks/${readdirSync(join(dist, 'chunks'))[0]}`;

describe('the fast path answers as Hono does', () => {
  it('sends the same status, headers and bytes for every kind of cacheable read and client', async () => {
    const before = fast.readStats().fastPath;
    const etag = (await raw(hono.url, page)).headers.find(([n]) => n === 'etag')![1];
    const jsEtag = (await raw(hono.url, '/parley.js', { 'accept-encoding': 'br' })).headers.find(([n]) => n === 'etag')![1];
    const paths = [page, `${page}&limit=2`, `${page}&limit=2&sort=newest`, `${page}&limit=999&unknown=1`, '/api/v1/comments?thread=/a&limit=3', counts, '/parley.js', '/count.js', '/i18n/uk.js', chunk, '/parley.js?v=1'];
    const clients: Record<string, string>[] = [
      {},
      { origin: ORIGIN },
      { origin: ORIGIN.toUpperCase() },
      { origin: 'https://elsewhere.example' },
      { origin: 'http://127.0.0.1' },
      { 'accept-encoding': 'gzip, deflate, br, zstd', origin: ORIGIN },
      { 'accept-encoding': 'gzip' },
      { 'accept-encoding': 'br;q=0, gzip;q=0.5' },
      { 'accept-encoding': 'identity' },
      { 'if-none-match': etag, origin: ORIGIN },
      { 'if-none-match': `"nope", ${etag}`, 'accept-encoding': 'br' },
      { 'if-none-match': etag.replace(/^W\//, '') },
      { 'if-none-match': '*' },
      { 'if-none-match': '"stale"' },
      { 'if-none-match': jsEtag, 'accept-encoding': 'br' },
    ];
    // Twice each: the first may fill the cache (through Hono on A too), the second is a kept answer.
    for (let round = 0; round < 2; round++) for (const path of paths) for (const headers of clients) await same(path, headers);
    const after = fast.readStats().fastPath;
    // It really was the fast path that answered A's kept reads.
    expect(after.pages - before.pages).toBeGreaterThan(paths.length);
    expect(after.notModified - before.notModified).toBeGreaterThan(4);
    expect(after.counts - before.counts).toBeGreaterThan(clients.length);
    expect(after.assets - before.assets).toBeGreaterThan(clients.length * 4);
  });

  it('leaves to Hono what it does not keep, with the same answers', async () => {
    const odd = [
      '/api/v1/comments',
      '/api/v1/comments?thread=',
      '/api/v1/comments?thread=%2Fa&sort=best',
      '/api/v1/comments?thread=%2Fa&cursor=nonsense',
      '/api/v1/comments?thread=%2Fa&parent=unknown',
      '/api/v1/comments/?thread=%2Fa',
      '/api/v1/comments?thread=%2Fa%zz',
      "/api/v1/comments?thread=/a'b",
      '/api/v1/comments?thread=%2Fa+b&thread=%2Fb',
      '/api/v1/comments?thread=/x/../a',
      `/api/v1/counts?${Array.from({ length: 101 }, (_, i) => `thread=t${i}`).join('&')}`,
      '/api/v1/counts?thread=%01',
      '/api/v1/counts',
      '/parley.jsx',
      '/i18n/../parley.js',
      '/chunks/edit-00000000.js',
      '/healthz',
    ];
    for (let round = 0; round < 2; round++) for (const path of odd) await same(path, { origin: ORIGIN });
    // A HEAD and a preflight are Hono's, on both.
    for (const base of [fast.url, hono.url]) {
      expect((await raw(base, page, { origin: ORIGIN }, 'HEAD')).status).toBe(200);
      expect((await raw(base, page, { origin: ORIGIN, 'access-control-request-method': 'GET' }, 'OPTIONS')).status).toBe(204);
    }
  });
});

describe('a page only revalidated', () => {
  it('is kept after its first 304, so the next revalidation is the fast path\'s (a restarted or second instance)', async () => {
    // Another instance on the same file, which has rendered nothing: its readers only revalidate.
    const cold = await startServer({ store: createSqliteStore({ file: db }), port: 0, host: '127.0.0.1', origins: [ORIGIN], logger: { info: () => {}, error: () => {} } });
    try {
      const etag = (await raw(fast.url, page)).headers.find(([n]) => n === 'etag')![1];
      const before = cold.readStats().fastPath.notModified;
      expect((await raw(cold.url, page, { 'if-none-match': etag })).status).toBe(304);
      expect(cold.readStats().fastPath.notModified).toBe(before);
      await expect.poll(() => cold.readStats().cache.entries).toBeGreaterThan(0);
      expect((await raw(cold.url, page, { 'if-none-match': etag })).status).toBe(304);
      expect(cold.readStats().fastPath.notModified).toBe(before + 1);
    } finally {
      await cold.close();
    }
  });
});

describe('no kept answer outlives a write', () => {
  /** Fills A's cache for the page and counts, then runs `write`, then expects A to agree with B. */
  async function afterWrite(write: () => Promise<unknown>, thread = '/a') {
    const path = `/api/v1/comments?thread=${encodeURIComponent(thread)}`;
    const countsPath = `/api/v1/counts?thread=${encodeURIComponent(thread)}&thread=%2Fb`;
    const etag = (await same(path)).headers.find(([n]) => n === 'etag')![1];
    await same(path, { 'accept-encoding': 'br' });
    const countsBefore = (await same(countsPath)).body.toString();
    const pageBefore = (await raw(fast.url, path)).body.toString();
    await write();
    const now = await same(path);
    await same(path, { 'accept-encoding': 'br' });
    const revalidated = await same(path, { 'if-none-match': etag });
    const countsAfter = (await same(countsPath)).body.toString();
    return { changed: now.body.toString() !== pageBefore, revalidated: revalidated.status, countsChanged: countsAfter !== countsBefore };
  }

  it('shows a new comment on the next read, and its count', async () => {
    const r = await afterWrite(() => postTo(fast.url));
    expect(r).toEqual({ changed: true, revalidated: 200, countsChanged: true });
  });

  it('shows a comment posted through another instance on the same store', async () => {
    expect(await afterWrite(() => postTo(hono.url))).toEqual({ changed: true, revalidated: 200, countsChanged: true });
  });

  it('shows an author\'s edit and delete', async () => {
    const mine = await postTo(fast.url);
    const auth = { authorization: `Bearer ${mine.editToken}` };
    const edited = await afterWrite(async () => {
      const res = await raw(fast.url, `/api/v1/comments/${mine.comment.id}`, auth, 'PATCH', JSON.stringify({ text: 'Edited through the API, and longer than before.' }));
      expect(res.status).toBe(200);
    });
    expect(edited).toMatchObject({ changed: true, revalidated: 200 });
    const removed = await afterWrite(async () => expect((await raw(fast.url, `/api/v1/comments/${mine.comment.id}`, auth, 'DELETE')).status).toBe(204));
    expect(removed).toEqual({ changed: true, revalidated: 200, countsChanged: true });
  });

  it('shows a moderator\'s approve, spam and delete', async () => {
    const admin = { authorization: `Bearer ${ADMIN}` };
    const act = (action: string, ids: string[]) => raw(fast.url, '/api/v1/admin/comments/actions', admin, 'POST', JSON.stringify({ action, ids }));
    const one = await postTo(fast.url);
    expect(await afterWrite(async () => expect((await act('spam', [one.comment.id])).status).toBe(200))).toEqual({ changed: true, revalidated: 200, countsChanged: true });
    expect(await afterWrite(async () => expect((await act('approve', [one.comment.id])).status).toBe(200))).toEqual({ changed: true, revalidated: 200, countsChanged: true });
    expect(await afterWrite(async () => expect((await act('delete', [one.comment.id])).status).toBe(200))).toEqual({ changed: true, revalidated: 200, countsChanged: true });
  });

  it('follows an alias made by another process on the same SQLite file (parley alias)', async () => {
    await postTo(fast.url, { thread: '/old' });
    const r = await afterWrite(async () => {
      const cli = await runCli(['alias', '/old', '/b', '--db', db]);
      expect(cli.status, cli.stderr).toBe(0);
    }, '/old');
    expect(r).toEqual({ changed: true, revalidated: 200, countsChanged: true });
    const after = json(await raw(fast.url, '/api/v1/comments?thread=%2Fold'));
    expect(after.thread.id).toBe('/b');
  });

  it('sees a comment written by another process straight into the SQLite file', async () => {
    const r = await afterWrite(async () => {
      const other = createSqliteStore({ file: db });
      try {
        await other.comments.insert({
          id: 'from-another-process',
          thread: '/a',
          parent: null,
          root: 'from-another-process',
          status: 'published',
          name: 'Bo',
          email: 'bo@example.com',
          website: null,
          avatar: 'seed',
          text: 'Written by another connection.',
          createdAt: Date.now(),
          editedAt: null,
          clientHash: null,
          reasons: [],
          idempotencyKey: null,
          fingerprint: null,
        });
      } finally {
        await other.close();
      }
    });
    expect(r).toEqual({ changed: true, revalidated: 200, countsChanged: true });
  });
});
