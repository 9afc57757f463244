// Flood (issue 14 item 12): hold a burst, not a reader. The use case counts the posts of this
// browser (its author key and its address together) in the last --flood-seconds, or, for a post
// without an author key, of its address, in the store (so every instance sees them, DESIGN
// "Scale"), and hands them in as `flood`; this rule only judges the count. Up to FLOOD_BURST posts
// in the window pass, the next is held:
// - a reader who replies to their own comment 5 s later is not held (WordPress, with one post per
//   15 s per address or email, held them);
// - readers behind one address (an office, a campus, a mobile carrier) each have their own key,
//   so they are not held for each other;
// - a bot posting every few seconds is held from its third post, with or without a key (Isso holds
//   the third post a minute from one address; WordPress the second within 15 s).
import type { Rule } from './rule.ts';

/** Posts one browser may send within --flood-seconds; the next is a burst. */
export const FLOOD_BURST = 2;

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

export const flood: Rule = ({ kind, floodSeconds, flood: recent }) => {
  // null: the client's address is unknown (every client would share one count).
  if (kind !== 'post' || floodSeconds <= 0 || !recent || recent.posts < FLOOD_BURST) return null;
  return {
    rule: 'flood',
    verdict: 'hold',
    message: `${ordinal(recent.posts + 1)} comment within ${floodSeconds} s from this ${recent.by} (more than ${FLOOD_BURST} is a burst)`,
  };
};
