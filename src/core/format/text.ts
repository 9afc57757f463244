// The tree as plain text, for a mail's text part and anywhere HTML cannot go: paragraphs apart,
// line breaks kept, a link as "words (URL)" unless its words are the URL, quotes as "> ", list
// items as "- " or "1. ", code blocks indented by four spaces. Bold, italic and code are their words.
import type { FormatNode } from './tree.ts';

const inner = (nodes: readonly FormatNode[]) => nodes.map(textOf).join('');

function textOf(node: FormatNode): string {
  if (typeof node == 'string') return node;
  const words = inner(node.children);
  switch (node.tag) {
    case 'br':
      return '\n';
    case 'a':
      return words == node.href ? words : `${words} (${node.href})`;
    case 'pre':
      return `${words.replace(/^/gm, '    ')}\n\n`;
    case 'blockquote':
      return `${words.trim().replace(/^/gm, '> ')}\n\n`;
    case 'ul':
    case 'ol':
      // On a line of its own, also inside an item ("two\n   - nested").
      return `\n${node.children
        .map((item, n) => `${node.tag == 'ol' ? `${(node.start ?? 1) + n}.` : '-'} ${textOf(item).trim().replace(/\n/g, '\n   ')}`)
        .join('\n')}\n\n`;
    case 'p':
      return `${words}\n\n`;
    default:
      return words;
  }
}

/** @example renderText(parse('> Quoted\n\nSee [docs](https://x.org)', 'markdown')) // '> Quoted\n\nSee docs (https://x.org)' */
export const renderText = (nodes: readonly FormatNode[]) =>
  inner(nodes)
    .replace(/\n{3,}/g, '\n\n')
    // Not trim(): a code block's first line keeps its indent.
    .replace(/^\n+|\s+$/g, '');
