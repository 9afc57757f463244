// The outbox part on SQLite (store/outbox.ts).
import type { OutboxPart } from '../outbox.ts';
import type { JobRow } from '../rows.ts';
import type { Sqlite } from './db.ts';

export function sqliteOutbox({ db, q, addJobs, job }: Sqlite): OutboxPart {
  // The due jobs in order, then each one leased, in one IMMEDIATE transaction, so another process
  // on the same file waits for the write lock and then sees the new run_at.
  const claim = db.transaction((now: number, limit: number, leaseMs: number, kinds: string | undefined) =>
    (kinds === undefined ? q<{ id: number }>('jobDue').all(now, limit) : q<{ id: number }>('jobDueOfKinds').all(now, kinds, limit)).map(({ id }) =>
      job(q<JobRow>('jobLease').get(now + leaseMs, id)!),
    ),
  );
  return {
    enqueue: async (entry) => addJobs([entry])[0]!,
    claim: async (now, limit, leaseMs, kinds) => claim.immediate(now, limit, leaseMs, kinds && JSON.stringify(kinds)),
    complete: async (id) => {
      q('jobDelete').run(id);
    },
    fail: async (id, { runAt, error, dead }) => {
      q('jobFail').run(runAt, error, dead ? 1 : 0, id);
    },
    list: async ({ dead, limit }) => (dead === undefined ? q<JobRow>('jobsAll').all(limit) : q<JobRow>('jobsByDead').all(dead ? 1 : 0, limit)).map(job),
  };
}
