// The formatted-text tree (issue 16, "Formatting"): what parse() makes of a comment, and all that
// the widget (view/CommentText.tsx, as vnodes) and the server (html.ts, text.ts) ever render of it.
// Its elements are a fixed set the parser picks; a comment's own characters only ever become text
// (strings) or an http(s) href. So no markup from a comment reaches the DOM: only these elements do.

import type { Format } from '../types.ts';

export type { Format };

/** The elements a tree may hold: blocks, then inline ones. */
export type Tag = 'p' | 'pre' | 'blockquote' | 'ul' | 'ol' | 'li' | 'strong' | 'em' | 'code' | 'a' | 'br';

/** Text (a string, always rendered as text) or one of the elements above. */
export type FormatNode = string | FormatElement;

export interface FormatElement {
  tag: Tag;
  children: FormatNode[];
  /** `a` only: an http(s) URL, as the reader wrote it. */
  href?: string;
  /** `ol` only, when the list does not start at 1 ("3. third"). */
  start?: number;
}

/** Elements that are blocks: each gets `dir="auto"` (DESIGN promise 3), so a right-to-left paragraph reads right to left. */
export const isBlock = (tag: Tag) => !/^(strong|em|code|a|br)$/.test(tag);

export const element = (tag: Tag, children: FormatNode[]): FormatElement => ({ tag, children });
