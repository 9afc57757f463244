// The store for more than one instance (DESIGN "Scale"): every instance behind the load balancer
// opens the same PostgreSQL database, and everything that matters — comments, per-thread versions
// (the ETags), rate-limit counters, the server secret, the article cache — lives there.
//
// Failure model: a lost or refused connection makes the call reject (fast: connection and statement
// timeouts below), createApp's onError answers 503 `unavailable`, and the pool opens fresh
// connections on the next call, so the server recovers by itself when the database is back. A
// comment is acknowledged only after its COMMIT returned, so nothing acknowledged is lost; a retry
// with the same idempotency key settles a post whose COMMIT answer was lost.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { POSTGRES_MIGRATIONS } from './pg-migrations.ts';
import { AliasError, windowStart, type CommentPatch, type NewJob, type NewStoredComment, type Store, type ThreadText, type ThreadTexts } from './store.ts';
import { fromJobRow, fromRow, jobPayload, type CommentRow, type JobRow } from './rows.ts';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:5432/dbname (any libpq-style URL `pg` accepts). */
  url: string;
  /**
   * Connections this instance may hold. N instances hold up to N × poolSize, which must stay under
   * the server's max_connections (100 by default) with room for admin sessions.
   */
  poolSize?: number;
  /** How long to wait for a connection (new, or free in the pool) before failing the request. */
  connectionTimeoutMs?: number;
  /** How long one statement may run: the server cancels it, and the client gives up soon after. */
  statementTimeoutMs?: number;
  /** Where background connection errors go (a dropped idle connection is not a request's error). */
  onError?: (message: string, error: unknown) => void;
  /** The driver's Pool class; tests may pass a wrapped one. */
  Pool?: typeof pg.Pool;
}

/** Parley's key space for advisory locks: (PARLEY_LOCK, n). Any constant unlikely to clash will do. */
const PARLEY_LOCK = 0x50_61_72; // "Par"
const MIGRATION_LOCK = 1;
/** One alias change at a time: two at once (A→B, B→C) could each pass the "not an alias" check and chain. */
const ALIAS_LOCK = 2;

// int8 (counts, seq, times) comes back as a string by default, because it can exceed 2^53. Ours
// are milliseconds and row numbers, far below that; parse them per pool, not globally, so other
// users of `pg` in the same process are untouched.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

type Row = CommentRow;

// Named columns, never `*`: the statements are prepared per connection, and a prepared `SELECT *`
// fails ("cached plan must not change result type") once a newer instance's migration adds a
// column, which would break old instances during a rolling upgrade.
const COLUMN_NAMES = ['seq', 'id', 'thread', 'parent', 'root', 'status', 'name', 'email', 'website', 'avatar', 'text', 'created_at', 'edited_at', 'client_hash', 'reasons', 'idempotency_key', 'fingerprint'];
const COLUMNS = COLUMN_NAMES.join(', ');

// The echo rule's reads (routes/moderation-inputs.ts): the few columns it needs and the thread's
// version, in one statement so both come from one snapshot. The LEFT JOIN keeps the version row
// when there are no comments (then its comment columns are null).
const VERSION_OF = `(SELECT coalesce((SELECT version FROM thread_versions WHERE thread = $1), 0) AS version) v`;
const recentOf = (status: string, k: number) =>
  `(SELECT id, seq, status, email, text, ${k} AS k FROM comments WHERE thread = $1 AND status = '${status}' ORDER BY seq DESC LIMIT $2)`;
const RECENT_TEXTS = `SELECT v.version, c.id, c.seq, c.status, c.email, c.text FROM ${VERSION_OF}
  LEFT JOIN LATERAL (${recentOf('published', 0)} UNION ALL ${recentOf('pending', 1)} UNION ALL ${recentOf('spam', 2)}) c ON true
  ORDER BY c.k, c.seq DESC`;
const TEXTS_SINCE = `SELECT v.version, c.id, c.seq, c.status, c.email, c.text FROM ${VERSION_OF}
  LEFT JOIN LATERAL (SELECT id, seq, status, email, text FROM comments
    WHERE thread = $1 AND status IN ('published', 'pending', 'spam') AND seq > $2 ORDER BY seq LIMIT $3) c ON true
  ORDER BY c.seq`;
type TextRow = { version: number } & { [K in keyof ThreadText]: ThreadText[K] | null };
const threadTexts = (rows: TextRow[]): ThreadTexts => ({
  version: rows[0]?.version ?? 0,
  rows: rows.filter((r) => r.id !== null).map((r) => ({ id: r.id!, seq: r.seq!, status: r.status!, email: r.email!, text: r.text! })),
});
const C_COLUMNS = COLUMN_NAMES.map((c) => `c.${c}`).join(', ');

// As in sqlite.ts: a deleted comment is public only while a published comment sits somewhere
// below it. The recursive walk runs only for deleted rows (rare), over comments_parent.
const VISIBLE = `(c.status = 'published' OR (c.status = 'deleted' AND EXISTS (
  WITH RECURSIVE sub(id) AS (
    SELECT d.id FROM comments d WHERE d.parent = c.id
    UNION ALL SELECT x.id FROM comments x JOIN sub ON x.parent = sub.id)
  SELECT 1 FROM sub JOIN comments y ON y.id = sub.id WHERE y.status = 'published')))`;

const JOB_COLUMNS = 'id, kind, payload, attempts, run_at, last_error, dead, created_at';

/** A write's outbox jobs in one statement, in the order given (their ids, and so their delivery order, follow it). */
const INSERT_JOBS = `INSERT INTO jobs (kind, payload, run_at, created_at)
  SELECT kind, payload::jsonb, run_at, $4 FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY AS j(kind, payload, run_at, ord)
  ORDER BY ord`;

/**
 * Writes the jobs of a comment write inside its transaction (Store.insert's outbox). A payload
 * JSON cannot hold throws here and a NOT NULL column refuses a job without kind or runAt: either
 * way the transaction, comment included, rolls back.
 */
async function addJobs(client: pg.PoolClient, list: readonly NewJob[]): Promise<void> {
  if (!list.length) return;
  const payloads = list.map((job) => jobPayload(job.payload));
  await client.query(INSERT_JOBS, [list.map((job) => job.kind), payloads, list.map((job) => job.runAt), Date.now()]);
}

/** Rows per INSERT of insertMany: 16 arrays of this many values stay far below the protocol's limits. */
const IMPORT_CHUNK = 1000;
const IMPORT_INSERT = `WITH ins AS (
    INSERT INTO comments (id, thread, parent, root, status, name, email, website, avatar, text,
      created_at, edited_at, client_hash, reasons, idempotency_key, fingerprint)
    SELECT id, thread, parent, root, status, name, email, website, avatar, text,
      created_at, edited_at, client_hash, reasons::jsonb, idempotency_key, fingerprint
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
      $9::text[], $10::text[], $11::bigint[], $12::bigint[], $13::text[], $14::text[], $15::text[], $16::text[])
      WITH ORDINALITY AS r(id, thread, parent, root, status, name, email, website, avatar, text,
        created_at, edited_at, client_hash, reasons, idempotency_key, fingerprint, ord)
    -- In the order given, so a parent's seq is below its replies' (listSubtree's ascending order).
    ORDER BY ord
    ON CONFLICT DO NOTHING
    RETURNING thread, status),
  bumped AS (
    INSERT INTO thread_versions (thread, version)
    SELECT DISTINCT thread, 1 FROM ins WHERE status = 'published' ORDER BY thread
    ON CONFLICT (thread) DO UPDATE SET version = thread_versions.version + 1)
  SELECT count(*) AS created FROM ins`;

/** Takes the per-thread insert locks (see insert) of many threads, in one fixed order so two imports cannot deadlock. */
const LOCK_THREADS = `SELECT pg_advisory_xact_lock($1, h) FROM (
    SELECT DISTINCT hashtext(t) AS h FROM unnest($2::text[]) AS t ORDER BY h OFFSET 0) AS locks`;

/** Bumps many threads' versions once each, in one fixed order (as setStatus) so bumps cannot deadlock. */
const BUMP_MANY = `INSERT INTO thread_versions (thread, version)
  SELECT t, 1 FROM unnest($1::text[]) AS t ORDER BY t
  ON CONFLICT (thread) DO UPDATE SET version = thread_versions.version + 1`;

const BUMP = `INSERT INTO thread_versions (thread, version) VALUES ($1, 1)
  ON CONFLICT (thread) DO UPDATE SET version = thread_versions.version + 1`;

// A deadlock (two moderators' bulk actions locking rows in different orders) or a serialization
// failure is PostgreSQL asking for the transaction again; anything else is the caller's error.
const RETRYABLE = new Set(['40P01', '40001']);

const names = new Map<string, string>();
/** A stable prepared-statement name per SQL text. */
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) names.set(sql, (name = `parley_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`));
  return name;
}

/** Strips what PostgreSQL's text type cannot hold (NUL), which a fetched article page may contain. */
const pgText = (text: string) => text.replaceAll('\u0000', '');

/** The URL without its password, for messages. */
function placeOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the configured database';
  }
}

/**
 * Open the PostgreSQL store: connect, run pending migrations (safe when several instances start
 * at once), and return a Store backed by a connection pool.
 *
 * @example const store = await createPostgresStore({ url: 'postgres://parley@db:5432/parley', poolSize: 10 });
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const statementTimeout = options.statementTimeoutMs ?? 10_000;
  const Pool = options.Pool ?? pg.Pool;
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    // The server cancels a statement after this; the client stops waiting a little later, which
    // covers a connection that went silent (no RST) and would otherwise wait for TCP to notice.
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + 2_000,
    // A transaction left open by a stuck or killed instance must not hold row locks for long.
    idle_in_transaction_session_timeout: 60_000,
    keepAlive: true,
    application_name: 'parley',
    types,
  });
  const onError = options.onError ?? ((message, error) => console.error(`${message}: ${error instanceof Error ? error.message : String(error)}`));
  // An idle connection that dies (database restart, network cut) emits 'error' on the pool;
  // unhandled, that would crash the process. The pool drops the connection and opens a new one
  // when next needed, so logging is all there is to do.
  pool.on('error', (error) => onError('PostgreSQL: an idle connection failed (a new one will be opened when needed)', error));

  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not open the PostgreSQL database at ${placeOf(options.url)}: ${reason}`, { cause: error });
  }

  // Named statements: each connection parses and plans a listing query once, not on every call.
  // A thread page runs one subtree query per root, so this is most of a page's database time.
  const query = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => pool.query<T>({ name: statementName(sql), text: sql, values: params });
  const rows = async (sql: string, params: unknown[] = []) => (await query<Row>(sql, params)).rows;
  const one = async (sql: string, params: unknown[] = []) => (await rows(sql, params))[0] ?? null;

  /** Run `work` in one transaction on one connection; retried on deadlock or serialization failure. */
  async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(pool, work);
      } catch (error) {
        if (attempt < 3 && RETRYABLE.has(sqlState(error) ?? '')) continue;
        throw error;
      }
    }
  }

  let closed: Promise<void> | undefined;

  return {
    insert: (given: NewStoredComment, options) =>
      transaction(async (client) => {
        // One writer per thread at a time, so seq order is commit order within a thread: a reader
        // paging with a seq cursor can never skip a comment that commits after a higher seq did.
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PARLEY_LOCK, given.thread]);
        // setAlias takes this lock too, so the alias read here is settled: a post that named OLD
        // while `parley alias OLD NEW` ran goes to NEW (under NEW's lock as well), never strands in OLD.
        const target = (await client.query<{ to_thread: string }>('SELECT to_thread FROM thread_aliases WHERE from_thread = $1', [given.thread])).rows[0]?.to_thread;
        if (target !== undefined) await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PARLEY_LOCK, target]);
        const input = target === undefined ? given : { ...given, thread: target };
        const inserted = await client.query<Row>(
          `INSERT INTO comments (id, thread, parent, root, status, name, email, website, avatar, text,
             created_at, edited_at, client_hash, reasons, idempotency_key, fingerprint)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
          [
            input.id,
            input.thread,
            input.parent,
            input.root,
            input.status,
            input.name,
            input.email,
            input.website,
            input.avatar,
            input.text,
            input.createdAt,
            input.editedAt,
            input.clientHash,
            JSON.stringify(input.reasons),
            input.idempotencyKey,
            input.fingerprint,
          ],
        );
        if (!inserted.rows[0]) {
          // The key is taken. Read committed: this statement sees the row that won (its
          // transaction committed before our INSERT stopped waiting on the unique index).
          const existing = await client.query<Row>(`SELECT ${COLUMNS} FROM comments WHERE idempotency_key = $1`, [input.idempotencyKey]);
          return { comment: fromRow(existing.rows[0]!), created: false };
        }
        if (input.status === 'published') await client.query(BUMP, [input.thread]);
        const comment = fromRow(inserted.rows[0]);
        if (options?.jobs) await addJobs(client, options.jobs(comment));
        return { comment, created: true };
      }),

    get: async (id) => {
      const row = await one(`SELECT ${COLUMNS} FROM comments WHERE id = $1`, [id]);
      return row ? fromRow(row) : null;
    },
    getByIdempotencyKey: async (key) => {
      const row = await one(`SELECT ${COLUMNS} FROM comments WHERE idempotency_key = $1`, [key]);
      return row ? fromRow(row) : null;
    },

    update: (id, patch: CommentPatch, options) =>
      transaction(async (client) => {
        const found = (await client.query<Row>(`SELECT ${COLUMNS} FROM comments WHERE id = $1 FOR UPDATE`, [id])).rows[0];
        if (!found) return null;
        const before = fromRow(found);
        const next = { ...before, ...patch };
        const updated = await client.query<Row>(`UPDATE comments SET text = $1, status = $2, reasons = $3, edited_at = $4 WHERE id = $5 RETURNING ${COLUMNS}`, [
          next.text,
          next.status,
          JSON.stringify(next.reasons),
          next.editedAt,
          id,
        ]);
        await client.query(BUMP, [found.thread]);
        const after = fromRow(updated.rows[0]!);
        if (options?.jobs) await addJobs(client, options.jobs({ before, after }));
        return after;
      }),

    setStatus: (ids, status, options) =>
      transaction(async (client) => {
        // One statement: change the rows, then bump each touched thread once per changed row
        // (as sqlite.ts does). Threads are bumped in a fixed order so two bulk actions at once
        // cannot deadlock on thread_versions. The changed rows come back for the outbox's jobs.
        const result = await client.query<Row>(
          `WITH changed AS (
             UPDATE comments SET status = $1 WHERE id = ANY($2::text[]) AND status <> $1 RETURNING ${COLUMNS}),
           bumped AS (
             INSERT INTO thread_versions (thread, version)
             SELECT thread, count(*) FROM changed GROUP BY thread ORDER BY thread
             ON CONFLICT (thread) DO UPDATE SET version = thread_versions.version + excluded.version)
           SELECT ${COLUMNS} FROM changed ORDER BY seq`,
          [status, [...new Set(ids)]],
        );
        if (options?.jobs) await addJobs(client, options.jobs(result.rows.map(fromRow)));
        return result.rows.length;
      }),

    listRoots: async (thread, { afterSeq, limit, sort }) =>
      (sort === 'newest'
        ? await rows(`SELECT ${COLUMNS} FROM comments c WHERE thread = $1 AND parent IS NULL AND seq < $2 AND ${VISIBLE} ORDER BY seq DESC LIMIT $3`, [
            thread,
            afterSeq ?? Number.MAX_SAFE_INTEGER,
            limit,
          ])
        : await rows(`SELECT ${COLUMNS} FROM comments c WHERE thread = $1 AND parent IS NULL AND seq > $2 AND ${VISIBLE} ORDER BY seq LIMIT $3`, [thread, afterSeq ?? 0, limit])
      ).map(fromRow),

    listSubtree: async (parent, { afterSeq, limit }) => {
      const row = await one('SELECT id, root FROM comments WHERE id = $1', [parent]);
      if (!row) return [];
      // A top-level comment's subtree is its whole tree: comments_root serves it without recursion.
      const list =
        row.root === row.id
          ? await rows(`SELECT ${COLUMNS} FROM comments c WHERE root = $1 AND parent IS NOT NULL AND seq > $2 AND ${VISIBLE} ORDER BY seq LIMIT $3`, [parent, afterSeq ?? 0, limit])
          : await rows(
              `WITH RECURSIVE sub(id) AS (
                 SELECT id FROM comments WHERE parent = $1 UNION ALL SELECT x.id FROM comments x JOIN sub ON x.parent = sub.id)
               SELECT ${C_COLUMNS} FROM comments c JOIN sub ON c.id = sub.id WHERE c.seq > $2 AND ${VISIBLE} ORDER BY c.seq LIMIT $3`,
              [parent, afterSeq ?? 0, limit],
            );
      return list.map(fromRow);
    },

    listReplies: async (roots, { limit }) => {
      if (!roots.length) return { replies: [], truncated: [] };
      // One round trip for a page of roots (it was one per root). LATERAL with its own LIMIT reads
      // at most limit + 1 rows of each tree from comments_root, so one huge tree costs no more.
      const list = await rows(
        `SELECT ${C_COLUMNS} FROM unnest($1::text[]) WITH ORDINALITY AS r(root, ord)
         CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM comments c
           WHERE c.root = r.root AND c.parent IS NOT NULL AND ${VISIBLE} ORDER BY c.seq LIMIT $2) c
         ORDER BY r.ord, c.seq LIMIT $2`,
        [roots, limit + 1],
      );
      if (list.length <= limit) return { replies: list.map(fromRow), truncated: [] };
      // The budget ran out inside the extra row's tree; which later roots have replies at all?
      const cut = list[limit]!.root;
      const later = roots.slice(roots.indexOf(cut) + 1);
      const rest = later.length
        ? (
            await query<{ root: string }>(
              `SELECT r.root FROM unnest($1::text[]) WITH ORDINALITY AS r(root, ord) WHERE EXISTS (
                 SELECT 1 FROM comments c WHERE c.root = r.root AND c.parent IS NOT NULL AND ${VISIBLE}) ORDER BY r.ord`,
              [later],
            )
          ).rows.map((r) => r.root)
        : [];
      return { replies: list.slice(0, limit).map(fromRow), truncated: [cut, ...rest] };
    },

    listByStatus: async ({ status, thread, beforeSeq, limit }) => {
      const before = beforeSeq ?? Number.MAX_SAFE_INTEGER;
      const list =
        thread === undefined
          ? await rows(`SELECT ${COLUMNS} FROM comments WHERE status = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`, [status, before, limit])
          : await rows(`SELECT ${COLUMNS} FROM comments WHERE thread = $1 AND status = $2 AND seq < $3 ORDER BY seq DESC LIMIT $4`, [thread, status, before, limit]);
      return list.map(fromRow);
    },

    countPublished: async (threads) => {
      // No prototype: a thread may be called "__proto__", and {}["__proto__"] = n sets no key.
      const out: Record<string, number> = Object.create(null);
      for (const thread of threads) out[thread] = 0;
      if (!threads.length) return out;
      // Each asked thread with the thread it stands for (an alias's target, else itself), counted
      // in one statement.
      const counted = await query<{ asked: string; n: number }>(
        `SELECT a.asked, count(c.seq)::int AS n
           FROM (SELECT t AS asked, coalesce(ta.to_thread, t) AS thread
                   FROM unnest($1::text[]) AS t LEFT JOIN thread_aliases ta ON ta.from_thread = t) a
           LEFT JOIN comments c ON c.thread = a.thread AND c.status = 'published'
          GROUP BY a.asked`,
        [[...new Set(threads)]],
      );
      for (const { asked, n } of counted.rows) out[asked] = Number(n);
      return out;
    },

    recentTexts: async (thread, perStatus) => threadTexts((await query<TextRow>(RECENT_TEXTS, [thread, perStatus])).rows),
    textsSince: async (thread, afterSeq, limit) => threadTexts((await query<TextRow>(TEXTS_SINCE, [thread, afterSeq, limit])).rows),

    hasDuplicate: async ({ thread, email, name, text, exceptId }) =>
      (
        await query(
          `SELECT 1 FROM comments WHERE thread = $1 AND md5(text) = md5($2) AND text = $2 AND id <> $3
             AND (lower(email) = lower($4) OR name = $5) LIMIT 1`,
          [thread, text, exceptId ?? '', email, name],
        )
      ).rowCount! > 0,
    hasPublishedByEmail: async (email) =>
      (await query(`SELECT 1 FROM comments WHERE lower(email) = lower($1) AND status = 'published' LIMIT 1`, [email])).rowCount! > 0,
    countByClient: async (clientHash, sinceMs) =>
      (await query<{ n: number }>('SELECT count(*) AS n FROM comments WHERE client_hash = $1 AND created_at >= $2', [clientHash, sinceMs])).rows[0]!.n,

    threadVersion: async (thread) =>
      (await query<{ version: number }>('SELECT version FROM thread_versions WHERE thread = $1', [thread])).rows[0]?.version ?? 0,

    hit: async (key, windowSeconds, now) => {
      const start = windowStart(windowSeconds, now);
      // One statement, one round trip: drop this key's older windows (dead weight) and count the
      // hit atomically. Two instances hitting the same key at once both get distinct counts.
      const result = await query<{ count: number }>(
        `WITH pruned AS (DELETE FROM counters WHERE key = $1 AND window_start < $2)
         INSERT INTO counters (key, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET count = counters.count + 1 RETURNING count`,
        [key, start],
      );
      return result.rows[0]!.count;
    },

    secret: async (create) => {
      const read = async () => (await query<{ value: string }>(`SELECT value FROM settings WHERE name = 'secret'`)).rows[0]?.value;
      const found = await read();
      if (found !== undefined) return found;
      // INSERT … DO NOTHING, then read: instances starting at once all end up with the one that won.
      await query(`INSERT INTO settings (name, value) VALUES ('secret', $1) ON CONFLICT (name) DO NOTHING`, [create()]);
      return (await read())!;
    },

    getArticle: async (url) => {
      const row = (await query<{ text: string; fetched_at: number }>('SELECT text, fetched_at FROM articles WHERE url = $1', [url])).rows[0];
      return row ? { text: row.text, fetchedAt: row.fetched_at } : null;
    },
    putArticle: async (url, article) => {
      await query(
        `INSERT INTO articles (url, text, fetched_at) VALUES ($1, $2, $3)
         ON CONFLICT (url) DO UPDATE SET text = excluded.text, fetched_at = excluded.fetched_at`,
        [url, pgText(article.text), article.fetchedAt],
      );
    },

    listAll: async ({ afterSeq, limit }) => (await rows(`SELECT ${COLUMNS} FROM comments WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq ?? 0, limit])).map(fromRow),

    insertMany: (input) =>
      transaction(async (client) => {
        if (!input.length) return { created: 0, existing: 0 };
        await client.query(LOCK_THREADS, [PARLEY_LOCK, [...new Set(input.map((c) => c.thread))]]);
        let created = 0;
        for (let start = 0; start < input.length; start += IMPORT_CHUNK) {
          const chunk = input.slice(start, start + IMPORT_CHUNK);
          const column = <K extends keyof NewStoredComment>(key: K) => chunk.map((c) => c[key]);
          const result = await client.query<{ created: number }>(IMPORT_INSERT, [
            column('id'),
            column('thread'),
            column('parent'),
            column('root'),
            column('status'),
            column('name'),
            column('email'),
            column('website'),
            column('avatar'),
            column('text'),
            column('createdAt'),
            column('editedAt'),
            column('clientHash'),
            chunk.map((c) => JSON.stringify(c.reasons)),
            column('idempotencyKey'),
            column('fingerprint'),
          ]);
          created += result.rows[0]!.created;
        }
        return { created, existing: input.length - created };
      }),

    listRecentPublished: async ({ thread, limit }) =>
      (thread === undefined
        ? await rows(`SELECT ${COLUMNS} FROM comments WHERE status = 'published' ORDER BY created_at DESC, seq DESC LIMIT $1`, [limit])
        : await rows(`SELECT ${COLUMNS} FROM comments WHERE thread = $1 AND status = 'published' ORDER BY created_at DESC, seq DESC LIMIT $2`, [thread, limit])
      ).map(fromRow),

    setAlias: (from, to) =>
      transaction(async (client) => {
        if (from === to) throw new AliasError(`A thread cannot be an alias of itself ("${from}").`);
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [PARLEY_LOCK, ALIAS_LOCK]);
        // The insert locks of both threads: a post being stored in OLD right now finishes first and moves too.
        await client.query(LOCK_THREADS, [PARLEY_LOCK, [from, to]]);
        const target = (await client.query<{ to_thread: string }>('SELECT to_thread FROM thread_aliases WHERE from_thread = $1', [to])).rows[0]?.to_thread;
        if (target !== undefined) throw new AliasError(`"${to}" is itself an alias of "${target}": use "${target}" as the new thread.`);
        const moved = (await client.query('UPDATE comments SET thread = $2 WHERE thread = $1', [from, to])).rowCount ?? 0;
        // Re-pointed aliases read another thread now: bumped, so kept resolutions are asked again.
        const repointed = await client.query<{ from_thread: string }>('UPDATE thread_aliases SET to_thread = $2 WHERE to_thread = $1 RETURNING from_thread', [from, to]);
        await client.query(
          `INSERT INTO thread_aliases (from_thread, to_thread) VALUES ($1, $2)
           ON CONFLICT (from_thread) DO UPDATE SET to_thread = excluded.to_thread`,
          [from, to],
        );
        await client.query(BUMP_MANY, [[...new Set([from, to, ...repointed.rows.map((r) => r.from_thread)])]]);
        return { moved };
      }),

    resolveThreads: async (threads) => {
      const out: Record<string, string> = Object.create(null);
      for (const thread of threads) out[thread] = thread;
      if (!threads.length) return out;
      const found = await query<{ from_thread: string; to_thread: string }>(
        'SELECT from_thread, to_thread FROM thread_aliases WHERE from_thread = ANY($1::text[])',
        [[...new Set(threads)]],
      );
      for (const { from_thread, to_thread } of found.rows) out[from_thread] = to_thread;
      return out;
    },

    listAliases: async () =>
      (await query<{ from_thread: string; to_thread: string }>('SELECT from_thread, to_thread FROM thread_aliases ORDER BY from_thread')).rows.map((r) => ({
        from: r.from_thread,
        to: r.to_thread,
      })),

    enqueueJob: async ({ kind, payload, runAt }) =>
      String(
        (await query<{ id: number }>('INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [kind, jobPayload(payload), runAt, Date.now()]))
          .rows[0]!.id,
      ),

    claimJobs: async (now, limit, leaseMs) => {
      // One statement: SKIP LOCKED lets instances claiming at the same moment each take other
      // jobs instead of waiting for (and then re-taking) the rows another one is leasing.
      const claimed = await query<JobRow & { due_at: number }>(
        `WITH due AS (
           SELECT id, run_at AS due_at FROM jobs WHERE NOT dead AND run_at <= $1 ORDER BY run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE jobs j SET attempts = j.attempts + 1, run_at = $3 FROM due WHERE j.id = due.id
         RETURNING ${JOB_COLUMNS.split(', ').map((c) => `j.${c}`).join(', ')}, due.due_at`,
        [now, limit, now + leaseMs],
      );
      return claimed.rows.sort((a, b) => a.due_at - b.due_at || Number(a.id) - Number(b.id)).map((r) => fromJobRow(r, false));
    },
    completeJob: async (id) => {
      await query('DELETE FROM jobs WHERE id = $1', [id]);
    },
    failJob: async (id, { runAt, error, dead }) => {
      await query('UPDATE jobs SET run_at = $2, last_error = $3, dead = $4 WHERE id = $1', [id, runAt, error, dead]);
    },
    listJobs: async ({ dead, limit }) =>
      (dead === undefined
        ? await query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs ORDER BY id LIMIT $1`, [limit])
        : await query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE dead = $1 ORDER BY id LIMIT $2`, [dead, limit])
      ).rows.map((r) => fromJobRow(r, false)),

    ping: async () => {
      await query('SELECT 1');
    },
    close: () => (closed ??= pool.end()),
  };
}

/**
 * Apply pending migrations in one transaction under a transaction-level advisory lock: a second
 * instance starting at the same moment waits for the first, then finds nothing left to do. The
 * lock is released by COMMIT or ROLLBACK, or by PostgreSQL when the connection dies, so a crashed
 * instance can never leave it held. DDL is transactional in PostgreSQL: a failed step leaves no
 * half-made schema behind.
 */
async function migrate(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    // Building indexes on a large table can take longer than a request may.
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [PARLEY_LOCK, MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const step of POSTGRES_MIGRATIONS) {
      if (done.has(step.version)) continue;
      await client.query(step.sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [step.version, Date.now()]);
    }
  });
}

/** The SQLSTATE of an error PostgreSQL sent (five characters); undefined for network errors. */
function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** BEGIN, `work`, COMMIT on one pooled connection; ROLLBACK on a database error. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A checked-out client whose connection dies emits 'error'; the pool listens only while the
  // client is idle, and an unheard 'error' would crash the process. The failing query rejects too.
  let broken: unknown;
  const onBroken = (error: unknown) => {
    broken ??= error;
  };
  client.on('error', onBroken);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.off('error', onBroken);
    client.release();
    return result;
  } catch (error) {
    // After a network error or a client-side timeout the connection is unusable (or still busy
    // with the abandoned query): destroy it, and PostgreSQL rolls the transaction back when the
    // session ends. After an error PostgreSQL reported, the connection is fine: roll back, reuse.
    const reusable = broken === undefined && sqlState(error) !== undefined && (await client.query('ROLLBACK').then(() => true, () => false));
    client.off('error', onBroken);
    client.release(reusable ? undefined : (error as Error));
    throw error;
  }
}
