// Same author (email or name), same text, same thread: refused with 409, as WordPress does, so a
// double submit or a copy-paste bot leaves one comment.
import type { Rule } from './rule.ts';

export const duplicates: Rule = async ({ draft, store, commentId }) =>
  (await store.history.hasDuplicate({ thread: draft.thread, email: draft.email, name: draft.name, text: draft.text, exceptId: commentId }))
    ? { rule: 'duplicates', verdict: 'reject', code: 'duplicate', message: 'You already posted this comment here.' }
    : null;
