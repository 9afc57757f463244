import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../../src/server/import/html-to-text.ts';

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
