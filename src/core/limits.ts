// Every size limit in one table, shared by the widget (maxlength, messages) and the server (zod).
// Chosen near WordPress's own columns (author 245, email 100, url 200 bytes) but in characters,
// and with a comment long enough for a real argument yet far below a 64 KB request.
export const LIMITS = {
  name: 100,
  email: 254, // RFC 5321's path limit
  website: 300,
  text: 10_000,
  thread: 1_000,
  idempotencyKey: 128,
  /** Request bodies above this are refused with 413 before they are parsed. */
  bodyBytes: 128 * 1024,
  /** Top-level comments a page carries: default and clamp range (DESIGN: 50, 1–200). */
  pageDefault: 50,
  pageMin: 1,
  pageMax: 200,
  /** Replies a root page carries with its roots before `replies` paging takes over. */
  repliesPerPage: 500,
  /** Threads per `GET /api/v1/counts`. */
  countsMax: 100,
} as const;

/** Clamp a requested page size; never an error (DESIGN). */
export function clampLimit(value: unknown): number {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  if (!Number.isFinite(n)) return LIMITS.pageDefault;
  return Math.min(LIMITS.pageMax, Math.max(LIMITS.pageMin, Math.trunc(n)));
}
