// Issue 22: the fast path reads a thread's version once per event-loop turn and shares it among the
// requests of that turn (src/server/reads.ts createTurnMemo; on PostgreSQL one version query per
// thread and turn). The promise that must survive it: a comment is on the next page read after its
// POST was answered, through any instance, even while the reading instance is kept busy with other
// readers of the same page (so many requests share each turn). Run on SQLite (two servers on one
// file) and on PostgreSQL (two servers on one database).
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerOptions } from '../../src/server/main.ts';
import { createPostgresStore } from '../../src/server/store/postgres.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import type { Store } from '../../src/server/store/store.ts';
import { createTestDatabase, pgAvailable } from '../helpers/pg.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-turns-'));
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

async function start(store: Store) {
  const options: ServerOptions = { store, port: 0, host: '127.0.0.1', origins: ['https://blog.example'], minSubmitSeconds: 0, floodSeconds: 0, postsPerMinute: 0, logger: { info: () => {}, error: () => {} } };
  const server = await startServer(options);
  cleanups.push(() => server.close());
  return server;
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 16 });
cleanups.push(async () => keepAlive.destroy());

function get(base: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { agent: keepAlive }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

let keys = 0;
async function post(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread: '/turns', text: `Comment ${++keys} on the turns thread.`, name: 'Ada', email: 'ada@example.com', idempotencyKey: `turns-${keys}-${Date.now()}` }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { comment: { id: string } }).comment.id;
}

const PAGE = '/api/v1/comments?thread=%2Fturns&limit=200';
const COUNTS = '/api/v1/counts?thread=%2Fturns';

/** Readers keep `reader` busy with the page and counts until stopped; returns how many reads they made. */
function busyReaders(reader: string, connections: number) {
  let stop = false;
  let reads = 0;
  const loops = Array.from({ length: connections }, async (_, i) => {
    while (!stop) {
      const r = await get(reader, i % 2 ? PAGE : COUNTS);
      expect(r.status).toBe(200);
      reads++;
    }
  });
  return async () => {
    stop = true;
    await Promise.all(loops);
    return reads;
  };
}

async function writesSeenAtOnce(writer: string, reader: string) {
  await post(writer);
  // Warm the reader's cache, so its reads are the fast path's kept answers.
  for (let i = 0; i < 3; i++) await get(reader, PAGE);
  const stopReaders = busyReaders(reader, 12);
  let missing = 0;
  for (let i = 0; i < 25; i++) {
    const id = await post(i % 2 ? writer : reader);
    const [page, counts] = await Promise.all([get(reader, PAGE), get(reader, COUNTS)]);
    if (!page.body.includes(`"id":"${id}"`)) missing++;
    const total = (JSON.parse(page.body) as { thread: { count: number } }).thread.count;
    expect((JSON.parse(counts.body) as { counts: Record<string, number> }).counts['/turns']).toBeGreaterThanOrEqual(total);
  }
  const reads = await stopReaders();
  expect(missing).toBe(0);
  // The readers really were reading alongside (turns shared by many requests).
  expect(reads).toBeGreaterThan(100);
}

describe('versions shared within a turn, SQLite', () => {
  it('shows each comment on the next read after its POST, through either instance, under concurrent readers', async () => {
    const file = join(dir, 'turns.db');
    const a = await start(createSqliteStore({ file }));
    const b = await start(createSqliteStore({ file }));
    await writesSeenAtOnce(b.url, a.url);
    expect(a.readStats().fastPath.pages).toBeGreaterThan(50);
  }, 60_000);
});

const pg = await pgAvailable('versions shared within a turn on PostgreSQL');
describe.skipIf(!pg)('versions shared within a turn, PostgreSQL', () => {
  it('shows each comment on the next read after its POST, through either instance, under concurrent readers', async () => {
    const db = await createTestDatabase('parley_turns');
    cleanups.push(() => db.drop());
    const a = await start(await createPostgresStore({ url: db.url, poolSize: 4 }));
    const b = await start(await createPostgresStore({ url: db.url, poolSize: 4 }));
    await writesSeenAtOnce(b.url, a.url);
    expect(a.readStats().fastPath.pages).toBeGreaterThan(50);
  }, 60_000);
});
