// The plain format (issue 16): every comment written before formatting existed, and every imported
// one, renders exactly as it did. The reference below is core/text.ts's tokenizer and the server's
// renderText as they were before issue 16 (git show 272f197:src/core/text.ts), frozen here; the
// widget's CommentText made the same elements from the same tokens.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, renderHtml } from '../../../src/core/format/index.ts';

type Inline = string | { href: string; text: string };
const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"*_)\]}>]+$/;
function linkify(line: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_RE)) {
    let url = match[0].replace(TRAILING, '');
    let cut = match[0].slice(url.length);
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
const tokenize = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .filter((block) => block.trim() !== '')
    .map((block) => block.split('\n').map(linkify));
// The old server renderText, whose esc() escaped & < > " ' as entities; the comparison below
// unescapes both sides, so only the elements and the text count.
const before = (text: string) =>
  tokenize(text)
    .map((p) => `<p dir="auto">${p.map((line) => line.map((x) => (typeof x === 'string' ? x : `<a href="${x.href}" rel="nofollow ugc noopener" target="_blank">${x.text}</a>`)).join('')).join('<br>')}</p>`)
    .join('');
const REFS: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescape = (html: string) => html.replace(/&(amp|lt|gt|quot|#39);/g, (ref) => REFS[ref]!);
const now = (text: string) => unescape(renderHtml(parse(text, 'plain')));

const fixture = (path: string) => readFileSync(new URL(`../../../../shared/fixtures/${path}`, import.meta.url), 'utf8');

describe('plain', () => {
  it('renders paragraphs, line breaks and autolinks, and no markdown at all', () => {
    expect(renderHtml(parse('2*3*4 is **24**\n> not a quote\n- nor a list\n\n`x` https://x.org/a.', 'plain'))).toBe(
      '<p dir="auto">2*3*4 is **24**<br>&gt; not a quote<br>- nor a list</p><p dir="auto">`x` <a href="https://x.org/a" rel="nofollow ugc noopener" target="_blank">https://x.org/a</a>.</p>',
    );
  });

  it('renders every XSS payload, naughty string and the seed article exactly as before issue 16', () => {
    const payloads = fixture('xss/payloads.txt').split('\n');
    const naughty = JSON.parse(fixture('naughty/blns.json')) as string[];
    const texts = [...payloads, ...naughty, payloads.join('\n'), naughty.join('\n\n'), fixture('seed/article-with-bot-comments.txt')];
    expect(texts.length).toBeGreaterThan(2000);
    for (const text of texts) expect(now(text), text).toBe(before(text));
  });

  it('renders any text exactly as before issue 16 (property)', () => {
    const piece = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('\n', '\n\n', ' \n \n', '\r\n', 'https://x.org/a_(b).', 'http://', '(https://y.io/)', '**', '> ', '- ', '`'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        expect(now(text)).toBe(before(text));
      }),
      { numRuns: 3000 },
    );
  });
});
