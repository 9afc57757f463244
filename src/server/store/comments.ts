// The comments part of the store: writing comments and reading them back by id, key or status.
// Each write may carry the outbox jobs of the notifications it causes (WriteJobs), written in the
// same transaction, so a comment is never stored without them.
import type { Format, Reason, Status } from '../../core/types.ts';
import type { NewJob } from './outbox.ts';
import type { SiteScope } from './sites.ts';
import type { StoredVote } from './votes.ts';

/** One comment as stored. Times are milliseconds since the epoch. */
export interface StoredComment {
  id: string;
  /** Monotonic per store: the posting order and the cursor position. Assigned by the store. */
  seq: number;
  thread: string;
  parent: string | null;
  /** The top-level comment of its tree (itself for a top-level comment). */
  root: string;
  status: Status;
  name: string;
  email: string;
  website: string | null;
  avatar: string;
  /** Exactly what the author typed; `format` says how to read it (issue 16). */
  text: string;
  format: Format;
  createdAt: number;
  editedAt: number | null;
  /** HMAC of the client address; never the address itself (DESIGN promise 8). */
  clientHash: string | null;
  /**
   * The salted hash of the author key the comment was posted with (crypto.ts authorKeyHash): who
   * wrote it, for trust (comments/trust.ts). Null for imported comments and those stored before
   * author keys.
   */
  authorKey: string | null;
  reasons: Reason[];
  idempotencyKey: string | null;
  /** A hash of the normalised body, to tell a retry from a different post with the same key. */
  fingerprint: string | null;
  /**
   * A Webmention (issue 18): `reply` when the source's h-entry is `in-reply-to` the page, else
   * `mention`; null for a comment posted here. Its `source` is the page that mentioned the thread.
   */
  mention: 'reply' | 'mention' | null;
  source: string | null;
  /** Its votes (issue 16): kept by the votes part, 0 for a new comment. */
  votesUp: number;
  votesDown: number;
  /**
   * Posted by the site owner from the desk or the admin API (issue 16 item 4): shown with the
   * owner's badge (`--owner-badge`). Never set by a public post, nor by an import other than of
   * Parley's own export.
   */
  owner: boolean;
  /**
   * When the owner pinned it (issue 16 item 4; only a published top-level comment, at most
   * PIN_LIMIT a thread), else null. Strictly increasing within a thread, so it is also the order
   * the pins were made in. Cleared when the comment stops being published.
   */
  pinnedAt: number | null;
}

/**
 * A comment to store: `authorKey` may be left out (imports, older callers), which stores null;
 * `format` too, which stores `plain` (imports stay plain unless the importer says otherwise).
 */
export type NewStoredComment = Omit<StoredComment, 'seq' | 'authorKey' | 'mention' | 'source' | 'format' | 'votesUp' | 'votesDown' | 'owner' | 'pinnedAt'> & {
  format?: Format;
  /** The site owner's comment: posted from the desk or the admin API, or restored from a Parley export (insertMany). */
  owner?: boolean;
  /**
   * insertMany only (a Parley export's pins, checked by the importer's plan: published top-level
   * comments, PIN_LIMIT a thread); insert never pins, `pin` does.
   */
  pinnedAt?: number | null;
  /**
   * insertMany only (a Parley export's votes, issue 16 item 2): stored with the comment when it is
   * created, its counts and score computed from them; a comment already stored keeps its own. At
   * most one vote per voter (the importer checks). insert never takes votes: `votes.cast` does.
   */
  votes?: readonly StoredVote[];
  authorKey?: string | null;
  mention?: StoredComment['mention'];
  source?: string | null;
};

/** What the desk searches by (CommentsPart.search). */
export interface DeskSearch {
  status: Status;
  order: 'newest' | 'oldest';
  /** A `seq`: the page starts after it in `order`. Absent: from the start. */
  cursor?: number;
  thread?: string;
  /** Lower case. */
  query?: string;
  rule?: string;
  limit: number;
  /** Many sites (store/sites.ts): only the threads of one site. */
  scope?: SiteScope;
}

/** Fields an edit or a moderator may change. */
export type CommentPatch = Partial<Pick<StoredComment, 'text' | 'status' | 'reasons' | 'editedAt' | 'name' | 'website' | 'mention'>>;

/**
 * The transactional outbox (issue 8): jobs written in the SAME transaction as a comment write, so
 * the comment and its notifications are stored together or not at all. The callback sees the
 * rows as written (inside the transaction, after the change) and returns the jobs to add; it must
 * be synchronous and do no I/O. If it throws, or a job cannot be stored (a payload JSON cannot
 * serialise, a missing `kind` or `runAt`), the write is undone and the call rejects.
 */
export interface WriteJobs<T> {
  jobs?: (written: T) => readonly NewJob[];
}

/** Top-level comments a thread may have pinned at once (issue 16 item 4). */
export const PIN_LIMIT = 3;

/**
 * What `pin` did: the comment as it is now (`changed` false when it already was as asked), or why
 * nothing changed: no such comment, a reply (only top-level comments are pinned), a comment that
 * is not published, or a thread that already has `limit` pins (`pinned`: those, in pin order).
 */
export type PinOutcome =
  | { ok: true; comment: StoredComment; changed: boolean }
  | { ok: false; refused: 'not_found' | 'reply' | 'not_published' }
  | { ok: false; refused: 'limit'; pinned: StoredComment[] };

/**
 * The pin rules (issue 16 item 4), applied alike by every store inside its own write, in two halves
 * around its read of the thread's pins (SQLite's transaction is synchronous, PostgreSQL's is not).
 * `pinFirst`: the answer at once when nothing is to change or the comment cannot be pinned, else
 * whether to pin (the pins are then read) or unpin.
 */
export function pinFirst(row: StoredComment, pinned: boolean): PinOutcome | 'pin' | 'unpin' {
  if (pinned === (row.pinnedAt !== null)) return { ok: true, comment: row, changed: false };
  if (!pinned) return 'unpin';
  if (row.parent !== null) return { ok: false, refused: 'reply' };
  if (row.status !== 'published') return { ok: false, refused: 'not_published' };
  return 'pin';
}

/** `pinFirst`'s second half: the pin time to write after the thread's `pins` (in pin order), or the refusal at the limit. */
export function pinTime(pins: StoredComment[], at: number, limit: number): number | PinOutcome {
  if (pins.length >= limit) return { ok: false, refused: 'limit', pinned: pins };
  return Math.max(at, (pins.at(-1)?.pinnedAt ?? -Infinity) + 1);
}

export interface CommentsPart {
  /**
   * Insert a comment. With an idempotency key this is atomic (a unique index): when the key is
   * already taken nothing is written and the existing row comes back with `created: false`.
   * Bumps the thread's version when the new comment is published. A `thread` that is an alias
   * (the aliases part) is stored under its target, looked up inside the same write: a post that
   * named OLD while `parley alias OLD NEW` ran is never stranded in OLD, where nobody can see it.
   *
   * `options.jobs` is called with the comment as stored (its thread resolved) only when the
   * comment is created, never when the key was already taken, and its jobs are written in the same
   * transaction: a comment is never stored without the notifications it should send.
   */
  insert(comment: NewStoredComment, options?: WriteJobs<StoredComment>): Promise<{ comment: StoredComment; created: boolean }>;
  get(id: string): Promise<StoredComment | null>;
  getByIdempotencyKey(key: string): Promise<StoredComment | null>;
  /**
   * Update one comment and bump its thread's version (a status other than published unpins it);
   * null when the id is unknown (then
   * `options.jobs` is not called). `options.jobs` gets the row before and after the change, both
   * read inside the transaction, so it can tell exactly what this update changed.
   */
  update(id: string, patch: CommentPatch, options?: WriteJobs<{ before: StoredComment; after: StoredComment }>): Promise<StoredComment | null>;
  /**
   * Set many comments' status (moderator actions); returns how many changed. Bumps versions. A
   * comment that stops being published stops being pinned (as in `update`).
   * `options.jobs` gets the comments that really changed (as they are now; those that already had
   * the status are left out), and is called even when none did.
   */
  setStatus(ids: string[], status: Status, options?: WriteJobs<StoredComment[]>): Promise<number>;
  /**
   * Insert many comments in one transaction, all or nothing (importers). A comment whose id or
   * idempotency key is already stored is skipped, not overwritten, so importing a file twice adds
   * nothing. Parents must come before their replies in `comments`. Bumps the versions of the
   * threads that got a published comment. A created comment's `votes` are stored with it (any
   * stale vote rows under its id, left by an erased comment, replaced).
   */
  insertMany(comments: NewStoredComment[]): Promise<{ created: number; existing: number }>;
  /** Moderator listing, newest first (descending `seq`, strictly before `beforeSeq`). */
  listByStatus(filter: { status: Status; thread?: string; beforeSeq?: number; limit: number; scope?: SiteScope }): Promise<StoredComment[]>;
  /**
   * The moderation desk's search (issue 21): comments of one status, newest first (descending `seq`,
   * below `cursor`) or oldest first (ascending, above it), optionally of one thread, with one rule
   * among their reasons, or whose text, name, address, website or thread contains `query` (any
   * case; the caller passes it in lower case). `scope` (here and below): one site's threads only.
   */
  search(filter: DeskSearch): Promise<StoredComment[]>;
  /**
   * How many comments have each status: all of them (each count capped at `cap`, so a large site's
   * count reads no more than that many index entries), or one author's by address (any case) or by
   * client hash.
   */
  statusCounts(of: ({ cap: number } | { email: string } | { clientHash: string }) & { scope?: SiteScope }): Promise<Record<Status, number>>;
  /**
   * Pins a published top-level comment (`pinned: true`, at `at` ms, or just after the thread's last
   * pin if that is later, so pins keep their order) or unpins it. At most `limit` pins a thread,
   * checked inside the write (two moderators pinning at once cannot make a fourth). A change moves
   * the thread's version; asking for what already is changes nothing.
   */
  pin(id: string, change: { pinned: boolean; at: number; limit: number }): Promise<PinOutcome>;
  /** Every comment of any status, ascending `seq`, strictly after `afterSeq`, at most `limit` (exports). */
  listAll(page: { afterSeq?: number; limit: number; scope?: SiteScope }): Promise<StoredComment[]>;
}
