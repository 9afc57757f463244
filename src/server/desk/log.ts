// The action log and the moderator's reasons (issue 21): who did what (a token's name, or "mail link"),
// kept LOG_DAYS; and the reason a moderator's decision leaves on a comment ("approved by a
// moderator"). Used by the desk's actions and by the owner's mail links (comments/moderate-actions.ts).
import type { Reason } from '../../core/types.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { NewLogEntry } from '../store/store.ts';

/** README "Privacy": the action log keeps 90 days. */
export const LOG_DAYS = 90;

/** The rule name of what a moderator did, among a comment's reasons. */
export const MODERATOR_RULE = 'moderator';

export const SAID: Record<string, { verdict: Reason['verdict']; message: string }> = {
  approve: { verdict: 'publish', message: 'approved by a moderator' },
  spam: { verdict: 'spam', message: 'marked as spam by a moderator' },
  delete: { verdict: 'spam', message: 'deleted by a moderator' },
  edit: { verdict: 'publish', message: 'edited by a moderator' },
};

/** The reasons with this moderator decision in place of an earlier one of the same kind (an edit and a status are kept apart). */
export function withModerator(reasons: readonly Reason[], action: keyof typeof SAID): Reason[] {
  const editing = action === 'edit';
  const kept = reasons.filter((r) => r.rule !== MODERATOR_RULE || (r.message === SAID.edit!.message) !== editing);
  return [...kept, { rule: MODERATOR_RULE, ...SAID[action]! }];
}

/** Appends to the action log and drops entries older than LOG_DAYS (README "Privacy"). */
export async function logAction(deps: Pick<UseCaseDeps, 'store' | 'now'>, entry: Omit<NewLogEntry, 'at'>): Promise<number> {
  const at = deps.now();
  const id = await deps.store.desk.log({ ...entry, at });
  await deps.store.desk.pruneLog(at - LOG_DAYS * 86_400_000);
  return id;
}

