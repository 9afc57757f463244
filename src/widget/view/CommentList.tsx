import type { TreeNode } from '../../core/tree.ts';
import type { Widget } from '../state/widget.ts';
import { CommentItem } from './CommentItem.tsx';

/** A list of comments; replies are a nested list inside their parent's item. */
export function CommentList({ widget, nodes }: { widget: Widget; nodes: TreeNode[] }) {
  return (
    <ol>
      {nodes.map((node) => (
        <CommentItem key={node.comment.id} widget={widget} node={node} />
      ))}
    </ol>
  );
}
