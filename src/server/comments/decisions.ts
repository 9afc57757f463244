// What a moderator's decision (approve, spam, delete: the admin API and page, the mail links)
// causes besides the status: the notifications (notifications.ts), and, issue 15, a report to
// Akismet when it is on (an outbox job in the same transaction, akismet/reports.ts), and the
// learning filter's lesson (learning/filter.ts), once the decision is stored.
import { reportJobs } from '../akismet/reports.ts';
import type { UseCaseDeps } from '../deps.ts';
import { learnDecisions } from '../learning/filter.ts';
import type { StoredComment, WriteJobs } from '../store/store.ts';
import { announcePublished } from '../live/announce.ts';
import { onModerated } from './notifications.ts';
import type { ModeratorAction } from './statuses.ts';

export interface DecisionWrite {
  /** Pass to store.comments.setStatus; `check` runs first, on the rows the write changes (it may throw to undo the write). */
  write(check?: (changed: StoredComment[]) => void): WriteJobs<StoredComment[]>;
  /** Call after the write returned. */
  committed(): Promise<void>;
}

export function onDecision(deps: UseCaseDeps, action: ModeratorAction): DecisionWrite {
  const outbox = onModerated(deps, action);
  let reports = 0;
  let decided: StoredComment[] = [];
  return {
    write: (check) => ({
      jobs: (changed) => {
        check?.(changed);
        decided = changed;
        const jobs = [...(outbox.write.jobs?.(changed) ?? []), ...(deps.akismet ? reportJobs(changed, action, deps.now()) : [])];
        // Set on every call: a store may run its transaction again.
        reports = deps.akismet ? changed.length : 0;
        return jobs;
      },
    }),
    committed: async () => {
      outbox.committed();
      if (reports && action !== 'delete') deps.onQueued?.();
      await learnDecisions(deps, decided, action);
      // Approved comments appear on open pages (issue 16, live updates).
      if (action === 'approve') await announcePublished(deps, decided.map((row) => ({ ...row, status: 'published' as const })));
    },
  };
}
