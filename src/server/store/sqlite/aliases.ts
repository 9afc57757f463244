// The aliases part on SQLite (store/aliases.ts).
import { AliasError, type AliasesPart } from '../aliases.ts';
import type { Sqlite } from './db.ts';

export function sqliteAliases({ db, q, bump }: Sqlite): AliasesPart {
  const aliasGet = q<{ to_thread: string }>('aliasGet');
  const set = db.transaction((from: string, to: string) => {
    if (from === to) throw new AliasError(`A thread cannot be an alias of itself ("${from}").`);
    const target = aliasGet.get(to)?.to_thread;
    if (target !== undefined) throw new AliasError(`"${to}" is itself an alias of "${target}": use "${target}" as the new thread.`);
    const moved = q('moveThread').run(to, from).changes;
    // Re-pointed aliases read another thread now: bump them so kept resolutions are asked again.
    for (const { from_thread } of q<{ from_thread: string }>('aliasRepoint').all(to, from)) bump(from_thread);
    q('aliasPut').run(from, to);
    bump(from);
    bump(to);
    return { moved };
  });
  return {
    set: async (from, to) => set.immediate(from, to),
    resolve: async (threads) => {
      const out: Record<string, string> = Object.create(null);
      for (const thread of threads) out[thread] = aliasGet.get(thread)?.to_thread ?? thread;
      return out;
    },
    list: async () => q<{ from_thread: string; to_thread: string }>('aliasList').all().map((r) => ({ from: r.from_thread, to: r.to_thread })),
  };
}
