// The aliases part on PostgreSQL (store/aliases.ts).
import { AliasError, type AliasesPart } from '../aliases.ts';
import { ALIAS_LOCK, PARLEY_LOCK, type Pg } from './pool.ts';

export function pgAliases({ run, transaction }: Pg): AliasesPart {
  return {
    set: (from, to) =>
      transaction(async (tx) => {
        if (from === to) throw new AliasError(`A thread cannot be an alias of itself ("${from}").`);
        await tx('lockKey', [PARLEY_LOCK, ALIAS_LOCK]);
        // The insert locks of both threads: a post being stored in OLD right now finishes first and moves too.
        await tx('lockThreads', [PARLEY_LOCK, [from, to]]);
        const target = (await tx<{ to_thread: string }>('aliasOf', [to])).rows[0]?.to_thread;
        if (target !== undefined) throw new AliasError(`"${to}" is itself an alias of "${target}": use "${target}" as the new thread.`);
        const moved = (await tx('moveThread', [from, to])).rowCount ?? 0;
        // Re-pointed aliases read another thread now: bumped, so kept resolutions are asked again.
        const repointed = await tx<{ from_thread: string }>('aliasRepoint', [from, to]);
        await tx('aliasPut', [from, to]);
        await tx('bumpMany', [[...new Set([from, to, ...repointed.rows.map((r) => r.from_thread)])]]);
        return { moved };
      }),
    resolve: async (threads) => {
      const out: Record<string, string> = Object.create(null);
      for (const thread of threads) out[thread] = thread;
      if (!threads.length) return out;
      const found = await run<{ from_thread: string; to_thread: string }>('aliasesOf', [[...new Set(threads)]]);
      for (const { from_thread, to_thread } of found.rows) out[from_thread] = to_thread;
      return out;
    },
    list: async () => (await run<{ from_thread: string; to_thread: string }>('aliasList')).rows.map((r) => ({ from: r.from_thread, to: r.to_thread })),
  };
}
