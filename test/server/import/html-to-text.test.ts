import { describe, expect, it } from 'vitest';
import { parse, renderHtml } from '../../../src/core/format/index.ts';
import { decodeEntities, htmlToComment, htmlToText } from '../../../src/server/import/html-to-text.ts';

const collapse = { newlines: 'collapse' } as const;
const keep = { newlines: 'keep' } as const;

describe('HTML comment bodies as plain text', () => {
  it('makes paragraphs blank lines and <br> line breaks', () => {
    expect(htmlToText('<p>One</p><p>Two<br>three<br/>four</p>', collapse)).toBe('One\n\nTwo\nthree\nfour');
  });

  it('keeps a link’s words and its URL, and a bare link once', () => {
    expect(htmlToText('See <a href="https://a.example/x">this page</a>.', collapse)).toBe('See this page (https://a.example/x).');
    expect(htmlToText('<a href="https://a.example/x">https://a.example/x</a>', collapse)).toBe('https://a.example/x');
    expect(htmlToText('<a href="https://a.example/">a.example</a>', collapse)).toBe('a.example');
  });

  it('drops URLs that are not http(s), and scripts and styles entirely', () => {
    expect(htmlToText('<a href="javascript:alert(1)">click</a><script>alert(2)</script><style>p{}</style>', collapse)).toBe('click');
    expect(htmlToText('<img src="javascript:x" onerror="alert(1)" alt="pic">', collapse)).toBe('pic');
  });

  it('decodes entities and leaves no markup', () => {
    expect(htmlToText('Fish &amp; chips &lt;3 &#8217;s &nbsp;<b>bold</b> <em>it</em>', collapse)).toBe('Fish & chips <3 ’s \u00a0bold it');
  });

  it('keeps the author’s own newlines when they are WordPress’s, and collapses them when they are HTML’s', () => {
    const body = 'line one\nline two\n\nnext <b>paragraph</b>';
    expect(htmlToText(body, keep)).toBe('line one\nline two\n\nnext paragraph');
    expect(htmlToText(body, collapse)).toBe('line one line two next paragraph');
  });

  it('keeps preformatted text as it is', () => {
    expect(htmlToText('<pre>a  b\n  c</pre>', collapse)).toBe('a  b\n  c');
  });

  it('leaves plain text (no tags, no entities) exactly as given', () => {
    expect(htmlToText('a < b and c > d', keep)).toBe('a < b and c > d');
  });

  it('decodes entities in names without reading tags', () => {
    expect(decodeEntities('Ping 1 &laquo; What&#8217;s a <b>tellyworth</b>?')).toBe('Ping 1 « What’s a <b>tellyworth</b>?');
  });
});

describe('htmlToComment: WordPress HTML as markdown where markdown keeps it (issue 20 bug 7)', () => {
  const keep = { newlines: 'keep' as const };
  const shown = (html: string) => {
    const { text, format } = htmlToComment(html, keep);
    return renderHtml(parse(text, format));
  };

  it('writes a link as [words](URL), bold and italic as marks, and says markdown', () => {
    expect(htmlToComment('First with <strong>bold</strong> & <em>this</em>.\n\nSecond, with a <a href="https://example.org/x">link</a>.\nA new line.', keep)).toEqual({
      text: 'First with **bold** & *this*.\n\nSecond, with a [link](https://example.org/x).\nA new line.',
      format: 'markdown',
    });
  });

  it('escapes every other markdown character, so the comment shows the characters its reader saw', () => {
    const html = 'a *star*, `tick`, [square] and \\ at <a href="https://x.org">x</a>\n> not a quote\n- not a list\n1. not numbered';
    const { text, format } = htmlToComment(html, keep);
    expect(format).toBe('markdown');
    expect(shown(html)).toBe(
      '<p dir="auto">a *star*, `tick`, [square] and \\ at <a href="https://x.org" rel="nofollow ugc noopener" target="_blank">x</a><br>&gt; not a quote<br>- not a list<br>1. not numbered</p>',
    );
    expect(text).toContain('\\*star\\*');
  });

  it('keeps a URL with unbalanced parentheses a link, and a link whose words are its URL a bare URL', () => {
    expect(htmlToComment('<a href="https://x.org/a)b">odd</a> and <a href="https://y.org/">https://y.org/</a>', keep).text).toBe('[odd](https://x.org/a%29b) and https://y.org/');
  });

  it('leaves a comment without links, bold or italic plain, exactly as before', () => {
    expect(htmlToComment('Just *text* with <code>code</code> &amp; an entity', keep)).toEqual({ text: 'Just *text* with code & an entity', format: 'plain' });
    expect(htmlToComment('<a href="javascript:alert(1)">bad</a>', keep)).toEqual({ text: 'bad', format: 'plain' });
  });
});
