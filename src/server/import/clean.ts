// An imported comment must pass the same checks as a posted one (src/core/checks.ts), or it would
// be stored broken: a name with a bidi override, a text with control characters, an email that is
// not one. What can be repaired without changing what a reader sees is repaired here, and every
// repair is reported as a note that names the comment; nothing is changed silently.
import { checkEmail, checkName, checkText, checkWebsite, normalizeDraft } from '../../core/checks.ts';
import { LIMITS } from '../../core/limits.ts';
import type { Status } from '../../core/types.ts';

// The same classes checks.ts refuses: C0/C1 controls (names: all; text: all but tab and newline)
// and the bidi embeddings, overrides and isolates.
const CONTROL = /[\0-\x1f\x7f-\x9f]/g;
const TEXT_CONTROL = /[\0-\b\v\f\x0e-\x1f\x7f-\x9f]/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
// What checks.ts calls invisible in a name: format characters, line separators, Hangul fillers.
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/gu;

/** The first `max` code points (a cut never splits an emoji). */
const cut = (value: string, max: number) => [...value].slice(0, max).join('');
const length = (value: string) => [...value].length;
// search(), not test(): test() on a /g pattern carries lastIndex from one call to the next.
const has = (value: string, pattern: RegExp) => value.search(pattern) >= 0;

export interface CleanFields {
  name: string;
  email: string;
  website: string | null;
  text: string;
  status: Status;
}

/**
 * Repairs what can be repaired and says what it did.
 * @example cleanFields({ name: 'Eve\u202e', email: 'x', website: 'example.com', text: 'Hi', status: 'published' })
 * // { fields: { name: 'Eve', email: '', website: 'https://example.com', … }, notes: ['bidi control characters removed from the name', …] }
 */
export function cleanFields(raw: { name: string; email: string; website: string; text: string; status: Status }): { fields: CleanFields; notes: string[] } {
  const notes: string[] = [];

  // Line breaks and tabs in a name are layout from the export, not the name. Spaces the name had
  // stay as they were (the API stores "Ann  Lee" as typed, and a Parley export must come back the
  // same); only what is removed here leaves no gap.
  let name = raw.name.replace(/[\t\n\r]+/g, ' ').trim();
  if (has(name, CONTROL)) notes.push('control characters removed from the name');
  name = name.replace(CONTROL, '');
  if (has(name, BIDI)) notes.push('bidi control characters removed from the name');
  name = name.replace(BIDI, '').trim();
  if (has(name, INVISIBLE)) notes.push('invisible characters (zero-width, direction marks, tags) removed from the name');
  name = name.replace(INVISIBLE, '').trim();
  if (!name) {
    // What WordPress and Disqus show for a comment without a name.
    name = 'Anonymous';
    notes.push('no name: shown as "Anonymous"');
  }
  if (length(name) > LIMITS.name) {
    notes.push(`name cut from ${length(name)} to ${LIMITS.name} characters`);
    name = cut(name, LIMITS.name).trim();
  }

  const draft = normalizeDraft({ text: raw.text, name, email: raw.email, website: raw.website });
  let text = draft.text;
  if (has(text, TEXT_CONTROL)) notes.push('control characters removed from the text');
  text = text.replace(TEXT_CONTROL, '').trim();
  if (length(text) > LIMITS.text) {
    notes.push(`text cut from ${length(text).toLocaleString('en')} to ${LIMITS.text.toLocaleString('en')} characters`);
    text = cut(text, LIMITS.text).trimEnd();
  }
  let status = raw.status;
  if (!text && status !== 'deleted') {
    // Kept as a deleted comment, not dropped, so replies to it keep their place in the thread.
    notes.push('empty text: imported as deleted');
    status = 'deleted';
  }

  // Email: private, used for the avatar and the moderation rules. A source without one (Disqus
  // guests) is fine; one that is not an address is left out rather than stored wrong.
  let email = draft.email;
  if (email && checkEmail(email)) {
    notes.push(`email "${cut(email.replace(CONTROL, '?'), 60)}" is not an address: left out`);
    email = '';
  }

  let website: string | null = draft.website || null;
  if (website && checkWebsite(website)) {
    notes.push(`website "${cut(website.replace(CONTROL, '?'), 60)}" is not an http(s) address: left out`);
    website = null;
  }

  const fields = { name, email, website, text, status };
  // Belt and braces: everything above must leave values the core checks accept.
  if (checkName(name) || (text && checkText(text)) || (email && checkEmail(email)) || (website && checkWebsite(website))) {
    throw new Error(`cleanFields left a value the checks refuse: ${JSON.stringify(fields).slice(0, 200)}`);
  }
  return { fields, notes };
}
