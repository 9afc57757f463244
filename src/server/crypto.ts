// Everything derived from the server secret. Nothing secret is stored beside a comment: edit
// tokens, avatar seeds and client hashes are recomputed from the secret (DESIGN "The HTTP API").
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const hmac = (secret: string, message: string): string => createHmac('sha256', secret).update(message).digest('base64url');

/** DESIGN: the edit token is HMAC(server secret, comment id), so a replay can return it. */
export const editToken = (secret: string, id: string): string => hmac(secret, id);

/**
 * The author key (issue 14 items 3 and 4): `<id>.<signature>`, 22 random-looking characters and 22
 * of HMAC(secret, id). The server hands one out with each post that came without a genuine one; the
 * widget keeps it in the reader's browser and sends it back with each post. Only its holder has it,
 * so the look it gives (authorAvatar) and the trust it earns (comments/trust.ts) cannot be taken by
 * typing someone's address. Signed, so the server knows its own keys without storing them.
 */
export const makeAuthorKey = (secret: string, id: string): string => `${id}.${hmac(secret, `author-key:${id}`).slice(0, 22)}`;

/** The id of a genuine author key of this server, else null (missing, malformed, forged, another server's). */
export function readAuthorKey(secret: string, key: unknown): string | null {
  if (typeof key !== 'string' || !/^[\w-]{22}\.[\w-]{22}$/.test(key)) return null;
  const id = key.slice(0, 22);
  return sameSecret(key, makeAuthorKey(secret, id)) ? id : null;
}

/**
 * The key a post without a genuine one is given: derived from its comment id, so a retry of that
 * post (the same idempotency key) is answered with the same key.
 */
export const mintedAuthorKeyId = (secret: string, commentId: string): string => hmac(secret, `minted-author-key:${commentId}`).slice(0, 22);

/** What the store keeps of an author key (StoredComment.authorKey): its salted hash, never the key. */
export const authorKeyHash = (secret: string, id: string): string => hmac(secret, `author:${id}`);

/** DESIGN: the avatar's stable look comes from the author key, never from the email. */
export const authorAvatar = (secret: string, id: string): string => hmac(secret, `avatar:${id}`).slice(0, 12);

/**
 * The seed of a comment that has no author key (imported, or stored before author keys): its own
 * id's last 12 characters, random for a posted comment (nanoid) and a hash for an imported one.
 * One look per comment, tied to nothing about its author. Migration 6 (sqlite/migrations.ts, and
 * PostgreSQL's) sets the same on every older comment, replacing the email-derived seeds.
 */
export const keylessAvatar = (commentId: string): string => commentId.slice(-12);

/** DESIGN promise 8: the client address is kept only as a salted hash. */
export const clientHash = (secret: string, address: string): string => hmac(secret, `ip:${address}`);

/** Equal-time comparison; hashing first makes the lengths equal, so length leaks nothing either. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected)) && given.length === expected.length;
}

/**
 * The form token (DESIGN "Moderation"): base64url of the issue time in seconds (8 bytes) and an
 * HMAC of thread and time. The form-token rule reads it back with `readFormToken`.
 */
export function makeFormToken(secret: string, thread: string, issuedAtSeconds: number): string {
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(BigInt(issuedAtSeconds));
  const mac = createHmac('sha256', secret).update(`form:${thread}\n${issuedAtSeconds}`).digest();
  return Buffer.concat([time, mac]).toString('base64url');
}

/** The issue time in seconds of a genuine token for this thread, else null (missing, forged, other thread). */
export function readFormToken(secret: string, thread: string, token: string | undefined): number | null {
  if (!token) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 40) return null;
  const issuedAt = Number(bytes.readBigUInt64BE(0));
  const expected = Buffer.from(makeFormToken(secret, thread, issuedAt), 'base64url');
  return timingSafeEqual(bytes, expected) ? issuedAt : null;
}

/** Tells a retry (same normalised body) from a different post that reuses an idempotency key. */
export const fingerprint = (parts: unknown[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
