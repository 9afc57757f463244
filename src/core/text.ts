// Comment text → safe tokens (DESIGN promise 3). The widget renders these as text nodes and
// <a> elements it creates itself; nothing here is ever parsed as markup, so a comment cannot
// inject an element or attribute. Only http(s) URLs become links.

/** A run of plain text, or a link whose href is an http(s) URL taken verbatim from the text. */
export type Inline = string | { href: string; text: string };
/** A paragraph is lines; each line is inline pieces. */
export type Paragraph = Inline[][];

const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that usually ends the sentence around a URL rather than the URL itself.
const TRAILING = /[.,;:!?'"*_)\]}>]+$/;

function linkify(line: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_RE)) {
    let url = match[0].replace(TRAILING, '');
    let cut = match[0].slice(url.length);
    // Keep a closing parenthesis the URL itself opened: https://en.wikipedia.org/wiki/Foo_(bar)
    while (cut[0] == ')' && url.split('(').length > url.split(')').length) {
      url += ')';
      cut = cut.slice(1);
    }
    const start = match.index!;
    if (url.length <= 'https://'.length) continue;
    if (start > last) out.push(line.slice(last, start));
    out.push({ href: url, text: url });
    last = start + url.length;
  }
  if (last < line.length) out.push(line.slice(last));
  return out;
}

/**
 * @example tokenize('Hi\nsee https://x.org.\n\nBye') // [[['Hi'], ['see ', {href:'https://x.org', text:'https://x.org'}, '.']], [['Bye']]]
 */
export function tokenize(text: string): Paragraph[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .filter((block) => block.trim() !== '')
    .map((block) => block.split('\n').map(linkify));
}
