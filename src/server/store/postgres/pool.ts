// The connection pool every part of the PostgreSQL store shares: statements run by name from
// statements.ts (each prepared once per connection), transactions with a retry on deadlock, the
// outbox's in-transaction writer, and the migrations run at start.
//
// Failure model: a lost or refused connection makes the call reject (fast: connection and statement
// timeouts below), createApp's onError answers 503 `unavailable`, and the pool opens fresh
// connections on the next call, so the server recovers by itself when the database is back.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { jobPayload } from '../rows.ts';
import type { NewJob } from '../store.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { PG_STATEMENTS, type PgStatementName } from './statements.ts';

/** Parley's key space for advisory locks: (PARLEY_LOCK, n). Any constant unlikely to clash will do. */
export const PARLEY_LOCK = 0x50_61_72; // "Par"
const MIGRATION_LOCK = 1;
/** One alias change at a time: two at once (A→B, B→C) could each pass the "not an alias" check and chain. */
export const ALIAS_LOCK = 2;
/** One learning filter change at a time (spam.ts): a decision counted once, even by two moderators at once. */
export const SPAM_LOCK = 3;

// int8 (counts, seq, times) comes back as a string by default, because it can exceed 2^53. Ours
// are milliseconds and row numbers, far below that; parse them per pool, not globally, so other
// users of `pg` in the same process are untouched.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

// A deadlock (two moderators' bulk actions locking rows in different orders) or a serialization
// failure is PostgreSQL asking for the transaction again; anything else is the caller's error.
const RETRYABLE = new Set(['40P01', '40001']);

/** A stable prepared-statement name per statement. */
const NAMES = Object.fromEntries(
  Object.entries(PG_STATEMENTS).map(([name, sql]) => [name, `parley_${name}_${createHash('sha1').update(sql).digest('hex').slice(0, 8)}`]),
) as Record<PgStatementName, string>;

/** Runs a statement of statements.ts by name, on the pool or inside a transaction. */
export type Run = <T extends pg.QueryResultRow = pg.QueryResultRow>(name: PgStatementName, params?: unknown[]) => Promise<pg.QueryResult<T>>;

export interface Pg {
  /** A statement on any free connection. */
  run: Run;
  /** `work` in one transaction on one connection; retried on deadlock or serialization failure. */
  transaction<T>(work: (run: Run) => Promise<T>): Promise<T>;
  /** Writes outbox jobs inside a transaction (Store writes' WriteJobs): a job that fails to store undoes the write. */
  addJobs(run: Run, list: readonly NewJob[]): Promise<void>;
  end(): Promise<void>;
}

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

const runOn =
  (client: pg.Pool | pg.PoolClient): Run =>
  (name, params = []) =>
    client.query({ name: NAMES[name], text: PG_STATEMENTS[name], values: params });

/** Connect, run pending migrations (safe when several instances start at once), and hand out the pool. */
export async function openPg(options: PostgresStoreOptions): Promise<Pg> {
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

  let ended: Promise<void> | undefined;
  return {
    run: runOn(pool),
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await inTransaction(pool, (client) => work(runOn(client)));
        } catch (error) {
          if (attempt < 3 && RETRYABLE.has(sqlState(error) ?? '')) continue;
          throw error;
        }
      }
    },
    async addJobs(run, list) {
      if (!list.length) return;
      // A payload JSON cannot hold throws here and a NOT NULL column refuses a job without kind or
      // runAt: either way the transaction, comment included, rolls back.
      const payloads = list.map((job) => jobPayload(job.payload));
      await run('jobsInsert', [list.map((job) => job.kind), payloads, list.map((job) => job.runAt), Date.now()]);
    },
    end: () => (ended ??= pool.end()),
  };
}

/** Strips what PostgreSQL's text type cannot hold (NUL), which a fetched article page may contain. */
export const pgText = (text: string) => text.replaceAll('\u0000', '');

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
