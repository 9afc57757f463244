// The article cache part's contract (src/server/store/articles.ts).
// Not a test file itself: test/server/store/{memory,sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import { type StoreFactory, useStore } from './context.ts';

export function articlesContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: article cache`, () => {
    const t = useStore(factory);

    it('caches articles by URL', async () => {
      expect(await t.store.articles.get('https://a.example/x')).toBeNull();
      await t.store.articles.put('https://a.example/x', { text: 'Body', fetchedAt: 5 });
      await t.store.articles.put('https://a.example/x', { text: 'Newer', fetchedAt: 6 });
      expect(await t.store.articles.get('https://a.example/x')).toEqual({ text: 'Newer', fetchedAt: 6 });
      await t.store.articles.remove('https://a.example/x');
      expect(await t.store.articles.get('https://a.example/x')).toBeNull();
    });

    it('prunes to the most recently fetched entries, and lists entries by key prefix', async () => {
      for (let i = 1; i <= 6; i++) await t.store.articles.put(i % 2 ? `/t/${i}` : `!failed /t/${i}`, { text: `T${i}`, fetchedAt: i * 10 });
      expect(await t.store.articles.listPrefix('!failed ', 10)).toEqual([
        { key: '!failed /t/6', text: 'T6', fetchedAt: 60 },
        { key: '!failed /t/4', text: 'T4', fetchedAt: 40 },
        { key: '!failed /t/2', text: 'T2', fetchedAt: 20 },
      ]);
      expect(await t.store.articles.listPrefix('!failed ', 1)).toHaveLength(1);
      expect(await t.store.articles.prune(4)).toBe(2);
      expect(await t.store.articles.get('/t/1')).toBeNull();
      expect(await t.store.articles.get('!failed /t/2')).toBeNull();
      expect(await t.store.articles.get('/t/3')).toEqual({ text: 'T3', fetchedAt: 30 });
      expect(await t.store.articles.prune(4)).toBe(0);
    });
  });
}
