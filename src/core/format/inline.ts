// Inline formatting: **bold**, *italic*, `code`, [text](https://…) links, bare http(s) autolinks,
// line breaks and backslash escapes (`\*` is a star). One pass over the text, jumping from one
// special character to the next; the open `*`/`[` marks form a stack of at most MAX_OPEN, so each
// character is looked at a bounded number of times whatever the input. Nothing here throws: what
// does not pair up stays the text it was. (Its size is the embed's: README "Size and speed".)
import { element, type FormatNode } from './tree.ts';

/** Open emphasis and link brackets at once; past this a `*` or `[` is only a character. */
const MAX_OPEN = 16;
/** Longest backtick run that opens a code span; a longer one is text (see the code span below). */
const MAX_TICKS = 16;

// Autolinks as core/text.ts made them before issue 16, so plain comments look as they did: an
// http(s) URL after a non-word character, without the punctuation that usually ends the sentence
// around it, keeping a closing parenthesis the URL itself opened (…/wiki/Foo_(bar)). In markdown a
// bare URL also stops at a square bracket: [**https://a.org**](https://b.org) is one link.
const URL_AT = /https?:\/\/[^\s<>"'`]*/iy;
const MARKDOWN_URL_AT = /https?:\/\/[^\s<>"'`[\]]*/iy;
const TRAILING = /[.,;:!?'"*_)\]}>]+$/;
// A link's destination: (https://…), balanced parentheses allowed one deep, spaces around it.
const DESTINATION = /\(\s*(https?:\/\/[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)\s*\)/iy;

/** An open mark: `*`, `**` or `[` (and '' for the whole text), with what followed it so far. */
interface Frame {
  marker: string;
  children: FormatNode[];
}

/**
 * The inline nodes of one block's text. `markdown` false: only line breaks and autolinks, as
 * every comment was rendered before issue 16.
 */
export function parseInline(text: string, markdown: boolean): FormatNode[] {
  const stack: Frame[] = [{ marker: '', children: [] }];
  const add = (node: FormatNode) => {
    const children = stack[stack.length - 1]!.children;
    const end = children.length - 1;
    // Neighbouring text joins: fewer nodes, one text node in the DOM.
    if (typeof node == 'string' && typeof children[end] == 'string') children[end] += node;
    else if (node) children.push(node);
  };
  /** Close the frames above `depth` as text: their marker, then what they hold. */
  const unwind = (depth: number) => {
    while (stack.length - 1 > depth) {
      const frame = stack.pop()!;
      add(frame.marker);
      frame.children.forEach(add);
    }
  };
  /** The innermost open frame whose marker `fits`, never looking past an open `[`; 0 when none. */
  const find = (fits: (marker: string) => boolean) => {
    let depth = stack.length;
    while (--depth && !fits(stack[depth]!.marker) && stack[depth]!.marker != '[');
    return depth && fits(stack[depth]!.marker) ? depth : 0;
  };
  const special = markdown ? /\n|\\[!-/:-@[-`{-~]|`+|\*+|\[|\]|\bhttps?:\/\//gi : /\n|\bhttps?:\/\//gi;
  let done = 0;
  for (let match; (match = special.exec(text)); done = special.lastIndex) {
    const at = match.index;
    const token = match[0];
    const next = special.lastIndex;
    add(text.slice(done, at));
    if (token == '\n') add(element('br', []));
    else if (token[0] == '\\') add(token[1]!);
    else if (token[0] == '`') {
      // Closed by the next run of exactly as many backticks. Two runs of one length always pair, so
      // at most one search per length (MAX_TICKS of them) finds none and reads to the end.
      const closer = new RegExp(`[^\`]${token}(?!\`)`, 'g');
      closer.lastIndex = next;
      const close = token.length <= MAX_TICKS && closer.exec(text);
      if (close) {
        // Line ends in it are spaces (CommonMark).
        add(element('code', [text.slice(next, close.index + 1).replace(/\n/g, ' ')]));
        special.lastIndex = closer.lastIndex;
      } else add(token);
    } else if (token[0] == '*') {
      // A run closes marks when it follows a non-space, opens when a non-space follows; *** is ** and *.
      let left = token.length < 4 ? token.length : 0;
      for (let depth; left && /\S/.test(text[at - 1] || ' ') && (depth = find((marker) => marker[0] == '*' && marker.length <= left)); ) {
        unwind(depth);
        const { marker, children } = stack.pop()!;
        add(element(marker == '*' ? 'em' : 'strong', children));
        left -= marker.length;
      }
      if (left && /\S/.test(text[next] || ' ') && stack.length < MAX_OPEN) {
        if (left > 1) stack.push({ marker: '**', children: [] });
        if (left & 1) stack.push({ marker: '*', children: [] });
      } else add(token.slice(token.length < 4 ? token.length - left : 0));
    } else if (token == '[') {
      if (stack.length < MAX_OPEN) stack.push({ marker: token, children: [] });
      else add(token);
    } else if (token == ']') {
      const depth = find((marker) => marker == '[');
      DESTINATION.lastIndex = next;
      const destination = depth && DESTINATION.exec(text);
      if (destination) {
        unwind(depth);
        add({ ...element('a', stack.pop()!.children), href: destination[1] });
        special.lastIndex = DESTINATION.lastIndex;
      } else {
        // Not a link: the `[` it would have closed is text again (so is anything opened inside it).
        if (depth) unwind(depth - 1);
        add(token);
      }
    } else {
      // A link's words hold no other link: no autolink while a `[` is open.
      const pattern = markdown ? MARKDOWN_URL_AT : URL_AT;
      pattern.lastIndex = at;
      let url = stack.some((frame) => frame.marker == '[') ? '' : pattern.exec(text)![0];
      let cut = url.replace(TRAILING, '');
      for (url = url.slice(cut.length); url[0] == ')' && cut.split('(').length > cut.split(')').length; url = url.slice(1)) cut += ')';
      if (cut.length > 8) {
        add({ ...element('a', [cut]), href: cut });
        special.lastIndex = at + cut.length;
      } else add(token);
    }
  }
  add(text.slice(done));
  unwind(0);
  return stack[0]!.children;
}
