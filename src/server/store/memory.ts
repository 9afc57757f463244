// The Store in plain arrays: for tests and demos, and the executable picture of the contract the
// SQLite and PostgreSQL stores must match. One process only, by nature. One file per part in
// memory/, sharing one state.
import { memorySpam } from './memory/spam.ts';
import type { Store } from './store.ts';
import { memoryVotes } from './memory/votes.ts';
import { localEvents } from './events.ts';
import { memoryAliases } from './memory/aliases.ts';
import { memoryComments } from './memory/comments.ts';
import { memoryHistory } from './memory/history.ts';
import { memoryOutbox } from './memory/outbox.ts';
import { memoryReaders } from './memory/readers.ts';
import { memoryDesk } from './memory/desk.ts';
import { memoryArticles, memoryCounters, memorySettings } from './memory/small-parts.ts';
import { createState, open } from './memory/state.ts';
import { memoryThreads } from './memory/threads.ts';

/** @example const app = createApp({ store: createMemoryStore(), origins: [] }); */
export function createMemoryStore(): Store {
  const state = createState();
  return {
    comments: memoryComments(state),
    threads: memoryThreads(state),
    history: memoryHistory(state),
    counters: memoryCounters(state),
    settings: memorySettings(state),
    articles: memoryArticles(state),
    aliases: memoryAliases(state),
    outbox: memoryOutbox(state),
    readers: memoryReaders(state),
    votes: memoryVotes(state),
    events: localEvents(),
    spam: memorySpam(state),
    desk: memoryDesk(state),
    // Every change the public can see bumps a thread's version (the threads contract), so a count
    // of bumps is a stamp that moves with each of them.
    changeStamp: () => state.changes,
    async ping() {
      open(state);
    },
    async close() {
      state.closed = true;
    },
  };
}
