// The votes part's contract (src/server/store/votes.ts): one vote per voter and comment, counts
// and best order kept with it, the thread's version moved by a change. Not a test file itself:
// {memory,sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import { ids, type StoreFactory, useStore } from './context.ts';

export function votesContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: votes`, () => {
    const t = useStore(factory);

    it('keeps one vote per voter, counts up and down, takes one back, and moves the version only on a change', async () => {
      const c = await t.add();
      const v0 = await t.store.threads.version('/t');
      expect(await t.store.votes.cast({ comment: c.id, voter: 'a', value: 1, now: 1 })).toEqual({ thread: '/t', votes: { up: 1, down: 0 } });
      const v1 = await t.store.threads.version('/t');
      expect(v1).toBeGreaterThan(v0);
      expect(await t.store.votes.cast({ comment: c.id, voter: 'a', value: 1, now: 2 })).toEqual({ thread: '/t', votes: { up: 1, down: 0 } });
      expect(await t.store.threads.version('/t')).toBe(v1);
      expect((await t.store.votes.cast({ comment: c.id, voter: 'a', value: -1, now: 3 }))!.votes).toEqual({ up: 0, down: 1 });
      expect((await t.store.votes.cast({ comment: c.id, voter: 'b', value: 1, now: 4 }))!.votes).toEqual({ up: 1, down: 1 });
      expect((await t.store.votes.cast({ comment: c.id, voter: 'a', value: 0, now: 5 }))!.votes).toEqual({ up: 1, down: 0 });
      expect(await t.store.comments.get(c.id)).toMatchObject({ votesUp: 1, votesDown: 0 });
    });

    it('takes no vote on a comment that is not published', async () => {
      const held = await t.add({ status: 'pending' });
      expect(await t.store.votes.cast({ comment: held.id, voter: 'a', value: 1, now: 1 })).toBeNull();
      expect(await t.store.votes.cast({ comment: 'missing', voter: 'a', value: 1, now: 1 })).toBeNull();
      expect(await t.store.comments.get(held.id)).toMatchObject({ votesUp: 0, votesDown: 0 });
    });

    it('lists roots best first (Wilson lower bound), ties oldest first, paged by position', async () => {
      const [a, b, c, d] = [await t.add(), await t.add(), await t.add(), await t.add()];
      for (const voter of ['1', '2', '3']) await t.store.votes.cast({ comment: c.id, voter, value: 1, now: 1 });
      await t.store.votes.cast({ comment: b.id, voter: '1', value: 1, now: 1 });
      await t.store.votes.cast({ comment: d.id, voter: '1', value: -1, now: 1 });
      expect(ids(await t.store.threads.listRoots('/t', { limit: 10, sort: 'best' }))).toEqual([c.id, b.id, a.id, d.id]);
      expect(ids(await t.store.threads.listRoots('/t', { limit: 2, afterSeq: 2, sort: 'best' }))).toEqual([a.id, d.id]);
    });
  });
}
