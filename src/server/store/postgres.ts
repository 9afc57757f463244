// The store for more than one instance (DESIGN "Scale"): every instance behind the load balancer
// opens the same PostgreSQL database, and everything that matters — comments, per-thread versions
// (the ETags), rate-limit counters, the server secret, the article cache, aliases, the outbox —
// lives there. One file per part in postgres/, sharing one pool (postgres/pool.ts); every
// statement is in postgres/statements.ts, where a query-plan test EXPLAINs each one.
//
// A comment is acknowledged only after its COMMIT returned, so nothing acknowledged is lost; a
// retry with the same idempotency key settles a post whose COMMIT answer was lost.
import { pgAliases } from './postgres/aliases.ts';
import { pgComments } from './postgres/comments.ts';
import { pgHistory } from './postgres/history.ts';
import { pgOutbox } from './postgres/outbox.ts';
import { pgReaders } from './postgres/readers.ts';
import { pgDesk } from './postgres/desk.ts';
import { openPg, type PostgresStoreOptions } from './postgres/pool.ts';
import { pgArticles, pgCounters, pgSettings } from './postgres/small-parts.ts';
import { pgThreads } from './postgres/threads.ts';
import { pgEvents } from './postgres/events.ts';
import { pgSpam } from './postgres/spam.ts';
import type { Store } from './store.ts';
import { pgVotes } from './postgres/votes.ts';

export type { PostgresStoreOptions } from './postgres/pool.ts';

/**
 * Open the PostgreSQL store: connect, run pending migrations (safe when several instances start
 * at once), and return a Store backed by a connection pool.
 *
 * @example const store = await createPostgresStore({ url: 'postgres://parley@db:5432/parley', poolSize: 10 });
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = await openPg(options);
  const events = pgEvents(pool, options.url, options.onError ?? ((message, error) => console.error(`${message}: ${error instanceof Error ? error.message : String(error)}`)));
  return {
    comments: pgComments(pool),
    threads: pgThreads(pool),
    history: pgHistory(pool),
    counters: pgCounters(pool),
    settings: pgSettings(pool),
    articles: pgArticles(pool),
    aliases: pgAliases(pool),
    outbox: pgOutbox(pool),
    readers: pgReaders(pool),
    votes: pgVotes(pool),
    events,
    spam: pgSpam(pool),
    desk: pgDesk(pool),
    ping: async () => {
      await pool.run('ping');
    },
    close: async () => {
      await events.end();
      await pool.end();
    },
  };
}
