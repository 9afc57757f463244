// The votes part on PostgreSQL (store/votes.ts): the comment's row is locked first, so two votes on
// one comment (the same voter's double click included) count one after the other.
import type { CommentRow } from '../rows.ts';
import type { StoredVote, VotesPart } from '../votes.ts';
import { wilsonScore } from '../votes.ts';
import type { Pg } from './pool.ts';

export function pgVotes({ run, transaction }: Pg): VotesPart {
  return {
    cast: ({ comment, voter, value, now }) =>
      transaction(async (tx) => {
        const row = (await tx<CommentRow>('byIdForUpdate', [comment])).rows[0];
        if (!row || row.status !== 'published') return null;
        const before = (await tx<{ value: number }>('voteGet', [comment, voter])).rows[0]?.value ?? 0;
        if (value === 0) await tx('voteDelete', [comment, voter]);
        else await tx('votePut', [comment, voter, value, now]);
        const counted = (await tx<{ thread: string; votes_up: number; votes_down: number }>('voteCounts', [+(value === 1) - +(before === 1), +(value === -1) - +(before === -1), comment])).rows[0]!;
        await tx('voteScore', [wilsonScore(counted.votes_up, counted.votes_down), comment]);
        if (before !== value) await tx('bump', [counted.thread]);
        return { thread: counted.thread, votes: { up: Number(counted.votes_up), down: Number(counted.votes_down) } };
      }),
    async listOf(comments, scope) {
      const found = new Map<string, StoredVote[]>();
      const { rows } = await run<{ comment_id: string; voter: string; value: 1 | -1; at: number }>('votesOf', [[...new Set(comments)], scope ?? null]);
      for (const { comment_id, voter, value, at } of rows) {
        const list = found.get(comment_id);
        if (list) list.push({ voter, value, at });
        else found.set(comment_id, [{ voter, value, at }]);
      }
      return found;
    },
  };
}
