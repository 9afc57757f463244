// The shared store contract (DESIGN "Parts": a new store is one file that passes this suite).
// Not a test file itself: each store's *.test.ts calls it with a factory.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Status } from '../../src/core/types.ts';
import type { NewStoredComment, Store } from '../../src/server/store/store.ts';

let n = 0;
export function draft(over: Partial<NewStoredComment> = {}): NewStoredComment {
  const id = over.id ?? `c${++n}`;
  return {
    id,
    thread: '/t',
    parent: null,
    root: id,
    status: 'published',
    name: 'Ada',
    email: 'ada@example.com',
    website: null,
    avatar: 'seed',
    text: `text ${id}`,
    createdAt: 1_000,
    editedAt: null,
    clientHash: 'client-a',
    reasons: [],
    idempotencyKey: null,
    fingerprint: null,
    ...over,
  };
}

export function storeContract(name: string, factory: () => Store | Promise<Store>): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    const add = async (over: Partial<NewStoredComment> = {}) => (await store.insert(draft(over))).comment;
    const reply = async (parent: { id: string; root: string }, over: Partial<NewStoredComment> = {}) =>
      add({ parent: parent.id, root: parent.root, ...over });
    const ids = (list: { id: string }[]) => list.map((c) => c.id);

    it('assigns increasing sequence numbers and returns what was stored', async () => {
      const a = await add({ name: 'Ann', reasons: [{ rule: 'x', verdict: 'hold', message: 'why' }] });
      const b = await add();
      expect(b.seq).toBeGreaterThan(a.seq);
      expect(await store.get(a.id)).toEqual(a);
      expect(a.reasons).toEqual([{ rule: 'x', verdict: 'hold', message: 'why' }]);
      expect(await store.get('missing')).toBeNull();
    });

    it('lists roots oldest first and pages them with a sequence cursor', async () => {
      const [a, b, c] = [await add(), await add(), await add()];
      await add({ thread: '/other' });
      const first = await store.listRoots('/t', { limit: 2, sort: 'oldest' });
      expect(ids(first)).toEqual([a.id, b.id]);
      const rest = await store.listRoots('/t', { afterSeq: first[1]!.seq, limit: 2, sort: 'oldest' });
      expect(ids(rest)).toEqual([c.id]);
    });

    it('lists roots newest first and pages them backwards', async () => {
      const [a, b, c] = [await add(), await add(), await add()];
      const first = await store.listRoots('/t', { limit: 2, sort: 'newest' });
      expect(ids(first)).toEqual([c.id, b.id]);
      expect(ids(await store.listRoots('/t', { afterSeq: b.seq, limit: 2, sort: 'newest' }))).toEqual([a.id]);
    });

    it('leaves held, spam and childless deleted roots out of the public lists', async () => {
      const shown = await add();
      await add({ status: 'pending' });
      await add({ status: 'spam' });
      await add({ status: 'deleted' });
      expect(ids(await store.listRoots('/t', { limit: 10, sort: 'oldest' }))).toEqual([shown.id]);
    });

    it('shows a deleted comment only while a published comment sits below it', async () => {
      const root = await add({ status: 'deleted' });
      const middle = await reply(root, { status: 'deleted' });
      const leaf = await reply(middle);
      expect(ids(await store.listRoots('/t', { limit: 10, sort: 'oldest' }))).toEqual([root.id]);
      expect(ids(await store.listSubtree(root.id, { limit: 10 }))).toEqual([middle.id, leaf.id]);
      await store.setStatus([leaf.id], 'spam');
      expect(await store.listRoots('/t', { limit: 10, sort: 'oldest' })).toEqual([]);
    });

    it('lists a subtree at any depth, parents before children, and pages it', async () => {
      const root = await add();
      const r1 = await reply(root);
      const other = await reply(root);
      const r2 = await reply(r1);
      const r3 = await reply(r2);
      await reply(root, { status: 'pending' });
      expect(ids(await store.listSubtree(root.id, { limit: 10 }))).toEqual([r1.id, other.id, r2.id, r3.id]);
      expect(ids(await store.listSubtree(r1.id, { limit: 10 }))).toEqual([r2.id, r3.id]);
      const page = await store.listSubtree(root.id, { limit: 2 });
      expect(ids(await store.listSubtree(root.id, { afterSeq: page[1]!.seq, limit: 10 }))).toEqual([r2.id, r3.id]);
    });

    it('lists the replies of many roots at once, in the order asked, within one limit', async () => {
      const [a, b, c, d] = [await add(), await add(), await add(), await add()];
      // Posted interleaved, so seq order alone would mix the trees.
      const b1 = await reply(b);
      const a1 = await reply(a);
      const b2 = await reply(b1);
      await reply(a, { status: 'pending' });
      const a2 = await reply(a1);
      const d1 = await reply(d);
      await reply(await add({ thread: '/other' }));
      const all = await store.listReplies([b.id, a.id, c.id, d.id], { limit: 10 });
      expect(ids(all.replies)).toEqual([b1.id, b2.id, a1.id, a2.id, d1.id]);
      expect(all.truncated).toEqual([]);
      // The limit cuts inside b's tree: b keeps what fitted, a and d (with replies) are named, c (none) is not.
      const cut = await store.listReplies([b.id, c.id, a.id, d.id], { limit: 1 });
      expect(ids(cut.replies)).toEqual([b1.id]);
      expect(cut.truncated).toEqual([b.id, a.id, d.id]);
      // A limit that ends exactly at a tree's last reply leaves that tree whole.
      const exact = await store.listReplies([b.id, a.id], { limit: 2 });
      expect(ids(exact.replies)).toEqual([b1.id, b2.id]);
      expect(exact.truncated).toEqual([a.id]);
      expect(await store.listReplies([], { limit: 5 })).toEqual({ replies: [], truncated: [] });
    });

    it('lists a deleted reply among the page replies only while a published reply sits below it', async () => {
      const root = await add();
      const gone = await reply(root, { status: 'deleted' });
      const kept = await reply(gone);
      const empty = await reply(root, { status: 'deleted' });
      expect(ids((await store.listReplies([root.id], { limit: 10 })).replies)).toEqual([gone.id, kept.id]);
      expect(empty.status).toBe('deleted');
      await store.setStatus([kept.id], 'spam');
      expect(await store.listReplies([root.id], { limit: 10 })).toEqual({ replies: [], truncated: [] });
    });

    it('counts only published comments and answers 0 for unknown threads', async () => {
      const root = await add();
      await reply(root);
      for (const status of ['pending', 'spam', 'deleted'] as Status[]) await add({ status });
      await add({ thread: '/b' });
      expect(await store.countPublished(['/t', '/b', '/none'])).toEqual({ '/t': 2, '/b': 1, '/none': 0 });
    });

    it('returns the existing comment when an idempotency key is used again', async () => {
      const first = await store.insert(draft({ idempotencyKey: 'k1', fingerprint: 'f1' }));
      expect(first.created).toBe(true);
      const again = await store.insert(draft({ idempotencyKey: 'k1', fingerprint: 'f2', text: 'other' }));
      expect(again.created).toBe(false);
      expect(again.comment).toEqual(first.comment);
      expect(await store.getByIdempotencyKey('k1')).toEqual(first.comment);
      expect(await store.getByIdempotencyKey('k2')).toBeNull();
      expect((await store.countPublished(['/t']))['/t']).toBe(1);
    });

    it('bumps the thread version on every publicly visible change and not for held inserts', async () => {
      expect(await store.threadVersion('/t')).toBe(0);
      await add({ status: 'pending' });
      expect(await store.threadVersion('/t')).toBe(0);
      const a = await add();
      const v1 = await store.threadVersion('/t');
      expect(v1).toBeGreaterThan(0);
      await store.update(a.id, { text: 'edited', editedAt: 2_000 });
      const v2 = await store.threadVersion('/t');
      expect(v2).toBeGreaterThan(v1);
      expect((await store.get(a.id))!.text).toBe('edited');
      await store.setStatus([a.id], 'deleted');
      expect(await store.threadVersion('/t')).toBeGreaterThan(v2);
      expect(await store.threadVersion('/other')).toBe(0);
    });

    it('changes statuses in bulk and reports how many changed', async () => {
      const a = await add({ status: 'pending' });
      const b = await add({ status: 'pending' });
      const c = await add();
      expect(await store.setStatus([a.id, b.id, c.id, 'missing'], 'published')).toBe(2);
      expect((await store.get(b.id))!.status).toBe('published');
      expect(await store.update('missing', { text: 'x' })).toBeNull();
    });

    it('lists comments by status for the moderator, newest first, by thread and with a cursor', async () => {
      const a = await add({ status: 'pending' });
      const b = await add({ status: 'pending', thread: '/b' });
      const c = await add({ status: 'pending' });
      await add();
      expect(ids(await store.listByStatus({ status: 'pending', limit: 10 }))).toEqual([c.id, b.id, a.id]);
      expect(ids(await store.listByStatus({ status: 'pending', thread: '/t', limit: 10 }))).toEqual([c.id, a.id]);
      expect(ids(await store.listByStatus({ status: 'pending', beforeSeq: b.seq, limit: 10 }))).toEqual([a.id]);
    });

    it('gives the echo rule the newest comments of each status of a thread, with the thread version', async () => {
      expect(await store.recentTexts('/t', 2)).toEqual({ version: 0, rows: [] });
      const p1 = await add({ text: 'one' });
      const h1 = await add({ status: 'pending', text: 'two', email: 'Bo@Example.com' });
      const p2 = await add({ text: 'three' });
      const s1 = await add({ status: 'spam', text: 'four' });
      const p3 = await add({ text: 'five' });
      await add({ status: 'deleted', text: 'six' });
      await add({ thread: '/other', text: 'seven' });
      const recent = await store.recentTexts('/t', 2);
      expect(recent.version).toBe(await store.threadVersion('/t'));
      expect(recent.rows).toEqual([
        { id: p3.id, seq: p3.seq, status: 'published', email: 'ada@example.com', text: 'five' },
        { id: p2.id, seq: p2.seq, status: 'published', email: 'ada@example.com', text: 'three' },
        { id: h1.id, seq: h1.seq, status: 'pending', email: 'Bo@Example.com', text: 'two' },
        { id: s1.id, seq: s1.seq, status: 'spam', email: 'ada@example.com', text: 'four' },
      ]);
      const since = await store.textsSince('/t', p1.seq, 10);
      expect(since.version).toBe(recent.version);
      expect(ids(since.rows)).toEqual([h1.id, p2.id, s1.id, p3.id]);
      expect(ids((await store.textsSince('/t', p1.seq, 2)).rows)).toEqual([h1.id, p2.id]);
      expect(await store.textsSince('/t', p3.seq + 100, 10)).toEqual({ version: recent.version, rows: [] });
      expect(await store.textsSince('/nothing', 0, 10)).toEqual({ version: 0, rows: [] });
      // An edit bumps the version without adding a comment: the echo cache's cue to rebuild.
      await store.update(p1.id, { text: 'edited', editedAt: 2_000 });
      expect((await store.textsSince('/t', p3.seq, 10)).version).toBe(recent.version + 1);
    });

    it('finds duplicates by email or name with the same text in the same thread', async () => {
      const a = await add({ text: 'Same words', email: 'Ada@Example.com', name: 'Ada' });
      const ask = (over: object) => store.hasDuplicate({ thread: '/t', email: 'x@y.z', name: 'X', text: 'Same words', ...over });
      expect(await ask({ email: 'ada@example.com' })).toBe(true);
      expect(await ask({ name: 'Ada' })).toBe(true);
      expect(await ask({})).toBe(false);
      expect(await ask({ name: 'Ada', thread: '/other' })).toBe(false);
      expect(await ask({ name: 'Ada', text: 'Other words' })).toBe(false);
      expect(await ask({ name: 'Ada', exceptId: a.id })).toBe(false);
    });

    it('knows whether an email has a published comment', async () => {
      await add({ email: 'held@example.com', status: 'pending' });
      await add({ email: 'Shown@Example.com' });
      expect(await store.hasPublishedByEmail('shown@example.com')).toBe(true);
      expect(await store.hasPublishedByEmail('held@example.com')).toBe(false);
    });

    it('counts comments per client since a time', async () => {
      await add({ clientHash: 'h', createdAt: 1_000 });
      await add({ clientHash: 'h', createdAt: 5_000 });
      await add({ clientHash: 'other', createdAt: 5_000 });
      expect(await store.countByClient('h', 2_000)).toBe(1);
      expect(await store.countByClient('h', 0)).toBe(2);
    });

    it('counts hits per key in fixed windows', async () => {
      expect(await store.hit('k', 60, 60_000)).toBe(1);
      expect(await store.hit('k', 60, 119_999)).toBe(2);
      expect(await store.hit('other', 60, 119_999)).toBe(1);
      expect(await store.hit('k', 60, 120_000)).toBe(1);
    });

    it('creates the secret once and returns the same one afterwards', async () => {
      const first = await store.secret(() => 'one');
      expect(first).toBe('one');
      expect(await store.secret(() => 'two')).toBe('one');
    });

    it('caches articles by URL', async () => {
      expect(await store.getArticle('https://a.example/x')).toBeNull();
      await store.putArticle('https://a.example/x', { text: 'Body', fetchedAt: 5 });
      await store.putArticle('https://a.example/x', { text: 'Newer', fetchedAt: 6 });
      expect(await store.getArticle('https://a.example/x')).toEqual({ text: 'Newer', fetchedAt: 6 });
    });

    it('answers a ping while open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
