// The threads part in memory (store/threads.ts).
import { inScope } from '../sites.ts';
import { budgetReplies } from '../../../core/paging.ts';
import type { StoredComment } from '../store.ts';
import type { ThreadsPart } from '../threads.ts';
import { bump, copy, open, pinnedOf, visible, type MemoryState } from './state.ts';

export function memoryThreads(state: MemoryState): ThreadsPart {
  const { rows, byId, aliases, versions, threadMeta } = state;
  const inSubtree = (row: StoredComment, ancestor: string): boolean => {
    for (let p = row.parent; p; p = byId.get(p)?.parent ?? null) if (p === ancestor) return true;
    return false;
  };
  return {
    async listRoots(thread, { afterSeq, limit, sort }) {
      open(state);
      let list = rows.filter((r) => r.thread === thread && !r.parent && r.pinnedAt === null && visible(state, r));
      if (sort === 'best') {
        const score = (id: string) => state.scores.get(id) ?? 0;
        return [...list].sort((a, b) => score(b.id) - score(a.id) || a.seq - b.seq).slice(afterSeq ?? 0, (afterSeq ?? 0) + limit).map(copy);
      }
      if (sort === 'newest') list = list.reverse();
      if (afterSeq !== undefined) list = list.filter((r) => (sort === 'newest' ? r.seq < afterSeq : r.seq > afterSeq));
      return list.slice(0, limit).map(copy);
    },
    async listPinned(thread) {
      open(state);
      return pinnedOf(state, thread).map(copy);
    },
    async listSubtree(parent, { afterSeq, limit }) {
      open(state);
      return rows
        .filter((r) => r.seq > (afterSeq ?? 0) && inSubtree(r, parent) && visible(state, r))
        .slice(0, limit)
        .map(copy);
    },
    async listReplies(roots, { limit }) {
      open(state);
      const { replies, truncated } = budgetReplies(roots, (root) => rows.filter((r) => r.root === root && r.parent !== null && visible(state, r)), limit);
      return { replies: replies.map(copy), truncated };
    },
    async countPublished(threads) {
      open(state);
      // No prototype: a thread may be called "__proto__", and {}["__proto__"] = n sets no key.
      const out: Record<string, number> = Object.create(null);
      for (const asked of threads) {
        const thread = aliases.get(asked) ?? asked;
        out[asked] = rows.filter((r) => r.thread === thread && r.status === 'published').length;
      }
      return out;
    },
    async version(thread) {
      open(state);
      return versions.get(thread) ?? 0;
    },
    versionNow(thread) {
      open(state);
      return versions.get(thread) ?? 0;
    },
    async closing(thread) {
      open(state);
      const meta = threadMeta.get(thread);
      const first = rows.filter((r) => r.thread === thread && r.status === 'published').reduce<number | null>((min, r) => (min === null || r.createdAt < min ? r.createdAt : min), null);
      return { closedAt: meta?.closedAt ?? null, publishedAt: meta?.publishedAt ?? null, firstAt: first };
    },
    async setClosed(thread, at) {
      open(state);
      threadMeta.set(thread, { publishedAt: null, ...threadMeta.get(thread), closedAt: at });
      bump(state, thread);
    },
    async setPublishedAt(thread, at) {
      open(state);
      const meta = threadMeta.get(thread);
      if ((meta?.publishedAt ?? null) === at) return;
      threadMeta.set(thread, { closedAt: null, ...meta, publishedAt: at });
      bump(state, thread);
    },
    async listRecentPublished({ thread, limit, scope }) {
      open(state);
      return rows
        .filter((r) => r.status === 'published' && (thread === undefined || r.thread === thread) && inScope(r.thread, scope))
        .sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq)
        .slice(0, limit)
        .map(copy);
    },
  };
}
