// Every decision about a comment's stored status, in one place (issue 13): what a moderation
// verdict stores, what the poster is told, what an edit may change, what a moderator's action sets.
import type { Outcome, Status, Verdict } from '../../core/types.ts';
import { ApiError } from '../errors.ts';
import type { Decision } from '../moderation/moderate.ts';

const STATUS_OF: Record<Exclude<Verdict, 'reject'>, Status> = { publish: 'published', hold: 'pending', spam: 'spam' };

/** The status a moderation decision stores; a reject is the refusal (4xx) it carries, and nothing is stored. */
export function statusOf(decision: Decision): Status {
  if (decision.verdict === 'reject') {
    const found = decision.rejected!;
    throw new ApiError(found.code ?? 'invalid', found.message, found.fields, found.headers);
  }
  return STATUS_OF[decision.verdict];
}

/** What the poster is told (DESIGN "Words"): `held` covers pending and spam alike, so bots learn nothing. */
export const outcomeOf = (status: Status): Outcome => (status === 'pending' || status === 'spam' ? 'held' : 'published');

const RANK: Partial<Record<Status, number>> = { published: 0, pending: 1, spam: 2 };

/**
 * An edit can make a comment more held, never less: a held or spam comment must not publish
 * itself by being edited (README "Design notes").
 */
export const statusAfterEdit = (before: Status, judged: Status): Status => ((RANK[before] ?? 0) > (RANK[judged] ?? 0) ? before : judged);

/** True when a change makes a comment held (a published one now pending or spam, or pending now spam). */
export const becameHeld = (before: Status, after: Status): boolean => after !== before && (after === 'pending' || after === 'spam');

/** A moderator's action (the admin API, the admin page, a mail link) and the status it sets. */
export const ACTION_STATUS = { approve: 'published', spam: 'spam', delete: 'deleted' } as const satisfies Record<string, Status>;
export type ModeratorAction = keyof typeof ACTION_STATUS;
