// The votes part in memory (store/votes.ts).
import type { VotesPart } from '../votes.ts';
import { wilsonScore } from '../votes.ts';
import { bump, open, type MemoryState } from './state.ts';

export function memoryVotes(state: MemoryState): VotesPart {
  return {
    async cast({ comment, voter, value }) {
      open(state);
      const row = state.byId.get(comment);
      if (!row || row.status !== 'published') return null;
      const key = `${comment} ${voter}`;
      const before = state.votes.get(key) ?? 0;
      if (value === 0) state.votes.delete(key);
      else state.votes.set(key, value);
      row.votesUp += +(value === 1) - +(before === 1);
      row.votesDown += +(value === -1) - +(before === -1);
      state.scores.set(comment, wilsonScore(row.votesUp, row.votesDown));
      if (before !== value) bump(state, row.thread);
      return { thread: row.thread, votes: { up: row.votesUp, down: row.votesDown } };
    },
  };
}
