// The site owner's part of the comments and threads parts (issue 16 item 4): comments the owner
// posted (the badge), and pins: at most `limit` published top-level comments a thread, listed in
// the order they were pinned and left out of listRoots, unpinned when they stop being published.
// Not a test file itself: test/server/store/{memory,sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import { forSite } from '../../../src/server/store/for-site.ts';
import { PIN_LIMIT } from '../../../src/server/store/store.ts';
import { draft, ids, type StoreFactory, useStore } from './context.ts';

export function pinsContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: the owner's comments and pins`, () => {
    const t = useStore(factory);
    const pin = (id: string, at = 1_000) => t.store.comments.pin(id, { pinned: true, at, limit: PIN_LIMIT });
    const unpin = (id: string) => t.store.comments.pin(id, { pinned: false, at: 9_999, limit: PIN_LIMIT });

    it('keeps whether the owner wrote a comment; a new comment is nobody\'s but its author\'s', async () => {
      const mine = await t.add({ owner: true });
      const theirs = await t.add();
      expect((await t.store.comments.get(mine.id))!.owner).toBe(true);
      expect((await t.store.comments.get(theirs.id))!).toMatchObject({ owner: false, pinnedAt: null });
      expect(mine.owner).toBe(true);
    });

    it('keeps the owner\'s flag, the pin and a Webmention\'s kind an import gives (a Parley export\'s, checked by the importer), and none it does not', async () => {
      await t.store.comments.insertMany([
        draft({ id: 'imp-1', owner: true }),
        draft({ id: 'imp-2', pinnedAt: 7_000 }),
        draft({ id: 'imp-3' }),
        draft({ id: 'imp-4', thread: '/m', mention: 'reply', source: 'https://elsewhere.example/post' }),
      ]);
      expect(await t.store.comments.get('imp-1')).toMatchObject({ owner: true, pinnedAt: null, mention: null, source: null });
      expect(await t.store.comments.get('imp-2')).toMatchObject({ owner: false, pinnedAt: 7_000 });
      expect(await t.store.comments.get('imp-3')).toMatchObject({ owner: false, pinnedAt: null });
      expect(await t.store.comments.get('imp-4')).toMatchObject({ owner: false, pinnedAt: null, mention: 'reply', source: 'https://elsewhere.example/post' });
      expect(ids(await t.store.threads.listPinned('/t'))).toEqual(['imp-2']);
      expect(ids(await t.store.threads.listRoots('/t', { limit: 10, sort: 'oldest' }))).toEqual(['imp-1', 'imp-3']);
    });

    it('never pins or makes the owner\'s a comment posted through insert', async () => {
      const posted = await t.add({ pinnedAt: 7_000 });
      expect(await t.store.comments.get(posted.id)).toMatchObject({ owner: false, pinnedAt: null });
    });

    it('pins in order, leaves pinned roots out of listRoots in every sort, and moves the version only on a change', async () => {
      const [a, b, c, d] = [await t.add(), await t.add(), await t.add(), await t.add()];
      await t.add({ thread: '/other' });
      const v0 = await t.store.threads.version('/t');
      // Pinned at the same moment: still kept in the order they were pinned.
      const first = await pin(c.id, 5_000);
      expect(first).toMatchObject({ ok: true, changed: true, comment: { id: c.id, pinnedAt: 5_000 } });
      expect(await pin(a.id, 5_000)).toMatchObject({ ok: true, changed: true });
      const v1 = await t.store.threads.version('/t');
      expect(v1).toBeGreaterThan(v0);
      expect(ids(await t.store.threads.listPinned('/t'))).toEqual([c.id, a.id]);
      const [pc, pa] = await t.store.threads.listPinned('/t');
      expect(pa!.pinnedAt!).toBeGreaterThan(pc!.pinnedAt!);
      expect(await t.store.threads.listPinned('/other')).toEqual([]);
      for (const sort of ['oldest', 'newest', 'best'] as const) {
        const roots = ids(await t.store.threads.listRoots('/t', { limit: 10, sort }));
        expect(roots.sort()).toEqual([b.id, d.id].sort());
      }
      // Pinned again: nothing changes, not even the version.
      expect(await pin(c.id, 6_000)).toMatchObject({ ok: true, changed: false, comment: { pinnedAt: 5_000 } });
      expect(await t.store.threads.version('/t')).toBe(v1);
      expect(await unpin(c.id)).toMatchObject({ ok: true, changed: true, comment: { pinnedAt: null } });
      expect(await t.store.threads.version('/t')).toBeGreaterThan(v1);
      expect(ids(await t.store.threads.listPinned('/t'))).toEqual([a.id]);
      expect(ids(await t.store.threads.listRoots('/t', { limit: 10, sort: 'oldest' }))).toEqual([b.id, c.id, d.id]);
      expect((await unpin(c.id)).ok).toBe(true);
    });

    it(`refuses a pin past ${PIN_LIMIT}, on a reply, on a comment that is not published, and on none`, async () => {
      const roots = [await t.add(), await t.add(), await t.add(), await t.add()];
      const reply = await t.reply(roots[0]!);
      const held = await t.add({ status: 'pending' });
      for (const [i, r] of roots.slice(0, PIN_LIMIT).entries()) expect((await pin(r.id, 100 + i)).ok).toBe(true);
      const version = await t.store.threads.version('/t');
      const refused = await pin(roots[3]!.id);
      expect(refused).toMatchObject({ ok: false, refused: 'limit' });
      expect(refused.ok === false && refused.refused === 'limit' && ids(refused.pinned)).toEqual(ids(roots.slice(0, PIN_LIMIT)));
      expect(await pin(reply.id)).toEqual({ ok: false, refused: 'reply' });
      expect(await pin(held.id)).toEqual({ ok: false, refused: 'not_published' });
      expect(await pin('missing')).toEqual({ ok: false, refused: 'not_found' });
      expect(await t.store.threads.version('/t')).toBe(version);
      expect((await t.store.comments.get(roots[3]!.id))!.pinnedAt).toBeNull();
      expect(ids(await t.store.threads.listPinned('/t'))).toEqual(ids(roots.slice(0, PIN_LIMIT)));
    });

    it('keeps the pins of /about on two sites apart (many sites on one store)', async () => {
      const [a, b] = [forSite(t.store, 'a'), forSite(t.store, 'b')];
      const onA = (await a.comments.insert(draft({ thread: '/about' }))).comment;
      const onB = [];
      for (let i = 0; i < PIN_LIMIT; i++) onB.push((await b.comments.insert(draft({ thread: '/about' }))).comment);
      for (const c of onB) expect((await b.comments.pin(c.id, { pinned: true, at: 1, limit: PIN_LIMIT })).ok).toBe(true);
      // b's three pins leave a's /about room for its own, and a cannot pin b's comment.
      expect(await a.comments.pin(onA.id, { pinned: true, at: 1, limit: PIN_LIMIT })).toMatchObject({ ok: true, comment: { thread: '/about', pinnedAt: 1 } });
      expect(await a.comments.pin(onB[0]!.id, { pinned: false, at: 1, limit: PIN_LIMIT })).toEqual({ ok: false, refused: 'not_found' });
      expect(ids(await a.threads.listPinned('/about'))).toEqual([onA.id]);
      expect(ids(await b.threads.listPinned('/about'))).toEqual(ids(onB));
      expect((await b.threads.listPinned('/about'))[0]!.thread).toBe('/about');
    });

    it('unpins a comment marked as spam, deleted or held, and does not pin it again when it is approved', async () => {
      const [a, b, c] = [await t.add(), await t.add(), await t.add()];
      for (const r of [a, b, c]) await pin(r.id);
      expect(await t.store.comments.setStatus([a.id], 'spam')).toBe(1);
      await t.store.comments.setStatus([b.id], 'deleted');
      await t.store.comments.update(c.id, { status: 'pending' });
      expect(await t.store.threads.listPinned('/t')).toEqual([]);
      await t.store.comments.setStatus([a.id, b.id, c.id], 'published');
      expect(await t.store.threads.listPinned('/t')).toEqual([]);
      for (const r of [a, b, c]) expect((await t.store.comments.get(r.id))!.pinnedAt).toBeNull();
      // An edit of a published pinned comment keeps its pin.
      await pin(a.id);
      await t.store.comments.update(a.id, { text: 'edited', editedAt: 2 });
      expect(ids(await t.store.threads.listPinned('/t'))).toEqual([a.id]);
    });
  });
}
