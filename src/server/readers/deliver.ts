// Delivering reader mail (issue 17): the worker's handlers for the job kinds of jobs.ts. A
// published comment finds its confirmed followers and is queued for each; the first comment
// queued for an address opens a batch that closes `batchMs` later (10 minutes by default), so
// replies within that time go out as one mail. Only comments still published when the mail is
// written are in it: one deleted or marked as spam meanwhile is left out, and a batch with none
// left sends nothing.
import type { Job, Store, StoredComment } from '../store/store.ts';
import { PermanentError } from '../notify/worker.ts';
import type { MailTransport } from '../notify/mail.ts';
import { READER_JOBS } from './jobs.ts';
import { readerToken } from './links.ts';
import { commentsMail, confirmMail, manageMail, type ReaderMailContext } from './mail.ts';

/** Issue 17 item 1: replies to the same reader within this time go out as one mail. */
export const DEFAULT_BATCH_MS = 10 * 60 * 1000;
/** At most this many comments in one mail, and listed on /my (a bound on every loop). */
export const MAX_BATCH = 50;

export interface ReaderDeliveryOptions extends ReaderMailContext {
  store: Store;
  transport: MailTransport;
  secret: () => Promise<string>;
  /** The server's public address, without a trailing slash: the links' base. */
  publicUrl: string;
  batchMs?: number;
  now?: () => number;
}

const payloadOf = (job: Job) => {
  const payload = job.payload as Record<string, unknown> | null;
  if (typeof payload !== 'object' || payload === null) throw new PermanentError('the job has no payload');
  return payload;
};
const text = (value: unknown, what: string): string => {
  if (typeof value !== 'string' || !value) throw new PermanentError(`the job has no ${what}`);
  return value;
};

/** The handlers for byKind (notify/worker.ts), one per reader job kind. */
export function readerDeliverers(options: ReaderDeliveryOptions): Record<string, (job: Job) => Promise<void>> {
  const { store, transport, publicUrl } = options;
  const now = options.now ?? Date.now;
  const batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
  const link = async (path: string, purpose: 'confirm' | 'unsubscribe' | 'manage', email: string, key: string | null = null) =>
    `${publicUrl}${path}?t=${readerToken(await options.secret(), purpose, email, now(), key)}`;
  const send = async (message: Parameters<MailTransport['sendMail']>[0]) => {
    try {
      await transport.sendMail(message);
    } catch (error) {
      // As for the owner's mail: a 5xx is final, anything else is worth the retries.
      const code = (error as { responseCode?: unknown }).responseCode;
      if (typeof code === 'number' && code >= 500) throw new PermanentError(`the SMTP server refused the mail for good (${code}): ${(error as Error).message}`);
      throw error;
    }
  };

  return {
    [READER_JOBS.confirm]: async (job) => {
      const payload = payloadOf(job);
      const email = text(payload.email, 'address');
      const key = typeof payload.key === 'string' ? payload.key : null;
      await send(confirmMail(options, email, await link('/notify/confirm', 'confirm', email, key)));
    },
    [READER_JOBS.manage]: async (job) => {
      const email = text(payloadOf(job).email, 'address');
      // An address with no comments gets nothing; the page that asked said the same either way.
      if (!(await store.readers.commentsOf(email, 1)).length) return;
      await send(manageMail(options, email, await link('/my', 'manage', email)));
    },
    [READER_JOBS.published]: async (job) => {
      const comment = await store.comments.get(text(payloadOf(job).comment, 'comment'));
      if (!comment || comment.status !== 'published') return;
      const author = comment.email.trim().toLowerCase();
      const at = now();
      for (const email of await store.readers.followers({ parent: comment.parent, thread: comment.thread })) {
        // Nobody is told about their own comment.
        if (email === author) continue;
        if (await store.readers.queue(email, comment.id, at)) {
          await store.outbox.enqueue({ kind: READER_JOBS.batch, payload: { email }, runAt: at + batchMs });
        }
      }
    },
    [READER_JOBS.batch]: async (job) => {
      const email = text(payloadOf(job).email, 'address');
      const comments = await store.readers.take(email);
      // Handed on as one job, so a failed send is retried with exactly these comments.
      if (comments.length) await store.outbox.enqueue({ kind: READER_JOBS.mail, payload: { email, comments }, runAt: now() });
    },
    [READER_JOBS.mail]: async (job) => {
      const payload = payloadOf(job);
      const email = text(payload.email, 'address');
      const ids = Array.isArray(payload.comments) ? payload.comments.filter((id): id is string => typeof id === 'string').slice(0, MAX_BATCH) : [];
      // Unsubscribed (or stopped on /my) since the batch closed: nothing goes out.
      if (!(await store.readers.get(email))?.confirmedAt) return;
      const rows = (await Promise.all(ids.map((id) => store.comments.get(id)))).filter((c): c is StoredComment => c?.status === 'published');
      if (!rows.length) return;
      await send(
        commentsMail(options, email, rows, {
          unsubscribe: await link('/notify/unsubscribe', 'unsubscribe', email),
          manage: await link('/my', 'manage', email),
        }),
      );
    },
  };
}
