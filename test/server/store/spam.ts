// The spam part's contract (src/server/store/spam.ts): the learning filter's counts per site, and
// Akismet's client details with their purge. Not a test file itself: test/server/store/{memory,
// sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import { ALL_CLIENTS } from '../../../src/server/store/store.ts';
import { type StoreFactory, useStore } from './context.ts';

const plain = (features: Map<string, { ham: number; spam: number }>) => Object.fromEntries([...features].sort(([a], [b]) => (a < b ? -1 : 1)));

export function spamContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: spam`, () => {
    const t = useStore(factory);

    it('starts empty, at version 0', async () => {
      expect(await t.store.spam.version('site')).toBe(0);
      const model = await t.store.spam.model('site');
      expect({ ...model, features: plain(model.features) }).toEqual({ version: 0, ham: 0, spam: 0, features: {} });
    });

    it('counts each feature once per decision, by label, and moves the version', async () => {
      expect(await t.store.spam.learn('site', 'c1', 'spam', ['w:great', 'w:weir', 'w:great', 'rule:echo:spam'])).toBe(true);
      expect(await t.store.spam.learn('site', 'c2', 'spam', ['w:great'])).toBe(true);
      expect(await t.store.spam.learn('site', 'c3', 'ham', ['w:weir', 'w:salmon'])).toBe(true);
      const model = await t.store.spam.model('site');
      expect(model.ham).toBe(1);
      expect(model.spam).toBe(2);
      expect(model.version).toBe(3);
      expect(await t.store.spam.version('site')).toBe(3);
      expect(plain(model.features)).toEqual({
        'rule:echo:spam': { ham: 0, spam: 1 },
        'w:great': { ham: 0, spam: 2 },
        'w:salmon': { ham: 1, spam: 0 },
        'w:weir': { ham: 1, spam: 1 },
      });
    });

    it('takes a comment back when the moderator changes their mind, and ignores the same decision twice', async () => {
      await t.store.spam.learn('site', 'c1', 'spam', ['w:great', 'w:weir']);
      await t.store.spam.learn('site', 'c2', 'ham', ['w:weir']);
      expect(await t.store.spam.learn('site', 'c1', 'spam', ['w:other'])).toBe(false);
      expect(await t.store.spam.version('site')).toBe(2);
      expect(await t.store.spam.learn('site', 'c1', 'ham', ['w:great', 'w:weir'])).toBe(true);
      const model = await t.store.spam.model('site');
      expect([model.ham, model.spam, model.version]).toEqual([2, 0, 3]);
      // Counts at zero are gone, not kept as zeros.
      expect(plain(model.features)).toEqual({ 'w:great': { ham: 1, spam: 0 }, 'w:weir': { ham: 2, spam: 0 } });
    });

    it('keeps each site apart and resets one without going back in version', async () => {
      await t.store.spam.learn('a', 'c1', 'spam', ['w:x']);
      await t.store.spam.learn('a', 'c2', 'ham', ['w:y']);
      await t.store.spam.learn('b', 'c1', 'ham', ['w:x']);
      await t.store.spam.reset('a');
      const a = await t.store.spam.model('a');
      expect({ ham: a.ham, spam: a.spam, features: plain(a.features) }).toEqual({ ham: 0, spam: 0, features: {} });
      expect(a.version).toBe(3);
      const b = await t.store.spam.model('b');
      expect([b.ham, b.spam, plain(b.features)]).toEqual([1, 0, { 'w:x': { ham: 1, spam: 0 } }]);
      // After a reset the same comment counts again (its earlier decision was forgotten too).
      expect(await t.store.spam.learn('a', 'c1', 'spam', ['w:x'])).toBe(true);
      expect((await t.store.spam.model('a')).spam).toBe(1);
      // Resetting a site that learnt nothing is harmless.
      await t.store.spam.reset('never');
      expect(await t.store.spam.version('never')).toBe(0);
    });

    it('counts concurrent decisions without losing one', async () => {
      await Promise.all(Array.from({ length: 12 }, (_, i) => t.store.spam.learn('site', `c${i}`, i % 3 ? 'ham' : 'spam', ['w:shared', `w:own${i}`])));
      const model = await t.store.spam.model('site');
      expect([model.ham, model.spam, model.version]).toEqual([8, 4, 12]);
      expect(model.features.get('w:shared')).toEqual({ ham: 8, spam: 4 });
    });

    it('keeps client details until they are forgotten by age', async () => {
      await t.store.spam.keepClient('c1', { address: '203.0.113.9', userAgent: 'UA one', referrer: 'https://blog.example/a' }, 1_000);
      await t.store.spam.keepClient('c2', { address: '2001:db8::1', userAgent: 'UA two', referrer: '' }, 5_000);
      expect(await t.store.spam.client('c1')).toEqual({ address: '203.0.113.9', userAgent: 'UA one', referrer: 'https://blog.example/a', keptAt: 1_000 });
      expect(await t.store.spam.client('nope')).toBeNull();
      expect(await t.store.spam.forgetClients(5_000)).toBe(1);
      expect(await t.store.spam.client('c1')).toBeNull();
      expect((await t.store.spam.client('c2'))?.userAgent).toBe('UA two');
      expect(await t.store.spam.forgetClients(ALL_CLIENTS)).toBe(1);
      expect(await t.store.spam.client('c2')).toBeNull();
    });
  });
}
