// The votes part in memory (store/votes.ts).
import { inScope } from '../sites.ts';
import type { StoredVote, VotesPart } from '../votes.ts';
import { wilsonScore } from '../votes.ts';
import { bump, open, type MemoryState } from './state.ts';

export function memoryVotes(state: MemoryState): VotesPart {
  return {
    async cast({ comment, voter, value, now }) {
      open(state);
      const row = state.byId.get(comment);
      if (!row || row.status !== 'published') return null;
      const voters = state.votes.get(comment) ?? new Map<string, { value: 1 | -1; at: number }>();
      const before = voters.get(voter)?.value ?? 0;
      if (value === 0) voters.delete(voter);
      else voters.set(voter, { value, at: now });
      if (voters.size) state.votes.set(comment, voters);
      else state.votes.delete(comment);
      row.votesUp += +(value === 1) - +(before === 1);
      row.votesDown += +(value === -1) - +(before === -1);
      state.scores.set(comment, wilsonScore(row.votesUp, row.votesDown));
      if (before !== value) bump(state, row.thread);
      return { thread: row.thread, votes: { up: row.votesUp, down: row.votesDown } };
    },
    async listOf(comments, scope) {
      open(state);
      const found = new Map<string, StoredVote[]>();
      for (const id of new Set(comments)) {
        const row = state.byId.get(id);
        const voters = state.votes.get(id);
        if (!row || !voters || !inScope(row.thread, scope)) continue;
        found.set(id, [...voters].map(([voter, { value, at }]) => ({ voter, value, at })));
      }
      return found;
    },
  };
}
