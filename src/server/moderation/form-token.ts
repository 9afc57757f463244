// The form token (DESIGN "Moderation and spam"): the widget asks GET /api/v1/form when the reader
// first focuses the form and sends the token back with the post. A post without a genuine token
// did not come through the form; one sent sooner than a person can type came from a script that
// fetched a token and posted at once. Both are held, not refused: a reader with a blocked request
// or a very quick "+1" still reaches the moderator.
import { readFormToken } from '../crypto.ts';
import type { Rule } from './rule.ts';

/**
 * A token lives a day: long enough for a reader who leaves a half-written comment open overnight,
 * short enough that a bot cannot fetch one token and post with it for ever (a reused token is held).
 */
export const FORM_TOKEN_MAX_AGE_SECONDS = 24 * 3600;

export const formToken: Rule = ({ kind, minSubmitSeconds, secret, draft, now }) => {
  // Edits come with the edit token instead; 0 turns the rule off (--min-submit-seconds 0).
  if (kind !== 'post' || minSubmitSeconds <= 0) return null;
  const token = draft.form?.token;
  if (!token) return { rule: 'form-token', verdict: 'hold', message: 'no form token: not sent from the comment form' };
  const issuedAt = readFormToken(secret, draft.thread, token);
  if (issuedAt === null) return { rule: 'form-token', verdict: 'hold', message: 'form token forged or issued for another thread' };
  // A token from an instance whose clock runs ahead reads as negative: count it as 0 s.
  const age = Math.max(0, Math.floor(now / 1000) - issuedAt);
  if (age < minSubmitSeconds) {
    return { rule: 'form-token', verdict: 'hold', message: `sent ${age} s after the form was opened (minimum ${minSubmitSeconds} s)` };
  }
  if (age > FORM_TOKEN_MAX_AGE_SECONDS) {
    return { rule: 'form-token', verdict: 'hold', message: `form token expired: issued ${formatAge(age)} ago (a day at most)` };
  }
  return { rule: 'form-token', verdict: 'publish', message: `sent ${formatAge(age)} after the form was opened` };
};

function formatAge(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h`;
}
