// The markdown format (issue 16 item 1): what each supported mark makes, what stays text, and the
// caps that keep any input cheap. Read as the server writes it (renderHtml), which is the tree one
// to one: test/widget/render.test.tsx checks that the widget's vnodes are the same elements.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse, renderHtml, renderText } from '../../../src/core/format/index.ts';
import type { FormatNode } from '../../../src/core/format/tree.ts';

const html = (text: string) => renderHtml(parse(text, 'markdown'));
const fixture = (path: string) => readFileSync(new URL(`../../../../shared/fixtures/${path}`, import.meta.url), 'utf8');
const A = (href: string, words = href) => `<a href="${href}" rel="nofollow ugc noopener" target="_blank">${words}</a>`;

describe('markdown', () => {
  it('makes paragraphs at blank lines and a line break at every line end', () => {
    expect(html('one\ntwo\n\n\nthree')).toBe('<p dir="auto">one<br>two</p><p dir="auto">three</p>');
  });

  it('makes **bold**, *italic*, `code`, and \\-escaped stars stay stars', () => {
    expect(html('**bold**, *italic*, `a < b`, \\*not\\*, ***both***')).toBe(
      '<p dir="auto"><strong>bold</strong>, <em>italic</em>, <code>a &lt; b</code>, *not*, <strong><em>both</em></strong></p>',
    );
    expect(html('**a *b* c** and *a **b** c*')).toBe('<p dir="auto"><strong>a <em>b</em> c</strong> and <em>a <strong>b</strong> c</em></p>');
  });

  it('leaves stars that do not pair up, or stand apart, as they were', () => {
    expect(html('a * b * c, **open, 5 * 3')).toBe('<p dir="auto">a * b * c, **open, 5 * 3</p>');
    expect(html('snake_case_name and _under_')).toBe('<p dir="auto">snake_case_name and _under_</p>');
  });

  it('keeps a code span literal, marks and all, with any number of backticks', () => {
    expect(html('`**not bold** [x](https://a.org)` and ``a ` b``')).toBe('<p dir="auto"><code>**not bold** [x](https://a.org)</code> and <code>a ` b</code></p>');
    expect(html('an ` alone')).toBe('<p dir="auto">an ` alone</p>');
  });

  it('makes fenced code blocks, their lines literal; indented lines stay prose', () => {
    expect(html('```js\nif (a < b) **x**\n\n  y\n```\nafter')).toBe('<pre dir="auto"><code>if (a &lt; b) **x**\n\n  y</code></pre><p dir="auto">after</p>');
    expect(html('```\nunclosed\n*x*')).toBe('<pre dir="auto"><code>unclosed\n*x*</code></pre>');
    // Three backticks with more on the same line are inline code, not a fence.
    expect(html('```x``` and on')).toBe('<p dir="auto"><code>x</code> and on</p>');
    // Readers indent prose and paste poems: four spaces are not code (a fence is).
    expect(html('text\n\n    an indented line\n\tand a tab')).toBe('<p dir="auto">text</p><p dir="auto">    an indented line<br>\tand a tab</p>');
  });

  it('makes > quotes, nested, with their own blocks', () => {
    expect(html('> quoted **words**\n> > deeper\n\nreply')).toBe(
      '<blockquote dir="auto"><p dir="auto">quoted <strong>words</strong></p><blockquote dir="auto"><p dir="auto">deeper</p></blockquote></blockquote><p dir="auto">reply</p>',
    );
    // A quote ends at the first line without its marker.
    expect(html('> quoted\nmy answer')).toBe('<blockquote dir="auto"><p dir="auto">quoted</p></blockquote><p dir="auto">my answer</p>');
  });

  it('makes - and 1. lists, nested by indent, and keeps where an ordered list starts', () => {
    expect(html('- one\n- two\n  - nested\n* three')).toBe(
      '<ul dir="auto"><li dir="auto">one</li><li dir="auto">two<ul dir="auto"><li dir="auto">nested</li></ul></li><li dir="auto">three</li></ul>',
    );
    expect(html('1. first\n2. second')).toBe('<ol dir="auto"><li dir="auto">first</li><li dir="auto">second</li></ol>');
    expect(html('3. third\n4. fourth')).toBe('<ol dir="auto" start="3"><li dir="auto">third</li><li dir="auto">fourth</li></ol>');
    // Blank lines between items keep one list; an item's later paragraphs stay paragraphs.
    expect(html('- a\n\n- b\n\n  more of b\n\nafter')).toBe('<ul dir="auto"><li dir="auto">a</li><li dir="auto">b<p dir="auto">more of b</p></li></ul><p dir="auto">after</p>');
    // A number at a line's start inside a paragraph is not a list; a bullet is.
    expect(html('born in\n1984. We moved\n- then this')).toBe('<p dir="auto">born in<br>1984. We moved</p><ul dir="auto"><li dir="auto">then this</li></ul>');
  });

  it('links [words](https://…) and bare http(s) URLs, and nothing else', () => {
    expect(html('[the docs](https://example.org/a_(b)) and https://x.org/p.')).toBe(`<p dir="auto">${A('https://example.org/a_(b)', 'the docs')} and ${A('https://x.org/p')}.</p>`);
    expect(html('[*x*](http://a.org) [**https://a.org**](https://b.org)')).toBe(`<p dir="auto">${A('http://a.org', '<em>x</em>')} ${A('https://b.org', '<strong>https://a.org</strong>')}</p>`);
    for (const bad of ['[x](javascript:alert(1))', '[x](JaVaScRiPt:alert(1))', '[x](data:text/html,<b>)', '[x](vbscript:msgbox)', '[x](//evil.org)', '[x](/relative)', '[x](mailto:a@b.org)']) {
      expect(html(bad), bad).not.toContain('<a ');
    }
    expect(html('[x](javascript:alert(1))')).toBe('<p dir="auto">[x](javascript:alert(1))</p>');
  });

  it('has no images and no HTML: both stay the text they were', () => {
    expect(html('![alt](https://a.org/i.png) <img src=x onerror=alert(1)> <b>b</b> <!-- c -->')).toBe(
      `<p dir="auto">!${A('https://a.org/i.png', 'alt')} &lt;img src=x onerror=alert(1)&gt; &lt;b&gt;b&lt;/b&gt; &lt;!-- c --&gt;</p>`,
    );
  });

  it('renders as text for mail: quotes, lists, code and links readable', () => {
    expect(renderText(parse('> Quoted\n\nSee [the docs](https://x.org) or https://y.org\n\n- a\n- b\n  1. c\n\n```\ncode\n```', 'markdown'))).toBe(
      '> Quoted\n\nSee the docs (https://x.org) or https://y.org\n\n- a\n- b\n   1. c\n\n    code',
    );
  });
});

describe('hostile input', () => {
  const payloads = fixture('xss/payloads.txt').split('\n').filter((l) => l.trim());
  const naughty = JSON.parse(fixture('naughty/blns.json')) as string[];
  const ALLOWED = /^<\/?(p|pre|blockquote|ul|ol|li|strong|em|code|a|br)( dir="auto"| start="\d+"| href="https?:\/\/[^"]*" rel="nofollow ugc noopener" target="_blank")?>$/;

  it('turns every XSS payload and naughty string into the tree’s own elements only, its text escaped', () => {
    expect(payloads.length).toBeGreaterThan(1000);
    for (const text of [...payloads, ...naughty, payloads.join('\n'), naughty.join('\n\n')]) {
      const out = html(text);
      for (const tag of out.match(/<[^>]*>/g) ?? []) expect(tag, text).toMatch(ALLOWED);
      // A tag in the text is text: its `<` escaped.
      if (text.includes('<script')) expect(out).not.toContain('<script');
    }
  });

  it('caps nesting: 10,000 quote marks, list indents, brackets or stars nest no deeper than the caps', () => {
    const depth = (nodes: FormatNode[]): number => Math.max(0, ...nodes.map((n) => (typeof n == 'string' ? 0 : 1 + depth(n.children))));
    // Blocks: 8 levels of quotes or lists (each list level is ul + li), then text.
    expect(depth(parse('>'.repeat(10_000) + ' x', 'markdown'))).toBeLessThanOrEqual(8 + 1);
    expect(depth(parse(Array.from({ length: 200 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n'), 'markdown'))).toBeLessThanOrEqual(8 * 2 + 1);
    // Inline: at most 16 open marks at once.
    expect(depth(parse('*a '.repeat(5_000) + 'b' + '*'.repeat(5_000), 'markdown'))).toBeLessThanOrEqual(1 + 16);
    expect(depth(parse('[a'.repeat(5_000) + '](https://a.org)'.repeat(5_000), 'markdown'))).toBeLessThanOrEqual(1 + 16);
  });

  describe('takes work in proportion to the text (counted, not timed)', () => {
    afterEach(() => vi.restoreAllMocks());
    /**
     * Characters the parser's scans pass over: each regular-expression exec (test, replace and split
     * call it too) from where it starts to where its match ends, or to the end of the text when it
     * finds none (a sticky one: where it tried); each indexOf likewise. A scan repeated over the
     * same text adds up here.
     */
    function countScans() {
      const exec = RegExp.prototype.exec;
      const indexOf = String.prototype.indexOf;
      const seen = { chars: 0 };
      vi.spyOn(RegExp.prototype, 'exec').mockImplementation(function (this: RegExp, text: string) {
        const from = this.global || this.sticky ? this.lastIndex : 0;
        const match = exec.call(this, text);
        // A sticky expression tries one place only.
        const end = match ? match.index + match[0].length : this.sticky ? from : String(text).length;
        seen.chars += Math.max(1, end - from);
        return match;
      });
      vi.spyOn(String.prototype, 'indexOf').mockImplementation(function (this: string, search: string, from = 0) {
        const found = indexOf.call(this, search, from);
        seen.chars += Math.max(1, (found < 0 ? this.length : found + search.length) - from);
        return found;
      });
      return seen;
    }
    const PATHOLOGICAL: [string, (n: number) => string][] = [
      ['unclosed backticks of many lengths', (n) => Array.from({ length: n }, (_, i) => '`'.repeat((i % 20) + 1) + 'a').join(' ')],
      ['unclosed stars', (n) => '*a '.repeat(n)],
      ['unclosed brackets', (n) => '[a '.repeat(n)],
      ['brackets that never become links', (n) => '[a](b '.repeat(n)],
      ['quotes in quotes', (n) => Array.from({ length: n }, (_, i) => '> '.repeat(i % 12) + 'x').join('\n')],
      ['list items in list items', (n) => Array.from({ length: n }, (_, i) => '  '.repeat(i % 12) + '- x').join('\n')],
      ['fences that never close', (n) => '```\n'.repeat(n)],
    ];
    for (const [name, make] of PATHOLOGICAL) {
      it(name, () => {
        const seen = countScans();
        const work = (n: number) => {
          const text = make(n);
          seen.chars = 0;
          parse(text, 'markdown');
          return { chars: seen.chars, length: text.length };
        };
        const small = work(500);
        const large = work(5_000);
        // Ten times the text, at most about ten times the scanning (quadratic would be a hundred).
        expect(large.chars / small.chars).toBeLessThan(1.5 * (large.length / small.length));
      });
    }
  });
});
