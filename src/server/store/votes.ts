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
 * The lower bound of the Wilson score interval at 95 % for `up` of `up + down` (Evan Miller, "How
 * Not To Sort By Average Rating"): a comment with 9 of 10 up ranks below one with 90 of 100. No
 * votes is 0. The stores keep it as the comment's `score`, so sorting by it is an index walk.
 */
export function wilsonScore(up: number, down: number): number {
  const n = up + down;
  if (n === 0) return 0;
  const z = 1.959_963_984_540_054;
  const p = up / n;
  return (p + (z * z) / (2 * n) - z * Math.sqrt((p * (1 - p) + (z * z) / (4 * n)) / n)) / (1 + (z * z) / n);
}
