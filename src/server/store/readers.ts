// The readers part of the store (issue 17): what reader mail and a reader's self-service need.
// An address that asked for mail (unconfirmed until its owner opens the mailed link), what it
// follows (the replies to one comment, or a whole thread), the author keys bound to it by a
// confirmation, the comments waiting for its next batched mail, and the reader's own comments by
// address (/my: list, erase). Addresses are kept as the use cases give them (trimmed, lower case).

/** What an address follows: the replies to one of its comments, or every new comment on a thread. */
export type FollowKind = 'replies' | 'thread';

export interface Follow {
  kind: FollowKind;
  /** The comment id (replies) or the thread id (thread). */
  target: string;
}

export interface ReadersPart {
  /**
   * Record that `email` wants mail about `follow`. A new address is stored unconfirmed; a known
   * one keeps its state. Answers whether the address is confirmed (the caller sends a confirmation
   * mail only to an unconfirmed one; the HTTP answer never says).
   */
  follow(email: string, follow: Follow, now: number): Promise<{ confirmed: boolean }>;
  /**
   * The owner of the address opened its confirmation link: confirm it (once; a later call keeps the
   * first time) and bind `keyHash` (an author key's hash, comments/trust.ts) to it. False, changing
   * nothing, when the address is not stored (never asked, unsubscribed, or forgotten unconfirmed).
   */
  confirm(email: string, now: number, keyHash: string | null): Promise<boolean>;
  /**
   * What is stored for the address: when it asked and confirmed, and what it follows (oldest
   * first); null when nothing is (never asked, unsubscribed, forgotten). /my's download, and the
   * check before a mail goes out.
   */
  get(email: string): Promise<{ createdAt: number; confirmedAt: number | null; follows: (Follow & { createdAt: number })[] } | null>;
  /** Stop all mail: the address, what it follows, its bound keys and its queued comments go. */
  forget(email: string): Promise<void>;
  /** Unconfirmed addresses stored before `before` go, with what they follow. Returns how many. */
  pruneUnconfirmed(before: number): Promise<number>;
  /**
   * The confirmed addresses a newly published comment concerns: those following the replies to
   * `parent`, and those following `thread`. Each address once, in no particular order.
   */
  followers(query: { parent: string | null; thread: string }): Promise<string[]>;
  /**
   * Queue a comment for the address's next mail. True when the address had nothing queued, i.e.
   * this opens a batch and the caller schedules its mail; false when a batch is open (or this
   * comment is already queued).
   */
  queue(email: string, comment: string, now: number): Promise<boolean>;
  /** Take the address's queued comments (they are removed), oldest first. */
  take(email: string): Promise<string[]>;
  /**
   * The author key hashes bound to the same confirmed address as `keyHash` (itself included), at
   * most `limit`; none when it is bound to no confirmed address.
   */
  boundKeys(keyHash: string, limit: number): Promise<string[]>;
  /** Every comment with this address (any status), oldest first, at most `limit`: /my. */
  commentsOf(email: string, limit: number): Promise<import('./comments.ts').StoredComment[]>;
  /**
   * Erase these comments of `email` (ids of other addresses are skipped): one with replies keeps
   * its place as a tombstone (status deleted; name, address, website, text, client hash, author key
   * and reasons blanked); one without is removed. Bumps the threads' versions. Returns how many.
   */
  erase(email: string, ids: readonly string[]): Promise<number>;
}
