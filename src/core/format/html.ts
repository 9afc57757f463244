// The tree as HTML, for what the server writes (the /t thread page, Atom feeds, mail, the WXR
// export): the same elements and attributes the widget makes (view/CommentText.tsx), every string
// escaped, so a comment's own characters are only ever text there too.
import { isBlock, type FormatNode } from './tree.ts';

const REFS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML: the five characters that could start markup or end an attribute value, as references. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => REFS[c]!);

/**
 * @example renderHtml(parse('**Hi** <b>', 'markdown')) // '<p dir="auto"><strong>Hi</strong> &lt;b&gt;</p>'
 */
export function renderHtml(nodes: readonly FormatNode[]): string {
  let html = '';
  for (const node of nodes) {
    if (typeof node == 'string') html += escapeHtml(node);
    else if (node.tag == 'br') html += '<br>';
    else {
      const attributes =
        (isBlock(node.tag) ? ' dir="auto"' : '') +
        (node.start ? ` start="${node.start | 0}"` : '') +
        (node.href ? ` href="${escapeHtml(node.href)}" rel="nofollow ugc noopener" target="_blank"` : '');
      html += `<${node.tag}${attributes}>${renderHtml(node.children)}</${node.tag}>`;
    }
  }
  return html;
}
