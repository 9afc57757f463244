// The votes part of the store (issue 16 item 2): one vote per voter and comment, the comment's
// counts and its "best" score kept beside it in the same transaction, and the thread's version moved
// (a vote changes what the GET answer says). Voters are opaque keys from the reader's browser, kept
// as a keyed hash (comments/votes.ts), never as sent.
import type { Votes } from '../../core/types.ts';

export interface CastVote {
  comment: string;
  /** The voter's hash. */
  voter: string;
  /** 1 up, -1 down, 0 takes the voter's vote back. */
  value: 1 | -1 | 0;
  now: number;
}

export interface VotesPart {
  /**
   * Records (or replaces, or takes back) a voter's vote on a published comment and answers the
   * comment's counts after it; null when the comment is not published (nothing changes then).
   */
  cast(vote: CastVote): Promise<{ thread: string; votes: Votes } | null>;
}

/**
 * The stores keep each comment's Wilson lower bound (core/wilson.ts, the memory backend's too) as its
 * `score`, so sorting by it is an index walk.
 */
export { wilsonScore } from '../../core/wilson.ts';
