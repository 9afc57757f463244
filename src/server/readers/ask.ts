// A reader asks for mail (issue 17): the `notify` of a POST. The address is recorded as following
// the replies to the new comment (or its thread); an address not yet confirmed gets one
// confirmation mail, within limits, and nothing else until its owner opens the link. The caller's
// answer is the same whatever happens here: the server never says whether an address is known,
// subscribed or over a limit.
import type { UseCaseDeps } from '../deps.ts';
import type { Follow } from '../store/store.ts';
import { READER_JOBS } from './jobs.ts';

/** Issue 17 item 2: confirmation mails a day, per address and per client. */
export const CONFIRM_LIMITS = { perAddress: 3, perClient: 10 } as const;
/** Issue 17 item 2: "Manage my comments" mails a day, per address and per client (the same rule). */
export const MANAGE_LIMITS = { perAddress: 3, perClient: 10 } as const;
/** An unconfirmed address is forgotten after this long (issue 17 item 2). */
export const UNCONFIRMED_TTL_MS = 7 * 24 * 3600 * 1000;
const DAY = 86_400;

/** The one form of an address that the store and the links use: trimmed, lower case. */
export const addressKey = (email: string): string => email.trim().toLowerCase();

type Deps = Pick<UseCaseDeps, 'store' | 'now' | 'onQueued' | 'secret'>;

/**
 * Count one mail against both daily limits; true when it may go. Both counters move even when the
 * first is over, so a client hammering one address also uses up its own allowance.
 */
export async function withinDailyLimits(deps: Deps, kind: 'confirm' | 'manage', email: string, clientHash: string, limits: { perAddress: number; perClient: number }): Promise<boolean> {
  const now = deps.now();
  const [byAddress, byClient] = await Promise.all([
    deps.store.counters.hit(`${kind}-mail:address:${email}`, DAY, now),
    deps.store.counters.hit(`${kind}-mail:client:${clientHash}`, DAY, now),
  ]);
  return byAddress <= limits.perAddress && byClient <= limits.perClient;
}

/**
 * Record the wish; queue a confirmation mail when the address is unconfirmed and within limits.
 * `keyHash` is the author key of the browser that asked, bound to the address once confirmed.
 *
 * @example await askForMail(deps, { email: 'ada@example.com', follow: { kind: 'replies', target: comment.id }, keyHash: comment.authorKey, clientHash: comment.clientHash });
 */
export async function askForMail(deps: Deps, input: { email: string; follow: Follow; keyHash: string | null; clientHash: string }): Promise<void> {
  const { store } = deps;
  const email = addressKey(input.email);
  const now = deps.now();
  // Forgetting the week-old unconfirmed addresses here keeps them from piling up without a timer;
  // the partial index makes it one short lookup.
  await store.readers.pruneUnconfirmed(now - UNCONFIRMED_TTL_MS);
  const { confirmed } = await store.readers.follow(email, input.follow, now);
  // A confirmed address asking from a browser whose key is bound to no confirmed address gets the
  // confirmation again: opening it binds this browser too (trust.ts). It goes only to an address
  // that already said yes to our mail, within the same limits.
  if (confirmed && (!input.keyHash || (await store.readers.boundKeys(input.keyHash, 1)).length)) return;
  if (!(await withinDailyLimits(deps, 'confirm', email, input.clientHash, CONFIRM_LIMITS))) return;
  await store.outbox.enqueue({ kind: READER_JOBS.confirm, payload: { email, key: input.keyHash }, runAt: now });
  deps.onQueued?.();
}

/** /my: a reader asks for a link to their comments. Mailed only to an address with comments, within limits. */
export async function askForManageLink(deps: Deps, input: { email: string; clientHash: string }): Promise<void> {
  const email = addressKey(input.email);
  if (!(await withinDailyLimits(deps, 'manage', email, input.clientHash, MANAGE_LIMITS))) return;
  // Whether the address has comments is decided by the worker, not here: the answer and its timing
  // are the same for an address that has none.
  await deps.store.outbox.enqueue({ kind: READER_JOBS.manage, payload: { email }, runAt: deps.now() });
  deps.onQueued?.();
}
