// Issue 14 item 16: a figure names what was measured. The write bench's article (bench/writes.mjs)
// is called "N-word": its paragraphs must be distinct (the echo rule keeps a repeated sentence
// once, so a repeated article measured a third of its name: "2,879 words" compared 957), and N
// must be what the article has. The README gives one import speed, not two.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript bench module, without types.
import { articleWords, longArticle } from '../../bench/writes.mjs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the figures the README and the benches name', () => {
  it('names the write bench\'s article by the words it really has, none repeated', () => {
    const article = longArticle() as { title: string; paragraphs: string[] };
    expect(new Set(article.paragraphs).size).toBe(article.paragraphs.length);
    const words = [...new Set([article.title, ...article.paragraphs])].join(' ').split(/\s+/).filter(Boolean).length;
    expect(articleWords(article)).toBe(words);
    expect(words).toBeGreaterThanOrEqual(2000);
  });

  it('gives one import speed in the README', () => {
    const speeds = [...readme.matchAll(/([\d,]+) comments(?:\/s|\s+a\s+second)/g)].map((m) => m[1]);
    expect(speeds.length).toBeGreaterThan(0);
    expect(new Set(speeds).size).toBe(1);
  });
});
