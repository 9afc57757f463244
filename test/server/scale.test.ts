// Parley issue 6 / DESIGN "Scale": two real server processes on one PostgreSQL database behave as
// one server. Every client below is a loopback address of its own (127.0.0.x), so the rate limit
// of one test does not spend another's budget, and "one client" is one address on both instances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueBody as postBody } from '../helpers/http.ts';
import { NO_FORM_TIMING, startInstance, type Instance } from '../helpers/server.ts';
import { createTestDatabase, pgAvailable } from '../helpers/pg.ts';

const available = await pgAvailable('Two instances on one PostgreSQL database');
const ADMIN = 'scale-admin-token';
const auth = { authorization: `Bearer ${ADMIN}` };

describe.skipIf(!available)('two instances on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    db = await createTestDatabase('parley_scale');
    const flags = ['--db', db.url, '--posts-per-minute', '3', '--admin-token', ADMIN, '--pool-size', '4', ...NO_FORM_TIMING];
    // Both at once: their migrations meet on the advisory lock.
    [a, b] = await Promise.all([startInstance(flags), startInstance(flags)]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  const post = (via: Instance, body: Record<string, unknown>, from: string) => call(via.url, 'POST', '/api/v1/comments', { body, from });
  const list = (via: Instance, thread: string, headers?: Record<string, string>) =>
    call(via.url, 'GET', `/api/v1/comments?thread=${encodeURIComponent(thread)}`, { headers });
  const count = async (via: Instance, thread: string) => (await call(via.url, 'GET', `/api/v1/counts?thread=${encodeURIComponent(thread)}`)).body.counts[thread];

  it('reads a comment through one instance the moment it was posted through the other', async () => {
    const posted = await post(a, postBody('/scale/read'), '127.0.0.11');
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body.status).toBe('published');
    const read = await list(b, '/scale/read');
    expect(read.status).toBe(200);
    expect(read.body.thread.count).toBe(1);
    expect(read.body.comments.map((c: { id: string }) => c.id)).toEqual([posted.body.comment.id]);
  });

  it('accepts an edit token from one instance on the other (the secret is shared through the store)', async () => {
    const posted = await post(a, postBody('/scale/edit'), '127.0.0.12');
    expect(posted.status).toBe(201);
    const edited = await call(b.url, 'PATCH', `/api/v1/comments/${posted.body.comment.id}`, {
      body: { text: 'Edited through the other instance.' },
      headers: { authorization: `Bearer ${posted.body.editToken}` },
      from: '127.0.0.12',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.text).toBe('Edited through the other instance.');
    expect(posted.body.comment.author.avatar).toBe(edited.body.author.avatar);
  });

  it('stores one comment when the same idempotency key reaches both instances at once', async () => {
    const body = postBody('/scale/idempotent');
    // Three rounds of both instances at once: enough for the requests to overlap in the store.
    const replies = await Promise.all([a, b, a, b, a, b].map((via, i) => post(via, body, `127.0.0.${20 + i}`)));
    const stored = replies.filter((r) => r.status === 200 || r.status === 201);
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(stored.map((r) => r.body.comment.id)).size).toBe(1);
    expect(new Set(stored.map((r) => r.body.editToken)).size).toBe(1);
    // Every one is the comment or its replay: a request that looked the key up before its twin
    // committed and then met the duplicate rule looks the key up again and replays it.
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(await count(a, '/scale/idempotent')).toBe(1);
    expect(await count(b, '/scale/idempotent')).toBe(1);
    const all = await call(b.url, 'GET', '/api/v1/admin/comments?status=published&thread=/scale/idempotent', { headers: auth });
    expect(all.body.comments).toHaveLength(1);
  });

  it('limits a client that floods by alternating between the instances', async () => {
    // The limit counts fixed one-minute windows; start well inside one so all posts share it.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const replies = [];
    for (let i = 0; i < 8; i++) replies.push(await post(i % 2 ? b : a, postBody('/scale/flood'), '127.0.0.31'));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 429, 429, 429, 429, 429]);
    const limited = replies[3]!;
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not affected by this one's flood.
    expect((await post(b, postBody('/scale/flood'), '127.0.0.32')).status).toBe(201);
  });

  it('gives the same count and ETag through both instances and revalidates across them', async () => {
    const thread = '/scale/etag';
    for (const [via, from] of [[a, '127.0.0.41'], [b, '127.0.0.42']] as const) expect((await post(via, postBody(thread), from)).status).toBe(201);
    const [fromA, fromB] = await Promise.all([list(a, thread), list(b, thread)]);
    expect(fromA.body).toEqual(fromB.body);
    expect(fromA.body.thread.count).toBe(2);
    expect(fromA.headers.etag).toBeTruthy();
    expect(fromA.headers.etag).toBe(fromB.headers.etag);
    expect(fromB.headers['cache-control']).toBe(fromA.headers['cache-control']);
    expect(await count(a, thread)).toBe(2);
    expect(await count(b, thread)).toBe(2);
    // A cache that got its copy from A revalidates at B: 304, until a post through A changes it.
    expect((await list(b, thread, { 'if-none-match': fromA.headers.etag as string })).status).toBe(304);
    expect((await post(a, postBody(thread), '127.0.0.43')).status).toBe(201);
    const after = await list(b, thread, { 'if-none-match': fromA.headers.etag as string });
    expect(after.status).toBe(200);
    expect(after.body.thread.count).toBe(3);
    expect(after.headers.etag).not.toBe(fromA.headers.etag);
    expect((await list(a, thread)).headers.etag).toBe(after.headers.etag);
  });

  it('shows an admin action taken through one instance on the other', async () => {
    const thread = '/scale/admin';
    const keep = await post(a, postBody(thread), '127.0.0.51');
    const junk = await post(a, postBody(thread), '127.0.0.52');
    expect([keep.status, junk.status]).toEqual([201, 201]);
    const etag = (await list(a, thread)).headers.etag as string;
    const action = await call(b.url, 'POST', '/api/v1/admin/comments/actions', {
      body: { action: 'spam', ids: [junk.body.comment.id] },
      headers: auth,
    });
    expect(action.status, JSON.stringify(action.body)).toBe(200);
    expect(action.body.updated).toBe(1);
    const read = await list(a, thread, { 'if-none-match': etag });
    expect(read.status).toBe(200);
    expect(read.body.comments.map((c: { id: string }) => c.id)).toEqual([keep.body.comment.id]);
    expect(read.body.thread.count).toBe(1);
    expect(await count(a, thread)).toBe(1);
    const queue = await call(a.url, 'GET', `/api/v1/admin/comments?status=spam&thread=${thread}`, { headers: auth });
    expect(queue.body.comments.map((c: { id: string }) => c.id)).toEqual([junk.body.comment.id]);
  });
});
