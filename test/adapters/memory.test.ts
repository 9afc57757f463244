import { describe, expect, it } from 'vitest';
import { BackendError } from '../../src/adapters/backend.ts';
import { createMemoryBackend, type MemoryRow } from '../../src/adapters/memory.ts';
import { draft, runBackendContract } from './contract.ts';

runBackendContract('memory', ({ holdAll }) => createMemoryBackend(holdAll ? { moderate: () => 'held' } : {}), { replies: true, edit: true, remove: true, counts: true, formToken: false });

describe('createMemoryBackend', () => {
  it('keeps its state in the rows array it is given', async () => {
    const rows: MemoryRow[] = [];
    const posted = await createMemoryBackend({ rows }).post(draft('/t'));
    expect(rows.map((r) => r.comment.id)).toEqual([posted.comment.id]);
    const again = createMemoryBackend({ rows });
    expect((await again.list('/t')).comments).toEqual([posted.comment]);
  });
});

describe('createMemoryBackend with votes (issue 16)', () => {
  const voter = (n: number) => `voter-key-${String(n).padStart(8, '0')}`;

  it('says what votes it takes, counts one vote per voter, and takes a vote back with 0', async () => {
    const backend = createMemoryBackend({ votes: 'up' });
    const { comment } = await backend.post(draft('/t'));
    const page = await backend.list('/t');
    expect(page.thread.votes).toBe('up');
    expect(page.comments[0]!.votes).toEqual({ up: 0, down: 0 });
    expect(await backend.vote!(comment.id, { value: 1, voter: voter(1) })).toEqual({ votes: { up: 1, down: 0 } });
    expect(await backend.vote!(comment.id, { value: 1, voter: voter(1) })).toEqual({ votes: { up: 1, down: 0 } });
    expect(await backend.vote!(comment.id, { value: 1, voter: voter(2) })).toEqual({ votes: { up: 2, down: 0 } });
    expect(await backend.vote!(comment.id, { value: 0, voter: voter(1) })).toEqual({ votes: { up: 1, down: 0 } });
    expect((await backend.list('/t')).comments[0]!.votes).toEqual({ up: 1, down: 0 });
  });

  it('refuses a down vote under `up`, a voter key the server would refuse, and an unknown comment', async () => {
    const backend = createMemoryBackend({ votes: 'up' });
    const { comment } = await backend.post(draft('/t'));
    const code = (p: Promise<unknown>) => p.then(() => 'answered', (e: BackendError) => e.code);
    expect(await code(backend.vote!(comment.id, { value: -1, voter: voter(1) }))).toBe('invalid');
    expect(await code(backend.vote!(comment.id, { value: 1, voter: 'short' }))).toBe('invalid');
    expect(await code(backend.vote!('nope', { value: 1, voter: voter(1) }))).toBe('not_found');
    const updown = createMemoryBackend({ votes: 'updown' });
    const posted = await updown.post(draft('/t'));
    expect(await updown.vote!(posted.comment.id, { value: -1, voter: voter(1) })).toEqual({ votes: { up: 0, down: 1 } });
  });

  it('has no votes unless asked: no vote method, no votes in its answers', async () => {
    for (const votes of [undefined, 'off'] as const) {
      const backend = createMemoryBackend({ votes });
      await backend.post(draft('/t'));
      expect(backend.vote).toBeUndefined();
      const page = await backend.list('/t');
      expect(page.thread.votes).toBeUndefined();
      expect(page.comments[0]!.votes).toBeUndefined();
    }
  });

  it('sorts best first by the Wilson lower bound of the votes, the oldest first among equals', async () => {
    const backend = createMemoryBackend({ votes: 'updown' });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await backend.post({ ...draft('/t'), text: `Comment ${i}`, idempotencyKey: `k${i}` })).comment.id);
    // 1: one up; 2: three up, one down; 3: one down; 0: none.
    await backend.vote!(ids[1]!, { value: 1, voter: voter(1) });
    for (const n of [1, 2, 3]) await backend.vote!(ids[2]!, { value: 1, voter: voter(n) });
    await backend.vote!(ids[2]!, { value: -1, voter: voter(4) });
    await backend.vote!(ids[3]!, { value: -1, voter: voter(1) });
    const order = (await backend.list('/t', { sort: 'best' })).comments.map((c) => ids.indexOf(c.id));
    expect(order).toEqual([2, 1, 0, 3]);
    expect((await backend.list('/t', { sort: 'oldest' })).comments.map((c) => ids.indexOf(c.id))).toEqual([0, 1, 2, 3]);
  });
});
