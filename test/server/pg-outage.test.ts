// Parley issue 6: the database connection is cut mid-load. A TCP proxy this test controls sits
// between a real server process and PostgreSQL (the machine's shared PostgreSQL is never touched).
// While it is cut, requests get a quick 503 `unavailable`; nothing acknowledged is lost; when the
// proxy comes back the server recovers by itself.
import { createServer, connect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueBody as postBody, type Reply } from '../helpers/http.ts';
import { NO_FORM_TIMING, startInstance, type Instance } from '../helpers/server.ts';
import { createTestDatabase, PG_ADMIN_URL, pgAvailable } from '../helpers/pg.ts';

const available = await pgAvailable('PostgreSQL outage');

/** A TCP proxy to PostgreSQL that can be cut (connections destroyed, no new ones accepted) and restored. */
function createProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        track(client);
        track(upstream);
        client.pipe(upstream).pipe(client);
        client.once('close', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  return {
    listen,
    get port() {
      return port;
    },
    /** Stop accepting and drop every open connection, both sides, at once. */
    cut: async () => {
      const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

describe.skipIf(!available)('the PostgreSQL connection is cut mid-load', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let proxy: ReturnType<typeof createProxy>;
  let server: Instance;

  beforeAll(async () => {
    db = await createTestDatabase('parley_outage');
    const target = new URL(PG_ADMIN_URL);
    proxy = createProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.listen();
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    server = await startInstance(['--db', viaProxy.toString(), '--posts-per-minute', '0', '--pool-size', '5', ...NO_FORM_TIMING]);
  });

  afterAll(async () => {
    await server?.stop();
    await proxy?.cut();
    await db?.drop();
  });

  it('answers 503 unavailable quickly while cut, loses nothing acknowledged, and recovers by itself', async () => {
    const thread = '/outage';
    type Attempt = { body: Record<string, unknown>; reply?: Reply; error?: string; at: number };
    const attempts: Attempt[] = [];
    let running = true;
    const started = performance.now();
    const now = () => performance.now() - started;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    // Four writers and two readers, each a loop, as fast as the server answers.
    const writer = async (w: number) => {
      while (running) {
        const attempt: Attempt = { body: postBody(thread), at: now() };
        try {
          attempt.reply = await call(server.url, 'POST', '/api/v1/comments', { body: attempt.body, from: `127.0.1.${w + 1}` });
        } catch (error) {
          attempt.error = error instanceof Error ? error.message : String(error);
        }
        attempts.push(attempt);
        // A client backs off a little after a failure rather than spinning.
        if (attempt.reply?.status !== 201) await sleep(20);
      }
    };
    const reads: Reply[] = [];
    const reader = async () => {
      while (running) reads.push(await call(server.url, 'GET', `/api/v1/comments?thread=${thread}&limit=5`));
    };
    const load = [0, 1, 2, 3].map(writer).concat([reader(), reader()]);

    await sleep(1_500);
    const cutAt = now();
    await proxy.cut();
    await sleep(3_000);
    const health = await call(server.url, 'GET', '/healthz');
    const restoredAt = now();
    await proxy.listen();
    // Recovery: the first post that started after the proxy came back and got a 201.
    let recoveredAt: number | undefined;
    for (const deadline = restoredAt + 15_000; now() < deadline && recoveredAt === undefined; await sleep(50)) {
      recoveredAt = attempts.find((a) => a.at >= restoredAt && a.reply?.status === 201)?.at;
    }
    await sleep(500);
    running = false;
    await Promise.all(load);

    const before = attempts.filter((a) => a.at < cutAt);
    // Started after the cut settled and answered before the proxy came back.
    const during = attempts.filter((a) => a.at >= cutAt + 200 && a.at + (a.reply?.ms ?? 0) < restoredAt);
    const failed = attempts.filter((a) => a.reply?.status === 503);
    const maxFailMs = Math.max(...failed.map((a) => a.reply!.ms));
    console.info(
      `[outage] ${attempts.length} posts: ${before.length} before the cut, ${during.length} while cut, ` +
        `${failed.length} answered 503 (slowest ${maxFailMs.toFixed(0)} ms); recovered ${((recoveredAt ?? NaN) - restoredAt).toFixed(0)} ms after the proxy came back`,
    );

    // Every request got an HTTP answer; none hung or lost its connection.
    expect(attempts.filter((a) => a.error)).toEqual([]);
    expect(before.filter((a) => a.reply!.status === 201).length).toBeGreaterThan(5);
    // While cut: 503 unavailable with a sentence a person can act on, and fast (no connection
    // attempt can succeed, so nothing waits for a timeout).
    expect(during.length).toBeGreaterThan(5);
    for (const a of during) {
      expect(a.reply!.status).toBe(503);
      expect(a.reply!.body.error.code).toBe('unavailable');
      expect(a.reply!.body.error.message).toMatch(/try again/);
    }
    expect(maxFailMs).toBeLessThan(2_000);
    expect(health.status).toBe(503);
    for (const r of reads) expect([200, 304, 503]).toContain(r.status);
    expect(reads.some((r) => r.status === 503)).toBe(true);
    // The server came back by itself, within a few seconds.
    expect(recoveredAt).toBeDefined();
    expect(recoveredAt! - restoredAt).toBeLessThan(5_000);
    expect((await call(server.url, 'GET', '/healthz')).status).toBe(200);

    // Nothing acknowledged is lost: every 201 is in the database.
    const acknowledged = attempts.filter((a) => a.reply?.status === 201).map((a) => a.reply!.body.comment.id as string);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const stored = new Set((await client.query<{ id: string }>('SELECT id FROM comments WHERE id = ANY($1)', [acknowledged])).rows.map((r) => r.id));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await client.end();
    }
    // A retry of each post that got a 503 settles it: stored now (201), or found stored already
    // (200, when the COMMIT happened but its answer was lost with the connection). Never twice.
    const retries = await inBatches(failed, 8, (a) => call(server.url, 'POST', '/api/v1/comments', { body: a.body, from: '127.0.1.9' }));
    expect(retries.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
    expect(retries.filter((r) => r.body.status !== 'published')).toEqual([]);
    console.info(`[outage] retries of the 503s: ${retries.filter((r) => r.status === 201).length} stored now, ${retries.filter((r) => r.status === 200).length} had been stored already`);
    const page = await call(server.url, 'GET', `/api/v1/comments?thread=${thread}&limit=200`);
    expect(page.body.thread.count).toBe(acknowledged.length + failed.length);
    // The server logged the outage rather than crashing (it is still the same process).
    expect(server.child.exitCode).toBeNull();
  }, 60_000);
});
