// Everything derived from the server secret. Nothing secret is stored beside a comment: edit
// tokens, avatar seeds and client hashes are recomputed from the secret (DESIGN "The HTTP API").
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const hmac = (secret: string, message: string): string => createHmac('sha256', secret).update(message).digest('base64url');

/** DESIGN: the edit token is HMAC(server secret, comment id), so a replay can return it. */
export const editToken = (secret: string, id: string): string => hmac(secret, id);

/** A salted hash of the normalised email: one author keeps one colour, and no one can look it up. */
export const avatarSeed = (secret: string, email: string): string => hmac(secret, `avatar:${email.trim().toLowerCase()}`).slice(0, 12);

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
