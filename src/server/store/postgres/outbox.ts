// The outbox part on PostgreSQL (store/outbox.ts).
import type { OutboxPart } from '../outbox.ts';
import { fromJobRow, jobPayload, type JobRow } from '../rows.ts';
import type { Pg } from './pool.ts';

export function pgOutbox({ run }: Pg): OutboxPart {
  return {
    enqueue: async ({ kind, payload, runAt }) => String((await run<{ id: number }>('jobInsert', [kind, jobPayload(payload), runAt, Date.now()])).rows[0]!.id),
    claim: async (now, limit, leaseMs, kinds) => {
      const claimed = await (kinds === undefined
        ? run<JobRow & { due_at: number }>('jobClaim', [now, limit, now + leaseMs])
        : run<JobRow & { due_at: number }>('jobClaimOfKinds', [now, limit, now + leaseMs, kinds]));
      return claimed.rows.sort((a, b) => a.due_at - b.due_at || Number(a.id) - Number(b.id)).map((r) => fromJobRow(r, false));
    },
    complete: async (id) => {
      await run('jobDelete', [id]);
    },
    fail: async (id, { runAt, error, dead }) => {
      await run('jobFail', [id, runAt, error, dead]);
    },
    list: async ({ dead, limit }) => (dead === undefined ? await run<JobRow>('jobsAll', [limit]) : await run<JobRow>('jobsByDead', [dead, limit])).rows.map((r) => fromJobRow(r, false)),
  };
}
