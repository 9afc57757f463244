// Every statement of the PostgreSQL store (src/server/store/postgres/statements.ts) is EXPLAINed
// here, on a database filled like a real site's (about 30,000 comments over 300 threads, trees
// three levels deep, every status) and ANALYZEd, so the planner chooses as it would in production
// rather than as on an empty table, where a sequential scan is rightly cheapest and proves nothing.
// Each statement is prepared, as the store runs it, and explained twice: with the sample values
// (the custom plan) and as the generic plan PostgreSQL switches to after five executions of a
// prepared statement. Neither may read the comments table sequentially.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_STATEMENTS, type PgStatementName } from '../../../src/server/store/postgres/statements.ts';
import { createPostgresStore } from '../../../src/server/store/postgres.ts';
import { createTestDatabase, pgAvailable } from '../../helpers/pg.ts';

const available = await pgAvailable('PostgreSQL query plans');

const THREADS = 300;
const ROOTS = 30;

/** Sample values for each statement's parameters, naming rows that exist in the filled database. */
const SAMPLES: Record<PgStatementName, unknown[]> = {
  ping: [],
  lockThread: [1, '/t/7'],
  lockKey: [1, 2],
  lockThreads: [1, ['/t/7', '/t/8']],
  byId: ['r7-3'],
  byIdForUpdate: ['r7-3'],
  byKey: ['key-r-7-3'],
  insert: ['new', '/t/7', null, 'new', 'published', 'Ada', 'ada@example.com', null, 'seed', 'text', 1, null, 'h', '[]', 'key-new', null, 'markdown', 'author-7', null, null, false],
  update: ['text', 'published', '[]', 2, 'Ada', null, null, 'r7-3', null],
  setStatus: ['spam', ['r7-3', 'r7-4']],
  importInsert: Array.from({ length: 21 }, (_, i) => (i === 10 || i === 11 || i === 18 ? [1] : i === 16 ? ['plain'] : i === 17 ? [false] : i === 19 ? ['mention'] : ['x'])),
  byStatus: ['pending', 1_000_000, 50, null],
  byThreadStatus: ['/t/7', 'pending', 1_000_000, 50],
  listAll: [15_000, 500, null],
  version: ['/t/7'],
  rootsBest: ['/t/7', 51, 0],
  pinnedOf: ['/t/7'],
  setPinned: [1_700_000_000_000, 'r7-3'],
  voteGet: ['r7-3', 'voter-hash'],
  votePut: ['r7-3', 'voter-hash', 1, 1_700_000_000_000],
  voteDelete: ['r7-3', 'voter-hash'],
  voteCounts: [1, 0, 'r7-3'],
  voteScore: [0.5, 'r7-3'],
  votesOf: [['r7-3', 'r7-4'], null],
  votesClear: [['r7-3', 'r7-4']],
  votesRestore: [['r7-3'], ['voter-hash'], [1], [1_700_000_000_000]],
  votesTally: [['r7-3', 'r7-4'], [3, 0], [1, 2], [0.4, 0.1]],
  threadMeta: ['/t/7'],
  firstPublished: ['/t/7'],
  setClosed: ['/t/7', 1_700_000_000_000],
  setPublishedAt: ['/t/7', 1_700_000_000_000],
  announce: ['{"thread":"/t/7","id":"r7-3"}'],
  bump: ['/t/7'],
  bumpMany: [['/t/7', '/t/8']],
  rootsAsc: ['/t/7', 0, 51],
  rootsDesc: ['/t/7', 1_000_000, 51],
  rootOf: ['a7-3-1'],
  treeReplies: ['r7-3', 0, 501],
  subtree: ['a7-3-1', 0, 501],
  pageReplies: [Array.from({ length: 30 }, (_, i) => `r7-${i + 1}`), 501],
  rootsWithReplies: [['r7-3', 'r7-4']],
  count: [['/t/7', '/old/7', '/none']],
  recentPublished: [50, null],
  recentPublishedThread: ['/t/7', 50],
  recentTexts: ['/t/7', 200],
  textsSince: ['/t/7', 100, 600],
  duplicate: ['/t/7', 'Comment 7 3', '', 'reader1@example.com', 'Reader 3'],
  publishedByAuthor: ['author-7'],
  byClient: ['client-7', 1_700_000_000_000],
  byClientAuthor: ['client-7', 'author-7', 1_700_000_000_000],
  hit: ['posts:client-7', 1_700_000_000],
  counterGet: ['posts:client-7', 1_700_000_000],
  secretGet: [],
  secretInsert: ['s'],
  articleGet: ['https://blog.example/t/7'],
  spamModelGet: ['site'],
  spamModelAdd: ['site', 1, 0],
  spamModelReset: ['site'],
  spamFeaturesAdd: ['site', 1, 0, ['w:weir', 'rule:echo:spam']],
  spamFeaturesPrune: ['site', ['w:weir']],
  spamFeaturesAll: ['site'],
  spamFeaturesReset: ['site'],
  spamDecisionGet: ['site', 'c1'],
  spamDecisionPut: ['site', 'c1', 'spam', ['w:weir']],
  spamDecisionsReset: ['site'],
  clientKeep: ['c1', '203.0.113.9', 'Mozilla/5.0', 'https://blog.example/t/7', 1],
  clientGet: ['c1'],
  clientForget: [1],
  articlePut: ['https://blog.example/t/7', 'text', 1],
  articleDelete: ['/t/7'],
  articlePrune: [500],
  articlePrefix: ['!failed ', 50],
  aliasOf: ['/old/7'],
  aliasesOf: [['/old/7', '/t/8']],
  aliasPut: ['/old/7', '/t/7'],
  aliasRepoint: ['/t/7', '/t/9'],
  aliasList: [],
  moveThread: ['/t/7', '/t/9'],
  jobInsert: ['webhook', '{}', 1, 1],
  jobsInsert: [['webhook'], ['{}'], [1], 1],
  jobClaim: [1_700_000_000_000, 10, 1_700_000_060_000],
  jobClaimOfKinds: [1_700_000_000_000, 10, 1_700_000_060_000, ['webmention', 'mail']],
  jobDelete: ['17'],
  jobFail: ['17', 1, 'HTTP 500', false],
  jobsAll: [50],
  jobsByDead: [true, 50],
  readerAdd: ['ada@example.com', 1],
  readerGet: ['ada@example.com'],
  readerFollows: ['ada@example.com'],
  readerFollow: ['ada@example.com', 'replies', 'r7-3', 1],
  readerConfirm: ['ada@example.com', 1],
  readerBind: ['key-hash', 'ada@example.com'],
  readerForgetAddress: ['ada@example.com'],
  readerForgetFollows: ['ada@example.com'],
  readerForgetKeys: ['ada@example.com'],
  readerForgetQueue: ['ada@example.com'],
  readerStale: [1_700_000_000_000],
  readerFollowers: ['r7-3', '/t/7'],
  readerQueue: ['ada@example.com', 'r7-3', 1],
  readerQueued: ['ada@example.com'],
  readerTake: ['ada@example.com'],
  readerKeyAddress: ['key-hash'],
  readerKeys: ['ada@example.com', 20],
  readerComments: ['reader7@example.com', 500],
  readerHasReply: ['r7-3'],
  readerTombstone: ['r7-3'],
  readerRemove: ['b7-3-1'],
  // The moderation desk (issue 21): a search with every filter, and with none.
  deskNewest: ['pending', 1_000_000, '/t/7', 'comment', 'words', 51, null],
  deskOldest: ['spam', 0, null, null, null, 51, null],
  deskCount: ['published', 1000, null],
  deskByEmail: ['Reader7@example.com', null],
  deskByClient: ['client-7', null],
  tokenAdd: ['admin', 'hash', 1, null],
  tokenAll: [],
  tokenByHash: ['hash'],
  tokenRevoke: ['admin'],
  logAdd: [1, 'admin', 'approve', '["r7-3"]', null],
  logGet: [1],
  logPage: [1_000_000, 50],
  logPrune: [1],
  listsAll: [],
  listsOne: ['hold-words'],
  listPut: ['hold-words', 'refund', null, 1, null],
  listRemove: ['hold-words', 'refund'],
  deskSettingGet: ['ban-action'],
  deskSettingPut: ['ban-action', 'spam'],
};

// The site: THREADS threads of ROOTS roots each; every root has two replies, each reply one
// reply of its own; statuses spread as on a real site (mostly published), emails and clients
// repeating across threads; 100 aliases, 5,000 outbox jobs (a tenth dead), counters and articles.
const FILL = [
  `INSERT INTO comments (id, thread, parent, root, status, name, email, website, avatar, text, created_at, edited_at, client_hash, reasons, idempotency_key, fingerprint)
   SELECT 'r' || t || '-' || i, '/t/' || t, NULL, 'r' || t || '-' || i,
     CASE WHEN i % 10 = 0 THEN 'pending' WHEN i % 13 = 0 THEN 'spam' WHEN i % 17 = 0 THEN 'deleted' ELSE 'published' END,
     'Reader ' || i, 'reader' || ((t * 7 + i) % 500) || '@example.com', NULL, 'seed', 'Comment ' || t || ' ' || i || ' ' || md5((t * 100 + i)::text),
     1700000000000 + (t * 100 + i) * 1000, NULL, 'client-' || (t % 50), '[]', 'key-r-' || t || '-' || i, NULL
   FROM generate_series(1, ${THREADS}) t, generate_series(1, ${ROOTS}) i`,
  `INSERT INTO comments (id, thread, parent, root, status, name, email, website, avatar, text, created_at, edited_at, client_hash, reasons, idempotency_key, fingerprint)
   SELECT 'a' || t || '-' || i || '-' || k, '/t/' || t, 'r' || t || '-' || i, 'r' || t || '-' || i,
     CASE WHEN k = 2 AND i % 5 = 0 THEN 'pending' ELSE 'published' END,
     'Replier ' || k, 'replier' || ((t + i + k) % 900) || '@example.com', NULL, 'seed', 'Reply ' || t || ' ' || i || ' ' || k,
     1700001000000 + (t * 100 + i) * 1000 + k, NULL, 'client-' || ((t + k) % 50), '[]', NULL, NULL
   FROM generate_series(1, ${THREADS}) t, generate_series(1, ${ROOTS}) i, generate_series(1, 2) k`,
  `INSERT INTO comments (id, thread, parent, root, status, name, email, website, avatar, text, created_at, edited_at, client_hash, reasons, idempotency_key, fingerprint)
   SELECT 'b' || t || '-' || i || '-' || k, '/t/' || t, 'a' || t || '-' || i || '-' || k, 'r' || t || '-' || i, 'published',
     'Third ' || k, 'third' || ((t + i) % 300) || '@example.com', NULL, 'seed', 'Deeper ' || t || ' ' || i || ' ' || k,
     1700002000000 + (t * 100 + i) * 1000 + k, NULL, 'client-' || (i % 50), '[]', NULL, NULL
   FROM generate_series(1, ${THREADS}) t, generate_series(1, ${ROOTS}) i, generate_series(1, 2) k`,
  `INSERT INTO thread_versions (thread, version) SELECT '/t/' || t, t FROM generate_series(1, ${THREADS}) t`,
  `INSERT INTO thread_aliases (from_thread, to_thread) SELECT '/old/' || t, '/t/' || t FROM generate_series(1, 100) t`,
  `INSERT INTO jobs (kind, payload, attempts, run_at, last_error, dead, created_at)
   SELECT 'webhook', '{}', j % 8, 1700000000000 + j * 60000, NULL, j % 10 = 0, 1700000000000 FROM generate_series(1, 5000) j`,
  `INSERT INTO counters (key, window_start, count) SELECT 'posts:client-' || c, 1700000000, 1 FROM generate_series(1, 1000) c`,
  `INSERT INTO articles (url, text, fetched_at) SELECT 'https://blog.example/t/' || t, 'Article ' || t, 1 FROM generate_series(1, 50) t`,
  'ANALYZE',
];

/** A value as an SQL literal for EXPLAIN EXECUTE (arrays as array literals; the prepared statement gives the types). */
function literal(client: pg.Client, value: unknown): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return client.escapeLiteral(`{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  return client.escapeLiteral(String(value));
}

describe.skipIf(!available)('query plans of the PostgreSQL store', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase('parley_plans');
    // The store runs the migrations; the plans are then read on the same schema.
    await (await createPostgresStore({ url: db.url, poolSize: 1 })).close();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    for (const statement of FILL) await client.query(statement);
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  /** The plan of one statement, prepared as the store prepares it, with the planner's choice of plan forced. */
  async function plan(name: PgStatementName, mode: 'force_custom_plan' | 'force_generic_plan'): Promise<string> {
    await client.query(`SET plan_cache_mode = ${mode}`);
    await client.query(`PREPARE plan_${name} AS ${PG_STATEMENTS[name]}`);
    try {
      const params = SAMPLES[name].map((v) => literal(client, v));
      const rows = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE plan_${name}${params.length ? `(${params.join(', ')})` : ''}`)).rows;
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await client.query(`DEALLOCATE plan_${name}`);
    }
  }

  it('fills enough rows that the planner has a choice to make', async () => {
    const { rows } = await client.query<{ n: number; pages: number }>(`SELECT count(*)::int AS n, (SELECT relpages FROM pg_class WHERE relname = 'comments') AS pages FROM comments`);
    expect(rows[0]!.n).toBe(THREADS * ROOTS * 5);
    // Hundreds of pages: reading them all is far dearer than an index lookup of a few rows.
    expect(rows[0]!.pages).toBeGreaterThan(300);
  });

  it('spots a sequential scan of comments, so the check could fail', async () => {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT * FROM comments WHERE name = 'Reader 3'`);
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Seq Scan on comments/);
  });

  it('has a sample for every statement', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(PG_STATEMENTS).sort());
  });

  it('backs the listing, counting and duplicate queries with an index', async () => {
    const scans: string[] = [];
    for (const name of Object.keys(PG_STATEMENTS) as PgStatementName[]) {
      for (const mode of ['force_custom_plan', 'force_generic_plan'] as const) {
        const text = await plan(name, mode);
        if (/Seq Scan on comments\b/.test(text)) scans.push(`${name} (${mode}):\n${text}`);
      }
    }
    expect(scans).toEqual([]);
  });

  // The read path must enter through an index that narrows to one thread, tree or parent, not
  // merely some index (comments_status also avoids a sequential scan, yet reads every thread's
  // comments of a status).
  const THREAD = /Index Cond: \(+thread = /;
  const ENTRY: Partial<Record<PgStatementName, RegExp>> = {
    rootsAsc: THREAD,
    rootsDesc: THREAD,
    count: THREAD,
    recentTexts: THREAD,
    textsSince: THREAD,
    byThreadStatus: THREAD,
    duplicate: THREAD,
    recentPublishedThread: THREAD,
    treeReplies: /Index Cond: \(+root = /,
    pageReplies: /Index Cond: \(+root = /,
    rootsWithReplies: /Index Cond: \(+root = /,
    subtree: /Index Cond: \(+parent = /,
    // The site-wide feed: published comments only (a partial index), newest first, stopping at 50.
    recentPublished: /Index Scan Backward using comments_published_created on comments/,
    jobClaim: /Index Scan using jobs_due on jobs/,
    // Best first (issue 16): the thread's roots through a thread index (then sorted: a thread's
    // roots are few next to the table), never the whole table.
    rootsBest: THREAD,
    // Closing (issue 16 item 5): the thread's first published comment through the thread's index.
    firstPublished: /Index (Only )?Scan using comments_thread\w* on comments/,
    jobClaimOfKinds: /Index Scan using jobs_due on jobs/,
  };
  for (const [name, pattern] of Object.entries(ENTRY)) {
    it(`${name} reaches its rows through an index that narrows them`, async () => {
      for (const mode of ['force_custom_plan', 'force_generic_plan'] as const) {
        const text = await plan(name as PgStatementName, mode);
        expect(text, `${mode}:\n${text}`).toMatch(pattern);
      }
    });
  }
});
