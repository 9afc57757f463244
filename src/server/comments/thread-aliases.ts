// Thread aliases on the request path (`parley alias OLD NEW`, issue 8): a read, count, post or
// feed that names OLD is answered from NEW. The store keeps the aliases (every instance sees the
// same ones); this file decides how often a request has to ask.
import type { Store } from '../store/store.ts';

/** The thread one id stands for: itself unless `parley alias` made it an alias. One store call. */
export async function resolveThread(store: Store, thread: string): Promise<string> {
  return (await store.aliases.resolve([thread]))[thread] ?? thread;
}

/**
 * The read path's resolver, which costs no store call on a repeated read. GET /api/v1/comments
 * reads the asked thread's version anyway (its one cheap call, read-cache.ts); setAlias bumps the
 * version of every thread whose resolution it changes (OLD, and aliases re-pointed from OLD to
 * NEW), so a resolution kept with the version it was read at is right for as long as that version
 * is current, on this instance or any other. A thread never written (version 0) is no alias.
 * An aliased thread costs one more version read (NEW's, the one its page depends on).
 */
export function createAliasResolver(store: Store, limit = 10_000) {
  const kept = new Map<string, { version: number; to: string }>();
  return {
    /** What `thread` stands for at `version` when that is already known (no store call), else undefined. */
    known(thread: string, version: number): string | undefined {
      if (version === 0) return thread;
      const found = kept.get(thread);
      return found?.version === version ? found.to : undefined;
    },

    /** What `thread` stands for, given `version`, its threadVersion read just before. */
    async resolve(thread: string, version: number): Promise<string> {
      const known = this.known(thread, version);
      if (known !== undefined) return known;
      const to = await resolveThread(store, thread);
      kept.delete(thread);
      kept.set(thread, { version, to });
      // Oldest entry first out: a Map iterates in insertion order.
      if (kept.size > limit) kept.delete(kept.keys().next().value!);
      return to;
    },
  };
}
