// Too many links: link spam is the oldest comment spam there is, and a reader rarely needs more
// than a couple. Counted in the text and the website field; over --max-links the comment is held.
import type { Rule } from './rule.ts';

// Top-level domains that a bare "example.com" is counted for. A closed list, because a pattern for
// any TLD also counts "Node.js", "README.md" and "v2.rc"; spam domains use the common ones.
const TLDS =
  'com|net|org|info|biz|io|co|me|app|dev|xyz|top|site|online|shop|store|club|live|life|pro|link|click|win|bid|ru|su|cn|de|uk|us|ca|au|in|fr|nl|pl|it|es|br|jp|tk|ml|ga|cf|gq|pw|cc|ws|ly|to|gl|tv';

// A scheme link, or a bare domain (labels, a known TLD, then an optional path), not preceded by a
// letter, digit, @ (an email) or . or / (part of a longer address already counted).
const LINK = new RegExp(
  String.raw`https?:\/\/[^\s<>"']+|(?<![\p{L}\p{N}@./_-])(?:www\.)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:${TLDS})(?![\p{L}\p{N}_-])(?:[/?#][^\s<>"']*)?`,
  'giu',
);

/** How many http(s) links and bare domains a text holds. */
export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}

export const links: Rule = ({ draft, maxLinks }) => {
  const count = countLinks(draft.text) + (draft.website ? 1 : 0);
  const message = count === 1 ? '1 link' : `${count} links`;
  if (count > maxLinks) return { rule: 'links', verdict: 'hold', message: `${message} (more than ${maxLinks})` };
  return count > 0 ? { rule: 'links', verdict: 'publish', message } : null;
};
