// Word lists from the site owner (--hold-words, --spam-words): a comment using a hold word waits
// for a moderator, one using a spam word goes to spam. Whole words (or phrases), any case, in the
// text, the name, the email and the website.
import type { Reason } from '../../core/types.ts';
import { inDomain } from './owner-lists.ts';
import type { Rule } from './rule.ts';
import { listsOf } from './lists-of.ts';

/** The hosts of the http(s) links and bare domains in a text, lower case. */
function linkHosts(text: string): string[] {
  return [...text.matchAll(/(?:https?:\/\/)?((?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,})/giu)].map((m) => m[1]!.toLowerCase());
}

/** The entries of `words` found in `text` as whole words, in list order. */
export function findWords(text: string, words: readonly string[]): string[] {
  return words.filter((word) => wordPattern(word).test(text));
}

const patterns = new Map<string, RegExp>();

function wordPattern(word: string): RegExp {
  let found = patterns.get(word);
  if (!found) {
    const body = word
      .trim()
      .split(/\s+/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+');
    // Letters and digits on either side would make it part of a longer word ("class" in "classic").
    found = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
    patterns.set(word, found);
  }
  return found;
}

const quoted = (found: string[]) => found.map((w) => `"${w}"`).join(', ');

// Issue 21: the lists live in the store, edited on the desk (the flags are their starting values),
// and a link to a domain on the blocked list marks the comment as spam too.
export const words: Rule = async (ctx) => {
  const { draft } = ctx;
  const { holdWords, spamWords, blockedDomains } = await listsOf(ctx);
  if (!holdWords.length && !spamWords.length && !blockedDomains.length) return null;
  const haystack = [draft.text, draft.name, draft.email, draft.website].join('\n');
  const spam = findWords(haystack, spamWords);
  if (spam.length) return finding('spam', `spam ${spam.length === 1 ? 'word' : 'words'} ${quoted(spam)}`);
  const blocked = blockedDomains.filter((domain) => linkHosts(`${draft.text} ${draft.website}`).some((host) => inDomain(host, domain)));
  if (blocked.length) return finding('spam', `a link to blocked ${blocked.length === 1 ? 'domain' : 'domains'} ${quoted(blocked)}`);
  const hold = findWords(haystack, holdWords);
  if (hold.length) return finding('hold', `hold ${hold.length === 1 ? 'word' : 'words'} ${quoted(hold)}`);
  return null;
};

const finding = (verdict: Reason['verdict'], message: string): Reason => ({ rule: 'words', verdict, message });
