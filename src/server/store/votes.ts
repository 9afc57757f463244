// The votes part of the store (issue 16 item 2): one vote per voter and comment, the comment's
// counts and its "best" score kept beside it in the same transaction, and the thread's version moved
// (a vote changes what the GET answer says). Voters are opaque keys from the reader's browser, kept
// as a keyed hash (comments/votes.ts), never as sent.
import type { Votes } from '../../core/types.ts';
import { wilsonScore } from '../../core/wilson.ts';
import type { SiteScope } from './sites.ts';

export interface CastVote {
  comment: string;
  /** The voter's hash. */
  voter: string;
  /** 1 up, -1 down, 0 takes the voter's vote back. */
  value: 1 | -1 | 0;
  now: number;
}

/**
 * One vote as stored: the voter's hash (never the key a browser sent), up or down, and when it was
 * cast. What a Parley export carries per comment, so an import restores the counts and the "one
 * vote per browser" check together.
 */
export interface StoredVote {
  voter: string;
  value: 1 | -1;
  at: number;
}

export interface VotesPart {
  /**
   * Records (or replaces, or takes back) a voter's vote on a published comment and answers the
   * comment's counts after it; null when the comment is not published (nothing changes then).
   */
  cast(vote: CastVote): Promise<{ thread: string; votes: Votes } | null>;
  /**
   * The votes on the given comments (exports; at most 500 ids a call), any status, by comment id;
   * a comment without votes is not in the map. No order within a comment's list (the export sorts).
   * `scope` (store/sites.ts): only comments of one site's threads.
   */
  listOf(comments: readonly string[], scope?: SiteScope): Promise<Map<string, StoredVote[]>>;
}

/**
 * The stores keep each comment's Wilson lower bound (core/wilson.ts, the memory backend's too) as its
 * `score`, so sorting by it is an index walk.
 */
export { wilsonScore };

/** A comment's counts and score from its votes: what insertMany stores beside votes it restores. */
export function tally(votes: readonly StoredVote[]): { up: number; down: number; score: number } {
  const up = votes.filter((v) => v.value === 1).length;
  const down = votes.length - up;
  return { up, down, score: wilsonScore(up, down) };
}
