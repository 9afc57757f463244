// The aliases part in memory (store/aliases.ts).
import { AliasError, type AliasesPart } from '../aliases.ts';
import { bump, open, type MemoryState } from './state.ts';

export function memoryAliases(state: MemoryState): AliasesPart {
  const { rows, aliases } = state;
  return {
    async set(from, to) {
      open(state);
      if (from === to) throw new AliasError(`A thread cannot be an alias of itself ("${from}").`);
      const target = aliases.get(to);
      if (target !== undefined) throw new AliasError(`"${to}" is itself an alias of "${target}": use "${target}" as the new thread.`);
      let moved = 0;
      for (const row of rows) {
        if (row.thread !== from) continue;
        row.thread = to;
        moved++;
      }
      // A re-pointed alias now reads another thread: its version moves too, so a reader that keeps
      // a resolution per (thread, version) asks again (comments/thread-aliases.ts).
      for (const [alias, points] of aliases) {
        if (points !== from) continue;
        aliases.set(alias, to);
        bump(state, alias);
      }
      aliases.set(from, to);
      bump(state, from);
      bump(state, to);
      return { moved };
    },
    async resolve(threads) {
      open(state);
      const out: Record<string, string> = Object.create(null);
      for (const thread of threads) out[thread] = aliases.get(thread) ?? thread;
      return out;
    },
    async list() {
      open(state);
      return [...aliases].map(([from, to]) => ({ from, to })).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    },
  };
}
