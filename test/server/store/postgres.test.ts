import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { POSTGRES_MIGRATIONS } from '../../../src/server/store/postgres/migrations.ts';
import { createPostgresStore } from '../../../src/server/store/postgres.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { draft, storeContracts } from './contracts.ts';
import { createTestDatabase, pgAvailable } from '../../helpers/pg.ts';

const available = await pgAvailable('PostgreSQL store');

describe.skipIf(!available)('postgres store', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const opened: Store[] = [];
  const open = async (poolSize = 4) => {
    const store = await createPostgresStore({ url: db.url, poolSize });
    opened.push(store);
    return store;
  };
  const sql = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<T>(text, params)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase('parley_store');
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await db?.drop();
  });

  // The contract runs unchanged; each test starts from empty tables in the one test database.
  storeContracts('postgres', async () => {
    const store = await open();
    await sql('TRUNCATE comments, votes, thread_versions, counters, settings, articles, thread_aliases, jobs, reader_addresses, reader_follows, reader_keys, reader_queue, spam_models, spam_features, spam_decisions, akismet_clients, moderator_tokens, moderator_log, moderation_lists');
    return store;
  });

  describe('beyond the contract', () => {
    it('runs migrations once when several instances start at the same moment', async () => {
      const stores = await Promise.all([open(1), open(1), open(1), open(1)]);
      expect(await sql('SELECT version FROM schema_migrations ORDER BY version')).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version })));
      await Promise.all(stores.map((s) => s.ping()));
    });

    it('gives one comment when two instances insert the same idempotency key at once', async () => {
      const [a, b] = await Promise.all([open(2), open(2)]);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).comments.insert(draft({ id: `race-${i}`, thread: '/race', idempotencyKey: 'race-key' }))),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.comment.id)).size).toBe(1);
      expect((await a.threads.countPublished(['/race']))['/race']).toBe(1);
      expect(await b.threads.version('/race')).toBe(1);
    });

    it('counts concurrent hits from several instances without losing one', async () => {
      const [a, b] = await Promise.all([open(3), open(3)]);
      const counts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).counters.hit('flood', 60, 600_000)));
      expect(counts.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('agrees on one secret when instances create it at once', async () => {
      await sql(`DELETE FROM settings WHERE name = 'secret'`);
      const stores = await Promise.all([open(1), open(1), open(1)]);
      const secrets = await Promise.all(stores.map((s, i) => s.settings.secret(() => `secret-${i}`)));
      expect(new Set(secrets).size).toBe(1);
    });

    it('keeps times and sequence numbers as numbers and article text without NUL', async () => {
      const store = await open(1);
      const { comment } = await store.comments.insert(draft({ id: 'big-time', createdAt: 1_700_000_000_123 }));
      expect(comment.createdAt).toBe(1_700_000_000_123);
      expect(typeof comment.seq).toBe('number');
      await store.articles.put('https://a.example/nul', { text: 'a\u0000b', fetchedAt: 1_700_000_000_000 });
      expect(await store.articles.get('https://a.example/nul')).toEqual({ text: 'ab', fetchedAt: 1_700_000_000_000 });
    });

    it('never gives one job to two instances claiming at the same moment', async () => {
      await sql('TRUNCATE jobs');
      const [a, b, c] = await Promise.all([open(3), open(3), open(3)]);
      const queued = new Set<string>();
      for (let i = 0; i < 60; i++) queued.add(await a.outbox.enqueue({ kind: 'race', payload: { i }, runAt: 0 }));
      const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => [a, b, c][i % 3]!.outbox.claim(1_000, 7, 60_000)));
      const taken = claims.flat().map((j) => j.id);
      expect(new Set(taken).size).toBe(taken.length);
      expect(new Set(taken)).toEqual(queued);
      expect(claims.flat().every((j) => j.attempts === 1)).toBe(true);
    });

    it('tells a published comment to the listeners of another instance, and listens again after its connection is cut', async () => {
      const [a, b] = await Promise.all([open(1), open(1)]);
      const heard: string[] = [];
      b.events.listen((e) => void heard.push(`${e.thread} ${e.id}`));
      await expect.poll(async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'parley-live' AND datname = current_database() AND query LIKE 'LISTEN%'`))[0]!.n, { timeout: 5_000 }).toBeGreaterThan(0);
      await a.events.announce({ thread: '/live', id: 'from-a' });
      await expect.poll(() => heard, { timeout: 5_000 }).toEqual(['/live from-a']);
      // A database restart, as the listener meets it: its connection is terminated.
      await sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'parley-live' AND datname = current_database()`);
      await expect
        .poll(
          async () => {
            await a.events.announce({ thread: '/live', id: 'after-cut' });
            return heard.includes('/live after-cut');
          },
          { timeout: 10_000, interval: 500 },
        )
        .toBe(true);
    });

    it('imports more rows than one statement carries, and rolls all of them back when a late one fails', async () => {
      const store = await open(1);
      const many = Array.from({ length: 2_500 }, (_, i) => draft({ id: `bulk-${i}`, thread: `/bulk/${i % 7}` }));
      const broken = [...many.slice(0, 2_400).map((c) => ({ ...c, id: `${c.id}-x` })), draft({ id: 'bulk-bad', status: 'bogus' as never })];
      await expect(store.comments.insertMany(broken)).rejects.toThrow();
      expect(await sql(`SELECT count(*)::int AS n FROM comments WHERE id LIKE 'bulk-%'`)).toEqual([{ n: 0 }]);
      expect(await store.comments.insertMany(many)).toEqual({ created: 2_500, existing: 0 });
      const seqs = await sql<{ id: string }>(`SELECT id FROM comments WHERE id LIKE 'bulk-%' ORDER BY seq`);
      expect(seqs.map((r) => r.id)).toEqual(many.map((c) => c.id));
    });

    // Every statement's plan: test/server/store/postgres-plans.test.ts.

    it('fails with a message naming the database when it cannot connect', async () => {
      await expect(createPostgresStore({ url: 'postgres://postgres@127.0.0.1:1/nowhere', connectionTimeoutMs: 1_000 })).rejects.toThrow(
        /Could not open the PostgreSQL database at 127\.0\.0\.1:1\/nowhere/,
      );
    });
  });
});
