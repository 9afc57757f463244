// The votes part on SQLite (store/votes.ts): one IMMEDIATE transaction per vote.
import type { CommentRow } from '../rows.ts';
import type { CastVote, VotesPart } from '../votes.ts';
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
  return { cast: async (vote) => cast.immediate(vote) };
}
