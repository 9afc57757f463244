// Whether an author is trusted: the one place that decides it (issue 14 item 4). `--moderation
// first-time` publishes a trusted author's comment at once and holds everyone else's first.
//
// Trust belongs to the browser's author key (crypto.ts: signed by this server, kept in the
// reader's localStorage, sent with each post), never to a typed address: anyone can type the
// owner's or a regular's email, nobody else has their key. A key is trusted once a comment posted
// with it is published: in first-time mode that means a moderator approved one. The reader-mail
// issue will add one more way in, here and nowhere else: a key bound to an address its reader
// confirmed by opening a mailed link in that browser.
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
  return store.history.hasPublishedByAuthor(authorKey);
}

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
