// Imported comment bodies are HTML (WordPress, Disqus); Parley's comment text is plain text with
// paragraphs (DESIGN promise 3: no markup from a comment ever reaches the DOM). A real HTML parser
// (linkedom, already the article extractor's) reads the markup and entities; this walk keeps what
// a reader saw: paragraphs as blank lines, <br> as a line break, a link's words and its URL, an
// image's alt text and URL. No tag survives: the result is text, rendered as text.
import { parseHTML } from 'linkedom';
import type { Format } from '../../core/types.ts';

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
const DROPPED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'head', 'title', 'svg', 'math']);
const CELL = new Set(['td', 'th']);

interface Options {
  /**
   * `keep`: newlines in the text are the author's (WordPress stores comments as typed and adds the
   * <p> and <br> only when it displays them). `collapse`: HTML whitespace rules (Disqus sends
   * finished HTML, where a newline in the source is just a space).
   */
  newlines: 'keep' | 'collapse';
  /**
   * Issue 16 (issue 20 bug 7): write links as [words](URL) and bold and italic as ** and *, every
   * other markdown character of the text escaped with a backslash, so the result read as markdown
   * shows what the reader saw, links as links. Left out: plain text, a link as "words (URL)".
   */
  markdown?: boolean;
}

// A link's destination as core/format reads it: no space, parentheses balanced one deep.
const DESTINATION = /^[^\s()]+(?:\([^\s()]*\)[^\s()]*)*$/;
/** Characters of a text node that markdown would read as marks, escaped (core/format's escapes). */
const escapeInline = (text: string) => text.replace(/[\\`*[\]]/g, '\\$&');
/** A line of text that would start a quote, a list item or a fence, escaped at its start. */
const escapeLineStarts = (text: string) => text.replace(/^([ \t]*)(>|[-+](?=[ \t]|$)|\d{1,9}(?=[.)](?:[ \t]|$)))/gm, (_, space: string, mark: string) => (/\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`));

// One parsed document, reused: making one per comment was most of an import's time. Each call
// replaces the body's contents before reading them, and nothing here is asynchronous.
let document: ReturnType<typeof parseHTML>['document'] | undefined;
const scratch = () => (document ??= parseHTML('<!doctype html><html><body></body></html>').document);

const httpUrl = (value: string | null): string | null => {
  const url = (value ?? '').trim();
  return /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
};

/** @example htmlToText('<p>Hi &amp; bye</p><p>See <a href="https://a.example">this</a></p>', { newlines: 'collapse' }) // 'Hi & bye\n\nSee this (https://a.example)' */
export function htmlToText(html: string, options: Options): string {
  // Plain text needs no parser (most WordPress comments): this also keeps a lone "<" that is not a tag.
  if (!/[<&]/.test(html) && !options.markdown) return html;
  const body = scratch().body;
  body.innerHTML = html;
  const collapse = options.newlines === 'collapse';
  const markdown = !!options.markdown;
  const paragraphs: string[] = [];
  let current = '';
  let pre = 0;

  const flush = () => {
    if (current.trim()) paragraphs.push(current);
    current = '';
  };
  const emit = (text: string) => {
    if (collapse && !pre) {
      text = text.replace(/[ \t\n\r\f]+/g, ' ');
      // No space at the start of a line, and never two in a row.
      if (current === '' || /[ \n]$/.test(current)) text = text.replace(/^ /, '');
    }
    current += text;
  };

  const walk = (node: { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<unknown>; getAttribute?: (name: string) => string | null }) => {
    if (node.nodeType === 3) return emit(markdown ? escapeInline(node.textContent ?? '') : (node.textContent ?? ''));
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toLowerCase();
    if (DROPPED.has(tag)) return;
    if (tag === 'br') {
      current = current.replace(/ $/, '') + '\n';
      return;
    }
    if (tag === 'img') {
      const alt = (node.getAttribute!('alt') ?? '').trim();
      const src = httpUrl(node.getAttribute!('src'));
      emit([alt, src && (alt ? `(${src})` : src)].filter(Boolean).join(' '));
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    if (tag === 'pre') pre++;
    if (tag === 'li') emit('- ');
    const words = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (markdown) {
      // Marks only around words that touch them (core/format needs "**bold**", not "** bold **").
      const mark = /^(strong|b)$/.test(tag) ? '**' : /^(em|i)$/.test(tag) ? '*' : '';
      const href = tag === 'a' ? httpUrl(node.getAttribute!('href')) : null;
      const link = href && (DESTINATION.test(href) ? href : href.replace(/[()]/g, (p) => (p === '(' ? '%28' : '%29')));
      const tight = words && words === (node.textContent ?? '');
      if (link && words && words !== href) emit('[');
      else if (mark && tight) emit(mark);
      for (const child of Array.from(node.childNodes) as (typeof node)[]) walk(child);
      if (link) emit(words ? (words === href ? '' : `](${link})`) : link);
      else if (mark && tight) emit(mark);
      if (tag === 'pre') pre--;
      if (CELL.has(tag)) emit(' ');
      if (block) flush();
      return;
    }
    for (const child of Array.from(node.childNodes) as (typeof node)[]) walk(child);
    if (tag === 'pre') pre--;
    if (CELL.has(tag)) emit(' ');
    if (tag === 'a') {
      // The words and the address both survive; the text renderer links the bare URL again.
      const href = httpUrl(node.getAttribute!('href'));
      const words = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (href && !sameUrl(words, href)) emit(words ? ` (${href})` : href);
    }
    if (block) flush();
  };

  for (const child of Array.from(body.childNodes)) walk(child as Parameters<typeof walk>[0]);
  flush();
  // Each paragraph loses the whitespace around it; the author's own line breaks inside stay.
  const text = paragraphs.map((p) => p.replace(/^[ \t]*\n+|\s+$/g, '').replace(/^[ \t]+/, '')).filter(Boolean).join('\n\n').trim();
  return markdown ? escapeLineStarts(text) : text;
}

/**
 * An imported comment's HTML as Parley text (issue 20 bug 7): markdown when it holds what markdown
 * keeps (an http(s) link, bold, italic), so a link stays a link through WordPress → Parley →
 * WordPress; otherwise plain text, as every import was before issue 16.
 * @example htmlToComment('See <a href="https://a.example/x">this</a>', { newlines: 'keep' }) // { text: 'See [this](https://a.example/x)', format: 'markdown' }
 */
export function htmlToComment(html: string, options: Options): { text: string; format: Format } {
  const marked = /<(strong|b|em|i)[\s>]|<a\s[^>]*href\s*=\s*["']?\s*https?:/i.test(html);
  return marked ? { text: htmlToText(html, { ...options, markdown: true }), format: 'markdown' } : { text: htmlToText(html, options), format: 'plain' };
}

/** "example.com/x" shown for https://example.com/x is the same link: no need to repeat it. */
function sameUrl(words: string, href: string): boolean {
  const bare = (u: string) => u.replace(/^https?:\/\//i, '').replace(/\/$/, '').toLowerCase();
  return bare(words) === bare(href);
}

/** Entities decoded in a short field (names): "Tom &amp; Jerry" → "Tom & Jerry"; tags are kept as written. */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  const holder = scratch().body;
  holder.innerHTML = value.replace(/</g, '&lt;');
  return holder.textContent ?? value;
}
