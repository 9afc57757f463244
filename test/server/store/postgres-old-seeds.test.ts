// Issue 14 item 3 on PostgreSQL: comments stored before author keys lose their email-derived avatar
// seeds when this version's migrations run (as test/server/author-key.test.ts shows for SQLite).
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../../src/server/store/postgres/migrations.ts';
import { createPostgresStore } from '../../../src/server/store/postgres.ts';
import { createTestDatabase, pgAvailable } from '../../helpers/pg.ts';

const available = await pgAvailable('PostgreSQL migration of avatar seeds');
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

describe.skipIf(!available)('PostgreSQL: comments stored before author keys', () => {
  it('lose their email-derived avatar seeds, and get no author key', async () => {
    const db = await createTestDatabase('parley_old_seeds');
    drops.push(db.drop);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    // The database as the version before author keys left it (migrations 1–3), with one comment.
    await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    for (const step of POSTGRES_MIGRATIONS.filter((m) => m.version <= 3)) {
      await client.query(step.sql);
      await client.query('INSERT INTO schema_migrations VALUES ($1, 0)', [step.version]);
    }
    const emailSeed = createHmac('sha256', 'secret').update('avatar:ada@example.com').digest('base64url').slice(0, 12);
    await client.query(
      `INSERT INTO comments (id, thread, root, status, name, email, avatar, text, created_at) VALUES ('V1StGXR8_Z5jdHi6B-myT', '/a', 'V1StGXR8_Z5jdHi6B-myT', 'published', 'Ada', 'ada@example.com', $1, 'Old words', 0)`,
      [emailSeed],
    );
    await client.query(`INSERT INTO articles (url, text, fetched_at) VALUES ('https://blog.example/a?any=1', 'Old page', 0)`);
    await client.end();
    const store = await createPostgresStore({ url: db.url, poolSize: 1 });
    try {
      const [row] = await store.comments.listAll({ limit: 10 });
      expect(row!.avatar).toBe('Z5jdHi6B-myT');
      expect(row!.authorKey).toBeNull();
      // The URL-keyed article cache went with it (it is kept per thread now).
      expect(await store.articles.listPrefix('', 10)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
