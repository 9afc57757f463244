// Which changes notify, in one place (issue 13): each write of a use case carries the outbox jobs of
// the notifications it causes (notify/outbox.ts writes them in the same transaction), as README
// "Notifications" lists them. An idempotent replay, marking as spam, deleting and imports notify
// nobody.
import type { UseCaseDeps } from '../deps.ts';
import { outboxWrite, type OutboxWrite } from '../notify/outbox.ts';
import type { StoredComment } from '../store/store.ts';
import { becameHeld, type ModeratorAction } from './statuses.ts';

type NotifyDeps = Pick<UseCaseDeps, 'notify' | 'onQueued'>;

/** A new comment, published or held, with the page it was posted from. */
export const onPosted = (deps: NotifyDeps, url: string | undefined): OutboxWrite<StoredComment> =>
  outboxWrite(deps, (comment: StoredComment, notify) => notify({ comment, url }));

/**
 * An author's edit that makes the comment held tells the owner as a new held comment does. Judged
 * on the rows the store read inside the write, not on an earlier read, which a moderator may have
 * changed since.
 */
export const onEdited = (deps: NotifyDeps): OutboxWrite<{ before: StoredComment; after: StoredComment }> =>
  outboxWrite(deps, ({ before, after }: { before: StoredComment; after: StoredComment }, notify) =>
    becameHeld(before.status, after.status) ? notify({ comment: after, cause: 'edited' }) : [],
  );

/** A moderator's approval tells webhooks the comment is published (no mail: the owner did it), for exactly the comments it changed. */
export const onModerated = (deps: NotifyDeps, action: ModeratorAction): OutboxWrite<StoredComment[]> =>
  outboxWrite(deps, (changed: StoredComment[], notify) => (action === 'approve' ? changed.flatMap((comment) => notify({ comment, cause: 'approved' })) : []));
