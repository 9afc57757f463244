// The thread as the widget holds it: the pages read so far, the count, and where the next pages
// start. Pure functions over a plain object; actions.ts calls them and re-renders.
import type { PublicComment, ThreadPage } from '../../core/types.ts';
import type { Mine } from './mine.ts';

export interface ThreadState {
  /**
   * The GET answer's `thread` as the server sent it: `count` (the published total, DESIGN promise
   * 5, kept true here as the reader posts, edits and deletes) and whatever a newer server adds
   * (`closed`), so a feature that reads it needs no change here. Null until the first page.
   */
  info: ThreadPage['thread'] | null;
  /** Every public comment read so far, flat, parents before children. */
  comments: PublicComment[];
  nextCursor: string | null;
  /** Roots whose replies continue, with the cursor of their next page ("Show more replies"). */
  more: Record<string, string>;
}

export const emptyThread = (): ThreadState => ({ info: null, comments: [], nextCursor: null, more: {} });

/**
 * Append a page. `root` marks a page of one root's replies (it moves only that root's cursor).
 * Returns the first comment not seen before, where the reader's focus goes after "Show more".
 */
export function addPage(thread: ThreadState, page: ThreadPage, root?: string): PublicComment | undefined {
  const fresh = page.comments.find((c) => !thread.comments.some((x) => x.id == c.id));
  thread.comments = [...thread.comments, ...page.comments];
  thread.info = { ...thread.info, ...page.thread };
  Object.assign(thread.more, page.more);
  if (!root) thread.nextCursor = page.nextCursor;
  else if (page.nextCursor) thread.more[root] = page.nextCursor;
  else delete thread.more[root];
  return fresh;
}

/** What the reader sees: the public comments, and their own held ones (DESIGN promise 6) where they belong. */
export function shownComments(thread: ThreadState, mine: readonly Mine[]): { all: PublicComment[]; held: PublicComment[] } {
  const held = mine.filter((m) => m.held && !thread.comments.some((x) => x.id == m.comment.id)).map((m) => m.comment);
  return { all: [...thread.comments, ...held], held };
}

export const isPublic = (thread: ThreadState, id: string) => thread.comments.some((x) => x.id == id);

/** The thread takes no comments (`thread.closed`): no form and no Reply, "Comments are closed." instead. */
export const isClosed = (thread: ThreadState) => !!thread.info?.closed;

/**
 * A comment posted and published: it joins the thread and the count. A post can succeed while the
 * thread itself could not be loaded (the server came back in between): the comment then shows on
 * its own until the thread loads.
 */
export function addPublished(thread: ThreadState, comment: PublicComment) {
  thread.comments = [...thread.comments, comment];
  thread.info = { id: comment.thread, ...thread.info, count: (thread.info?.count ?? 0) + 1 };
}

/**
 * The reader's own comment after an edit (the edit chunk): moderated again, it leaves the public
 * list and the count when held, and a held comment approved meanwhile joins them. `wasPublic` is
 * whether it was in the public list before (a moderator may have approved it since it was posted).
 */
export function applyEdited(thread: ThreadState, comment: PublicComment, wasPublic: boolean, held: boolean) {
  thread.info!.count += +!wasPublic - +held;
  thread.comments = thread.comments.flatMap((x) => (x.id != comment.id ? [x] : held ? [] : [comment]));
  // Held comments take no replies, so one that becomes public goes at the end.
  if (!wasPublic && !held) thread.comments.push(comment);
}

/** The reader deleted their comment: out of the count; kept as "deleted" where replies hang under it. */
export function applyRemoved(thread: ThreadState, id: string) {
  if (isPublic(thread, id)) thread.info!.count--;
  const hasReplies = thread.comments.some((y) => y.parent == id);
  thread.comments = thread.comments.flatMap((x) => (x.id != id ? [x] : hasReplies ? [{ ...x, deleted: true as const }] : []));
}
