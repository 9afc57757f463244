// The site's moderation mode (DESIGN "Words"): `all` holds everything, `first-time` holds authors
// (by email) without an earlier published comment, `publish` leaves the decision to other rules.
import type { Rule } from './rule.ts';

export const moderationMode: Rule = async ({ moderation: mode, draft, store }) => {
  if (mode === 'all') return { rule: 'mode', verdict: 'hold', message: 'Every comment on this site waits for a moderator.' };
  if (mode === 'first-time' && !(await store.history.hasPublishedByEmail(draft.email))) {
    return { rule: 'mode', verdict: 'hold', message: 'First comment from this author: it waits for a moderator.' };
  }
  return null;
};
