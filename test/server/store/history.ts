// The history part's contract (src/server/store/history.ts): what the moderation rules ask about earlier comments.
// Not a test file itself: test/server/store/{memory,sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import { ids, type StoreFactory, useStore } from './context.ts';

export function historyContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: history`, () => {
    const t = useStore(factory);

    it('gives the echo rule the newest comments of each status of a thread, with the thread version', async () => {
      expect(await t.store.history.recentTexts('/t', 2)).toEqual({ version: 0, rows: [] });
      const p1 = await t.add({ text: 'one' });
      const h1 = await t.add({ status: 'pending', text: 'two', email: 'Bo@Example.com' });
      const p2 = await t.add({ text: 'three' });
      const s1 = await t.add({ status: 'spam', text: 'four' });
      const p3 = await t.add({ text: 'five' });
      await t.add({ status: 'deleted', text: 'six' });
      await t.add({ thread: '/other', text: 'seven' });
      const recent = await t.store.history.recentTexts('/t', 2);
      expect(recent.version).toBe(await t.store.threads.version('/t'));
      expect(recent.rows).toEqual([
        { id: p3.id, seq: p3.seq, status: 'published', email: 'ada@example.com', text: 'five' },
        { id: p2.id, seq: p2.seq, status: 'published', email: 'ada@example.com', text: 'three' },
        { id: h1.id, seq: h1.seq, status: 'pending', email: 'Bo@Example.com', text: 'two' },
        { id: s1.id, seq: s1.seq, status: 'spam', email: 'ada@example.com', text: 'four' },
      ]);
      const since = await t.store.history.textsSince('/t', p1.seq, 10);
      expect(since.version).toBe(recent.version);
      expect(ids(since.rows)).toEqual([h1.id, p2.id, s1.id, p3.id]);
      expect(ids((await t.store.history.textsSince('/t', p1.seq, 2)).rows)).toEqual([h1.id, p2.id]);
      expect(await t.store.history.textsSince('/t', p3.seq + 100, 10)).toEqual({ version: recent.version, rows: [] });
      expect(await t.store.history.textsSince('/nothing', 0, 10)).toEqual({ version: 0, rows: [] });
      // An edit bumps the version without adding a comment: the echo cache's cue to rebuild.
      await t.store.comments.update(p1.id, { text: 'edited', editedAt: 2_000 });
      expect((await t.store.history.textsSince('/t', p3.seq, 10)).version).toBe(recent.version + 1);
    });

    it('finds duplicates by email or name with the same text in the same thread', async () => {
      const a = await t.add({ text: 'Same words', email: 'Ada@Example.com', name: 'Ada' });
      const ask = (over: object) => t.store.history.hasDuplicate({ thread: '/t', email: 'x@y.z', name: 'X', text: 'Same words', ...over });
      expect(await ask({ email: 'ada@example.com' })).toBe(true);
      expect(await ask({ name: 'Ada' })).toBe(true);
      expect(await ask({})).toBe(false);
      expect(await ask({ name: 'Ada', thread: '/other' })).toBe(false);
      expect(await ask({ name: 'Ada', text: 'Other words' })).toBe(false);
      expect(await ask({ name: 'Ada', exceptId: a.id })).toBe(false);
    });

    it('knows whether an author key has a published comment, and an address earns nothing', async () => {
      await t.add({ email: 'held@example.com', authorKey: 'key-held', status: 'pending' });
      await t.add({ email: 'shown@example.com', authorKey: 'key-shown' });
      await t.add({ email: 'shown@example.com' });
      expect(await t.store.history.hasPublishedByAuthor('key-shown')).toBe(true);
      expect(await t.store.history.hasPublishedByAuthor('key-held')).toBe(false);
      expect(await t.store.history.hasPublishedByAuthor('key-nobody')).toBe(false);
      const read = (await t.store.comments.listAll({ limit: 10 })).map((c) => c.authorKey);
      expect(read).toEqual(['key-held', 'key-shown', null]);
    });

    it('counts comments per client since a time', async () => {
      await t.add({ clientHash: 'h', createdAt: 1_000 });
      await t.add({ clientHash: 'h', createdAt: 5_000 });
      await t.add({ clientHash: 'other', createdAt: 5_000 });
      expect(await t.store.history.countByClient('h', 2_000)).toBe(1);
      expect(await t.store.history.countByClient('h', 0)).toBe(2);
    });
  });
}
