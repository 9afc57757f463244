import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { threadIdFromUrl } from '../../src/core/thread-id.ts';

describe('threadIdFromUrl', () => {
  it('keeps the path and drops the origin and the fragment', () => {
    expect(threadIdFromUrl('https://example.com/world/story#comment-3')).toBe('/world/story');
  });
  it('treats a trailing slash as the same thread', () => {
    expect(threadIdFromUrl('https://example.com/a/')).toBe('/a');
    expect(threadIdFromUrl('https://example.com/a')).toBe('/a');
    expect(threadIdFromUrl('https://example.com/')).toBe('/');
  });
  it('removes tracking parameters but keeps the ones that choose the page', () => {
    expect(threadIdFromUrl('https://example.com/?p=4&utm_source=x&utm_medium=y&fbclid=1&gclid=2&mc_cid=3&ref=hn')).toBe('/?p=4');
    expect(threadIdFromUrl('https://example.com/?p=4')).not.toBe(threadIdFromUrl('https://example.com/?p=5'));
  });
  it('resolves relative URLs against the base', () => {
    expect(threadIdFromUrl('/b/?utm_campaign=z', 'https://example.com/a')).toBe('/b');
  });

  it('is idempotent and ignores any tracking suffix (property)', () => {
    const segment = fc.stringMatching(/^[a-z0-9-]{1,8}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 0, maxLength: 4 }), fc.boolean(), fc.stringMatching(/^[a-z0-9]{0,6}$/), (parts, slash, tracker) => {
        const path = `/${parts.join('/')}${slash && parts.length ? '/' : ''}`;
        const id = threadIdFromUrl(`https://example.com${path}`);
        expect(threadIdFromUrl(`https://example.com${id}`)).toBe(id);
        expect(threadIdFromUrl(`https://example.com${path}?utm_source=${tracker}#x`)).toBe(id);
        expect(id === '/' || !id.endsWith('/')).toBe(true);
      }),
    );
  });
});
