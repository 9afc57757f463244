// The site's moderation mode (DESIGN "Words"): `all` holds everything, `first-time` holds authors
// who are not trusted yet, `publish` leaves the decision to other rules. Who is trusted is decided
// in one place, comments/trust.ts (by the browser's author key, never by a typed address), and
// handed in as `ctx.trusted`, asked only here and only in first-time mode.
import type { Rule } from './rule.ts';

export const moderationMode: Rule = async ({ moderation: mode, trusted }) => {
  if (mode === 'all') return { rule: 'mode', verdict: 'hold', message: 'Every comment on this site waits for a moderator.' };
  if (mode === 'first-time' && !(await trusted?.())) {
    return { rule: 'mode', verdict: 'hold', message: 'First comment from this browser (no approved comment with its author key yet): it waits for a moderator.' };
  }
  return null;
};
