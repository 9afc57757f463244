import { describe, expect, it } from 'vitest';
import { rateLimit } from '../../../src/server/moderation/rate-limit.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';
import { ctx, NOW } from './context.ts';

describe('rate-limit rule', () => {
  it('refuses the post past --posts-per-minute from one client with 429 and Retry-After, counted in the store', async () => {
    const store = createMemoryStore();
    const at = (clientHash: string) => ctx({ store, clientHash, postsPerMinute: 2, now: NOW + 20_000 });
    expect(await rateLimit(at('c1'))).toBeNull();
    expect(await rateLimit(at('c1'))).toBeNull();
    expect(await rateLimit(at('c1'))).toMatchObject({ rule: 'rate-limit', verdict: 'reject', code: 'rate_limited', headers: { 'Retry-After': '40' } });
    // Another client has its own count.
    expect(await rateLimit(at('c2'))).toBeNull();
  });

  it('is off at 0', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 3; i++) expect(await rateLimit(ctx({ store, postsPerMinute: 0 }))).toBeNull();
    for (let i = 0; i < 3; i++) expect(await rateLimit(ctx({ store, postsPerMinute: 0, kind: 'edit' }))).toBeNull();
  });

  it('limits edits too (issue 14), counted apart from posts with the same number', async () => {
    const store = createMemoryStore();
    const post = ctx({ store, postsPerMinute: 1, clientHash: 'c1' });
    const edit = ctx({ store, postsPerMinute: 1, clientHash: 'c1', kind: 'edit' });
    expect(await rateLimit(post)).toBeNull();
    // The post used the client's one post; its one edit is still there.
    expect(await rateLimit(edit)).toBeNull();
    expect(await rateLimit(edit)).toMatchObject({ rule: 'rate-limit', verdict: 'reject', code: 'rate_limited', message: expect.stringMatching(/^Too many edits/) });
    expect(await rateLimit(post)).toMatchObject({ verdict: 'reject', message: expect.stringMatching(/^Too many comments/) });
  });
});
