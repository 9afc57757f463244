// Whether an author is trusted: the one place that decides it (issue 14 item 4). `--moderation
// first-time` publishes a trusted author's comment at once and holds everyone else's first.
//
// Trust belongs to the browser's author key (crypto.ts: signed by this server, kept in the
// reader's localStorage, sent with each post), never to a typed address: anyone can type the
// owner's or a regular's email, nobody else has their key. A key is trusted once a comment posted
// with it is published: in first-time mode that means a moderator approved one. Reader mail
// (issue 17) adds one more way in, here and nowhere else: a key bound to a confirmed address (the
// confirmation link binds the key of the browser that asked for the mail) is trusted once a comment
// of any key bound to that same address was approved: a reader confirmed in two browsers earns trust
// in both with one approved comment. Only the address's owner can confirm, so a typed address
// still earns nothing.
import { readAuthorKey } from '../crypto.ts';
import type { Store } from '../store/store.ts';

export interface TrustInput {
  /** The hash of the author key the comment comes with (StoredComment.authorKey), or null. */
  authorKey: string | null;
  /** The post comes from the owner's browser (isOwner below): the owner is trusted from the first comment. */
  owner?: boolean;
}

/** @example if (await isTrusted(store, { authorKey: row.authorKey })) … */
export async function isTrusted(store: Store, { authorKey, owner }: TrustInput): Promise<boolean> {
  if (owner) return true;
  if (!authorKey) return false;
  if (await store.history.hasPublishedByAuthor(authorKey)) return true;
  for (const key of await store.readers.boundKeys(authorKey, MAX_BOUND_KEYS)) {
    if (key !== authorKey && (await store.history.hasPublishedByAuthor(key))) return true;
  }
  return false;
}

/** Keys looked at per post: a bound on the loop above (one address, a few browsers). */
const MAX_BOUND_KEYS = 20;

/**
 * Whether a post comes from the site owner's browser: its genuine author key is one of
 * `--owner-key` (issue 14 item 7: only the owner may post under --owner-name). A listed key this
 * server did not sign is nobody's.
 *
 * @example isOwner(secret, settings.ownerKeys, readAuthorKey(secret, body.authorKey))
 */
export function isOwner(secret: string, ownerKeys: readonly string[], keyId: string | null): boolean {
  return keyId !== null && ownerKeys.some((key) => readAuthorKey(secret, key.trim()) === keyId);
}
