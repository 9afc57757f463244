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

  it('is off at 0 and for edits', async () => {
    const store = createMemoryStore();
    expect(await rateLimit(ctx({ store, postsPerMinute: 0 }))).toBeNull();
    for (let i = 0; i < 3; i++) expect(await rateLimit(ctx({ store, postsPerMinute: 1, kind: 'edit' }))).toBeNull();
  });
});
