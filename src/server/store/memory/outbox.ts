// The outbox part in memory (store/outbox.ts).
import type { Job, OutboxPart } from '../outbox.ts';
import { addJobs, open, prepareJobs, type MemoryState } from './state.ts';

// Payloads go through JSON as they do in the SQL stores, so a caller sees the same values.
const copyJob = (job: Job): Job => ({ ...job, payload: JSON.parse(JSON.stringify(job.payload ?? null)) });

export function memoryOutbox(state: MemoryState): OutboxPart {
  const { jobs } = state;
  return {
    async enqueue(job) {
      open(state);
      return addJobs(state, prepareJobs([job]))[0]!;
    },
    async claim(now, limit, leaseMs, kinds) {
      open(state);
      const due = [...jobs.values()]
        .filter((j) => !j.dead && j.runAt <= now && (!kinds || kinds.includes(j.kind)))
        .sort((a, b) => a.runAt - b.runAt || Number(a.id) - Number(b.id))
        .slice(0, limit);
      for (const job of due) {
        job.attempts++;
        job.runAt = now + leaseMs;
      }
      return due.map(copyJob);
    },
    async complete(id) {
      open(state);
      jobs.delete(id);
    },
    async fail(id, { runAt, error, dead }) {
      open(state);
      const job = jobs.get(id);
      if (job) Object.assign(job, { runAt, lastError: error, dead });
    },
    async list({ dead, limit }) {
      open(state);
      return [...jobs.values()].filter((j) => dead === undefined || j.dead === dead).slice(0, limit).map(copyJob);
    },
  };
}
