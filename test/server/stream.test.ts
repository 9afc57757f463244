// Live updates (issue 16 item 6): GET /api/v1/stream?thread=ID on a real server. A published comment
// reaches every stream of its thread as event `comment` with its public form; held comments,
// other threads and email addresses never travel; an approval does; a client that comes back with
// Last-Event-ID gets what it missed; past --max-streams the answer is 503 with Retry-After; closing
// the server finishes the streams. On PostgreSQL, a comment posted through one instance reaches the
// streams of another (LISTEN/NOTIFY).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerOptions } from '../../src/server/main.ts';
import { createPostgresStore } from '../../src/server/store/postgres.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import { createTestDatabase, pgAvailable } from '../helpers/pg.ts';
import { openSse, type SseStream } from '../helpers/sse.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-stream-'));
const ADMIN = 'stream-admin-token-0123456789';
const quiet = { info: () => {}, error: () => {} };
const streams: SseStream[] = [];
const servers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const s of streams) s.close();
  for (const s of servers) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
async function start(over: Partial<ServerOptions> = {}) {
  const server = await startServer({
    store: createSqliteStore({ file: join(dir, `s${++n}.db`) }),
    port: 0,
    host: '127.0.0.1',
    origins: ['https://blog.example'],
    adminToken: ADMIN,
    minSubmitSeconds: 0,
    floodSeconds: 0,
    postsPerMinute: 0,
    logger: quiet,
    ...over,
  });
  servers.push(server);
  return server;
}

let keys = 0;
async function postTo(url: string, over: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread: '/a', text: `Live comment number ${++keys}.`, name: 'Ada', email: 'ada.secret@example.com', idempotencyKey: `live-${keys}`, ...over }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { comment: { id: string; text: string }; status: string };
}

async function stream(url: string, thread = '/a', headers: Record<string, string> = {}) {
  const s = await openSse(`${url}/api/v1/stream?thread=${encodeURIComponent(thread)}`, headers);
  streams.push(s);
  // The server writes ": open" once the stream is registered.
  await expect.poll(() => s.raw(), { timeout: 5_000 }).toContain(': open');
  return s;
}

describe('GET /api/v1/stream', () => {
  it("sends each new published comment of its thread to every open stream, never another thread's, and no email", async () => {
    const server = await start();
    const [one, two, other] = [await stream(server.url), await stream(server.url), await stream(server.url, '/b')];
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(one.headers.get('cache-control')).toBe('no-cache');
    // Each stream starts with `ready`: how far the thread has got (no comment yet: 0).
    expect(await one.nth(0, 5_000, 'ready')).toEqual({ event: 'ready', id: '0', data: '0' });
    const posted = await postTo(server.url);
    const [a, b] = await Promise.all([one.nth(0), two.nth(0)]);
    expect(a.event).toBe('comment');
    expect(JSON.parse(a.data)).toMatchObject({ id: posted.comment.id, thread: '/a', text: posted.comment.text, author: { name: 'Ada' } });
    expect(b.data).toBe(a.data);
    expect(Number(a.id)).toBeGreaterThan(0);
    expect(one.raw()).not.toContain('ada.secret');
    await postTo(server.url, { thread: '/b' });
    expect(JSON.parse((await other.nth(0)).data).thread).toBe('/b');
    expect(one.of('comment')).toHaveLength(1);
  });

  it("carries the site owner's comment posted from the desk, with the owner's badge (issue 16 item 4)", async () => {
    const server = await start({ ownerName: 'Olga Owner' });
    const s = await stream(server.url);
    const reader = await postTo(server.url);
    expect(JSON.parse((await s.nth(0)).data).author.badge).toBeNull();
    const res = await fetch(`${server.url}/api/v1/admin/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ thread: '/a', parent: reader.comment.id, text: 'Thanks for asking.' }),
    });
    expect(res.status).toBe(201);
    const owner = JSON.parse((await s.nth(1)).data);
    expect(owner).toMatchObject({ parent: reader.comment.id, text: 'Thanks for asking.', author: { name: 'Olga Owner', badge: 'Author' } });
  });

  it('keeps a held comment off the stream until a moderator approves it', async () => {
    const server = await start({ moderation: 'all' });
    const s = await stream(server.url);
    const held = await postTo(server.url);
    expect(held.status).toBe('held');
    const res = await fetch(`${server.url}/api/v1/admin/comments/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', ids: [held.comment.id] }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse((await s.nth(0)).data).id).toBe(held.comment.id);
    expect(s.of('comment')).toHaveLength(1);
  });

  it('sends a client that comes back with Last-Event-ID the comments it missed, in order', async () => {
    const server = await start();
    const s = await stream(server.url);
    await postTo(server.url);
    const seen = await s.nth(0);
    s.close();
    const missed = [await postTo(server.url), await postTo(server.url)];
    // A new stream's `ready` names the newest comment, so a client that closed its stream itself
    // (a hidden tab) can ask from there later.
    const fresh = await stream(server.url);
    expect(Number((await fresh.nth(0, 5_000, 'ready')).id)).toBeGreaterThan(Number(seen.id));
    const again = await stream(server.url, '/a', { 'last-event-id': seen.id });
    const got = [await again.nth(0), await again.nth(1)];
    expect(got.map((e) => JSON.parse(e.data).id)).toEqual(missed.map((m) => m.comment.id));
    expect(Number(got[1]!.id)).toBeGreaterThan(Number(got[0]!.id));
    // The same through the query, for a client that reopens the stream itself.
    const byQuery = await openSse(`${server.url}/api/v1/stream?thread=%2Fa&lastEventId=${got[0]!.id}`);
    streams.push(byQuery);
    expect(JSON.parse((await byQuery.nth(0)).data).id).toBe(missed[1]!.comment.id);
  });

  it('answers 503 with Retry-After past --max-streams, and takes new streams again once one closes', async () => {
    const server = await start({ maxStreams: 2 });
    const first = await stream(server.url);
    await stream(server.url, '/b');
    const full = await fetch(`${server.url}/api/v1/stream?thread=%2Fa`);
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('30');
    expect(((await full.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('2 live streams') });
    first.close();
    await expect.poll(async () => (await fetch(`${server.url}/api/v1/stream?thread=%2Fa`, { method: 'HEAD' }).catch(() => null))?.status ?? 0, { timeout: 5_000 }).not.toBe(503);
  });

  it('refuses a stream without a thread with 400', async () => {
    const server = await start();
    expect((await fetch(`${server.url}/api/v1/stream`)).status).toBe(400);
  });

  it('finishes its open streams when the server closes', async () => {
    const server = await start();
    const s = await stream(server.url);
    await server.close();
    await s.ended;
    expect(s.of('comment')).toEqual([]);
  });
});

const pg = await pgAvailable('live updates across PostgreSQL instances');
describe.skipIf(!pg)('GET /api/v1/stream on PostgreSQL', () => {
  it('delivers a comment posted through one instance to the streams of another', async () => {
    const db = await createTestDatabase('parley_stream');
    try {
      const a = await start({ store: await createPostgresStore({ url: db.url, poolSize: 2 }) });
      const b = await start({ store: await createPostgresStore({ url: db.url, poolSize: 2 }) });
      const s = await stream(b.url);
      // b's listener connects when its first stream opens.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const posted = await postTo(a.url);
      expect(JSON.parse((await s.nth(0)).data).id).toBe(posted.comment.id);
      await a.close();
      await b.close();
    } finally {
      await db.drop();
    }
  });
});
