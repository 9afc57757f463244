// Paging, written once for the stores (src/server/store/*) and the in-browser backends
// (src/adapters/memory.ts, wordpress.ts): DESIGN's rules for a page of a thread. `limit` counts
// top-level comments; a page carries its roots and one budget of their replies (LIMITS
// .repliesPerPage), in the order of the roots; a root whose replies did not all fit gets a `more`
// cursor, and the next page starts after the last row shown. What a cursor is (a sequence number,
// an offset) is each caller's own: these functions take it as a function.

/**
 * A page cut from `limit + 1` rows (one more than shown, to learn whether more exist without a
 * count): the rows shown and the cursor after the last of them, or null when none follow.
 *
 * @example cutPage(await store.listRoots(t, { limit: limit + 1 }), limit, (last) => encodeCursor(last.seq))
 */
export function cutPage<T>(rows: readonly T[], limit: number, cursorAfter: (last: T) => string): { shown: T[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  return { shown, nextCursor: rows.length > limit && shown.length ? cursorAfter(shown[shown.length - 1]!) : null };
}

/**
 * One budget of replies for a page of roots, root by root in the order given: each root's
 * replies while the budget lasts. `truncated` names, in order, the roots with replies left out.
 */
export function budgetReplies<R>(roots: readonly string[], repliesOf: (root: string) => readonly R[], budget: number): { replies: R[]; truncated: string[] } {
  const replies: R[] = [];
  const truncated: string[] = [];
  for (const root of roots) {
    const all = repliesOf(root);
    const room = Math.max(0, budget - replies.length);
    replies.push(...all.slice(0, room));
    if (all.length > room) truncated.push(root);
  }
  return { replies, truncated };
}

/**
 * The same from a query that already applied the budget in one statement (the SQL stores):
 * `rows` are at most `budget + 1` replies in root order, the extra one marking where the budget
 * ran out. That root is truncated, and so is every later root that has replies at all, which
 * `withReplies` asks (a second query, only on such big pages).
 */
export async function budgetCut<R>(
  roots: readonly string[],
  rows: readonly R[],
  budget: number,
  rootOf: (row: R) => string,
  withReplies: (later: string[]) => Promise<string[]>,
): Promise<{ replies: R[]; truncated: string[] }> {
  if (rows.length <= budget) return { replies: [...rows], truncated: [] };
  const cut = rootOf(rows[budget]!);
  const later = roots.slice(roots.indexOf(cut) + 1);
  return { replies: rows.slice(0, budget), truncated: [cut, ...(later.length ? await withReplies(later) : [])] };
}

/**
 * The `more` cursors of a page: for each truncated root, where its replies continue, from the
 * replies of it that the page shows (none, for a root the budget ran out before).
 */
export function moreCursors<R>(truncated: readonly string[], replies: readonly R[], rootOf: (reply: R) => string, cursor: (shown: R[]) => string): Record<string, string> {
  const more: Record<string, string> = {};
  for (const root of truncated) more[root] = cursor(replies.filter((r) => rootOf(r) === root));
  return more;
}

/** An offset cursor as the in-browser backends write it: a whole number, anything else is the start. */
export const readOffset = (cursor: string | undefined): number => Math.max(0, Number.parseInt(cursor ?? '', 10) || 0);
