// An author's edit (PATCH /api/v1/comments/:id): the edit token inside the edit window, the text
// checked, moderation again (rate limit per client, cheapest rules first; an edit is compared with
// the thread only), a status never less held than before, and the owner told when it became held.
import type { Outcome } from '../../core/types.ts';
import { clientHash } from '../crypto.ts';
import type { UseCaseDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { learnedModel } from '../learning/filter.ts';
import { moderate } from '../moderation/moderate.ts';
import { editSchema, parseBody } from '../schema.ts';
import type { StoredComment } from '../store/store.ts';
import { moderationContext } from './context.ts';
import { threadSources } from './moderation-inputs.ts';
import { onEdited } from './notifications.ts';
import { ownedComment } from './owned.ts';
import { outcomeOf, statusAfterEdit, statusOf } from './statuses.ts';
import { isTrusted } from './trust.ts';

export interface EditInput {
  id: string;
  /** The edit token the post answered with. */
  token: string;
  /** The request body as sent (JSON): `{ text }`. */
  body: unknown;
  /** The address the edit comes from (its own rate limit), or 'unknown'. */
  address: string;
}

/** @example const { comment, outcome } = await editComment(deps, { id, token, body: { text: 'Fixed a typo' }, address }); */
export async function editComment(deps: UseCaseDeps, { id, token, body, address }: EditInput): Promise<{ comment: StoredComment; outcome: Outcome }> {
  const { store } = deps;
  const { row, secret } = await ownedComment(deps, id, token);
  const { text } = parseBody(editSchema, body);
  const now = deps.now();
  const draft = { thread: row.thread, text, name: row.name, email: row.email, website: row.website ?? '' };
  const decision = await moderate(
    moderationContext(deps, secret, {
      kind: 'edit',
      draft,
      commentId: row.id,
      clientHash: clientHash(secret, address),
      now,
      // The key that wrote the comment, decided in the one place (trust.ts).
      trusted: () => isTrusted(store, { authorKey: row.authorKey }),
      // The page address is not stored with a comment, so an edit is compared with the thread only.
      // TODO(echo): keep the thread's article URL (or the cached article by thread) to check edits against it too.
      learned: () => learnedModel(store),
      echo: async () => ({ article: null, articleError: 'an edit is checked against the thread only', others: await threadSources(store, row.thread, row.email, row.id) }),
    }),
    deps.rules,
  );
  const status = statusAfterEdit(row.status, statusOf(decision));
  const outbox = onEdited(deps);
  const updated = await store.comments.update(row.id, { text, status, reasons: decision.reasons, editedAt: now }, outbox.write);
  if (!updated) throw new ApiError('not_found', 'That comment does not exist.');
  outbox.committed();
  return { comment: updated, outcome: outcomeOf(status) };
}
