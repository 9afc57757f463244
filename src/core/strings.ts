// Filling in the strings table: plurals and placeholders.
import type { Problem } from './checks.ts';
import { en, type Strings } from './i18n/en.ts';
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

const PROBLEM_KEY = {
  required: 'errRequired',
  tooLong: 'errTooLong',
  email: 'errEmail',
  website: 'errWebsite',
  controlChars: 'errControlChars',
  bidi: 'errBidi',
} as const;

const FIELD_KEY = { text: 'comment', name: 'name', email: 'email', website: 'website' } as const;

/** The sentence a reader (or an API client, in `fields`) sees for a failed check. */
export function problemMessage(field: DraftField | 'thread', problem: Problem, s: Strings = en): string {
  const label = field === 'thread' ? 'Thread' : s[FIELD_KEY[field]];
  return fill(s[PROBLEM_KEY[problem.key]], { field: label, max: 'max' in problem ? problem.max : '' });
}
