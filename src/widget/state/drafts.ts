// The "Leave a Reply" draft (DESIGN promise 2: a reader's unsent text survives a failed post and a
// reload) and the opt-in details (promise 8: remembered only when the reader ticks the box).
import type { DraftField } from '../../core/types.ts';
import { AUTHOR_KEY, draftKey, type Store } from '../storage.ts';

export type Fields = Record<DraftField, string>;

/** The form's fields in the order the form shows them (and marks the first invalid one). */
export const FIELDS: DraftField[] = ['text', 'name', 'email', 'website'];

export interface DraftState {
  fields: Fields;
  /** The comment being replied to; null for a top-level comment. */
  parent: string | null;
  /** The idempotency key: made when the draft starts, reused by every retry of it (promise 2). */
  key?: string;
  /** "Save my name, email, and website in this browser…" */
  remember: boolean;
  /** "Notify me of replies by email" (issue 17): never remembered, kept for the page's next comments. */
  notify?: boolean;
  /** The honeypot field: people never see it, bots fill it in. */
  honeypot: string;
}

/** What `parley:draft:<thread>` holds. */
export interface SavedDraft {
  text: string;
  parent: string | null;
  key?: string;
}

// The idempotency key (DESIGN: 1–128 printable ASCII): 128 random bits as four decimal numbers.
// As unguessable as a nanoid, without nanoid's 64-character alphabet in the embed.
export const newIdempotencyKey = () => crypto.getRandomValues(new Uint32Array(4)).join('-');

export function loadDraft(store: Store, thread: string): DraftState {
  const saved = store.get<SavedDraft>(draftKey(thread));
  const author = store.get<Partial<Fields>>(AUTHOR_KEY);
  return {
    fields: { name: '', email: '', website: '', ...author, text: saved?.text || '' },
    parent: saved?.parent || null,
    key: saved?.key,
    remember: !!author,
    honeypot: '',
  };
}

/** Saved on every change, dropped once empty: after a post succeeds or a discard. */
export function saveDraft(store: Store, thread: string, draft: DraftState) {
  const { text } = draft.fields;
  if (text) store.set(draftKey(thread), { text, parent: draft.parent, key: draft.key } satisfies SavedDraft);
  else store.del(draftKey(thread));
}

/** The draft is gone (sent or discarded): the next one gets a fresh key and starts at the top. */
export function clearDraft(draft: DraftState) {
  draft.fields.text = '';
  draft.key = undefined;
  draft.parent = null;
}

/** The opt-in: remember the details for the next comment, or forget them now. */
export function rememberAuthor(store: Store, draft: DraftState, fields: Omit<Fields, 'text'>) {
  if (draft.remember) store.set(AUTHOR_KEY, { name: fields.name, email: fields.email, website: fields.website });
  else store.del(AUTHOR_KEY);
}
