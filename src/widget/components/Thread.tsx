import type { ComponentChild } from 'preact';
import type { Strings } from '../../core/i18n/en.ts';
import type { PublicComment } from '../../core/types.ts';
import type { TreeNode } from '../../core/tree.ts';
import { CommentItem } from './CommentItem.tsx';

/** What every comment in the tree needs from the App; one object, passed down unchanged. */
export interface ThreadCtx {
  s: Strings;
  /** The reader's own held comments (by identity, as buildTree keeps the objects). */
  held: PublicComment[];
  /** The comment the form is under, if it is displayed. */
  reply?: string | null;
  form: ComponentChild;
  onReply(id: string): void;
  more: Record<string, string>;
  onMore(id: string): void;
}

/** A list of comments; replies are a nested list inside their parent's item. */
export const Thread = ({ nodes, c }: { nodes: TreeNode[]; c: ThreadCtx }) => (
  <ol>
    {nodes.map((n) => (
      <li key={n.comment.id}>
        <CommentItem n={n} c={c} />
      </li>
    ))}
  </ol>
);
