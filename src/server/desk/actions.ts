// What a moderator does on the desk (issue 21 item 3): approve, mark as spam, delete (one or many),
// edit a comment's text, and undo any of these within UNDO_MS. Each is written to the action log
// (who: the token's name) with what undo needs, and leaves a reason on the comment ("approved by a
// moderator"), so a comment approved out of spam no longer shows only its old SPAM verdict.
import { checkText } from '../../core/checks.ts';
import { problemMessage } from '../../core/strings.ts';
import type { Reason, Status } from '../../core/types.ts';
import { moderateComments } from '../comments/moderate-actions.ts';
import type { UseCaseDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { actionSchema, parseBody } from '../schema.ts';
import type { StoredComment } from '../store/store.ts';
import { logAction, SAID, withModerator } from './log.ts';
import { describe, type DeskComment } from './search.ts';

/** The desk offers Undo for 10 seconds; the server takes it a little longer, for a slow network. */
export const UNDO_MS = 10_000;
const UNDO_GRACE_MS = 5_000;

/** What undo puts back, per comment. */
interface Before {
  id: string;
  status: Status;
  reasons: Reason[];
  text?: string;
  editedAt?: number | null;
}

/** POST /api/v1/admin/comments/actions `{ action, ids }` → how many changed, and the id that undoes it. */
export async function deskAct(deps: UseCaseDeps, who: string, body: unknown): Promise<{ updated: number; undo: number }> {
  const { action, ids } = parseBody(actionSchema, body);
  const before = (await Promise.all(ids.map((id) => deps.store.comments.get(id)))).filter((row): row is StoredComment => row !== null);
  const { updated } = await moderateComments(deps, { action, ids });
  // The decision's reason, on the comments it changed.
  const status = { approve: 'published', spam: 'spam', delete: 'deleted' }[action];
  for (const row of before) if (row.status !== status) await deps.store.comments.update(row.id, { reasons: withModerator(row.reasons, action) });
  const detail: Before[] = before.filter((row) => row.status !== status).map((row) => ({ id: row.id, status: row.status, reasons: row.reasons }));
  const undo = await logAction(deps, { who, action, ids: detail.map((d) => d.id), detail: JSON.stringify(detail) });
  return { updated, undo };
}

/** POST /api/v1/admin/comments/:id/edit `{ text }`: the moderator's edit, marked as such. */
export async function deskEdit(deps: UseCaseDeps, who: string, id: string, body: unknown): Promise<{ comment: DeskComment; undo: number }> {
  const given = (body as { text?: unknown } | null)?.text;
  const text = typeof given === 'string' ? given.trim() : '';
  const problem = checkText(text);
  if (problem) throw new ApiError('invalid', 'The text cannot be saved as it is.', { text: problemMessage('text', problem) });
  const row = await deps.store.comments.get(id);
  if (!row) throw new ApiError('not_found', 'There is no comment with that id.');
  const after = await deps.store.comments.update(id, { text, editedAt: deps.now(), reasons: withModerator(row.reasons, 'edit') });
  if (!after) throw new ApiError('not_found', 'There is no comment with that id.');
  const detail: Before[] = [{ id, status: row.status, reasons: row.reasons, text: row.text, editedAt: row.editedAt }];
  const undo = await logAction(deps, { who, action: 'edit', ids: [id], detail: JSON.stringify(detail) });
  const [comment] = await describe(deps, [after]);
  return { comment: comment!, undo };
}

/**
 * POST /api/v1/admin/comments/undo `{ undo }`: puts the comments of that action back as they were
 * (status, reasons, and an edit's text), once, within UNDO_MS (and a little grace).
 */
export async function deskUndo(deps: UseCaseDeps, who: string, body: unknown): Promise<{ restored: number }> {
  const id = Number((body as { undo?: unknown } | null)?.undo);
  const entry = Number.isSafeInteger(id) ? await deps.store.desk.logEntry(id) : null;
  if (!entry || !SAID[entry.action] || entry.detail === null) throw new ApiError('not_found', 'There is no action to undo with that id.');
  if (deps.now() - entry.at > UNDO_MS + UNDO_GRACE_MS) throw new ApiError('invalid', 'That action is too old to undo; change the comments back one by one.', { undo: 'Too late.' });
  const recent = await deps.store.desk.logEntries({ limit: 200 });
  if (recent.some((e) => e.action === 'undo' && e.detail === String(entry.id))) throw new ApiError('invalid', 'That action was undone already.', { undo: 'Already undone.' });
  const before = JSON.parse(entry.detail) as Before[];
  let restored = 0;
  for (const b of before) {
    const patch = b.text === undefined ? { status: b.status, reasons: b.reasons } : { status: b.status, reasons: b.reasons, text: b.text, editedAt: b.editedAt ?? null };
    if (await deps.store.comments.update(b.id, patch)) restored++;
  }
  await logAction(deps, { who, action: 'undo', ids: before.map((b) => b.id), detail: String(entry.id) });
  return { restored };
}

/** GET /api/v1/admin/log: the action log, newest first (who, what, when, which comments). */
export async function deskLog(deps: Pick<UseCaseDeps, 'store'>, beforeId?: number) {
  const entries = await deps.store.desk.logEntries({ beforeId, limit: 100 });
  return {
    entries: entries.map((e) => ({ id: e.id, at: new Date(e.at).toISOString(), who: e.who, action: e.action, ids: e.ids })),
    nextBefore: entries.length === 100 ? entries.at(-1)!.id : null,
  };
}
