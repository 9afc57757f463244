// What the rules need besides the post itself, gathered once per post so the rules stay pure
// functions of their context: the thread's other comments (echo; the article is
// article-cache.ts's). Everything comes from the store, so every instance sees the same
// (DESIGN "Scale").
import type { SourceIndex } from '../moderation/echo.ts';
import { ThreadIndex } from '../moderation/echo-thread.ts';
import type { Store } from '../store/store.ts';

/** How many recent comments of each status the echo rule compares with. */
const THREAD_SAMPLE = 200;

/**
 * The thread's recent comments by other authors, indexed for the echo rule: the newest 200 of each
 * of published, held and spam (bots copy each other), the poster's own (and, for an edit, the
 * comment itself) left out.
 *
 * Indexing ~600 comments on every post was most of a post's CPU (issue 5), so each process keeps
 * the index of its busiest threads (DESIGN "Scale": a derived cache checked against the thread
 * version) and brings it up to date from the store before each use: the comments added since, and
 * the thread version read with them. Each published insert bumps the version once; any other change
 * (an edit, a delete, a moderator's decision, on any instance) bumps it too, so when the version
 * moved by more than the published comments added, the index is rebuilt from the store. What the
 * rule sees is then exactly the sample it would get by reading the store on every post.
 */
export async function threadSources(store: Store, thread: string, email: string, exceptId?: string): Promise<SourceIndex> {
  // One sync per thread at a time: the next waits for it, then reads what came after.
  const prior = syncing.get(thread);
  const run = (prior ?? Promise.resolve()).catch(() => undefined).then(() => syncThread(store, thread));
  syncing.set(thread, run);
  try {
    return (await run).view(email, exceptId);
  } finally {
    if (syncing.get(thread) === run) syncing.delete(thread);
  }
}

/** How many threads' indexes a process keeps (least recently used goes first). */
const THREAD_INDEXES = 32;
/** More new comments than this since the last sync: rebuild instead of catching up. */
const SINCE_LIMIT = 3 * THREAD_SAMPLE;
const threadIndexes = new Map<string, { store: Store; index: ThreadIndex }>();
const syncing = new Map<string, Promise<ThreadIndex>>();

async function syncThread(store: Store, thread: string): Promise<ThreadIndex> {
  const cached = threadIndexes.get(thread);
  threadIndexes.delete(thread);
  let index: ThreadIndex | undefined;
  if (cached && cached.store === store) {
    const since = await store.history.textsSince(thread, cached.index.maxSeq, SINCE_LIMIT);
    const published = since.rows.filter((r) => r.status === 'published').length;
    if (since.rows.length < SINCE_LIMIT && since.version === cached.index.version + published) {
      index = cached.index;
      await index.addAll(since.rows);
      index.version = since.version;
      if (index.stale > THREAD_SAMPLE) index = index.compact();
    }
  }
  if (!index) {
    const recent = await store.history.recentTexts(thread, THREAD_SAMPLE);
    index = await ThreadIndex.build(recent.rows, recent.version, THREAD_SAMPLE);
  }
  threadIndexes.set(thread, { store, index });
  if (threadIndexes.size > THREAD_INDEXES) threadIndexes.delete(threadIndexes.keys().next().value!);
  return index;
}
