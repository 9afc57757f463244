import { describe, expect, it } from 'vitest';
import { countLinks, links } from '../../../src/server/moderation/links.ts';
import { ctx } from './context.ts';

describe('links rule', () => {
  it('counts http(s) links and bare domains, not emails, file names or decimals', () => {
    expect(countLinks('see https://a.example/x?y=1 and http://b.example')).toBe(2);
    expect(countLinks('cheap pills at pills.com and www.casino.ru/win today')).toBe(2);
    expect(countLinks('Write to me@mail.com; Node.js 3.5 and README.md, e.g. v1.2')).toBe(0);
    expect(countLinks('no links at all, just words. Really.')).toBe(0);
  });

  it('holds a comment with more links than --max-links, counting the website too', () => {
    const text = 'https://a.example https://b.example';
    expect(links(ctx({ draft: { text, website: 'https://me.example' } }))).toEqual({ rule: 'links', verdict: 'hold', message: '3 links (more than 2)' });
    expect(links(ctx({ maxLinks: 0, draft: { text: 'see spam.com' } }))).toMatchObject({ verdict: 'hold', message: '1 link (more than 0)' });
  });

  it('tells the moderator how many links a passing comment has, and stays quiet without any', () => {
    expect(links(ctx({ draft: { text: 'https://a.example and b.org' } }))).toEqual({ rule: 'links', verdict: 'publish', message: '2 links' });
    expect(links(ctx({ draft: { text: 'Just words.' } }))).toBeNull();
  });
});
