// The author's own comment (PATCH and DELETE): the edit token is HMAC(secret, comment id)
// (DESIGN), good only inside the edit window.
import { editToken, sameSecret } from '../crypto.ts';
import type { UseCaseDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import type { StoredComment } from '../store/store.ts';

/** The comment, if `token` is its edit token and the edit window is still open; otherwise the refusal. */
export async function ownedComment(deps: Pick<UseCaseDeps, 'store' | 'secret' | 'now' | 'settings'>, id: string, token: string): Promise<{ row: StoredComment; secret: string }> {
  const row = await deps.store.comments.get(id);
  if (!row || row.status === 'deleted') throw new ApiError('not_found', 'That comment does not exist.');
  const secret = await deps.secret();
  if (!sameSecret(token, editToken(secret, row.id))) {
    throw new ApiError('unauthorized', 'Send the edit token you got when posting, as Authorization: Bearer <token>.', undefined, { 'WWW-Authenticate': 'Bearer' });
  }
  if (deps.now() - row.createdAt > deps.settings.editWindowSeconds * 1000) {
    throw new ApiError('edit_window_closed', 'The time to edit or delete this comment has passed.');
  }
  return { row, secret };
}

/** Until when the edit token works (`editableUntil`, issue 8): the server's --edit-window from posting. */
export const editableUntil = (deps: Pick<UseCaseDeps, 'settings'>, row: StoredComment): string =>
  new Date(row.createdAt + deps.settings.editWindowSeconds * 1000).toISOString();
