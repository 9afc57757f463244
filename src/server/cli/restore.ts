// `parley restore FILE [--db …] [--force]` (issue 19, item 3): a backup back into a store.
//
// A SQLite backup (parley backup on SQLite) replaces a SQLite database whole, through the same
// online backup API in the other direction: every table, the secret and the reader subscriptions
// included. A Parley JSON file (parley backup on PostgreSQL, parley export) is imported: comments
// and aliases. Either way a store that already holds comments is refused unless --force: a restore
// is the one command that can throw away a live site's comments.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { CliError, commandArgs, redactDb, resolveDb, type CliIo } from './args.ts';
import { checkSqliteCopy, isSqliteFile, sqliteBackup, tally } from './backup.ts';
import { importComments } from '../comments/import.ts';
import { formatSummary } from '../import/import-file.ts';
import { ImportError } from '../import/types.ts';
import { isPostgresUrl, openStore } from '../main.ts';
import type { Store } from '../store/store.ts';

export const HELP = [
  'Usage: parley restore FILE [--db <path|url>] [--force]',
  '',
  'Puts a backup back. Stop the server first.',
  '',
  '  a SQLite backup (parley backup on SQLite)   replaces the SQLite database --db whole',
  '  a Parley JSON file (parley backup on        is imported into --db, SQLite or PostgreSQL:',
  '    PostgreSQL, or parley export)               comments and thread aliases',
  '',
  '  --db <path|url>'.padEnd(28) + 'SQLite file or postgres:// URL (env PARLEY_DB or DATABASE_URL; default ./data/parley.db)',
  '  --force'.padEnd(28) + 'restore into a database that already holds comments: a SQLite backup replaces them,',
  ''.padEnd(28) + 'a JSON file adds to them (comments already there are kept as they are)',
  '',
  'Exit code 0 when restored, 1 when refused (a database with comments and no --force, a bad file).',
].join('\n');

function parse(args: readonly string[], env: CliIo['env']) {
  const { values, positionals } = commandArgs('restore', args, { db: 'string', force: 'boolean' });
  const [file, other] = positionals;
  if (!file) throw new CliError('Name the backup to restore: parley restore FILE.');
  if (other !== undefined) throw new CliError(`One file at a time: "${file}" and "${other}" were both given.`);
  return { file, db: resolveDb(values.db, env), force: values.force ?? false };
}

/** Whether the store holds comments (0 or 1: one is enough to say "not empty") and how many aliases. */
async function holdings(store: Store): Promise<{ comments: number; aliases: number }> {
  const comments = (await store.comments.listAll({ afterSeq: 0, limit: 1 })).length;
  return { comments, aliases: (await store.aliases.list()).length };
}

/** @example await run(['/var/backups/parley.db', '--db', './data/parley.db'], io) // 0 */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { file, db, force } = parse(args, io.env);
  if (!existsSync(file)) {
    io.err(`parley restore: there is no file ${file}.`);
    return 1;
  }
  const sqliteBackupFile = isSqliteFile(file);
  if (sqliteBackupFile && isPostgresUrl(db)) {
    io.err(
      `parley restore: ${file} is a SQLite backup, which restores into a SQLite database only. To move its comments to PostgreSQL: parley export --db ${file} > comments.json, then parley restore comments.json --db ${redactDb(db)}.`,
    );
    return 1;
  }
  if (sqliteBackupFile) {
    const copy = checkSqliteCopy(file);
    if (!copy.ok) {
      io.err(`parley restore: ${file} is not a sound SQLite database (${copy.problem}); nothing was changed.`);
      return 1;
    }
  }
  // Opened as the server opens it: created and migrated when missing, so an empty target is
  // simply a new database.
  const store = await openStore(db);
  try {
    const held = await holdings(store);
    if ((held.comments || held.aliases) && !force) {
      io.err(
        `parley restore: ${redactDb(db)} already holds comments${held.aliases ? ' and thread aliases' : ''}; restoring would ${sqliteBackupFile ? 'replace' : 'add to'} them. Stop the server and run again with --force if that is what you want, or restore into an empty --db.`,
      );
      return 1;
    }
    if (!sqliteBackupFile) {
      const secret = async () => io.env.PARLEY_SECRET || (await store.settings.secret(() => randomBytes(32).toString('base64url')));
      try {
        const summary = await importComments({ store, secret }, { file });
        for (const line of formatSummary(summary)) io.out(line);
        io.out(`parley restore: ${file} restored into ${redactDb(db)}.`);
        return 0;
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        io.err(`parley restore: ${file}: ${error.message}`);
        return 1;
      }
    }
  } finally {
    await store.close();
  }
  // The backup API into the closed database file: SQLite replaces every page under its own locks
  // (a reader sees the old database or the new one) and truncates what is left.
  // Not read-only, so closing it removes the -wal and -shm files opening it made (backup.ts).
  const source = new Database(file, { fileMustExist: true });
  try {
    await sqliteBackup(source, db);
  } finally {
    source.close();
  }
  // Opened once more as the server will open it: a backup from an older version gets its
  // migrations now, and a failure shows here rather than at the next start.
  const restored = await openStore(db);
  await restored.close();
  const copy = checkSqliteCopy(db);
  io.out(`parley restore: ${tally(copy.comments, copy.threads)} restored into ${db} from ${file}.`);
  return 0;
}
