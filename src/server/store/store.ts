// The server's only state (DESIGN "Scale": nothing that matters lives in one process). Every
// method is async so a PostgreSQL store can implement this interface unchanged; a new store is one
// file in this folder that passes test/server/store-contract.ts.
import type { Reason, Sort, Status } from '../../core/types.ts';

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
  text: string;
  createdAt: number;
  editedAt: number | null;
  /** HMAC of the client address; never the address itself (DESIGN promise 8). */
  clientHash: string | null;
  reasons: Reason[];
  idempotencyKey: string | null;
  /** A hash of the normalised body, to tell a retry from a different post with the same key. */
  fingerprint: string | null;
}

export type NewStoredComment = Omit<StoredComment, 'seq'>;

/** An outbox entry to write (enqueueJob, or with a comment write: WriteJobs). `payload` must be JSON-serialisable. */
export interface NewJob {
  kind: string;
  payload: unknown;
  runAt: number;
}

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

/** Fields an edit or a moderator may change. */
export type CommentPatch = Partial<Pick<StoredComment, 'text' | 'status' | 'reasons' | 'editedAt'>>;

/** A comment as the echo rule reads it: no more of the row than that. */
export interface ThreadText {
  id: string;
  seq: number;
  status: (typeof ECHO_STATUSES)[number];
  email: string;
  text: string;
}

/** The statuses the echo rule compares with, in the order `recentTexts` returns them. */
export const ECHO_STATUSES = ['published', 'pending', 'spam'] as const;

/** Comments for the echo rule, with the thread's version read in the same snapshot. */
export interface ThreadTexts {
  version: number;
  rows: ThreadText[];
}

export interface CachedArticle {
  text: string;
  fetchedAt: number;
}

/**
 * "Visible" below means what the public sees: `published`, or `deleted` with at least one
 * published comment somewhere below it (DESIGN "Words": shown only where it has published replies).
 */
export interface Store {
  /**
   * Insert a comment. With an idempotency key this is atomic (a unique index): when the key is
   * already taken nothing is written and the existing row comes back with `created: false`.
   * Bumps the thread's version when the new comment is published. A `thread` that is an alias
   * (`setAlias`) is stored under its target, looked up inside the same write: a post that named OLD
   * while `parley alias OLD NEW` ran is never stranded in OLD, where nobody can see it.
   *
   * `options.jobs` is called with the comment as stored (its thread resolved) only when the
   * comment is created, never when the key was already taken, and its jobs are written in the same
   * transaction: a comment is never stored without the notifications it should send.
   */
  insert(comment: NewStoredComment, options?: WriteJobs<StoredComment>): Promise<{ comment: StoredComment; created: boolean }>;
  get(id: string): Promise<StoredComment | null>;
  getByIdempotencyKey(key: string): Promise<StoredComment | null>;
  /**
   * Update one comment and bump its thread's version; null when the id is unknown (then
   * `options.jobs` is not called). `options.jobs` gets the row before and after the change, both
   * read inside the transaction, so it can tell exactly what this update changed.
   */
  update(id: string, patch: CommentPatch, options?: WriteJobs<{ before: StoredComment; after: StoredComment }>): Promise<StoredComment | null>;
  /**
   * Set many comments' status (moderator actions); returns how many changed. Bumps versions.
   * `options.jobs` gets the comments that really changed (as they are now; those that already had
   * the status are left out), and is called even when none did.
   */
  setStatus(ids: string[], status: Status, options?: WriteJobs<StoredComment[]>): Promise<number>;

  /** Visible top-level comments of a thread, by `seq` (ascending for oldest), strictly after `afterSeq`. */
  listRoots(thread: string, page: { afterSeq?: number; limit: number; sort: Sort }): Promise<StoredComment[]>;
  /** Visible comments below `parent` (any depth), ascending `seq` (so parents come before children). */
  listSubtree(parent: string, page: { afterSeq?: number; limit: number }): Promise<StoredComment[]>;
  /**
   * Visible replies (any depth) of many top-level comments in one round trip, for a page of roots
   * (DESIGN: a page carries its roots and up to 500 of their replies): `roots` in the order given,
   * each root's replies by ascending `seq`, at most `limit` rows in all. `truncated` names, in the
   * same order, the roots that have visible replies left out by the limit, so the page can hand
   * out a `more` cursor for exactly those.
   */
  listReplies(roots: string[], page: { limit: number }): Promise<{ replies: StoredComment[]; truncated: string[] }>;
  /** Moderator listing, newest first (descending `seq`, strictly before `beforeSeq`). */
  listByStatus(filter: { status: Status; thread?: string; beforeSeq?: number; limit: number }): Promise<StoredComment[]>;
  /**
   * Published totals (deleted, held and spam excluded), one key per thread asked, 0 for unknown
   * threads. A thread that is an alias (`setAlias`) is counted as the thread it stands for, in the
   * same statement: GET /api/v1/counts needs no separate lookup of aliases.
   */
  countPublished(threads: string[]): Promise<Record<string, number>>;

  /**
   * The echo rule's sample of a thread: the newest `perStatus` comments of each of published,
   * pending and spam (published first, then pending, then spam; each by descending `seq`), and
   * `threadVersion(thread)` as of the same moment.
   */
  recentTexts(thread: string, perStatus: number): Promise<ThreadTexts>;
  /**
   * What was added to that sample since: published, pending and spam comments of the thread with
   * `seq` above `afterSeq`, ascending, at most `limit`, and the thread's version as of the same moment.
   */
  textsSince(thread: string, afterSeq: number, limit: number): Promise<ThreadTexts>;

  /** True when the same thread already holds this text from the same email or the same name. */
  hasDuplicate(query: { thread: string; email: string; name: string; text: string; exceptId?: string }): Promise<boolean>;
  /** True when the email (compared lower-cased) has a published comment anywhere. */
  hasPublishedByEmail(email: string): Promise<boolean>;
  /** Comments stored from one client hash since a time (flood rules). */
  countByClient(clientHash: string, sinceMs: number): Promise<number>;

  /** Bumped on every change the public can see; 0 for a thread never written. */
  threadVersion(thread: string): Promise<number>;

  /**
   * Count one event for `key` and return how many the current window holds, this one included.
   * Windows are fixed and aligned to multiples of `windowSeconds` since the epoch, so a caller
   * can tell when the window ends: `windowSeconds - (floor(now / 1000) % windowSeconds)` seconds.
   */
  hit(key: string, windowSeconds: number, now: number): Promise<number>;

  /** The server secret: the stored one, or `create()`'s value stored atomically if there is none. */
  secret(create: () => string): Promise<string>;

  getArticle(url: string): Promise<CachedArticle | null>;
  putArticle(url: string, article: CachedArticle): Promise<void>;

  // ---- Issue 8: import and export, feeds, thread aliases, the notification outbox ----

  /** Every comment of any status, ascending `seq`, strictly after `afterSeq`, at most `limit` (exports). */
  listAll(page: { afterSeq?: number; limit: number }): Promise<StoredComment[]>;
  /**
   * Insert many comments in one transaction, all or nothing (importers). A comment whose id or
   * idempotency key is already stored is skipped, not overwritten, so importing a file twice adds
   * nothing. Parents must come before their replies in `comments`. Bumps the versions of the
   * threads that got a published comment.
   */
  insertMany(comments: NewStoredComment[]): Promise<{ created: number; existing: number }>;
  /**
   * Published comments, newest first by `createdAt` (then descending `seq`), of one thread or of
   * every thread (Atom feeds). Not by `seq` alone: an import gives old comments the highest seqs.
   */
  listRecentPublished(filter: { thread?: string; limit: number }): Promise<StoredComment[]>;

  /**
   * `parley alias OLD NEW`: OLD's comments move to NEW (both threads' versions bump) and OLD is
   * recorded as an alias, so later reads, counts and posts that name OLD land on NEW. Aliases
   * never chain: an alias that pointed at OLD now points at NEW (its version bumps too, so a
   * resolution kept per thread version is never stale). Throws AliasError when
   * `from === to` or when NEW is itself an alias (say which thread it stands for).
   */
  setAlias(from: string, to: string): Promise<{ moved: number }>;
  /** Each id asked → the thread it stands for (itself when it is no alias); keys exactly as asked. */
  resolveThreads(threads: string[]): Promise<Record<string, string>>;
  /** Every alias, ordered by `from`. */
  listAliases(): Promise<{ from: string; to: string }[]>;

  /**
   * The outbox (webhooks, owner email): jobs kept in the store, so any instance may deliver them
   * and a restart loses none. Delivery is at least once.
   */
  enqueueJob(job: NewJob): Promise<string>;
  /**
   * Take up to `limit` jobs that are due (`runAt <= now`, not dead): each one's `attempts` grows by
   * one and its `runAt` moves to `now + leaseMs`, in one atomic step, so no other instance takes
   * the same job meanwhile; a worker that dies leaves it to be taken again after the lease.
   */
  claimJobs(now: number, limit: number, leaseMs: number): Promise<Job[]>;
  /** Delivered: the job is deleted. */
  completeJob(id: string): Promise<void>;
  /** Not delivered: try again at `runAt`, or never (`dead`, kept with its last error for the owner). */
  failJob(id: string, update: { runAt: number; error: string; dead: boolean }): Promise<void>;
  /** Jobs still waiting or dead, oldest first (tests, the admin page). */
  listJobs(filter: { dead?: boolean; limit: number }): Promise<Job[]>;

  /** A cheap round trip for /healthz; rejects when the store is unusable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** One outbox entry. `payload` is the JSON value given to enqueueJob. */
export interface Job {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  runAt: number;
  lastError: string | null;
  dead: boolean;
  createdAt: number;
}

/** A refused alias (`parley alias`): the message says what to do instead. */
export class AliasError extends Error {}

/** Start of the fixed counter window `now` falls in, in seconds. */
export function windowStart(windowSeconds: number, now: number): number {
  const seconds = Math.floor(now / 1000);
  return seconds - (seconds % windowSeconds);
}
