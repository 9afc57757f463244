// The votes part's contract (src/server/store/votes.ts): one vote per voter and comment, counts
// and best order kept with it, the thread's version moved by a change. Not a test file itself:
// {memory,sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE, SITE_MARK, siteScope } from '../../../src/server/store/sites.ts';
import type { StoredVote } from '../../../src/server/store/store.ts';
import { draft, ids, type StoreFactory, useStore } from './context.ts';

const byVoter = (list: StoredVote[]) => [...list].sort((a, b) => (a.voter < b.voter ? -1 : 1));

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

    it('lists the votes of given comments for an export: hashes, values and times, any status, one site\'s only', async () => {
      const a = await t.add();
      const b = await t.add();
      const quiet = await t.add();
      const other = await t.add({ thread: `blog${SITE_MARK}/t` });
      await t.store.votes.cast({ comment: a.id, voter: 'h1', value: 1, now: 10 });
      await t.store.votes.cast({ comment: a.id, voter: 'h2', value: -1, now: 20 });
      await t.store.votes.cast({ comment: a.id, voter: 'h3', value: 1, now: 30 });
      await t.store.votes.cast({ comment: a.id, voter: 'h3', value: 0, now: 31 });
      await t.store.votes.cast({ comment: b.id, voter: 'h1', value: 1, now: 40 });
      await t.store.votes.cast({ comment: other.id, voter: 'h1', value: 1, now: 50 });
      // A comment held after it was voted on keeps its votes (and its counts): they are exported too.
      await t.store.comments.setStatus([b.id], 'pending');
      const found = await t.store.votes.listOf([a.id, b.id, quiet.id, other.id, 'missing']);
      expect([...found.keys()].sort()).toEqual([a.id, b.id, other.id].sort());
      expect(byVoter(found.get(a.id)!)).toEqual([{ voter: 'h1', value: 1, at: 10 }, { voter: 'h2', value: -1, at: 20 }]);
      expect(found.get(b.id)).toEqual([{ voter: 'h1', value: 1, at: 40 }]);
      expect([...(await t.store.votes.listOf([a.id, other.id], siteScope('blog'))).keys()]).toEqual([other.id]);
      expect([...(await t.store.votes.listOf([a.id, other.id], siteScope(DEFAULT_SITE))).keys()]).toEqual([a.id]);
      expect((await t.store.votes.listOf([])).size).toBe(0);
    });

    it('restores an imported comment\'s votes with it: counts, best order, and one vote per voter after', async () => {
      const plain = await t.add({ createdAt: 1 });
      const version = await t.store.threads.version('/t');
      const votes = [{ voter: 'h1', value: 1 as const, at: 5 }, { voter: 'h2', value: 1 as const, at: 6 }, { voter: 'h3', value: -1 as const, at: 7 }];
      expect(await t.store.comments.insertMany([draft({ id: 'voted', createdAt: 2, votes }), draft({ id: 'none', createdAt: 3, votes: [] })])).toEqual({ created: 2, existing: 0 });
      expect(await t.store.comments.get('voted')).toMatchObject({ votesUp: 2, votesDown: 1 });
      expect(await t.store.comments.get('none')).toMatchObject({ votesUp: 0, votesDown: 0 });
      expect(await t.store.threads.version('/t')).toBeGreaterThan(version);
      expect(byVoter((await t.store.votes.listOf(['voted'])).get('voted')!)).toEqual(votes);
      expect(ids(await t.store.threads.listRoots('/t', { limit: 10, sort: 'best' }))).toEqual(['voted', plain.id, 'none']);
      // The same voter again replaces its vote instead of adding one.
      expect((await t.store.votes.cast({ comment: 'voted', voter: 'h1', value: 1, now: 8 }))!.votes).toEqual({ up: 2, down: 1 });
      expect((await t.store.votes.cast({ comment: 'voted', voter: 'h3', value: 1, now: 9 }))!.votes).toEqual({ up: 3, down: 0 });
      // Imported again: the comment is there, so it keeps the votes it has now.
      expect(await t.store.comments.insertMany([draft({ id: 'voted', createdAt: 2, votes })])).toEqual({ created: 0, existing: 1 });
      expect(await t.store.comments.get('voted')).toMatchObject({ votesUp: 3, votesDown: 0 });
      expect((await t.store.votes.listOf(['voted'])).get('voted')).toHaveLength(3);
    });

    it('restores votes all or nothing: a voter twice in one comment refuses the whole batch', async () => {
      const twice = [{ voter: 'h1', value: 1 as const, at: 5 }, { voter: 'h1', value: -1 as const, at: 6 }];
      await expect(t.store.comments.insertMany([draft({ id: 'fine', votes: [{ voter: 'h9', value: 1, at: 1 }] }), draft({ id: 'twice', votes: twice })])).rejects.toThrow();
      expect(await t.store.comments.get('fine')).toBeNull();
      expect((await t.store.votes.listOf(['fine', 'twice'])).size).toBe(0);
    });

    it('gives a re-imported comment its file\'s votes, not the rows an erased comment left under its id', async () => {
      const gone = await t.add({ id: 'gone', email: 'eve@example.com' });
      await t.store.votes.cast({ comment: gone.id, voter: 'old', value: 1, now: 1 });
      expect(await t.store.readers.erase('eve@example.com', [gone.id])).toBe(1);
      expect(await t.store.comments.get('gone')).toBeNull();
      await t.store.comments.insertMany([draft({ id: 'gone', votes: [{ voter: 'new', value: -1, at: 2 }] })]);
      expect(await t.store.comments.get('gone')).toMatchObject({ votesUp: 0, votesDown: 1 });
      expect((await t.store.votes.listOf(['gone'])).get('gone')).toEqual([{ voter: 'new', value: -1, at: 2 }]);
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
