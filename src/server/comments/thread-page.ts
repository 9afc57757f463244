// A thread's page as the public sees it (DESIGN "The HTTP API", GET /api/v1/comments): a page of
// roots with up to 500 of their replies, or (with a parent) the rest of one subtree. The same for
// every reader, so reads.ts keeps it rendered and the routes only send it.
import { LIMITS } from '../../core/limits.ts';
import { cutPage, moreCursors } from '../../core/paging.ts';
import type { PublicComment, Sort, ThreadPage, VoteMode } from '../../core/types.ts';
import { ApiError } from '../errors.ts';
import { encodeCursor, toPublic } from '../present.ts';
import type { Store, StoredComment } from '../store/store.ts';

async function count(store: Store, thread: string): Promise<number> {
  return (await store.threads.countPublished([thread]))[thread] ?? 0;
}

/** What a page says beside its comments: the same for every reader and thread of this server. */
export interface PageOptions {
  /** The owner's label (`--owner-badge`): the owner's comments carry it (issue 16 item 4). */
  badge: string;
  /** This server mails readers (issue 17), said on the page (`thread.mail`) so the widget offers the box. */
  readerMail?: boolean;
  closed?: boolean;
  votes?: VoteMode;
}

/**
 * A page of roots with their replies. The first page (no cursor) starts with the thread's pinned
 * comments (issue 16 item 4), in the order they were pinned, whatever the sort, and then its
 * `limit` others; listRoots leaves pinned ones out, so no page repeats them.
 */
export async function rootPage(store: Store, thread: string, sort: Sort, limit: number, cursor: number | undefined, { badge, readerMail = false, closed = false, votes = 'off' }: PageOptions): Promise<ThreadPage> {
  const [pinned, roots, total] = await Promise.all([
    cursor === undefined ? store.threads.listPinned(thread) : [],
    store.threads.listRoots(thread, { afterSeq: cursor, limit: limit + 1, sort }),
    count(store, thread),
  ]);
  // Best first is paged by position (votes move); the others after the last comment shown.
  const { shown, nextCursor } = cutPage(roots, limit, (last) => encodeCursor(sort === 'best' ? (cursor ?? 0) + limit : last.seq));
  const page = [...pinned, ...shown];
  // One budget of replies for the whole page (DESIGN: up to 500), in one store call for all roots
  // (it was one call per root: 51 round trips for a default page on PostgreSQL).
  const { replies, truncated } = await store.threads.listReplies(
    page.map((r) => r.id),
    { limit: LIMITS.repliesPerPage },
  );
  const present = (row: StoredComment) => toPublic(row, badge);
  const comments: PublicComment[] = [...page.map(present), ...replies.map(present)];
  const answer: ThreadPage = { thread: { id: thread, count: total, closed, ...(votes !== 'off' && { votes }), ...(readerMail && { mail: true as const }) }, comments, nextCursor };
  // A truncated root continues after its last reply on this page, or from its start.
  if (truncated.length) answer.more = moreCursors(truncated, replies, (r) => r.root, (mine) => encodeCursor(mine.at(-1)?.seq ?? 0));
  return answer;
}

export async function subtreePage(store: Store, thread: string, parentId: string, cursor: number | undefined, { badge, closed = false }: PageOptions): Promise<ThreadPage> {
  const parent = await store.comments.get(parentId);
  if (!parent || parent.thread !== thread) throw new ApiError('not_found', 'That comment does not exist in this thread.');
  const per = LIMITS.repliesPerPage;
  const rows = await store.threads.listSubtree(parent.id, { afterSeq: cursor, limit: per + 1 });
  const { shown, nextCursor } = cutPage(rows, per, (last) => encodeCursor(last.seq));
  return { thread: { id: thread, count: await count(store, thread), closed }, comments: shown.map((row) => toPublic(row, badge)), nextCursor };
}
