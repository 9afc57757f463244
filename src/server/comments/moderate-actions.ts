// A moderator's decisions: the admin API's bulk actions, and the one-comment actions of the owner's
// mail links (GET shows, POST acts; README "Notifications"). Both set the status of ACTION_STATUS
// and queue the same notifications (notifications.ts); the routes only read requests and render.
import { createHash } from 'node:crypto';
import type { UseCaseDeps } from '../deps.ts';
import { readActionToken, type LinkAction } from '../notify/action-links.ts';
import { actionSchema, parseBody } from '../schema.ts';
import type { StoredComment } from '../store/store.ts';
import { onDecision } from './decisions.ts';
import { ACTION_STATUS } from './statuses.ts';
import { logAction, withModerator } from '../desk/log.ts';
import { MAIL_LINK } from '../desk/tokens.ts';

/** POST /api/v1/admin/comments/actions: `{ action, ids }` → how many comments changed. */
export async function moderateComments(deps: UseCaseDeps, body: unknown): Promise<{ updated: number }> {
  const { action, ids } = parseBody(actionSchema, body);
  const decision = onDecision(deps, action);
  const updated = await deps.store.comments.setStatus(ids, ACTION_STATUS[action], decision.write());
  await decision.committed();
  deps.logger.info(`admin: ${action} ${updated} of ${ids.length} comment(s)`);
  return { updated };
}

/** A stamp of the text the confirmation page showed (not a secret: only "is it still the same text?"). */
export const seenStamp = (row: Pick<StoredComment, 'text'>): string => createHash('sha256').update(row.text).digest('base64url').slice(0, 22);

/** What a mail link's token names, or why it names nothing. */
export type LinkTarget =
  | { kind: 'expired'; expiresAt: number }
  | { kind: 'invalid' }
  | { kind: 'gone' }
  | { kind: 'found'; row: StoredComment; action: LinkAction };

/** The comment and action of a mail link's token (checked with the server secret and the clock). */
export async function readModerationLink(deps: UseCaseDeps, token: string | undefined): Promise<LinkTarget> {
  const check = readActionToken(await deps.secret(), token, deps.now());
  if (!check.ok) return check.reason === 'expired' ? { kind: 'expired', expiresAt: check.expiresAt } : { kind: 'invalid' };
  const row = await deps.store.comments.get(check.id);
  return row ? { kind: 'found', row, action: check.action } : { kind: 'gone' };
}

/** What the POST of a mail link did. */
export type LinkOutcome =
  | Exclude<LinkTarget, { kind: 'found' }>
  /** The author deleted it: approving must not bring it back. */
  | { kind: 'deleted'; row: StoredComment }
  /** The text is not the one the owner saw: nothing changed; here it is as it reads now. */
  | { kind: 'edited'; row: StoredComment; action: LinkAction }
  /** Done (or it already had that status). */
  | { kind: 'done'; row: StoredComment; action: LinkAction };

/** The text changed between the check and the write: thrown inside the store's transaction to undo it. */
class EditedMeanwhile extends Error {}

/**
 * POST /moderate: the token is the authority, and the action is taken only while the comment
 * still has the text the owner confirmed (`seen`), checked again inside the status change, so an
 * edit committed in between undoes the action.
 */
export async function actOnModerationLink(deps: UseCaseDeps, { token, seen }: { token: string | undefined; seen: string | undefined }): Promise<LinkOutcome> {
  const target = await readModerationLink(deps, token);
  if (target.kind !== 'found') return target;
  const { row, action } = target;
  if (row.status === 'deleted') return { kind: 'deleted', row };
  const status = ACTION_STATUS[action];
  if (row.status === status) return { kind: 'done', row, action };
  if (seen !== seenStamp(row)) return { kind: 'edited', row, action };
  const decision = onDecision(deps, action);
  try {
    await deps.store.comments.setStatus(
      [row.id],
      status,
      decision.write((changed) => {
        if (changed.some((comment) => seenStamp(comment) !== seen)) throw new EditedMeanwhile();
      }),
    );
  } catch (error) {
    if (!(error instanceof EditedMeanwhile)) throw error;
    const fresh = await deps.store.comments.get(row.id);
    if (!fresh) return { kind: 'gone' };
    return fresh.status === 'deleted' ? { kind: 'deleted', row: fresh } : { kind: 'edited', row: fresh, action };
  }
  await decision.committed();
  // Issue 21: the action log names the mail link as who acted, and the comment says a moderator decided.
  await deps.store.comments.update(row.id, { reasons: withModerator(row.reasons, action) });
  await logAction(deps, { who: MAIL_LINK, action, ids: [row.id], detail: null });
  deps.logger.info(`moderation link: ${action} ${row.id}`);
  return { kind: 'done', row: { ...row, status }, action };
}
