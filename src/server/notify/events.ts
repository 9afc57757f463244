// What happened → the jobs for the store's outbox (issue 8): one webhook job per configured URL,
// and one mail job when a comment is held for a moderator and owner mail is configured. Building
// the jobs is pure: the route hands them to the store write that changes the comment (Store.insert,
// update, setStatus), so a comment and its notifications are stored in one transaction or not at
// all. The worker (worker.ts) delivers later, so a slow or dead receiver never delays a post.
import { DEFAULT_SITE, splitThreadKey } from '../store/sites.ts';
import type { Format, Reason, Status } from '../../core/types.ts';
import { READER_JOBS } from '../readers/jobs.ts';
import type { NewJob, StoredComment } from '../store/store.ts';

export type NotifyEventName = 'comment.published' | 'comment.held';

/**
 * What the comment went through: `posted` (a new comment, published or held), `edited` (its
 * author's edit made it held), `approved` (a moderator published it).
 */
export type NotifyCause = 'posted' | 'edited' | 'approved';

/** What a route tells the notifier: the comment as the write stored it, and why it notifies. */
export interface NotifyInput {
  comment: StoredComment;
  /** Default `posted`. */
  cause?: NotifyCause;
  /** The `url` the reader's post carried (the article page), when it had one. */
  url?: string;
}

/** The jobs for one event; none when the comment's status notifies nobody (deleted). Pure: no I/O. */
export type Notify = (input: NotifyInput) => NewJob[];

/**
 * The event as stored in a job and, with `deliveredAt` and `moderationUrl` added at delivery,
 * as POSTed to webhooks. It carries the author's email: webhooks and mail go to the site owner
 * (DESIGN promise 1: "Only the moderator, the owner's own exports and notifications see addresses").
 */
export interface CommentEvent {
  event: NotifyEventName;
  cause: NotifyCause;
  comment: {
    id: string;
    /** The thread id as its site knows it. */
    thread: string;
    /** Its site, on a server that serves many (issue 19); absent for the default site. */
    site?: string;
    parent: string | null;
    author: { name: string; email: string; website: string | null };
    text: string;
    /** How to read `text` (issue 16); a job queued before it has none, and its text is plain. */
    format?: Format;
    createdAt: string;
    /** When its author last edited it, if ever. */
    editedAt: string | null;
    status: Status;
  };
  reasons: Reason[];
  url?: string;
}

export interface WebhookJob {
  url: string;
  event: CommentEvent;
}

export interface MailJob {
  event: CommentEvent;
}

export const JOB_KINDS = { webhook: 'webhook', mail: 'mail' } as const;

export function commentEvent({ comment, url, cause = 'posted' }: NotifyInput): CommentEvent | null {
  const event: NotifyEventName | null =
    comment.status === 'published' ? 'comment.published' : comment.status === 'pending' || comment.status === 'spam' ? 'comment.held' : null;
  if (!event) return null;
  // The store's thread key carries the site (store/sites.ts): the owner reads the two apart.
  const { site, thread } = splitThreadKey(comment.thread);
  return {
    event,
    cause,
    comment: {
      id: comment.id,
      thread,
      ...(site !== DEFAULT_SITE && { site }),
      parent: comment.parent,
      author: { name: comment.name, email: comment.email, website: comment.website },
      text: comment.text,
      format: comment.format,
      createdAt: new Date(comment.createdAt).toISOString(),
      editedAt: comment.editedAt === null ? null : new Date(comment.editedAt).toISOString(),
      status: comment.status,
    },
    reasons: comment.reasons,
    ...(url ? { url } : {}),
  };
}

export interface NotifierOptions {
  /** Webhook URLs (the owner's config, http(s) only: cli.ts checks). */
  webhooks?: readonly string[];
  /** Whether owner mail is configured (--smtp and --notify-email). */
  mail?: boolean;
  /**
   * Whether reader mail is on (issue 17; with owner mail): a comment published, as posted or
   * approved, queues a job that finds the readers who follow it (readers/deliver.ts).
   */
  readers?: boolean;
  now?: () => number;
}

/**
 * @example
 * const notify = createNotifier({ webhooks: ['https://hooks.example/parley'], mail: true });
 * await store.comments.insert(comment, { jobs: (stored) => notify({ comment: stored, url: 'https://blog.example/post' }) });
 * worker.poke();
 */
export function createNotifier(options: NotifierOptions): Notify {
  const { webhooks = [], mail = false, readers = false } = options;
  const now = options.now ?? Date.now;
  return (input) => {
    const event = commentEvent(input);
    if (!event) return [];
    const runAt = now();
    const jobs: { kind: string; payload: WebhookJob | MailJob | { comment: string }; runAt: number }[] = webhooks.map((url) => ({ kind: JOB_KINDS.webhook, payload: { url, event }, runAt }));
    // Mail is for comments waiting on a moderator. Spam is held too, but it is mostly bots: a
    // mail per bot comment would bury the owner; the spam queue in /admin (and the webhook) has them.
    if (mail && input.comment.status === 'pending') jobs.push({ kind: JOB_KINDS.mail, payload: { event }, runAt });
    // Only published comments reach readers: a held one does when it is approved (cause 'approved').
    if (readers && input.comment.status === 'published') jobs.push({ kind: READER_JOBS.published, payload: { comment: input.comment.id }, runAt });
    return jobs;
  };
}
