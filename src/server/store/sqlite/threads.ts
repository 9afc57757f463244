// The threads part on SQLite (store/threads.ts).
import { budgetCut } from '../../../core/paging.ts';
import { fromRow, type CommentRow } from '../rows.ts';
import type { ThreadsPart } from '../threads.ts';
import type { Sqlite } from './db.ts';

export function sqliteThreads({ q }: Sqlite): ThreadsPart {
  const version = q<{ version: number }>('version');
  return {
    listRoots: async (thread, { afterSeq, limit, sort }) =>
      sort === 'newest'
        ? q<CommentRow>('rootsDesc').all(thread, afterSeq ?? Number.MAX_SAFE_INTEGER, limit).map(fromRow)
        : q<CommentRow>('rootsAsc').all(thread, afterSeq ?? 0, limit).map(fromRow),
    listSubtree: async (parent, { afterSeq, limit }) => {
      const row = q<CommentRow>('byId').get(parent);
      if (!row) return [];
      // A top-level comment's subtree is its whole tree: the root index serves it without recursion.
      const list = row.root === row.id ? q<CommentRow>('treeReplies').all(parent, afterSeq ?? 0, limit) : q<CommentRow>('subtree').all(parent, afterSeq ?? 0, limit);
      return list.map(fromRow);
    },
    listReplies: async (roots, { limit }) => {
      if (!roots.length) return { replies: [], truncated: [] };
      const rows = q<CommentRow>('pageReplies').all(JSON.stringify(roots), limit + 1);
      const page = await budgetCut(roots, rows, limit, (r) => r.root, async (later) => q<{ root: string }>('rootsWithReplies').all(JSON.stringify(later)).map((r) => r.root));
      return { replies: page.replies.map(fromRow), truncated: page.truncated };
    },
    countPublished: async (threads) => {
      // No prototype: a thread may be called "__proto__", and {}["__proto__"] = n sets no key.
      const out: Record<string, number> = Object.create(null);
      for (const thread of threads) out[thread] = q<{ n: number }>('count').get(thread, thread)!.n;
      return out;
    },
    version: async (thread) => version.get(thread)?.version ?? 0,
    listRecentPublished: async ({ thread, limit }) =>
      (thread === undefined ? q<CommentRow>('recentPublished').all(limit) : q<CommentRow>('recentPublishedThread').all(thread, limit)).map(fromRow),
  };
}
