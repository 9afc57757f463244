// An author's delete (DELETE /api/v1/comments/:id): soft, so replies keep their place (DESIGN
// "Words": `deleted`); nobody is notified.
import type { UseCaseDeps } from '../deps.ts';
import { ownedComment } from './owned.ts';

/** @example await removeComment(deps, { id, token }); */
export async function removeComment(deps: UseCaseDeps, { id, token }: { id: string; token: string }): Promise<void> {
  const { row } = await ownedComment(deps, id, token);
  await deps.store.comments.update(row.id, { status: 'deleted' });
}
