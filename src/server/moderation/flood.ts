// Flood: a second post from the same client within --flood-seconds is held. The time since the
// client's last post is looked up in the store by routes/comments-write.ts (so every instance sees
// it, DESIGN "Scale") and handed in as `secondsSinceLastPost`; this rule only judges it.
import type { Rule } from './rule.ts';

export const flood: Rule = ({ kind, floodSeconds, secondsSinceLastPost }) => {
  // null: no earlier post inside the window, or the client's address is unknown (every client
  // would share one key, and one reader would hold everyone's comments).
  if (kind !== 'post' || floodSeconds <= 0 || secondsSinceLastPost == null) return null;
  if (secondsSinceLastPost < floodSeconds) {
    return { rule: 'flood', verdict: 'hold', message: `posted ${secondsSinceLastPost} s after the last one from this client (minimum ${floodSeconds} s)` };
  }
  return null;
};
