// The links in a reader's mail (issue 17): confirm an address, unsubscribe, and "Manage my
// comments". Stateless, like the owner's moderation links (notify/action-links.ts): the token
// carries what it is for, its expiry and the address, with an HMAC of those under the server secret,
// so a link cannot be made for another address without the secret. The address is the reader's own,
// in a mail to that address; the pages carrying a token send no Referer (routes/readers.ts).
import { hmac, sameSecret } from '../crypto.ts';

export type ReaderLinkPurpose = 'confirm' | 'unsubscribe' | 'manage';

/** How long each link works (issue 17 item 2); 0 is for ever (RFC 8058: an unsubscribe link keeps working). */
export const READER_LINK_TTL_SECONDS: Record<ReaderLinkPurpose, number> = { confirm: 48 * 3600, manage: 24 * 3600, unsubscribe: 0 };

export interface ReaderLink {
  purpose: ReaderLinkPurpose;
  /** The address, trimmed and in lower case. */
  email: string;
  /**
   * confirm only: the hash of the author key of the browser that asked (crypto.ts authorKeyHash),
   * bound to the address when it is confirmed (comments/trust.ts). Null when the post had none.
   */
  key: string | null;
  /** Ms since the epoch, whole seconds; 0: never. */
  expiresAt: number;
}

const PURPOSES: readonly ReaderLinkPurpose[] = ['confirm', 'unsubscribe', 'manage'];
// A prefix of its own keeps these MACs apart from the owner's links and every other use of the secret.
const mac = (secret: string, body: string) => hmac(secret, `reader-link:${body}`);

/** @example makeReaderToken(secret, { purpose: 'manage', email: 'ada@example.com', key: null, expiresAt: now + 864e5 }) */
export function makeReaderToken(secret: string, link: ReaderLink): string {
  const body = `${link.purpose}:${Math.floor(link.expiresAt / 1000)}:${link.key ?? '-'}:${link.email}`;
  return `${Buffer.from(body).toString('base64url')}.${mac(secret, body)}`;
}

/** A new token for `purpose`, expiring by its TTL from `now`. */
export function readerToken(secret: string, purpose: ReaderLinkPurpose, email: string, now: number, key: string | null = null): string {
  const ttl = READER_LINK_TTL_SECONDS[purpose];
  return makeReaderToken(secret, { purpose, email, key, expiresAt: ttl ? now + ttl * 1000 : 0 });
}

export type ReaderTokenCheck = { ok: true; link: ReaderLink } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Read a token for `purpose`. The MAC is compared in constant time before anything in it is
 * trusted; a token made for another purpose is invalid here.
 */
export function readReaderToken(secret: string, purpose: ReaderLinkPurpose, token: string | undefined, now: number): ReaderTokenCheck {
  const match = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match) return { ok: false, reason: 'invalid' };
  const body = Buffer.from(match[1]!, 'base64url').toString('utf8');
  if (!sameSecret(match[2]!, mac(secret, body))) return { ok: false, reason: 'invalid' };
  const parts = /^([a-z]+):(\d{1,12}):([A-Za-z0-9_-]+):([^]+)$/.exec(body);
  if (!parts || parts[1] !== purpose || !PURPOSES.includes(parts[1])) return { ok: false, reason: 'invalid' };
  const link: ReaderLink = { purpose, email: parts[4]!, key: parts[3] === '-' ? null : parts[3]!, expiresAt: Number(parts[2]) * 1000 };
  if (link.expiresAt && now >= link.expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, link };
}
