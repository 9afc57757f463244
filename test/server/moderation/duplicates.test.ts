import { describe, expect, it } from 'vitest';
import { duplicates } from '../../../src/server/moderation/duplicates.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';
import { ctx } from './context.ts';

describe('duplicates rule', () => {
  it('refuses the same text from the same author in the same thread with 409 duplicate', async () => {
    const store = createMemoryStore();
    await store.comments.insert({
      id: 'c1', thread: '/a', parent: null, root: 'c1', status: 'pending', name: 'Ada', email: 'ada@example.com', website: null, avatar: 'x',
      text: 'Hello there', createdAt: 0, editedAt: null, clientHash: null, reasons: [], idempotencyKey: null, fingerprint: null,
    });
    expect(await duplicates(ctx({ store }))).toMatchObject({ rule: 'duplicates', verdict: 'reject', code: 'duplicate' });
    expect(await duplicates(ctx({ store, draft: { name: 'Ada', email: 'other@example.com' } }))).toMatchObject({ verdict: 'reject' });
    expect(await duplicates(ctx({ store, draft: { thread: '/b' } }))).toBeNull();
    expect(await duplicates(ctx({ store, draft: { name: 'Bob', email: 'bob@example.com' } }))).toBeNull();
    expect(await duplicates(ctx({ store, draft: { text: 'Something else' } }))).toBeNull();
    // Editing the comment itself is not a duplicate of itself.
    expect(await duplicates(ctx({ store, kind: 'edit', commentId: 'c1' }))).toBeNull();
  });
});
