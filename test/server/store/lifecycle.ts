// What every store does as a whole: answer a ping while open.
// Not a test file itself: test/server/store/{memory,sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import { type StoreFactory, useStore } from './context.ts';

export function lifecycleContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: lifecycle`, () => {
    const t = useStore(factory);

    it('answers a ping while open', async () => {
      await expect(t.store.ping()).resolves.toBeUndefined();
    });
  });
}
