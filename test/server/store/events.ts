// The events part's contract (src/server/store/events.ts): an announcement reaches every listener
// of the store, once, and a listener that stopped hears nothing more. Across instances on
// PostgreSQL: postgres.test.ts. Not a test file itself: {memory,sqlite,postgres}.test.ts run it.
import { describe, expect, it } from 'vitest';
import type { PublishedEvent } from '../../../src/server/store/store.ts';
import { type StoreFactory, useStore } from './context.ts';

export function eventsContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: events`, () => {
    const t = useStore(factory);

    it('tells every listener of a published comment, once each, until it stops listening', async () => {
      const heard: [string, PublishedEvent][] = [];
      const arrived = (count: number) => expect.poll(() => heard.length, { timeout: 5_000 }).toBe(count);
      const stopA = t.store.events.listen((e) => void heard.push(['a', e]));
      const stopB = t.store.events.listen((e) => void heard.push(['b', e]));
      // PostgreSQL's listener connects on the first listen; an announcement before that is not heard.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await t.store.events.announce({ thread: '/t', id: 'c1' });
      await arrived(2);
      expect(heard.sort()).toEqual([
        ['a', { thread: '/t', id: 'c1' }],
        ['b', { thread: '/t', id: 'c1' }],
      ]);
      stopA();
      await t.store.events.announce({ thread: '/u', id: 'c2' });
      await arrived(3);
      expect(heard[2]).toEqual(['b', { thread: '/u', id: 'c2' }]);
      stopB();
    });
  });
}
