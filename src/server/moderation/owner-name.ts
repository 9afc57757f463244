// The site owner's name (issue 14 item 7): with `--owner-name`, a post under that name, or under
// one that looks like it, is refused unless it comes from a browser whose author key the owner
// named with `--owner-key` (comments/trust.ts decides that; the rule gets `ctx.owner`). Names are
// compared by their Unicode TR39 skeletons (confusables.txt through `unhomoglyph`, between NFD
// normalisations), after NFKC (full-width letters) and with case folded, so "Оlga Оwner" in
// Cyrillic, "OIga Owner" with a capital I and "olga owner" are all the owner's name.
import unhomoglyph from 'unhomoglyph';
import type { Rule } from './rule.ts';

const skeleton = (value: string) => unhomoglyph(value.normalize('NFD')).normalize('NFD');

/** What a name looks like: its skeleton, case folded (then skeleton again: "M" → "m" → "rn"), spaces collapsed. */
export const lookOf = (name: string): string => skeleton(skeleton(name.normalize('NFKC')).toLowerCase()).replace(/\s+/g, ' ').trim();

export const looksLike = (a: string, b: string): boolean => lookOf(a) === lookOf(b);

export const ownerName: Rule = ({ kind, ownerName: reserved, owner, draft }) => {
  if (kind !== 'post' || !reserved || owner || !looksLike(draft.name, reserved)) return null;
  const message = "This name belongs to the site's owner; please choose another.";
  return { rule: 'owner-name', verdict: 'reject', code: 'invalid', message: 'Please correct the marked fields.', fields: { name: message } };
};
