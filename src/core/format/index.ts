// The formatted-text tree (issue 16): parse a comment, render it as escaped HTML or as text.
export { parse } from './parse.ts';
export { parseInline } from './inline.ts';
export { renderHtml } from './html.ts';
export { renderText } from './text.ts';
export { isBlock, type FormatElement, type FormatNode, type Tag } from './tree.ts';
export { escapeHtml } from './html.ts';
