// What the learning filter (issue 15, item 2) sees of a comment: its words and word pairs (stock
// phrases are pairs: "couldn't agree", "for sharing"), its shape (length, a question, a link, a
// first person, figures), and what the rules before it found (`rule:echo:spam`, and echo's kind of
// finding: an echo, a restatement, something of its own). The same function reads a stored
// comment's reasons when a moderator decides and the live findings when a comment is posted, so the
// filter learns and judges on the same features. Pure: no I/O.
import type { Reason } from '../../core/types.ts';
import { isPraise, isReaction } from '../moderation/valence.ts';

/** Rules whose findings are not features: the filter itself, and Akismet (a second opinion, not the comment). */
const NOT_FEATURES = new Set(['learned', 'akismet']);
/** At most this many features a comment (a long comment's first words). */
export const MAX_FEATURES = 400;

const FIRST_PERSON = new Set(['i', 'me', 'my', 'mine', "i'm", "i've", "i'd", 'we', 'our', 'us', "we've", "we're"]);

/** Echo's finding, as a kind (its message says which test spoke, echo.ts). */
function echoKind(message: string): string {
  if (/adds its own/.test(message)) return 'own';
  if (/restates \d+ facts?/.test(message)) return 'restates';
  if (/restates the article's point/.test(message)) return 'summary';
  if (/repeats \d+ sentences?/.test(message)) return 'repeats';
  if (/echoes \d+ sentences?/.test(message)) return 'echoes';
  return 'other';
}

/**
 * Echo found something plainly the reader's in it: a name or figure the article lacks, an account,
 * an objection, a question about a thing (moderation/echo.ts lists them after "adds its own:").
 */
const STRONG_OWN = /adds its own: .*(?:a first-person account|an objection|a question about a thing|an opinion of its own|a word against the piece|the name |the number )/;
/** The feature for it; the model holds such a comment only when it is sure (model.ts). */
export const ADDS_ITS_OWN = 'e:adds-its-own';
/** Echo said spam, and its finding was a restatement in other words (the filter may vouch against it, model.ts). */
export const ECHO_SPAM = 'r:echo:spam';
export const RESTATES = 'e:restates';
/** …or its one-line summary test (round seven). */
export const SUMMARY = 'e:summary';

const bucket = (n: number, edges: readonly number[]) => edges.find((e) => n <= e) ?? `${edges.at(-1)}+`;

/**
 * The features of a comment: `w:` words, `b:` word pairs, `s:` shape, `r:` rule findings, `e:` echo's kind.
 * @example learningFeatures('Great piece! Thanks for sharing.', [{ rule: 'echo', verdict: 'publish', message: '…' }])
 */
export function learningFeatures(text: string, reasons: readonly Pick<Reason, 'rule' | 'verdict' | 'message'>[]): string[] {
  const out = new Set<string>();
  for (const r of reasons) {
    if (NOT_FEATURES.has(r.rule)) continue;
    out.add(`r:${r.rule}:${r.verdict}`);
    if (r.rule === 'echo') {
      out.add(`e:${echoKind(r.message)}`);
      if (STRONG_OWN.test(r.message)) out.add(ADDS_ITS_OWN);
    }
  }
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  const words = lower.match(/[\p{L}][\p{L}\p{M}']*|\d[\d.,]*/gu) ?? [];
  const sentences = text.split(/[.!?]+(?:\s|$)/).filter((s) => s.trim()).length;
  out.add(`s:words:${bucket(words.length, [5, 12, 25, 50])}`);
  out.add(`s:sentences:${Math.min(sentences, 4)}`);
  if (/\?/.test(text)) out.add('s:question');
  if (/!/.test(text)) out.add('s:exclaim');
  if (/https?:\/\/|www\./i.test(text)) out.add('s:link');
  if (/\d/.test(text)) out.add('s:figure');
  if (/["“”]/.test(text)) out.add('s:quote');
  // Praise and other reactions (AFINN, moderation/valence.ts): a site's bots change their stock
  // words, not their habit of praising, so the count carries over to words the filter never saw.
  const praise = words.filter((w) => isPraise(w)).length;
  const reactions = words.filter((w) => isReaction(w)).length;
  if (praise) out.add(`s:praise:${Math.min(praise, 3)}`);
  if (reactions) out.add(`s:reactions:${Math.min(reactions, 3)}`);
  let prev = '';
  for (const raw of words) {
    if (out.size >= MAX_FEATURES) break;
    const word = /^\d/.test(raw) ? '#' : raw.replace(/'+$/, '');
    if (FIRST_PERSON.has(word)) out.add('s:first-person');
    if (word.length > 1 || word === '#') out.add(`w:${word}`);
    if (prev) out.add(`b:${prev} ${word}`);
    prev = word;
  }
  return [...out].slice(0, MAX_FEATURES);
}

/** A feature as a moderator reads it: `w:great` → "great", `r:echo:spam` → "echo said spam". */
export function describeFeature(feature: string): string {
  const [kind, ...rest] = feature.split(':');
  const value = rest.join(':');
  if (kind === 'w' || kind === 'b') return `"${value}"`;
  if (kind === 'r') {
    const [rule, verdict] = value.split(':');
    return `${rule} said ${verdict}`;
  }
  if (kind === 'e') return `echo: ${value === 'own' ? 'adds its own' : value}`;
  return value.replace(/:/g, ' ');
}
