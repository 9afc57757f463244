// The threads part's contract (src/server/store/threads.ts): what readers see of a thread, and its version.
// Not a test file itself: test/server/store/{memory,sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import type { Status } from '../../../src/core/types.ts';
import { draft, ids, type StoreFactory, useStore } from './context.ts';

export function threadsContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: threads`, () => {
    const t = useStore(factory);

    it('keeps a thread closed by hand and its article\'s date, each moving the version, and knows its first published comment', async () => {
      expect(await t.store.threads.closing('/t')).toEqual({ closedAt: null, publishedAt: null, firstAt: null });
      await t.add({ status: 'pending', createdAt: 500 });
      await t.add({ createdAt: 2_000 });
      await t.add({ createdAt: 1_000 });
      await t.add({ thread: '/other', createdAt: 10 });
      const v0 = await t.store.threads.version('/t');
      await t.store.threads.setClosed('/t', 5_000);
      const v1 = await t.store.threads.version('/t');
      expect(v1).toBeGreaterThan(v0);
      expect(await t.store.threads.closing('/t')).toEqual({ closedAt: 5_000, publishedAt: null, firstAt: 1_000 });
      await t.store.threads.setPublishedAt('/t', 700);
      const v2 = await t.store.threads.version('/t');
      expect(v2).toBeGreaterThan(v1);
      // The same date again changes nothing, so an article fetched again does not move the version.
      await t.store.threads.setPublishedAt('/t', 700);
      expect(await t.store.threads.version('/t')).toBe(v2);
      await t.store.threads.setClosed('/t', null);
      expect(await t.store.threads.version('/t')).toBeGreaterThan(v2);
      expect(await t.store.threads.closing('/t')).toEqual({ closedAt: null, publishedAt: 700, firstAt: 1_000 });
      expect(await t.store.threads.closing('/other')).toEqual({ closedAt: null, publishedAt: null, firstAt: 10 });
    });

    it('lists roots oldest first and pages them with a sequence cursor', async () => {
      const [a, b, c] = [await t.add(), await t.add(), await t.add()];
      await t.add({ thread: '/other' });
      const first = await t.store.threads.listRoots('/t', { limit: 2, sort: 'oldest' });
      expect(ids(first)).toEqual([a.id, b.id]);
      const rest = await t.store.threads.listRoots('/t', { afterSeq: first[1]!.seq, limit: 2, sort: 'oldest' });
      expect(ids(rest)).toEqual([c.id]);
    });

    it('lists roots newest first and pages them backwards', async () => {
      const [a, b, c] = [await t.add(), await t.add(), await t.add()];
      const first = await t.store.threads.listRoots('/t', { limit: 2, sort: 'newest' });
      expect(ids(first)).toEqual([c.id, b.id]);
      expect(ids(await t.store.threads.listRoots('/t', { afterSeq: b.seq, limit: 2, sort: 'newest' }))).toEqual([a.id]);
    });

    it('leaves held, spam and childless deleted roots out of the public lists', async () => {
      const shown = await t.add();
      await t.add({ status: 'pending' });
      await t.add({ status: 'spam' });
      await t.add({ status: 'deleted' });
      expect(ids(await t.store.threads.listRoots('/t', { limit: 10, sort: 'oldest' }))).toEqual([shown.id]);
    });

    it('shows a deleted comment only while a published comment sits below it', async () => {
      const root = await t.add({ status: 'deleted' });
      const middle = await t.reply(root, { status: 'deleted' });
      const leaf = await t.reply(middle);
      expect(ids(await t.store.threads.listRoots('/t', { limit: 10, sort: 'oldest' }))).toEqual([root.id]);
      expect(ids(await t.store.threads.listSubtree(root.id, { limit: 10 }))).toEqual([middle.id, leaf.id]);
      await t.store.comments.setStatus([leaf.id], 'spam');
      expect(await t.store.threads.listRoots('/t', { limit: 10, sort: 'oldest' })).toEqual([]);
    });

    it('lists a subtree at any depth, parents before children, and pages it', async () => {
      const root = await t.add();
      const r1 = await t.reply(root);
      const other = await t.reply(root);
      const r2 = await t.reply(r1);
      const r3 = await t.reply(r2);
      await t.reply(root, { status: 'pending' });
      expect(ids(await t.store.threads.listSubtree(root.id, { limit: 10 }))).toEqual([r1.id, other.id, r2.id, r3.id]);
      expect(ids(await t.store.threads.listSubtree(r1.id, { limit: 10 }))).toEqual([r2.id, r3.id]);
      const page = await t.store.threads.listSubtree(root.id, { limit: 2 });
      expect(ids(await t.store.threads.listSubtree(root.id, { afterSeq: page[1]!.seq, limit: 10 }))).toEqual([r2.id, r3.id]);
    });

    it('lists the replies of many roots at once, in the order asked, within one limit', async () => {
      const [a, b, c, d] = [await t.add(), await t.add(), await t.add(), await t.add()];
      // Posted interleaved, so seq order alone would mix the trees.
      const b1 = await t.reply(b);
      const a1 = await t.reply(a);
      const b2 = await t.reply(b1);
      await t.reply(a, { status: 'pending' });
      const a2 = await t.reply(a1);
      const d1 = await t.reply(d);
      await t.reply(await t.add({ thread: '/other' }));
      const all = await t.store.threads.listReplies([b.id, a.id, c.id, d.id], { limit: 10 });
      expect(ids(all.replies)).toEqual([b1.id, b2.id, a1.id, a2.id, d1.id]);
      expect(all.truncated).toEqual([]);
      // The limit cuts inside b's tree: b keeps what fitted, a and d (with replies) are named, c (none) is not.
      const cut = await t.store.threads.listReplies([b.id, c.id, a.id, d.id], { limit: 1 });
      expect(ids(cut.replies)).toEqual([b1.id]);
      expect(cut.truncated).toEqual([b.id, a.id, d.id]);
      // A limit that ends exactly at a tree's last reply leaves that tree whole.
      const exact = await t.store.threads.listReplies([b.id, a.id], { limit: 2 });
      expect(ids(exact.replies)).toEqual([b1.id, b2.id]);
      expect(exact.truncated).toEqual([a.id]);
      expect(await t.store.threads.listReplies([], { limit: 5 })).toEqual({ replies: [], truncated: [] });
    });

    it('lists a deleted reply among the page replies only while a published reply sits below it', async () => {
      const root = await t.add();
      const gone = await t.reply(root, { status: 'deleted' });
      const kept = await t.reply(gone);
      const empty = await t.reply(root, { status: 'deleted' });
      expect(ids((await t.store.threads.listReplies([root.id], { limit: 10 })).replies)).toEqual([gone.id, kept.id]);
      expect(empty.status).toBe('deleted');
      await t.store.comments.setStatus([kept.id], 'spam');
      expect(await t.store.threads.listReplies([root.id], { limit: 10 })).toEqual({ replies: [], truncated: [] });
    });

    it('counts only published comments and answers 0 for unknown threads', async () => {
      const root = await t.add();
      await t.reply(root);
      for (const status of ['pending', 'spam', 'deleted'] as Status[]) await t.add({ status });
      await t.add({ thread: '/b' });
      expect(await t.store.threads.countPublished(['/t', '/b', '/none'])).toEqual({ '/t': 2, '/b': 1, '/none': 0 });
    });

    it('bumps the thread version on every publicly visible change and not for held inserts', async () => {
      expect(await t.store.threads.version('/t')).toBe(0);
      await t.add({ status: 'pending' });
      expect(await t.store.threads.version('/t')).toBe(0);
      const a = await t.add();
      const v1 = await t.store.threads.version('/t');
      expect(v1).toBeGreaterThan(0);
      await t.store.comments.update(a.id, { text: 'edited', editedAt: 2_000 });
      const v2 = await t.store.threads.version('/t');
      expect(v2).toBeGreaterThan(v1);
      expect((await t.store.comments.get(a.id))!.text).toBe('edited');
      await t.store.comments.setStatus([a.id], 'deleted');
      expect(await t.store.threads.version('/t')).toBeGreaterThan(v2);
      expect(await t.store.threads.version('/other')).toBe(0);
    });

    // Issue 22: the read cache keeps counts by the store's change stamp. PostgreSQL has none (a
    // stamp there would cost a round trip), so counts are counted on every request there.
    const stamped = name !== 'postgres';
    it(`has a change stamp and versions at once (versionNow): ${stamped ? 'yes' : 'no'}`, () => {
      expect(typeof t.store.changeStamp).toBe(stamped ? 'function' : 'undefined');
      expect(typeof t.store.threads.versionNow).toBe(stamped ? 'function' : 'undefined');
    });

    it.runIf(stamped)('gives the same version at once as through version()', async () => {
      const now = (thread: string) => t.store.threads.versionNow!(thread);
      expect(now('/t')).toBe(0);
      const a = await t.add();
      expect(now('/t')).toBe(await t.store.threads.version('/t'));
      expect(now('/t')).toBeGreaterThan(0);
      await t.store.comments.setStatus([a.id], 'deleted');
      expect(now('/t')).toBe(await t.store.threads.version('/t'));
      expect(now('/other')).toBe(0);
    });

    it.runIf(stamped)('moves its change stamp with every publicly visible change', async () => {
      const { store } = t;
      const stamp = () => store.changeStamp!();
      const before = stamp();
      expect(stamp()).toBe(before);
      const a = await t.add();
      const afterInsert = stamp();
      expect(afterInsert).not.toBe(before);
      await t.store.comments.update(a.id, { text: 'edited', editedAt: 2_000 });
      const afterEdit = stamp();
      expect(afterEdit).not.toBe(afterInsert);
      await t.store.comments.setStatus([a.id], 'spam');
      const afterStatus = stamp();
      expect(afterStatus).not.toBe(afterEdit);
      await t.add({ thread: '/old' });
      await t.store.aliases.set('/old', '/t');
      expect(stamp()).not.toBe(afterStatus);
    });

    it('lists the newest published comments of one thread or of all', async () => {
      const a = await t.add();
      await t.add({ status: 'pending' });
      const b = await t.add({ thread: '/other' });
      await t.add({ status: 'spam', thread: '/other' });
      const c = await t.add();
      await t.add({ status: 'deleted' });
      expect(ids(await t.store.threads.listRecentPublished({ thread: '/t', limit: 10 }))).toEqual([c.id, a.id]);
      expect(ids(await t.store.threads.listRecentPublished({ limit: 2 }))).toEqual([c.id, b.id]);
      expect(ids(await t.store.threads.listRecentPublished({ limit: 10 }))).toEqual([c.id, b.id, a.id]);
      expect(await t.store.threads.listRecentPublished({ thread: '/none', limit: 10 })).toEqual([]);
    });

    it('lists by when comments were written, so an import of old comments does not come first', async () => {
      const today = await t.add({ createdAt: Date.parse('2026-11-01T00:00:00Z') });
      await t.store.comments.insertMany([draft({ id: 'old-1', createdAt: Date.parse('2013-03-14T00:00:00Z') }), draft({ id: 'old-2', createdAt: Date.parse('2014-01-01T00:00:00Z') })]);
      const later = await t.add({ createdAt: Date.parse('2026-11-02T00:00:00Z') });
      expect(ids(await t.store.threads.listRecentPublished({ thread: '/t', limit: 10 }))).toEqual([later.id, today.id, 'old-2', 'old-1']);
      expect(ids(await t.store.threads.listRecentPublished({ limit: 3 }))).toEqual([later.id, today.id, 'old-2']);
    });
  });
}
