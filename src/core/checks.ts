// Validation rules, written once (DESIGN "Parts"): the widget calls these before sending, the
// server's zod schemas are built on them, so a reader and a script get the same verdict.
// Each check returns null when the value is fine, else a Problem the strings table words.
import { LIMITS } from './limits.ts';
import type { DraftField, NewComment } from './types.ts';

export type Problem =
  | { key: 'required' }
  | { key: 'tooLong'; max: number }
  | { key: 'email' }
  | { key: 'website' }
  | { key: 'controlChars' }
  | { key: 'bidi' };

// C0 controls, DEL and C1 controls. Names refuse all of them; text keeps \t \n \r (below).
// Written with the short escapes (\0 \b \v \f \xNN, all meaning the same code points inside a class
// as \uNNNN) because these literals ship in the embed as written.
const CONTROL = /[\0-\x1f\x7f-\x9f]/;
const TEXT_CONTROL = /[\0-\b\v\f\x0e-\x1f\x7f-\x9f]/;
// Bidi embeddings/overrides and isolates let a name render as someone else's (DESIGN promise 4).
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
// Invisible in a name, so two names that look alike are different strings (issue 14): format
// characters (zero-width space and joiners, word joiner, BOM, LRM/RLM/ALM, soft hyphen, tag
// characters), line and paragraph separators (they also broke mail subjects), and the Hangul
// fillers that render as blanks. Worded as controlChars ("invisible control characters"), so no
// language file needs a new sentence. Text keeps them: a comment may quote anything.
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/u;
// Deliberately loose, like WordPress's is_email(): one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

const tooLong = (value: string, max: number): Problem | null =>
  // Count code points, not UTF-16 units, so an emoji is one character to the reader and the server.
  value.length > max && [...value].length > max ? { key: 'tooLong', max } : null;

export function checkName(value: string): Problem | null {
  if (!value.trim()) return { key: 'required' };
  if (CONTROL.test(value)) return { key: 'controlChars' };
  if (BIDI.test(value)) return { key: 'bidi' };
  if (INVISIBLE.test(value)) return { key: 'controlChars' };
  return tooLong(value, LIMITS.name);
}

export function checkEmail(value: string): Problem | null {
  if (!value.trim()) return { key: 'required' };
  return tooLong(value, LIMITS.email) ?? (EMAIL.test(value) && !CONTROL.test(value) ? null : { key: 'email' });
}

/** Optional; when given it must be an absolute http(s) URL with a host. */
export function checkWebsite(value: string): Problem | null {
  if (!value) return null;
  let ok;
  try {
    const url = new URL(value);
    ok = /^https?:$/.test(url.protocol) && url.hostname;
  } catch {}
  // No whitespace and no control characters anywhere, which the URL parser would quietly drop.
  return tooLong(value, LIMITS.website) ?? (ok && !/[\s\0-\x1f\x7f-\x9f]/.test(value) ? null : { key: 'website' });
}

export function checkText(value: string): Problem | null {
  if (!value.trim()) return { key: 'required' };
  if (TEXT_CONTROL.test(value)) return { key: 'controlChars' };
  return tooLong(value, LIMITS.text);
}

export function checkThread(value: string): Problem | null {
  if (!value) return { key: 'required' };
  if (CONTROL.test(value)) return { key: 'controlChars' };
  return tooLong(value, LIMITS.thread);
}

/** DESIGN: 1–128 printable ASCII characters. */
export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && /^[\x20-\x7e]{1,128}$/.test(value);
}

/**
 * What the reader typed, tidied the same way on both sides before checking and storing:
 * surrounding whitespace trimmed, CRLF/CR line ends made LF, a scheme-less website given https://.
 */
export function normalizeDraft<T extends Pick<NewComment, DraftField>>(draft: T): T {
  let website = (draft.website ?? '').trim();
  // "example.com" is what people type; WordPress adds the scheme too.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(website) && /^[^\s/]+\.[^\s/]+/.test(website)) website = `https://${website}`;
  return {
    ...draft,
    text: draft.text.replace(/\r\n?/g, '\n').trim(),
    name: draft.name.trim(),
    email: draft.email.trim(),
    website,
  };
}

/** Every field's problem at once, so the form can mark them all. Expects a normalised draft. */
export function checkDraft(draft: Pick<NewComment, DraftField>): Partial<Record<DraftField, Problem>> {
  const out: Partial<Record<DraftField, Problem>> = {};
  const found = { text: checkText(draft.text), name: checkName(draft.name), email: checkEmail(draft.email), website: checkWebsite(draft.website ?? '') };
  let field: DraftField;
  for (field in found) if (found[field]) out[field] = found[field]!;
  return out;
}
