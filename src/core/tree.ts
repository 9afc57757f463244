// The thread tree the widget renders, built from the API's flat list (parents before children).
import type { PublicComment } from './types.ts';

export interface TreeNode {
  comment: PublicComment;
  /** Displayed depth, 1 for a top-level comment, never above maxDepth. */
  depth: number;
  children: TreeNode[];
}

/**
 * Nest comments under their parents, capping the displayed depth as WordPress does: a reply to a
 * comment already at `maxDepth` is shown beside it, at the deepest level, not deeper.
 * A comment whose parent is not in the list (not loaded, or not public) is shown at the top.
 */
export function buildTree(comments: readonly PublicComment[], maxDepth = 5): TreeNode[] {
  const cap = Math.max(1, Math.floor(maxDepth) || 1);
  const roots: TreeNode[] = [];
  // Each node with the list it sits in, so a reply too deep to nest can go beside its parent.
  const byId = new Map<string, [TreeNode, TreeNode[]]>();
  for (const comment of comments) {
    if (byId.has(comment.id)) continue; // a page boundary may repeat one; show it once
    const [parent, around] = byId.get(comment.parent!) ?? [];
    const siblings = !parent ? roots : parent.depth < cap ? parent.children : around!;
    const node: TreeNode = { comment, depth: parent ? Math.min(parent.depth + 1, cap) : 1, children: [] };
    siblings.push(node);
    byId.set(comment.id, [node, siblings]);
  }
  return roots;
}
