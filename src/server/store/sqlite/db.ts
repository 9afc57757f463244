// The SQLite file every part of the SQLite store shares (DESIGN "Scale": the embedded default, WAL,
// no set-up): opening it, its migrations, and the statements of statements.ts, prepared once.
import Database from 'better-sqlite3';
import { fromJobRow, jobPayload, type JobRow } from '../rows.ts';
import type { Job, NewJob } from '../store.ts';
import { createChangeStamp } from './change-stamp.ts';
import { openFailure, prepareDatabaseFile } from './file.ts';
import { SQLITE_MIGRATIONS } from './migrations.ts';
import { SQLITE_STATEMENTS, type SqliteStatementName } from './statements.ts';

export type Db = Database.Database;

/** One prepared statement of statements.ts, typed by the rows it returns. */
export interface Statement<T> {
  get(...params: unknown[]): T | undefined;
  all(...params: unknown[]): T[];
  run(...params: unknown[]): Database.RunResult;
}

export interface Sqlite {
  db: Db;
  /** The change stamp and per-stamp memory (change-stamp.ts). */
  changes: ReturnType<typeof createChangeStamp>;
  /** A statement of statements.ts, prepared on first use and kept. */
  q<T = unknown>(name: SqliteStatementName): Statement<T>;
  /** Bumps a thread's version (inside the caller's transaction). */
  bump(thread: string): void;
  /** Writes outbox jobs inside the caller's transaction: a job that fails to store undoes the write. */
  addJobs(list: readonly NewJob[]): string[];
  /** A jobs row as a Job (the payload kept as JSON text, `dead` as 0/1). */
  job(row: JobRow): Job;
}

export function openSqlite(file: string): Sqlite {
  prepareDatabaseFile(file);
  let db: Db;
  try {
    db = openDatabase(file);
  } catch (error) {
    throw openFailure(file, error);
  }

  const prepared = new Map<SqliteStatementName, Statement<unknown>>();
  const q = <T = unknown>(name: SqliteStatementName): Statement<T> => {
    let found = prepared.get(name);
    if (!found) {
      const statement = db.prepare(SQLITE_STATEMENTS[name]);
      found = { get: (...p) => statement.get(...p), all: (...p) => statement.all(...p), run: (...p) => statement.run(...p) };
      prepared.set(name, found);
    }
    return found as Statement<T>;
  };
  const jobInsert = q<{ id: number }>('jobInsert');
  return {
    db,
    changes: createChangeStamp(db, file),
    q,
    bump: (thread) => {
      q('bump').run(thread);
    },
    addJobs: (list) => {
      const at = Date.now();
      return list.map(({ kind, payload, runAt }) => String(jobInsert.get(kind, jobPayload(payload), runAt, at)!.id));
    },
    job: (r) => fromJobRow(r, true),
  };
}

function openDatabase(file: string): Db {
  const db = new Database(file);
  // WAL with synchronous=NORMAL: a committed transaction is in the WAL file before the call
  // returns, so it survives a crash of this process (kill -9), which is DESIGN's promise 2. Only a
  // power loss or OS crash can lose the last commits; FULL would fsync every commit to cover that.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Other instances on the same file (or a backup) may hold the write lock briefly.
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const apply = db.transaction(() => {
    const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    for (const step of SQLITE_MIGRATIONS) {
      if (done.has(step.version)) continue;
      db.exec(step.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(step.version, Date.now());
    }
  });
  apply.immediate();
}
