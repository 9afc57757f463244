// Comment text → the formatted-text tree (issue 16, "Formatting"). Pure: no DOM, no Node; the widget
// renders the tree as vnodes, the server as escaped HTML or as text. Never throws, takes time in
// proportion to the text (blocks nest at most MAX_DEPTH deep, and each level reads its lines once),
// and makes only the tree's own elements: HTML a reader types is text, images do not exist.
//
// `markdown` (new comments): paragraphs, line breaks (every line end, as comment boxes do),
// **bold**, *italic*, `code`, ``` fenced code blocks, `>` quotes, `-`/`*` and `1.` lists,
// [text](https://…) links and bare http(s) autolinks; `\` escapes a character.
// Deliberately not: headings, images, HTML, tables, `_` emphasis (snake_case names stay as typed);
// indented code blocks (readers indent prose and paste poems; a fence says "code" on purpose, and
// the embed's bytes went to the rest); and the "lazy" lines that continue a quote or a list item
// without its marker or indent: a quote or a list ends at the first line that does not carry on
// its marker or indent.
//
// `plain` (every comment before issue 16, and imported ones): paragraphs, line breaks and autolinks,
// exactly as core/text.ts rendered them, so `2*3*4` written then does not turn italic now.
//
// Every byte here is in the embed's first render (README "Size and speed"), hence the plain loops.
import { parseInline } from './inline.ts';
import { element, type Format, type FormatElement } from './tree.ts';

/** Quotes and lists inside each other; deeper, a `>` or a `-` is text. */
const MAX_DEPTH = 8;

const BLANK = /^\s*$/;
// ```, optionally with a language, but no other backtick on the line (```x``` is inline code).
const FENCE = /^ {0,3}```[^`]*$/;
const QUOTE = /^ {0,3}> ?/;
// A list item: its marker (- * or a number with . or )), then spaces or the line's end.
const ITEM = /^ {0,3}([-*]|(\d{1,9})[.)])( +|$)/;

/**
 * The tree of `text` read as `format`.
 * @example parse('**Yes**, see [the docs](https://example.org).', 'markdown')
 * // [{ tag: 'p', children: [{ tag: 'strong', children: ['Yes'] }, ', see ', { tag: 'a', href: 'https://example.org', children: ['the docs'] }, '.'] }]
 */
export function parse(text: string, format: Format): FormatElement[] {
  const lines = text.replace(/\r\n?/g, '\n');
  return format == 'markdown'
    ? blocks(lines.split('\n'), 0)
    : // core/text.ts's paragraphs: split at blank lines, the line ends around each trimmed, blank ones dropped.
      lines
        .split(/\n[ \t]*\n+/)
        .map((block) => block.replace(/^\n+|\n+$/g, ''))
        .filter((block) => block.trim())
        .map((block) => element('p', parseInline(block, false)));
}

function blocks(lines: string[], depth: number): FormatElement[] {
  const out: FormatElement[] = [];
  const nested = depth < MAX_DEPTH;
  let i = 0;
  /** The lines from here on while `test` holds. */
  const take = (test: (line: string) => unknown) => {
    const start = i;
    while (i < lines.length && test(lines[i]!)) i++;
    return lines.slice(start, i);
  };
  while (i < lines.length) {
    const line = lines[i]!;
    const item = nested && ITEM.exec(line);
    if (BLANK.test(line)) i++;
    else if (FENCE.test(line)) {
      // To the closing ```, or to the end of the text.
      i++;
      out.push(element('pre', [element('code', [take((l) => !/^ {0,3}```\s*$/.test(l)).join('\n')])]));
      i++;
    } else if (nested && QUOTE.test(line)) {
      out.push(element('blockquote', blocks(take((l) => QUOTE.test(l)).map((l) => l.replace(QUOTE, '')), depth + 1)));
    } else if (item) {
      // Items while the lines carry on with the same kind of marker; each item its first line's
      // text and the lines indented to it (or blank ones), read as blocks of their own. Blank lines
      // between items do not end the list; a line that is neither an item nor indented does.
      const ordered = !!item[2];
      const list = element(ordered ? 'ol' : 'ul', []);
      if (ordered && +item[2]! != 1) list.start = +item[2]!;
      for (let next; (next = ITEM.exec(lines[i] || '')) && !!next[2] == ordered; ) {
        const width = next[0].length;
        const own = blocks([lines[i++]!.slice(width), ...take((l) => BLANK.test(l) || /^ */.exec(l)![0].length >= width).map((l) => l.slice(width))], depth + 1);
        // The first paragraph's words sit in the item itself, as in a "tight" list.
        list.children.push(element('li', own[0]?.tag == 'p' ? [...own.shift()!.children, ...own] : own));
      }
      out.push(list);
    } else {
      // A paragraph: up to a blank line, a fence, a quote or a bulleted item. Not a numbered one:
      // "born in\n1984. We moved" stays a sentence (a numbered list starts after a blank line).
      const first = i++;
      take((l) => !BLANK.test(l) && !FENCE.test(l) && !(nested && /^ {0,3}(> ?|[-*] +\S)/.test(l)));
      out.push(element('p', parseInline(lines.slice(first, i).join('\n'), true)));
    }
  }
  return out;
}
