// A vote on a comment (POST /api/v1/comments/:id/vote, issue 16 item 2). No accounts: one vote per
// browser and comment (the widget's voter key, 16–64 characters kept in localStorage, stored here
// only as a keyed hash), and at most VOTES_PER_MINUTE votes a minute per client address, so one
// address cannot stuff a comment's count by minting voter keys faster than that.
import type { Votes } from '../../core/types.ts';
import { windowStart } from '../store/counters.ts';
import { authorKeyHash, clientHash, hmac, readAuthorKey } from '../crypto.ts';
import type { UseCaseDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';

/** Votes one client address may cast in a minute (then 429 with Retry-After). */
export const VOTES_PER_MINUTE = 30;
/** A voter key: opaque, printable ASCII without spaces. */
const VOTER = /^[!-~]{16,64}$/;

export interface VoteInput {
  id: string;
  body: unknown;
  address: string;
}

/**
 * @example await castVote(deps, { id: 'c1', body: { value: 1, voter: 'k3y0f16charsormore' }, address: '203.0.113.9' })
 */
export async function castVote(deps: UseCaseDeps, { id, body, address }: VoteInput): Promise<{ votes: Votes }> {
  const mode = deps.settings.votes;
  if (mode === 'off') throw new ApiError('votes_off', 'Votes are turned off on this site.');
  const given = (body ?? {}) as { value?: unknown; voter?: unknown; authorKey?: unknown };
  const fields: Record<string, string> = {};
  if (given.value !== 1 && given.value !== -1 && given.value !== 0) fields.value = mode === 'up' ? 'Use 1 (up) or 0 (take it back).' : 'Use 1 (up), -1 (down) or 0 (take it back).';
  else if (given.value === -1 && mode === 'up') fields.value = 'Down votes are turned off on this site: use 1 or 0.';
  if (typeof given.voter !== 'string' || !VOTER.test(given.voter)) fields.voter = 'voter must be 16 to 64 printable characters without spaces (the browser keeps one).';
  if (Object.keys(fields).length) throw new ApiError('invalid', 'This is not a vote this server takes.', fields);
  const value = given.value as 1 | -1 | 0;

  const { store } = deps;
  const secret = await deps.secret();
  const now = deps.now();
  if (address !== 'unknown') {
    const count = await store.counters.hit(`votes:${clientHash(secret, address)}`, 60, now);
    if (count > VOTES_PER_MINUTE) {
      const retryAfter = Math.max(1, windowStart(60, now) + 60 - Math.floor(now / 1000));
      throw new ApiError('rate_limited', `Too many votes from this address; please wait ${retryAfter} seconds.`, undefined, { 'Retry-After': String(retryAfter) });
    }
  }
  const comment = await store.comments.get(id);
  if (!comment || comment.status !== 'published') throw new ApiError('not_found', 'That comment does not exist, or is not public.');
  // The author's own browser brings its author key (issue 14): a vote on one's own comment is refused.
  const key = readAuthorKey(secret, given.authorKey);
  if (key && comment.authorKey && authorKeyHash(secret, key) === comment.authorKey) throw new ApiError('own_comment', 'You cannot vote on your own comment.');
  const cast = await store.votes.cast({ comment: id, voter: hmac(secret, `voter:${given.voter}`).slice(0, 32), value, now });
  if (!cast) throw new ApiError('not_found', 'That comment does not exist, or is not public.');
  return { votes: cast.votes };
}
