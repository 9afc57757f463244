// The approve / spam links in the owner's mail (issue 8): they work without signing in, for a
// limited time. Stateless: the token carries the comment id, the action and the expiry, with an
// HMAC of those under the server secret, so nothing is stored and a server restart keeps them
// valid. Anyone holding the link can take its one action on its one comment until it expires;
// that is the point of a mail link, and why it expires.
import { hmac, sameSecret } from '../crypto.ts';

export type LinkAction = 'approve' | 'spam';

/** How long a link works unless the caller says otherwise: a week, long enough for a holiday. */
export const LINK_TTL_SECONDS = 7 * 24 * 60 * 60;

const ACTIONS: readonly LinkAction[] = ['approve', 'spam'];

// A prefix keeps these HMACs apart from every other use of the same secret (edit tokens are
// HMAC(secret, comment id): without it a link's MAC could never equal one, but the domain
// separation makes that obvious rather than a coincidence of formats).
const mac = (secret: string, body: string) => hmac(secret, `moderate-link:${body}`);

/**
 * A token for one action on one comment, valid until `expiresAt` (ms since the epoch, rounded
 * down to the second).
 *
 * @example const t = makeActionToken(secret, { id: 'abc', action: 'approve', expiresAt: Date.now() + 7 * 864e5 });
 */
export function makeActionToken(secret: string, link: { id: string; action: LinkAction; expiresAt: number }): string {
  const body = `${link.action}:${Math.floor(link.expiresAt / 1000)}:${link.id}`;
  return `${Buffer.from(body).toString('base64url')}.${mac(secret, body)}`;
}

export type TokenCheck =
  | { ok: true; id: string; action: LinkAction; expiresAt: number }
  | { ok: false; reason: 'malformed' | 'forged' }
  | { ok: false; reason: 'expired'; id: string; action: LinkAction; expiresAt: number };

/**
 * Read a token back. The MAC is compared in constant time before anything in the token is
 * trusted; expiry is judged against `now` only for a genuine token, so a forged one never learns
 * whether its date would have passed.
 */
export function readActionToken(secret: string, token: string | undefined, now: number): TokenCheck {
  const match = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match) return { ok: false, reason: 'malformed' };
  const body = Buffer.from(match[1]!, 'base64url').toString('utf8');
  if (!sameSecret(match[2]!, mac(secret, body))) return { ok: false, reason: 'forged' };
  const parts = /^([a-z]+):(\d{1,12}):([^]+)$/.exec(body);
  if (!parts || !ACTIONS.includes(parts[1] as LinkAction)) return { ok: false, reason: 'malformed' };
  const link = { id: parts[3]!, action: parts[1] as LinkAction, expiresAt: Number(parts[2]) * 1000 };
  return now < link.expiresAt ? { ok: true, ...link } : { ok: false, reason: 'expired', ...link };
}
