// Filling in the strings table: plurals and placeholders.
import type { Problem } from './checks.ts';
import { en, enPost, type Plural } from './i18n/en.ts';
import type { DraftField } from './types.ts';

/** The widget's own words (a `Strings` has these and the edit and count words besides). */
type Words = typeof en;
/** The words the check messages need: the first render's and the post chunk's. */
type CheckWords = typeof en & typeof enPost;

/** Replace {name} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/**
 * The form of `forms` for `n` in `lang` (Intl.PluralRules: Russian 21 is `one`, 22 `few`, 25 `many`),
 * placeholders still in. `other` stands in for a category a language file lacks: a browser whose
 * CLDR is older or newer than ours may name one we did not write.
 */
export function plural(forms: Plural, n: number, lang: string): string {
  return forms[new Intl.PluralRules(lang).select(n) as keyof Plural] || forms.other;
}

/**
 * The count heading (DESIGN): "No comments yet", "One thought on “T”", "12 thoughts on “T”", in the
 * plural form `s.lang` asks for ("5 комментариев к «T»"); 0 is always `countNone`.
 */
export function countHeading(count: number, title: string, s: Words = en): string {
  const t = title.trim();
  const f = t ? s.countTitle : s.countNoTitle;
  // plural() written out: calling it cost the embed 3 bytes gzipped more (terser keeps it a function).
  return count > 0 ? fill(f[new Intl.PluralRules(s.lang).select(count) as keyof Plural] || f.other, { n: count, title: t }) : s.countNone;
}

/** The sentence a reader (or an API client, in `fields`) sees for a failed check. */
export function problemMessage(field: DraftField | 'thread', problem: Problem, s: CheckWords = { ...en, ...enPost }): string {
  const { key, max = '' } = problem as { key: string; max?: number | string };
  // Size: the message key is derived ('tooLong' → errTooLong) and only `text` has a label key of
  // another name, so no lookup tables ship in the embed.
  const label = field == 'thread' ? 'Thread' : s[field == 'text' ? 'comment' : field];
  return fill(s[`err${key[0]!.toUpperCase()}${key.slice(1)}` as keyof CheckWords] as string, { field: label, max });
}
