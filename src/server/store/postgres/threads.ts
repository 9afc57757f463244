// The threads part on PostgreSQL (store/threads.ts).
import { budgetCut } from '../../../core/paging.ts';
import { fromRow, type CommentRow } from '../rows.ts';
import type { ThreadsPart } from '../threads.ts';
import type { Pg } from './pool.ts';

export function pgThreads({ run, transaction }: Pg): ThreadsPart {
  const rows = async (...args: Parameters<typeof run>) => (await run<CommentRow>(...args)).rows;
  const at = (value: string | number | null | undefined) => (value === null || value === undefined ? null : Number(value));
  return {
    closing: async (thread) => {
      const [meta, first] = await Promise.all([
        run<{ closed_at: string | null; published_at: string | null }>('threadMeta', [thread]),
        run<{ at: string | null }>('firstPublished', [thread]),
      ]);
      return { closedAt: at(meta.rows[0]?.closed_at), publishedAt: at(meta.rows[0]?.published_at), firstAt: at(first.rows[0]?.at) };
    },
    setClosed: (thread, when) =>
      transaction(async (tx) => {
        await tx('setClosed', [thread, when]);
        await tx('bump', [thread]);
      }),
    setPublishedAt: (thread, when) =>
      transaction(async (tx) => {
        if ((await tx('setPublishedAt', [thread, when])).rowCount) await tx('bump', [thread]);
      }),
    listRoots: async (thread, { afterSeq, limit, sort }) =>
      (sort === 'best' ? await rows('rootsBest', [thread, limit, afterSeq ?? 0]) : sort === 'newest' ? await rows('rootsDesc', [thread, afterSeq ?? Number.MAX_SAFE_INTEGER, limit]) : await rows('rootsAsc', [thread, afterSeq ?? 0, limit])).map(fromRow),
    listPinned: async (thread) => (await rows('pinnedOf', [thread])).map(fromRow),
    listSubtree: async (parent, { afterSeq, limit }) => {
      const row = (await run<{ id: string; root: string }>('rootOf', [parent])).rows[0];
      if (!row) return [];
      return (await rows(row.root === row.id ? 'treeReplies' : 'subtree', [parent, afterSeq ?? 0, limit])).map(fromRow);
    },
    listReplies: async (roots, { limit }) => {
      if (!roots.length) return { replies: [], truncated: [] };
      const list = await rows('pageReplies', [roots, limit + 1]);
      const page = await budgetCut(roots, list, limit, (r) => r.root, async (later) => (await run<{ root: string }>('rootsWithReplies', [later])).rows.map((r) => r.root));
      return { replies: page.replies.map(fromRow), truncated: page.truncated };
    },
    countPublished: async (threads) => {
      // No prototype: a thread may be called "__proto__", and {}["__proto__"] = n sets no key.
      const out: Record<string, number> = Object.create(null);
      for (const thread of threads) out[thread] = 0;
      if (!threads.length) return out;
      const counted = await run<{ asked: string; n: number }>('count', [[...new Set(threads)]]);
      for (const { asked, n } of counted.rows) out[asked] = Number(n);
      return out;
    },
    version: async (thread) => (await run<{ version: number }>('version', [thread])).rows[0]?.version ?? 0,
    listRecentPublished: async ({ thread, limit, scope }) =>
      (thread === undefined ? await rows('recentPublished', [limit, scope ?? null]) : await rows('recentPublishedThread', [thread, limit])).map(fromRow),
  };
}
