// What happened → jobs in the store's outbox (issue 8): one webhook job per configured URL, and
// one mail job when a comment is held for a moderator and owner mail is configured. Only the
// enqueue happens on the reader's request; the worker (worker.ts) delivers later, so a slow or
// dead receiver never delays a post.
import type { Reason, Status } from '../../core/types.ts';
import type { StoredComment, Store } from '../store/store.ts';

export type NotifyEventName = 'comment.published' | 'comment.held';

/** What the route tells the notifier: the comment just created, and the page it was posted from. */
export interface NotifyInput {
  comment: StoredComment;
  /** The `url` the reader's post carried (the article page), when it had one. */
  url?: string;
}

/** Called by the POST route after a NEW comment is stored (not on an idempotent replay). */
export type Notify = (input: NotifyInput) => Promise<void>;

/**
 * The event as stored in a job and, with `deliveredAt` and `moderationUrl` added at delivery,
 * as POSTed to webhooks. It carries the author's email: webhooks and mail go to the site owner
 * (DESIGN promise 1: "Only the moderator, the owner's own exports and notifications see addresses").
 */
export interface CommentEvent {
  event: NotifyEventName;
  comment: {
    id: string;
    thread: string;
    parent: string | null;
    author: { name: string; email: string; website: string | null };
    text: string;
    createdAt: string;
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

export function commentEvent({ comment, url }: NotifyInput): CommentEvent | null {
  const event: NotifyEventName | null =
    comment.status === 'published' ? 'comment.published' : comment.status === 'pending' || comment.status === 'spam' ? 'comment.held' : null;
  if (!event) return null;
  return {
    event,
    comment: {
      id: comment.id,
      thread: comment.thread,
      parent: comment.parent,
      author: { name: comment.name, email: comment.email, website: comment.website },
      text: comment.text,
      createdAt: new Date(comment.createdAt).toISOString(),
      status: comment.status,
    },
    reasons: comment.reasons,
    ...(url ? { url } : {}),
  };
}

export interface NotifierOptions {
  store: Store;
  /** Webhook URLs (the owner's config, http(s) only: cli.ts checks). */
  webhooks?: readonly string[];
  /** Whether owner mail is configured (--smtp and --notify-email). */
  mail?: boolean;
  now?: () => number;
  /** Called after jobs were queued, so a worker in this process delivers them now, not at its next poll. */
  onQueued?: () => void;
}

/**
 * @example
 * const notify = createNotifier({ store, webhooks: ['https://hooks.example/parley'], mail: true, onQueued: () => worker.poke() });
 * await notify({ comment, url: 'https://blog.example/post' });
 */
export function createNotifier(options: NotifierOptions): Notify {
  const { store, webhooks = [], mail = false } = options;
  const now = options.now ?? Date.now;
  return async (input) => {
    const event = commentEvent(input);
    if (!event) return;
    const runAt = now();
    const jobs: { kind: string; payload: WebhookJob | MailJob }[] = webhooks.map((url) => ({ kind: JOB_KINDS.webhook, payload: { url, event } }));
    // Mail is for comments waiting on a moderator. Spam is held too, but it is mostly bots: a
    // mail per bot comment would bury the owner; the spam queue in /admin (and the webhook) has them.
    if (mail && input.comment.status === 'pending') jobs.push({ kind: JOB_KINDS.mail, payload: { event } });
    if (!jobs.length) return;
    await Promise.all(jobs.map((job) => store.enqueueJob({ ...job, runAt })));
    options.onQueued?.();
  };
}
