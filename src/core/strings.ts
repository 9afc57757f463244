// Filling in the strings table: plurals and placeholders.
import type { Problem } from './checks.ts';
import { en, type StringKey, type Strings } from './i18n/en.ts';
import type { DraftField } from './types.ts';

/** Replace {name} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The count heading (DESIGN): "No comments yet", "One thought on “T”", "12 thoughts on “T”". */
export function countHeading(count: number, title: string, s: Strings = en): string {
  if (count <= 0) return s.countNone;
  const t = title.trim();
  if (count === 1) return t ? fill(s.countOne, { title: t }) : s.countOneNoTitle;
  return fill(t ? s.countMany : s.countManyNoTitle, { n: count, title: t });
}

/** The sentence a reader (or an API client, in `fields`) sees for a failed check. */
export function problemMessage(field: DraftField | 'thread', problem: Problem, s: Strings = en): string {
  const { key, max = '' } = problem as { key: string; max?: number | string };
  // Size: the message key is derived ('tooLong' → errTooLong) and only `text` has a label key of
  // another name, so no lookup tables ship in the embed.
  const label = field == 'thread' ? 'Thread' : s[field == 'text' ? 'comment' : field];
  return fill(s[`err${key[0]!.toUpperCase()}${key.slice(1)}` as StringKey], { field: label, max });
}
