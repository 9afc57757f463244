// A received Webmention, processed by the outbox worker (issue 18; W3C Webmention 3.2): fetch the
// source (fetch-source.ts), check that it links to the target, read its h-entry
// (parse-source.ts), moderate it with the same rules as a comment, and store it as a comment of
// kind `mention` (or `reply`). One comment per source and thread, found again by its idempotency
// key: a mention sent again updates it, a source that is gone or no longer links removes it.
import { nanoid } from 'nanoid';
import { keylessAvatar, fingerprint } from '../crypto.ts';
import type { UseCaseDeps } from '../deps.ts';
import { moderate } from '../moderation/moderate.ts';
import { PermanentError } from '../notify/worker.ts';
import { moderationContext } from '../comments/context.ts';
import { onPosted } from '../comments/notifications.ts';
import { resolveThread } from '../comments/thread-aliases.ts';
import type { Job } from '../store/store.ts';
import type { SourceResult } from './fetch-source.ts';
import { readSource } from './parse-source.ts';

export const WEBMENTION_JOB = 'webmention';

export interface WebmentionJob {
  source: string;
  target: string;
  /** The target's thread id, as the widget derives it from the page's URL. */
  thread: string;
  /**
   * Many sites (issue 19): the site the target is a page of. Absent on a single-site server (and in
   * a job queued before sites existed: the worker then goes by the target's origin).
   */
  site?: string;
}

/** The one comment a source may have in a thread: its key, so a second mention finds the first. */
export const mentionKey = (source: string, thread: string): string => `wm:${fingerprint([source, thread])}`;

export type MentionOutcome = 'created' | 'updated' | 'unchanged' | 'removed' | 'ignored' | 'refused';

/**
 * @example
 * const deliver = createWebmentionProcessor(deps, (url) => fetchSource(url, { allowLoopback: false, ...SOURCE_DEFAULTS }));
 * await deliver(job); // throws to be retried (the source was down), PermanentError when no retry can help
 */
export function createWebmentionProcessor(deps: UseCaseDeps, fetch: (url: string) => Promise<SourceResult>) {
  return async function processMention(job: Pick<Job, 'payload'>): Promise<MentionOutcome> {
    const { source, target, thread: asked } = job.payload as WebmentionJob;
    const { store } = deps;
    const thread = await resolveThread(store, asked);
    const key = mentionKey(source, thread);
    const existing = await store.comments.getByIdempotencyKey(key);
    const remove = async () => {
      if (!existing || existing.status === 'deleted') return 'ignored' as const;
      await store.comments.setStatus([existing.id], 'deleted');
      return 'removed' as const;
    };

    const page = await fetch(source);
    if (!page.ok) {
      // Gone (404, 410): its mention goes. A refused or broken source: nothing to store, no retry.
      if (page.gone) return remove();
      if (page.permanent) {
        if (existing) await remove();
        throw new PermanentError(`the source ${source} could not be used: ${page.reason}`);
      }
      throw new Error(`the source ${source} could not be fetched: ${page.reason}`);
    }
    const entry = readSource(page, target);
    if (!entry.links) return remove();

    const secret = await deps.secret();
    const now = deps.now();
    const draft = { thread, text: entry.text, name: entry.name, email: '', website: entry.website ?? '', url: target };
    // The same rules as a comment (links, words, the moderation mode, the owner's name …); the form
    // and rate rules skip a mention (its receipt was counted by POST /webmention).
    const decision = await moderate(moderationContext(deps, secret, { kind: 'mention', draft, clientHash: '', now, commentId: existing?.id }), deps.rules);
    if (decision.verdict === 'reject') {
      if (existing) await remove();
      return 'refused';
    }
    const status = decision.verdict === 'publish' ? 'published' : decision.verdict === 'hold' ? 'pending' : 'spam';

    if (existing) {
      const same = existing.text === entry.text && existing.name === entry.name && existing.website === entry.website && existing.mention === entry.kind;
      if (same && existing.status !== 'deleted') return 'unchanged';
      // A moderator's spam stays spam; a removed mention that links again is judged anew.
      const next = existing.status === 'spam' ? 'spam' : existing.status === 'deleted' ? status : existing.status === 'pending' ? (status === 'published' ? 'pending' : status) : status;
      await store.comments.update(existing.id, { text: entry.text, name: entry.name, website: entry.website, mention: entry.kind, status: next, reasons: decision.reasons, editedAt: now });
      return 'updated';
    }
    const id = nanoid();
    const outbox = onPosted(deps, target);
    const { created } = await store.comments.insert(
      {
        id,
        thread,
        parent: null,
        root: id,
        status,
        name: entry.name,
        email: '',
        website: entry.website,
        avatar: keylessAvatar(id),
        text: entry.text,
        createdAt: now,
        editedAt: null,
        clientHash: null,
        authorKey: null,
        reasons: decision.reasons,
        idempotencyKey: key,
        fingerprint: fingerprint([entry.text, entry.name]),
        mention: entry.kind,
        source,
      },
      outbox.write,
    );
    if (created) outbox.committed();
    return created ? 'created' : 'unchanged';
  };
}
