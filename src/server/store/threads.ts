// The threads part of the store: what readers see of a thread. "Visible" means what the public
// sees: `published`, or `deleted` with at least one published comment somewhere below it (DESIGN
// "Words": shown only where it has published replies).
import type { Sort } from '../../core/types.ts';
import type { StoredComment } from './comments.ts';
import type { SiteScope } from './sites.ts';

/**
 * What closing a thread (issue 16 item 5) needs to know of it: closed by hand (when), when its
 * article says it was published (`article:published_time`), and its first published comment.
 */
export interface ThreadClosing {
  closedAt: number | null;
  publishedAt: number | null;
  firstAt: number | null;
}

export interface ThreadsPart {
  /**
   * Visible top-level comments of a thread that are not pinned, by `seq` (ascending for oldest),
   * strictly after `afterSeq`; for `best` (issue 16), by the Wilson score of their votes then `seq`,
   * and `afterSeq` is how many to skip (a position: votes move, so no comment can mark the place).
   * Pinned ones are `listPinned`'s: the first page shows them first, and no page repeats them.
   */
  listRoots(thread: string, page: { afterSeq?: number; limit: number; sort: Sort }): Promise<StoredComment[]>;
  /** The thread's pinned comments (issue 16 item 4), in the order they were pinned. */
  listPinned(thread: string): Promise<StoredComment[]>;
  /** Visible comments below `parent` (any depth), ascending `seq` (so parents come before children). */
  listSubtree(parent: string, page: { afterSeq?: number; limit: number }): Promise<StoredComment[]>;
  /**
   * Visible replies (any depth) of many top-level comments in one round trip, for a page of roots
   * (DESIGN: a page carries its roots and up to 500 of their replies): `roots` in the order given,
   * each root's replies by ascending `seq`, at most `limit` rows in all. `truncated` names, in the
   * same order, the roots that have visible replies left out by the limit, so the page can hand
   * out a `more` cursor for exactly those (src/core/paging.ts).
   */
  listReplies(roots: string[], page: { limit: number }): Promise<{ replies: StoredComment[]; truncated: string[] }>;
  /**
   * Published totals (deleted, held and spam excluded), one key per thread asked, 0 for unknown
   * threads. A thread that is an alias is counted as the thread it stands for, in the same
   * statement: GET /api/v1/counts needs no separate lookup of aliases.
   */
  countPublished(threads: string[]): Promise<Record<string, number>>;
  /** Bumped on every change the public can see; 0 for a thread never written. */
  version(thread: string): Promise<number>;
  /**
   * The same as `version`, answered at once, for stores that need no round trip to know it
   * (memory, SQLite): the cached-read path then answers a kept page without a promise (issue 22).
   */
  versionNow?(thread: string): number;
  /**
   * Published comments, newest first by `createdAt` (then descending `seq`), of one thread or of
   * every thread (Atom feeds). Not by `seq` alone: an import gives old comments the highest seqs.
   */
  listRecentPublished(filter: { thread?: string; limit: number; scope?: SiteScope }): Promise<StoredComment[]>;
  /** The thread's closing facts; all null for a thread never written. */
  closing(thread: string): Promise<ThreadClosing>;
  /**
   * Closes the thread by hand (`at`, ms since the epoch) or opens it again (null). The thread's
   * version moves, so no kept page or ETag keeps offering (or hiding) the form.
   */
  setClosed(thread: string, at: number | null): Promise<void>;
  /**
   * Records when the thread's article was published (from its page, when it is fetched). The
   * version moves only when the value changes: it may close the thread by age.
   */
  setPublishedAt(thread: string, at: number | null): Promise<void>;
}
