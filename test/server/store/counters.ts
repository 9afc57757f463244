// The counters part's contract (src/server/store/counters.ts): rate limits in fixed windows.
// Not a test file itself: test/server/store/{memory,sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import { type StoreFactory, useStore } from './context.ts';

export function countersContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: counters`, () => {
    const t = useStore(factory);

    it('counts hits per key in fixed windows', async () => {
      expect(await t.store.counters.hit('k', 60, 60_000)).toBe(1);
      expect(await t.store.counters.hit('k', 60, 119_999)).toBe(2);
      expect(await t.store.counters.hit('other', 60, 119_999)).toBe(1);
      expect(await t.store.counters.hit('k', 60, 120_000)).toBe(1);
    });

    it('tells the current window\'s count without counting', async () => {
      expect(await t.store.counters.current('c', 60, 60_000)).toBe(0);
      await t.store.counters.hit('c', 60, 60_000);
      await t.store.counters.hit('c', 60, 61_000);
      expect(await t.store.counters.current('c', 60, 62_000)).toBe(2);
      expect(await t.store.counters.current('c', 60, 62_000)).toBe(2);
      expect(await t.store.counters.current('other', 60, 62_000)).toBe(0);
      // The next window starts empty.
      expect(await t.store.counters.current('c', 60, 120_000)).toBe(0);
    });
  });
}
