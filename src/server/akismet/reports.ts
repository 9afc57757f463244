// What Akismet needs after comment-check (issue 15): a moderator's decision goes back to it as
// submit-spam or submit-ham, which want the sender's raw address and user agent again. So, while
// Akismet is on, those are kept beside the comment for at most 30 days (store.spam, README
// "Privacy"), and each decision queues an outbox job in the decision's own transaction: delivered
// by the worker with its retries, on any instance, surviving a restart.
import type { Logger } from '../deps.ts';
import { ALL_CLIENTS, type ClientDetails, type Job, type NewJob, type Store, type StoredComment } from '../store/store.ts';
import type { AkismetClient } from './client.ts';

export const AKISMET_JOB = 'akismet';
/** How long a comment's address and user agent are kept for the reports: 30 days. */
export const CLIENT_KEEP_MS = 30 * 24 * 60 * 60 * 1000;

interface ReportPayload {
  report: 'spam' | 'ham';
  id: string;
}

/** Keep a new comment's client details for the reports, and forget those past 30 days. A failure is logged: the comment is stored already. */
export async function keepForAkismet(deps: { store: Store; logger: Logger }, id: string, details: ClientDetails, now: number): Promise<void> {
  try {
    await deps.store.spam.keepClient(id, details, now);
    await deps.store.spam.forgetClients(now - CLIENT_KEEP_MS);
  } catch (error) {
    deps.logger.error(`Akismet: the client details of comment ${id} could not be kept (no report to Akismet can be sent for it)`, error);
  }
}

/** The report jobs of a moderator's decision: spam → submit-spam, approve → submit-ham. */
export function reportJobs(changed: readonly StoredComment[], action: string, now: number): NewJob[] {
  const report = action === 'spam' ? 'spam' : action === 'approve' ? 'ham' : null;
  if (!report) return [];
  return changed.map((comment) => ({ kind: AKISMET_JOB, payload: { report, id: comment.id } satisfies ReportPayload, runAt: now }));
}

/**
 * The worker's deliverer of report jobs. A comment gone, or whose client details are gone (past 30
 * days, or kept before Akismet was on), cannot be reported: logged and done. A refusal or timeout
 * throws, and the worker tries again later.
 */
export function createAkismetReporter({ store, client, logger }: { store: Store; client: AkismetClient; logger: Logger }): (job: Job) => Promise<void> {
  return async (job) => {
    const { report, id } = job.payload as ReportPayload;
    const [comment, sender] = await Promise.all([store.comments.get(id), store.spam.client(id)]);
    if (!comment || !sender) {
      logger.info(`Akismet: comment ${id} not reported as ${report}: ${comment ? 'its address and user agent are no longer kept' : 'it is gone'}`);
      return;
    }
    await client.submit(report, {
      ...sender,
      type: comment.parent ? 'reply' : 'comment',
      author: comment.name,
      email: comment.email,
      website: comment.website ?? '',
      text: comment.text,
      createdAt: comment.createdAt,
    });
  };
}

/**
 * Client details are kept only while Akismet is on and for at most 30 days: with Akismet off,
 * every kept one goes at start; with it on, those past 30 days go now and every hour (besides on
 * each post), so a quiet site forgets them too. Returns the stop function, which waits for a purge
 * under way (the store is closed next).
 */
export function startClientPurge({ store, on, now = Date.now, logger }: { store: Store; on: boolean; now?: () => number; logger: Logger }): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const purge = () => {
    running = store.spam.forgetClients(on ? now() - CLIENT_KEEP_MS : ALL_CLIENTS).catch((error: unknown) => logger.error('Akismet: kept client details could not be purged', error));
  };
  purge();
  const timer = on ? setInterval(purge, 60 * 60 * 1000) : undefined;
  timer?.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
