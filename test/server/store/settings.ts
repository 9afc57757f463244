// The settings part's contract (src/server/store/settings.ts): the server secret, made once.
// Not a test file itself: test/server/store/{memory,sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import { type StoreFactory, useStore } from './context.ts';

export function settingsContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: settings`, () => {
    const t = useStore(factory);

    it('creates the secret once and returns the same one afterwards', async () => {
      const first = await t.store.settings.secret(() => 'one');
      expect(first).toBe('one');
      expect(await t.store.settings.secret(() => 'two')).toBe('one');
    });
  });
}
