// The threads part on SQLite (store/threads.ts).
import { budgetCut } from '../../../core/paging.ts';
import { fromRow, type CommentRow } from '../rows.ts';
import type { ThreadsPart } from '../threads.ts';
import type { Sqlite } from './db.ts';
import { SQLITE_STATEMENTS } from './statements.ts';

export function sqliteThreads({ q, db, changes, bump }: Sqlite): ThreadsPart {
  // The read path's one store call (issue 22): a plucked number, no row object, and remembered
  // while nothing was committed (change-stamp.ts), so a repeated read costs one pread.
  const versionOf = db.prepare(SQLITE_STATEMENTS.version).pluck();
  const version = changes.remember((thread) => (versionOf.get(thread) as number | undefined) ?? 0);
  type Meta = { closed_at: number | null; published_at: number | null };
  const setClosed = db.transaction((thread: string, at: number | null) => {
    q('setClosed').run(thread, at);
    bump(thread);
  });
  const setPublishedAt = db.transaction((thread: string, at: number | null) => {
    if ((q<Meta>('threadMeta').get(thread)?.published_at ?? null) === at) return;
    q('setPublishedAt').run(thread, at);
    bump(thread);
  });
  return {
    closing: async (thread) => {
      const meta = q<Meta>('threadMeta').get(thread);
      return { closedAt: meta?.closed_at ?? null, publishedAt: meta?.published_at ?? null, firstAt: q<{ at: number | null }>('firstPublished').get(thread)?.at ?? null };
    },
    setClosed: async (thread, at) => setClosed.immediate(thread, at),
    setPublishedAt: async (thread, at) => setPublishedAt.immediate(thread, at),
    listRoots: async (thread, { afterSeq, limit, sort }) =>
      sort === 'best'
        ? q<CommentRow>('rootsBest').all(thread, limit, afterSeq ?? 0).map(fromRow)
        : sort === 'newest'
          ? q<CommentRow>('rootsDesc').all(thread, afterSeq ?? Number.MAX_SAFE_INTEGER, limit).map(fromRow)
          : q<CommentRow>('rootsAsc').all(thread, afterSeq ?? 0, limit).map(fromRow),
    listPinned: async (thread) => q<CommentRow>('pinnedOf').all(thread).map(fromRow),
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
    version: async (thread) => version(thread),
    versionNow: version,
    listRecentPublished: async ({ thread, limit, scope }) =>
      (thread === undefined ? q<CommentRow>('recentPublished').all({ limit, scope: scope ?? null }) : q<CommentRow>('recentPublishedThread').all(thread, limit)).map(fromRow),
  };
}
