// The aliases part's contract (src/server/store/aliases.ts): `parley alias OLD NEW`.
// Not a test file itself: test/server/store/{memory,sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import { AliasError } from '../../../src/server/store/store.ts';
import { draft, ids, type StoreFactory, useStore } from './context.ts';

export function aliasesContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: aliases`, () => {
    const t = useStore(factory);

    it('moves a thread\'s comments to another thread with an alias, and resolves the old id to the new one', async () => {
      const old = [await t.add({ thread: '/old' }), await t.add({ thread: '/old', status: 'pending' })];
      const kept = await t.add({ thread: '/new' });
      const versions = [await t.store.threads.version('/old'), await t.store.threads.version('/new')];
      expect(await t.store.aliases.set('/old', '/new')).toEqual({ moved: 2 });
      expect((await t.store.comments.get(old[0]!.id))?.thread).toBe('/new');
      expect((await t.store.comments.get(old[1]!.id))?.thread).toBe('/new');
      expect(ids(await t.store.threads.listRoots('/new', { limit: 10, sort: 'oldest' }))).toEqual([old[0]!.id, kept.id]);
      // An alias is counted as the thread it stands for.
      expect(await t.store.threads.countPublished(['/old', '/new'])).toEqual({ '/old': 2, '/new': 2 });
      expect(await t.store.threads.version('/old')).toBeGreaterThan(versions[0]!);
      expect(await t.store.threads.version('/new')).toBeGreaterThan(versions[1]!);
      expect(await t.store.aliases.resolve(['/old', '/new', '/unknown', '/old'])).toEqual({ '/old': '/new', '/new': '/new', '/unknown': '/unknown' });
      expect(await t.store.aliases.resolve([])).toEqual({});
      expect(await t.store.aliases.list()).toEqual([{ from: '/old', to: '/new' }]);
      // An alias may be made before its thread has any comment.
      expect(await t.store.aliases.set('/never-used', '/new')).toEqual({ moved: 0 });
    });

    it('stores a comment that names an alias under its target, published or held', async () => {
      await t.store.aliases.set('/old', '/new');
      const before = await t.store.threads.version('/new');
      // What a post that resolved '/old' just before `parley alias` committed hands the t.store.
      const { comment, created } = await t.store.comments.insert(draft({ thread: '/old' }));
      expect(created).toBe(true);
      expect(comment.thread).toBe('/new');
      expect((await t.store.comments.get(comment.id))?.thread).toBe('/new');
      expect(await t.store.threads.listRoots('/old', { limit: 10, sort: 'oldest' })).toEqual([]);
      expect(await t.store.threads.countPublished(['/old', '/new'])).toEqual({ '/old': 1, '/new': 1 });
      expect(await t.store.threads.version('/new')).toBeGreaterThan(before);
      const held = await t.store.comments.insert(draft({ thread: '/old', status: 'pending' }));
      expect(held.comment.thread).toBe('/new');
    });

    it('re-points earlier aliases so they never chain', async () => {
      await t.add({ thread: '/a' });
      await t.add({ thread: '/b' });
      await t.store.aliases.set('/a', '/b');
      const aVersion = await t.store.threads.version('/a');
      expect(await t.store.aliases.set('/b', '/c')).toEqual({ moved: 2 });
      expect(await t.store.aliases.resolve(['/a', '/b', '/c'])).toEqual({ '/a': '/c', '/b': '/c', '/c': '/c' });
      expect(await t.store.aliases.list()).toEqual([
        { from: '/a', to: '/c' },
        { from: '/b', to: '/c' },
      ]);
      // /a now reads another thread, so its version moved although it holds no comment.
      expect(await t.store.threads.version('/a')).toBeGreaterThan(aVersion);
      expect((await t.store.threads.countPublished(['/c']))['/c']).toBe(2);
    });

    it('refuses an alias of a thread to itself or to another alias, and changes nothing', async () => {
      await t.add({ thread: '/x' });
      await expect(t.store.aliases.set('/x', '/x')).rejects.toThrow(AliasError);
      await t.store.aliases.set('/y', '/z');
      const refused = t.store.aliases.set('/x', '/y');
      await expect(refused).rejects.toThrow(AliasError);
      await expect(refused).rejects.toThrow(/\/z/);
      expect(await t.store.aliases.resolve(['/x', '/y'])).toEqual({ '/x': '/x', '/y': '/z' });
      expect((await t.store.threads.countPublished(['/x']))['/x']).toBe(1);
      // The reverse direction would make a loop, which is the same refusal.
      await expect(t.store.aliases.set('/z', '/y')).rejects.toThrow(AliasError);
    });
  });
}
