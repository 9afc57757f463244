import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTree, type TreeNode } from '../../src/core/tree.ts';
import type { PublicComment } from '../../src/core/types.ts';

const c = (id: string, parent: string | null = null): PublicComment => ({
  id,
  thread: '/t',
  parent,
  author: { name: id, website: null, avatar: 'a' },
  format: 'plain',
  text: id,
  createdAt: '2026-01-01T00:00:00.000Z',
  editedAt: null,
});

const flatten = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

describe('buildTree', () => {
  it('nests replies under their parents', () => {
    const tree = buildTree([c('a'), c('b'), c('a1', 'a'), c('a1x', 'a1')]);
    expect(tree.map((n) => n.comment.id)).toEqual(['a', 'b']);
    expect(tree[0]!.children[0]!.comment.id).toBe('a1');
    expect(tree[0]!.children[0]!.children[0]!.depth).toBe(3);
  });
  it('shows replies deeper than the cap at the deepest level, as WordPress does', () => {
    const chain = [c('d1'), c('d2', 'd1'), c('d3', 'd2'), c('d4', 'd3')];
    const tree = buildTree(chain, 2);
    const all = flatten(tree);
    expect(all.map((n) => [n.comment.id, n.depth])).toEqual([['d1', 1], ['d2', 2], ['d3', 2], ['d4', 2]]);
    expect(tree[0]!.children.map((n) => n.comment.id)).toEqual(['d2', 'd3', 'd4']);
  });
  it('puts a comment whose parent is not loaded at the top level', () => {
    expect(buildTree([c('x', 'missing')]).map((n) => n.comment.id)).toEqual(['x']);
  });

  it('keeps every comment exactly once and never exceeds the cap (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { maxLength: 60 }), fc.integer({ min: 1, max: 6 }), (parents, cap) => {
        // Comment i replies to an earlier one (or none), so the list is parents-before-children.
        const list = parents.map((p, i) => c(`c${i}`, i === 0 || p % 3 === 0 ? null : `c${p % i}`));
        const all = flatten(buildTree(list, cap));
        expect(all.map((n) => n.comment.id).sort()).toEqual(list.map((x) => x.id).sort());
        for (const n of all) expect(n.depth).toBeLessThanOrEqual(cap);
      }),
    );
  });
});
