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
    });
  });
}
