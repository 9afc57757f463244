// At most N posts per client a minute, and, counted apart, N edits (issue 14: an edit runs the
// rules again, so it costs as much as a post). Counted in the store (counters.hit), not in this
// process, so every instance behind a load balancer sees the same count (DESIGN "Scale").
import { windowStart } from '../store/store.ts';
import type { Rule } from './rule.ts';

const WINDOW_SECONDS = 60;

export const rateLimit: Rule = async ({ kind, postsPerMinute, clientHash, store, now }) => {
  // A Webmention's receipt is counted by POST /webmention (routes/webmention.ts), per client.
  if (postsPerMinute <= 0 || kind === 'mention') return null;
  const count = await store.counters.hit(`${kind === 'post' ? 'posts' : 'edits'}:${clientHash}`, WINDOW_SECONDS, now);
  if (count <= postsPerMinute) return null;
  const retryAfter = Math.max(1, windowStart(WINDOW_SECONDS, now) + WINDOW_SECONDS - Math.floor(now / 1000));
  return {
    rule: 'rate-limit',
    verdict: 'reject',
    code: 'rate_limited',
    message: `Too many ${kind === 'post' ? 'comments' : 'edits'} in a short time; please wait ${retryAfter} seconds and try again.`,
    headers: { 'Retry-After': String(retryAfter) },
  };
};
