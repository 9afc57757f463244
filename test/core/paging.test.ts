// src/core/paging.ts: DESIGN's page rules, written once for the stores and the in-browser backends.
import { describe, expect, it } from 'vitest';
import { budgetCut, budgetReplies, cutPage, moreCursors, readOffset } from '../../src/core/paging.ts';

const reply = (root: string, n: number) => ({ root, id: `${root}.${n}` });

describe('paging', () => {
  it('cuts a page from one row more than it shows, with a cursor only when more follow', () => {
    expect(cutPage([1, 2, 3], 2, (last) => `after ${last}`)).toEqual({ shown: [1, 2], nextCursor: 'after 2' });
    expect(cutPage([1, 2], 2, (last) => `after ${last}`)).toEqual({ shown: [1, 2], nextCursor: null });
    expect(cutPage([], 2, () => 'never')).toEqual({ shown: [], nextCursor: null });
  });

  it('shares one budget of replies among the roots in order, naming the roots cut', () => {
    const replies: Record<string, { root: string; id: string }[]> = { a: [reply('a', 1), reply('a', 2)], b: [], c: [reply('c', 1)], d: [reply('d', 1)] };
    const of = (root: string) => replies[root]!;
    expect(budgetReplies(['a', 'b', 'c', 'd'], of, 10)).toEqual({ replies: [reply('a', 1), reply('a', 2), reply('c', 1), reply('d', 1)], truncated: [] });
    // The budget runs out inside a: a keeps one; c and d (with replies) are cut; b (none) is not.
    expect(budgetReplies(['a', 'b', 'c', 'd'], of, 1)).toEqual({ replies: [reply('a', 1)], truncated: ['a', 'c', 'd'] });
    expect(budgetReplies(['a', 'c'], of, 2)).toEqual({ replies: [reply('a', 1), reply('a', 2)], truncated: ['c'] });
  });

  it('reads the same answer from a query that applied the budget itself, asking which later roots have replies', async () => {
    const asked: string[][] = [];
    const withReplies = async (later: string[]) => (asked.push(later), later.filter((root) => root !== 'b'));
    const rows = [reply('a', 1), reply('a', 2)];
    expect(await budgetCut(['a', 'b', 'c'], rows, 1, (r) => r.root, withReplies)).toEqual({ replies: [reply('a', 1)], truncated: ['a', 'c'] });
    expect(asked).toEqual([['b', 'c']]);
    // Within the budget: no second question.
    expect(await budgetCut(['a', 'b'], rows, 2, (r) => r.root, withReplies)).toEqual({ replies: rows, truncated: [] });
    expect(asked).toHaveLength(1);
  });

  it('gives each cut root a cursor from the replies of it the page shows', () => {
    const shown = [reply('a', 1), reply('a', 2), reply('c', 1)];
    expect(moreCursors(['a', 'd'], shown, (r) => r.root, (mine) => `${mine.length}:${mine.at(-1)?.id ?? 'start'}`)).toEqual({ a: '2:a.2', d: '0:start' });
  });

  it('reads an offset cursor, and anything else as the start', () => {
    expect([readOffset('20'), readOffset(undefined), readOffset('x'), readOffset('-5'), readOffset('')]).toEqual([20, 0, 0, 0, 0]);
  });
});
