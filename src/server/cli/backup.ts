// `parley backup FILE [--db …]` (issue 19, item 3): a consistent copy of a live database.
//
// SQLite: the online backup API (sqlite3_backup_*, through better-sqlite3's db.backup()), asked to
// copy every page in one step, so the copy is one transaction's view of the database while the
// server goes on writing (WAL: readers and the one writer do not block each other). Copying the .db
// file is not a backup: with WAL, committed transactions live in parley.db-wal until a checkpoint
// moves them into the main file (test/server/backup.test.ts shows an empty copy).
// PostgreSQL: the Parley JSON export (comments, their votes and aliases), the same as `parley export`; pg_dump
// is the backup of everything else (README "Backups").
import { closeSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { CliError, commandArgs, redactDb, resolveDb, type CliIo } from './args.ts';
import { jsonExportLines } from '../export/json.ts';
import { readJsonExport } from '../export/read-all.ts';
import { isPostgresUrl, openStore } from '../main.ts';

export const HELP = [
  'Usage: parley backup FILE [--db <path|url>]',
  '',
  'Writes a consistent copy of the database to FILE while the server keeps running.',
  '',
  '  SQLite      a SQLite file made with SQLite\'s online backup API (one transaction\'s view);',
  '              restore it with parley restore FILE. Copying parley.db itself is not a backup:',
  '              the latest comments are in parley.db-wal until SQLite checkpoints them.',
  '  PostgreSQL  the Parley JSON export (every comment, any status, its votes, the thread aliases), as',
  '              parley export writes it; for everything else (reader subscriptions, the secret)',
  '              use pg_dump.',
  '',
  '  --db <path|url>'.padEnd(28) + 'SQLite file or postgres:// URL (env PARLEY_DB or DATABASE_URL; default ./data/parley.db)',
  '',
  'FILE is written whole, then renamed into place: an interrupted backup leaves no half file.',
  'Exit code 0 when written, 1 when the database cannot be read.',
].join('\n');

/** The 16 bytes every SQLite database file starts with. */
export const SQLITE_HEADER = 'SQLite format 3\0';

/** Whether `file` starts as a SQLite database does. */
export function isSqliteFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies SQLite database `from` to `to` with the online backup API, all pages in one step (a copy
 * made in several steps restarts whenever another connection writes between them). `to` is
 * replaced whole, in place: SQLite writes it under its own locks.
 */
export async function sqliteBackup(from: Database.Database, to: string): Promise<void> {
  await from.backup(to, { progress: () => 0x7fffffff });
}

/** `PRAGMA integrity_check` and the number of comments and threads of a SQLite database file. */
export function checkSqliteCopy(file: string): { ok: boolean; problem?: string; comments: number; threads: number } {
  // Read-write, though it only reads: closing a read-write connection removes the -wal and -shm
  // files that opening a WAL database makes; a read-only one would leave them beside the copy.
  const db = new Database(file, { fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'comments'").get();
    const counts = has ? (db.prepare('SELECT COUNT(*) AS comments, COUNT(DISTINCT thread) AS threads FROM comments').get() as { comments: number; threads: number }) : { comments: 0, threads: 0 };
    return { ok: check === 'ok' && Boolean(has), problem: check !== 'ok' ? String(check) : has ? undefined : 'it has no comments table', ...counts };
  } finally {
    db.close();
  }
}

function parse(args: readonly string[], env: CliIo['env']) {
  const { values, positionals } = commandArgs('backup', args, { db: 'string' });
  const [file, other] = positionals;
  if (!file) throw new CliError('Name the file to write: parley backup FILE (for example /var/backups/parley/parley-$(date +%F).db).');
  if (other !== undefined) throw new CliError(`One file at a time: "${file}" and "${other}" were both given.`);
  return { file, db: resolveDb(values.db, env) };
}

/** "1 comment on 1 thread", "3 comments on 2 threads". */
export const tally = (comments: number, threads: number) =>
  `${comments.toLocaleString('en')} comment${comments === 1 ? '' : 's'} on ${threads.toLocaleString('en')} thread${threads === 1 ? '' : 's'}`;

const kb = (file: string) => `${Math.ceil(statSync(file).size / 1024).toLocaleString('en')} KB`;

/** @example await run(['/var/backups/parley.db', '--db', './data/parley.db'], io) // 0 */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { file, db } = parse(args, io.env);
  const partial = `${file}.partial-${process.pid}`;
  try {
    if (isPostgresUrl(db)) {
      const store = await openStore(db);
      try {
        const data = await readJsonExport(store);
        const { rows } = data;
        writeFileSync(partial, [...jsonExportLines(data, new Date())].map((line) => `${line}\n`).join(''));
        renameSync(partial, file);
        io.out(`parley backup: ${tally(rows.length, new Set(rows.map((r) => r.thread)).size)} from ${redactDb(db)} written to ${file} (${kb(file)}) as Parley JSON; restore it with parley restore ${file}. For reader subscriptions and the secret too, back up with pg_dump.`);
        return 0;
      } finally {
        await store.close();
      }
    }
    let source: Database.Database;
    try {
      statSync(db);
      source = new Database(db, { fileMustExist: true });
    } catch (error) {
      io.err(`parley backup: cannot open the database ${db} (${(error as Error).message}); check --db.`);
      return 1;
    }
    try {
      // The server may hold the write lock for a moment; wait as the server itself does.
      source.pragma('busy_timeout = 5000');
      await sqliteBackup(source, partial);
    } finally {
      source.close();
    }
    const copy = checkSqliteCopy(partial);
    if (!copy.ok) {
      io.err(`parley backup: the copy of ${db} failed its integrity check (${copy.problem}); nothing was written to ${file}.`);
      return 1;
    }
    renameSync(partial, file);
    io.out(`parley backup: ${tally(copy.comments, copy.threads)} from ${db} copied to ${file} (${kb(file)}, integrity checked); restore it with parley restore ${file}.`);
    return 0;
  } finally {
    rmSync(partial, { force: true });
  }
}
