// The embedded default store (DESIGN "Scale"): one SQLite file in WAL mode, no set-up. One file
// per part in sqlite/, sharing the database and its statements (sqlite/statements.ts, every one
// explained by test/server/query-plans.test.ts). better-sqlite3 is synchronous; the parts are
// async so PostgreSQL fits the same interfaces.
import { sqliteAliases } from './sqlite/aliases.ts';
import { sqliteComments } from './sqlite/comments.ts';
import { openSqlite } from './sqlite/db.ts';
import { sqliteHistory } from './sqlite/history.ts';
import { sqliteOutbox } from './sqlite/outbox.ts';
import { sqliteReaders } from './sqlite/readers.ts';
import { sqliteDesk } from './sqlite/desk.ts';
import { sqliteArticles, sqliteCounters, sqliteSettings } from './sqlite/small-parts.ts';
import { sqliteThreads } from './sqlite/threads.ts';
import { sqliteSpam } from './sqlite/spam.ts';
import type { Store } from './store.ts';
import { sqliteVotes } from './sqlite/votes.ts';
import { localEvents } from './events.ts';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. Its directory is created when missing. */
  file: string;
}

/** @example const store = createSqliteStore({ file: './data/parley.db' }); */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  const sqlite = openSqlite(options.file);
  const { db, q } = sqlite;
  return {
    comments: sqliteComments(sqlite),
    threads: sqliteThreads(sqlite),
    history: sqliteHistory(sqlite),
    counters: sqliteCounters(sqlite),
    settings: sqliteSettings(sqlite),
    articles: sqliteArticles(sqlite),
    aliases: sqliteAliases(sqlite),
    outbox: sqliteOutbox(sqlite),
    readers: sqliteReaders(sqlite),
    // One process per file (README "Live updates"): its streams hear its own announcements.
    votes: sqliteVotes(sqlite),
    events: localEvents(),
    spam: sqliteSpam(sqlite),
    desk: sqliteDesk(sqlite),
    changeStamp: sqlite.changes.stamp,
    ping: async () => {
      q('ping').get();
    },
    close: async () => {
      // The connection first: closing the stamp's -shm reader can drop this process's locks on
      // that file (change-stamp.ts), which must not happen under a live connection.
      if (db.open) db.close();
      sqlite.changes.close();
    },
  };
}
