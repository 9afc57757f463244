import type { ComponentChild } from 'preact';
import { parse } from '../../core/format/parse.ts';
import { isBlock, type Format, type FormatNode } from '../../core/format/tree.ts';

// A tree node as a vnode: text as text, an element only of the tree's own tags (core/format/tree.ts),
// with only the attributes made here. Never innerHTML.
const vnode = (node: FormatNode): ComponentChild => {
  if (typeof node == 'string') return node;
  const { tag: Tag, href } = node;
  return (
    <Tag dir={isBlock(Tag) ? 'auto' : undefined} start={node.start} href={href} rel={href && 'nofollow ugc noopener'} target={href && '_blank'}>
      {node.children.map(vnode)}
    </Tag>
  );
};

/**
 * Comment text (README "Formatting"): the format tree of core/format as elements this file makes,
 * each block `dir="auto"`, links http(s) only with rel="nofollow ugc noopener". A comment without
 * a format (one kept from before issue 16) is plain: paragraphs, line breaks, autolinks.
 */
export function CommentText({ text, format }: { text: string; format?: Format }) {
  return parse(text, format || 'plain').map(vnode);
}
