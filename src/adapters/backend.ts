// The pluggable seam (DESIGN "The Backend adapter"). The widget talks to a backend only through
// this interface; a new backend is one file here that passes test/adapters/contract.ts.
import type { ErrorCode, NewComment, PageRequest, Posted, PublicComment, ThreadPage, Vote, Votes } from '../core/types.ts';

/**
 * A comments backend.
 *
 * @example
 * // A read-only backend over a static JSON file, in a dozen lines:
 * const backend: Backend = {
 *   async list(thread) {
 *     const all: PublicComment[] = await (await fetch('/comments.json')).json();
 *     const comments = all.filter((c) => c.thread === thread);
 *     return { thread: { id: thread, count: comments.length }, comments, nextCursor: null };
 *   },
 *   async post() { throw new BackendError('unavailable', 'This site takes no new comments.'); },
 * };
 */
export interface Backend {
  /** One page of a thread: its roots (by `limit`) and their replies, parents before children. */
  list(thread: string, page?: PageRequest): Promise<ThreadPage>;
  /** The rest of one subtree ("Show more replies"). `thread` lets HTTP backends address it. */
  replies?(parent: string, page?: { cursor?: string; thread?: string }): Promise<ThreadPage>;
  /** Send a draft. A retry with the same `idempotencyKey` returns the same comment, never a second. */
  post(draft: NewComment): Promise<Posted>;
  edit?(id: string, token: string, text: string): Promise<PublicComment>;
  remove?(id: string, token: string): Promise<void>;
  counts?(threads: string[]): Promise<Record<string, number>>;
  /** The form token (DESIGN "Moderation"); backends without spam defence leave it out. */
  formToken?(thread: string): Promise<string>;
  /**
   * The address of the thread's live updates (issue 16): Server-Sent Events, event `comment` with a
   * PublicComment as data and an `id` for resuming. A backend without them leaves it out, and the
   * widget shows new comments on the next load only.
   */
  liveUrl?(thread: string): string;
  /**
   * True for a backend that keeps text as plain text only (issue 16: WordPress, whose comments are
   * its own HTML): its comments come back `plain`, and the form offers no formatting hint or
   * preview. Left out, a backend stores `format` (markdown unless the draft says plain).
   */
  plainOnly?: boolean;
  /**
   * A reader's vote on a comment (issue 16): `value` 1 up, -1 down, 0 takes it back; `voter` is the
   * browser's own key (16–64 printable characters). Answers the comment's counts after it. A backend
   * without votes leaves it out (and its GET answers carry no `thread.votes`).
   */
  vote?(id: string, vote: Vote): Promise<{ votes: Votes }>;
}

/** `network`: the backend could not be reached at all (offline, DNS, timeout, CORS). */
export type BackendErrorCode = ErrorCode | 'network';

/** Every adapter rejects with this, so the widget can word the failure and decide on Retry. */
export class BackendError extends Error {
  readonly code: BackendErrorCode;
  readonly status: number;
  readonly fields?: Record<string, string>;
  /** Seconds, from `Retry-After`. */
  readonly retryAfter?: number;
  /** Worth trying again with the same draft: nothing was decided about its content. */
  readonly retryable: boolean;

  // retryable is worked out once here rather than in a getter: the fields never change after
  // construction, and a plain property costs the embed fewer bytes than `get retryable(){…this.…}`.
  constructor(code: BackendErrorCode, message: string, { status = 0, fields, retryAfter }: { status?: number; fields?: Record<string, string>; retryAfter?: number } = {}) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
    this.status = status;
    if (fields) this.fields = fields;
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
    this.retryable = code == 'network' || code == 'unavailable' || code == 'rate_limited' || status >= 500;
  }

  // The backend scripts (dist/adapters/*.js) are bundles of their own, each with its own copy of
  // this class, so `x instanceof BackendError` in the embed was false for a WordPress 401 and the
  // reader read "could not be reached" instead of WordPress's reason (found by
  // test/browser/wordpress.test.ts). Any copy's errors are named 'BackendError'.
  static [Symbol.hasInstance](x: unknown): boolean {
    return (x as Error | null)?.name == 'BackendError';
  }
}
