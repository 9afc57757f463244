// The votes part on SQLite (store/votes.ts): one IMMEDIATE transaction per vote.
import type { CommentRow } from '../rows.ts';
import type { CastVote, StoredVote, VotesPart } from '../votes.ts';
import { wilsonScore } from '../votes.ts';
import type { Sqlite } from './db.ts';

export function sqliteVotes({ db, q, bump }: Sqlite): VotesPart {
  const cast = db.transaction(({ comment, voter, value, now }: CastVote) => {
    const row = q<CommentRow>('byId').get(comment);
    if (!row || row.status !== 'published') return null;
    const before = q<{ value: number }>('voteGet').get(comment, voter)?.value ?? 0;
    if (value === 0) q('voteDelete').run(comment, voter);
    else q('votePut').run(comment, voter, value, now);
    const counted = q<{ thread: string; votes_up: number; votes_down: number }>('voteCounts').get(+(value === 1) - +(before === 1), +(value === -1) - +(before === -1), comment)!;
    q('voteScore').run(wilsonScore(counted.votes_up, counted.votes_down), comment);
    if (before !== value) bump(counted.thread);
    return { thread: counted.thread, votes: { up: counted.votes_up, down: counted.votes_down } };
  });
  const votesOf = q<{ comment_id: string; voter: string; value: 1 | -1; at: number }>('votesOf');
  return {
    cast: async (vote) => cast.immediate(vote),
    async listOf(comments, scope) {
      const found = new Map<string, StoredVote[]>();
      for (const { comment_id, voter, value, at } of votesOf.all({ ids: JSON.stringify([...new Set(comments)]), scope: scope ?? null })) {
        const list = found.get(comment_id);
        if (list) list.push({ voter, value, at });
        else found.set(comment_id, [{ voter, value, at }]);
      }
      return found;
    },
  };
}
