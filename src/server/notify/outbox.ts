// The use cases' side of the transactional outbox (issue 8): a comment write carries the jobs of
// the notifications it causes (store.comments.insert / update / setStatus `{ jobs }`), so both
// commit together or neither does, and the worker is woken only once the write has committed.
// Which changes notify is decided in comments/notifications.ts.
import type { NewJob, WriteJobs } from '../store/store.ts';
import type { Notify } from './events.ts';

export interface OutboxWrite<T> {
  /** Pass to the store write. Empty when no notification is configured. */
  write: WriteJobs<T>;
  /** Call after the write returned: wakes this process's worker if the write queued any job. */
  committed(): void;
}

/**
 * @example
 * const outbox = outboxWrite(deps, (changed: StoredComment[], notify) => changed.flatMap((c) => notify({ comment: c, cause: 'approved' })));
 * await store.comments.setStatus(ids, 'published', outbox.write);
 * outbox.committed();
 */
export function outboxWrite<T>(
  options: { notify?: Notify; onQueued?: () => void },
  build: (written: T, notify: Notify) => readonly NewJob[],
): OutboxWrite<T> {
  const { notify } = options;
  let queued = 0;
  return {
    write: notify
      ? {
          jobs: (written) => {
            // Set on every call: a store may run its transaction again (a PostgreSQL deadlock retry).
            const jobs = build(written, notify);
            queued = jobs.length;
            return jobs;
          },
        }
      : {},
    committed: () => {
      if (queued) options.onQueued?.();
    },
  };
}
