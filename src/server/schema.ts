// The server's request schemas, built on the shared checks in src/core (DESIGN "Parts"), so a
// script and the widget get the same verdict and the same wording.
import { z } from 'zod';
import { checkName, checkEmail, checkText, checkThread, checkWebsite, isIdempotencyKey, normalizeDraft, type Problem } from '../core/checks.ts';
import { problemMessage } from '../core/strings.ts';
import type { DraftField } from '../core/types.ts';
import { fingerprint } from './crypto.ts';
import { ApiError } from './errors.ts';

type Field = DraftField | 'thread';

/** A string field judged by one core check; a missing field counts as empty so it reads "… is required." */
const checked = (field: Field, check: (value: string) => Problem | null) =>
  z.preprocess(
    (v) => v ?? '',
    z.string({ error: `${field} must be a string.` }).superRefine((value, ctx) => {
      const problem = check(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problemMessage(field, problem) });
    }),
  );

const idempotencyKey = z.unknown().superRefine((value, ctx) => {
  if (!isIdempotencyKey(value)) ctx.addIssue({ code: 'custom', message: 'idempotencyKey must be 1–128 printable ASCII characters; send the same one when retrying.' });
}) as unknown as z.ZodType<string>;

/**
 * Tidy the reader's fields exactly as the widget does before checking (normalizeDraft), touching
 * only the ones that are strings so wrong types still get their own message.
 */
function tidy(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const input = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const clean = normalizeDraft({ text: str(input.text), name: str(input.name), email: str(input.email), website: str(input.website) });
  const out: Record<string, unknown> = { ...input };
  for (const key of ['text', 'name', 'email', 'website'] as const) if (typeof input[key] === 'string') out[key] = clean[key];
  return out;
}

// Unknown fields are ignored, not refused: a newer widget that sends one more field must still be
// able to post to an older server.
export const postSchema = z.preprocess(
  tidy,
  z.object({
    thread: checked('thread', checkThread),
    // Only used for the article fetch; a page opened from file:// sends a URL we cannot use, and
    // that must not stop the reader from posting, so an unusable one is dropped instead of refused.
    url: z.preprocess((v) => (typeof v === 'string' && /^https?:\/\//i.test(v) && v.length <= 2000 ? v : undefined), z.string().optional()),
    parent: z.union([z.string(), z.null()], { error: 'parent must be a comment id or null.' }).optional(),
    text: checked('text', checkText),
    name: checked('name', checkName),
    email: checked('email', checkEmail),
    website: checked('website', checkWebsite),
    idempotencyKey,
    // Issue 16: new comments are markdown unless the poster says plain (an API script posting text it
    // does not want formatted).
    format: z.enum(['plain', 'markdown'], { error: "format must be 'plain' or 'markdown'." }).default('markdown'),
    notify: z.enum(['replies', 'thread'], { error: "notify must be 'replies' or 'thread'." }).optional(),
    form: z
      .object({ hp: z.string().optional(), token: z.string().optional() }, { error: 'form must be an object with hp and token strings.' })
      .optional(),
  }),
);

export type PostBody = z.infer<typeof postSchema>;

export const editSchema = z.object({ text: z.preprocess((v) => (typeof v === 'string' ? normalizeDraft({ text: v, name: '', email: '' }).text : v ?? ''), checked('text', checkText)) });

export const actionSchema = z.object({
  action: z.enum(['approve', 'spam', 'delete'], { error: 'action must be approve, spam or delete.' }),
  ids: z.array(z.string(), { error: 'ids must be a list of comment ids.' }).min(1, 'ids must name at least one comment.').max(500, 'ids may name at most 500 comments a call.'),
});

/** Parse or throw DESIGN's `400 invalid` with one sentence per field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('invalid', 'The request body must be a JSON object.');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : 'body';
    fields[key] ??= issue.message;
  }
  throw new ApiError('invalid', 'Please correct the marked fields.', fields);
}

/**
 * The fingerprint of a post's normalised body, for idempotency: computed from the raw JSON (after
 * the same tidying) so a retry can be recognised before any validation runs. `url` and `form` are
 * left out: a retry may carry a fresh form token without being a different comment.
 */
export function bodyFingerprint(raw: unknown): string {
  const body = (tidy(raw) ?? {}) as Record<string, unknown>;
  // `format` counts only when it is not the default, so the fingerprints of comments stored before
  // issue 16 stay what a retry of theirs computes.
  return fingerprint([body.thread, body.parent ?? null, body.text, body.name, body.email, body.website ?? '', ...(body.format === 'plain' ? ['plain'] : [])]);
}
