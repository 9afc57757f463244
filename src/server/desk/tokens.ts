// Named moderator tokens (issue 21 item 5): several moderators, each with a token of their own,
// instead of one shared secret. The token is made and shown once (`parley token add NAME`); the store
// keeps only its sha256, so a copy of the database does not let anyone in. `--admin-token` keeps
// working as one more token, named `admin`. The name is who the action log says acted.
import { createHash, randomBytes } from 'node:crypto';
import { sameSecret } from '../crypto.ts';
import type { Store } from '../store/store.ts';

/** The name `--admin-token` goes by in the action log. */
export const ADMIN_TOKEN_NAME = 'admin';
/** Who the log names for an action taken through the owner's mailed link. */
export const MAIL_LINK = 'mail link';

/** A name as `parley token add` takes it: what the log shows, so short and plain. */
export const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** The stored form of a token: its sha256, hex. Tokens are 256 random bits, so no salt or stretching is needed. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A new token: 32 random bytes, base64url (43 characters). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/**
 * The moderator a bearer token names: `admin` for `--admin-token`, a stored token's name, or null.
 * `--admin-token` is compared in constant time; a stored token is found by its hash.
 */
export async function moderatorOf(store: Store, adminToken: string | undefined, given: string): Promise<string | null> {
  if (!given) return null;
  if (adminToken && sameSecret(given, adminToken)) return ADMIN_TOKEN_NAME;
  return (await store.desk.tokenByHash(tokenHash(given)))?.name ?? null;
}

/** True when some token lets a moderator in: `--admin-token`, or one made with `parley token add`. */
export async function adminOn(store: Store, adminToken: string | undefined): Promise<boolean> {
  return !!adminToken || (await store.desk.tokens()).length > 0;
}
