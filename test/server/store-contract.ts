// The shared store contract (DESIGN "Parts": a new store is one file that passes this suite).
// Not a test file itself: each store's *.test.ts calls it with a factory.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Status } from '../../src/core/types.ts';
import { AliasError, type NewStoredComment, type Store } from '../../src/server/store/store.ts';

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

    // ---- Issue 8: import and export, feeds, thread aliases, the outbox ----

    it('lists every comment of any status in posting order, paged by sequence', async () => {
      const a = await add();
      const b = await add({ status: 'spam', thread: '/other' });
      const c = await add({ status: 'deleted' });
      const d = await add({ status: 'pending' });
      expect(ids(await store.listAll({ limit: 3 }))).toEqual([a.id, b.id, c.id]);
      expect(ids(await store.listAll({ afterSeq: c.seq, limit: 3 }))).toEqual([d.id]);
      expect((await store.listAll({ limit: 10 }))[1]).toEqual(b);
    });

    it('inserts many comments at once, skipping those already stored by id or idempotency key', async () => {
      const kept = await add({ id: 'kept', text: 'original' });
      await add({ id: 'keyed', idempotencyKey: 'key-1', thread: '/held', status: 'pending' });
      const root = draft({ id: 'imp-root', thread: '/imported' });
      const batch = [
        root,
        draft({ id: 'imp-reply', thread: '/imported', parent: root.id, root: root.id, reasons: [{ rule: 'import', verdict: 'publish', message: 'wxr' }] }),
        draft({ id: 'kept', text: 'overwritten?' }),
        draft({ id: 'other-id', idempotencyKey: 'key-1', thread: '/held' }),
        draft({ id: 'imp-held', thread: '/quiet', status: 'pending' }),
      ];
      const before = await Promise.all(['/imported', '/quiet', '/held'].map((t) => store.threadVersion(t)));
      expect(await store.insertMany(batch)).toEqual({ created: 3, existing: 2 });
      expect((await store.get('kept'))?.text).toBe(kept.text);
      expect(await store.get('other-id')).toBeNull();
      const reply = await store.get('imp-reply');
      expect(reply).toMatchObject({ parent: 'imp-root', root: 'imp-root', reasons: [{ rule: 'import', verdict: 'publish', message: 'wxr' }] });
      expect(reply!.seq).toBeGreaterThan((await store.get('imp-root'))!.seq);
      expect((await store.countPublished(['/imported']))['/imported']).toBe(2);
      // The thread that got published comments changed for readers; the one with only a held one did not.
      expect(await store.threadVersion('/imported')).toBeGreaterThan(before[0]!);
      expect(await store.threadVersion('/quiet')).toBe(before[1]);
      expect(await store.threadVersion('/held')).toBe(before[2]);
      // Importing the same file again adds nothing.
      expect(await store.insertMany(batch)).toEqual({ created: 0, existing: 5 });
      expect(await store.insertMany([])).toEqual({ created: 0, existing: 0 });
    });

    it('inserts nothing of a batch when one comment of it fails', async () => {
      await add({ id: 'before' });
      const version = await store.threadVersion('/batch');
      const batch = [draft({ id: 'good-1', thread: '/batch' }), draft({ id: 'bad', thread: '/batch', status: 'bogus' as Status }), draft({ id: 'good-2', thread: '/batch' })];
      await expect(store.insertMany(batch)).rejects.toThrow();
      expect(await store.get('good-1')).toBeNull();
      expect(await store.get('good-2')).toBeNull();
      expect(ids(await store.listAll({ limit: 10 }))).toEqual(['before']);
      expect(await store.threadVersion('/batch')).toBe(version);
      // The store is still usable afterwards.
      expect(await store.insertMany([draft({ id: 'good-3', thread: '/batch' })])).toEqual({ created: 1, existing: 0 });
    });

    it('lists the newest published comments of one thread or of all', async () => {
      const a = await add();
      await add({ status: 'pending' });
      const b = await add({ thread: '/other' });
      await add({ status: 'spam', thread: '/other' });
      const c = await add();
      await add({ status: 'deleted' });
      expect(ids(await store.listRecentPublished({ thread: '/t', limit: 10 }))).toEqual([c.id, a.id]);
      expect(ids(await store.listRecentPublished({ limit: 2 }))).toEqual([c.id, b.id]);
      expect(ids(await store.listRecentPublished({ limit: 10 }))).toEqual([c.id, b.id, a.id]);
      expect(await store.listRecentPublished({ thread: '/none', limit: 10 })).toEqual([]);
    });

    it('lists by when comments were written, so an import of old comments does not come first', async () => {
      const today = await add({ createdAt: Date.parse('2026-11-01T00:00:00Z') });
      await store.insertMany([draft({ id: 'old-1', createdAt: Date.parse('2013-03-14T00:00:00Z') }), draft({ id: 'old-2', createdAt: Date.parse('2014-01-01T00:00:00Z') })]);
      const later = await add({ createdAt: Date.parse('2026-11-02T00:00:00Z') });
      expect(ids(await store.listRecentPublished({ thread: '/t', limit: 10 }))).toEqual([later.id, today.id, 'old-2', 'old-1']);
      expect(ids(await store.listRecentPublished({ limit: 3 }))).toEqual([later.id, today.id, 'old-2']);
    });

    it('moves a thread\'s comments to another thread with an alias, and resolves the old id to the new one', async () => {
      const old = [await add({ thread: '/old' }), await add({ thread: '/old', status: 'pending' })];
      const kept = await add({ thread: '/new' });
      const versions = [await store.threadVersion('/old'), await store.threadVersion('/new')];
      expect(await store.setAlias('/old', '/new')).toEqual({ moved: 2 });
      expect((await store.get(old[0]!.id))?.thread).toBe('/new');
      expect((await store.get(old[1]!.id))?.thread).toBe('/new');
      expect(ids(await store.listRoots('/new', { limit: 10, sort: 'oldest' }))).toEqual([old[0]!.id, kept.id]);
      // An alias is counted as the thread it stands for.
      expect(await store.countPublished(['/old', '/new'])).toEqual({ '/old': 2, '/new': 2 });
      expect(await store.threadVersion('/old')).toBeGreaterThan(versions[0]!);
      expect(await store.threadVersion('/new')).toBeGreaterThan(versions[1]!);
      expect(await store.resolveThreads(['/old', '/new', '/unknown', '/old'])).toEqual({ '/old': '/new', '/new': '/new', '/unknown': '/unknown' });
      expect(await store.resolveThreads([])).toEqual({});
      expect(await store.listAliases()).toEqual([{ from: '/old', to: '/new' }]);
      // An alias may be made before its thread has any comment.
      expect(await store.setAlias('/never-used', '/new')).toEqual({ moved: 0 });
    });

    it('stores a comment that names an alias under its target, published or held', async () => {
      await store.setAlias('/old', '/new');
      const before = await store.threadVersion('/new');
      // What a post that resolved '/old' just before `parley alias` committed hands the store.
      const { comment, created } = await store.insert(draft({ thread: '/old' }));
      expect(created).toBe(true);
      expect(comment.thread).toBe('/new');
      expect((await store.get(comment.id))?.thread).toBe('/new');
      expect(await store.listRoots('/old', { limit: 10, sort: 'oldest' })).toEqual([]);
      expect(await store.countPublished(['/old', '/new'])).toEqual({ '/old': 1, '/new': 1 });
      expect(await store.threadVersion('/new')).toBeGreaterThan(before);
      const held = await store.insert(draft({ thread: '/old', status: 'pending' }));
      expect(held.comment.thread).toBe('/new');
    });

    it('re-points earlier aliases so they never chain', async () => {
      await add({ thread: '/a' });
      await add({ thread: '/b' });
      await store.setAlias('/a', '/b');
      const aVersion = await store.threadVersion('/a');
      expect(await store.setAlias('/b', '/c')).toEqual({ moved: 2 });
      expect(await store.resolveThreads(['/a', '/b', '/c'])).toEqual({ '/a': '/c', '/b': '/c', '/c': '/c' });
      expect(await store.listAliases()).toEqual([
        { from: '/a', to: '/c' },
        { from: '/b', to: '/c' },
      ]);
      // /a now reads another thread, so its version moved although it holds no comment.
      expect(await store.threadVersion('/a')).toBeGreaterThan(aVersion);
      expect((await store.countPublished(['/c']))['/c']).toBe(2);
    });

    it('refuses an alias of a thread to itself or to another alias, and changes nothing', async () => {
      await add({ thread: '/x' });
      await expect(store.setAlias('/x', '/x')).rejects.toThrow(AliasError);
      await store.setAlias('/y', '/z');
      const refused = store.setAlias('/x', '/y');
      await expect(refused).rejects.toThrow(AliasError);
      await expect(refused).rejects.toThrow(/\/z/);
      expect(await store.resolveThreads(['/x', '/y'])).toEqual({ '/x': '/x', '/y': '/z' });
      expect((await store.countPublished(['/x']))['/x']).toBe(1);
      // The reverse direction would make a loop, which is the same refusal.
      await expect(store.setAlias('/z', '/y')).rejects.toThrow(AliasError);
    });

    // ---- The transactional outbox: a comment write and its notification jobs, all or nothing ----

    const jobsNow = async () => (await store.listJobs({ limit: 50 })).map((j) => ({ kind: j.kind, payload: j.payload, runAt: j.runAt }));
    /** A job that no store can keep: JSON has no BigInt. */
    const unserialisable = { kind: 'webhook', payload: { n: 1n }, runAt: 0 };
    /** A job the jobs table's NOT NULL kind refuses (after a good one was written in the same transaction). */
    const noKind = [
      { kind: 'webhook', payload: 'fine', runAt: 0 },
      { kind: null as unknown as string, payload: 'no kind', runAt: 0 },
    ];

    it('writes the jobs of a new comment with it, built from the comment as stored, and none on a replay', async () => {
      await store.setAlias('/old', '/new');
      const seen: string[] = [];
      const jobs = (c: { id: string; thread: string; seq: number }) => {
        seen.push(c.id);
        return [
          { kind: 'webhook', payload: { id: c.id, thread: c.thread, seq: c.seq }, runAt: 10 },
          { kind: 'mail', payload: { id: c.id }, runAt: 10 },
        ];
      };
      const first = await store.insert(draft({ id: 'j1', thread: '/old', idempotencyKey: 'jk' }), { jobs });
      expect(first.created).toBe(true);
      expect(await jobsNow()).toEqual([
        { kind: 'webhook', payload: { id: 'j1', thread: '/new', seq: first.comment.seq }, runAt: 10 },
        { kind: 'mail', payload: { id: 'j1' }, runAt: 10 },
      ]);
      // The same key again: the existing comment, no call, no job.
      const again = await store.insert(draft({ id: 'j2', idempotencyKey: 'jk' }), { jobs });
      expect(again).toMatchObject({ created: false, comment: { id: 'j1' } });
      expect(seen).toEqual(['j1']);
      expect(await jobsNow()).toHaveLength(2);
      // No jobs asked for: none written.
      await store.insert(draft({ id: 'j3' }), { jobs: () => [] });
      await store.insert(draft({ id: 'j4' }));
      expect(await jobsNow()).toHaveLength(2);
    });

    it('stores neither the comment nor any job when a job of it cannot be stored', async () => {
      const failures: [string, () => never[] | (typeof noKind)[number][]][] = [
        ['unserialisable payload', () => [unserialisable] as never[]],
        ['NOT NULL kind', () => noKind],
        [
          'throwing builder',
          () => {
            throw new Error('cannot build the jobs');
          },
        ],
      ];
      for (const [why, jobs] of failures) {
        await expect(store.insert(draft({ id: 'lost', idempotencyKey: 'lost-key' }), { jobs }), why).rejects.toThrow();
        expect(await store.get('lost'), why).toBeNull();
        expect(await store.getByIdempotencyKey('lost-key'), why).toBeNull();
        expect(await store.listAll({ limit: 10 }), why).toEqual([]);
        expect(await store.threadVersion('/t'), why).toBe(0);
        expect(await jobsNow(), why).toEqual([]);
      }
      // The key was never taken: the reader's retry creates the comment, with its jobs.
      const retry = await store.insert(draft({ id: 'lost', idempotencyKey: 'lost-key' }), { jobs: (c) => [{ kind: 'webhook', payload: c.id, runAt: 0 }] });
      expect(retry.created).toBe(true);
      expect(await jobsNow()).toEqual([{ kind: 'webhook', payload: 'lost', runAt: 0 }]);
    });

    it('writes an update\'s jobs from the row before and after it, or undoes the update', async () => {
      const c = await add({ status: 'published' });
      const version = await store.threadVersion('/t');
      for (const jobs of [() => [unserialisable] as never[], () => noKind]) {
        await expect(store.update(c.id, { text: 'changed', status: 'pending' }, { jobs })).rejects.toThrow();
        expect(await store.get(c.id)).toEqual(c);
        expect(await store.threadVersion('/t')).toBe(version);
        expect(await jobsNow()).toEqual([]);
      }
      const updated = await store.update(
        c.id,
        { text: 'changed', status: 'pending', editedAt: 2_000 },
        { jobs: ({ before, after }) => [{ kind: 'held', payload: [before.status, before.text, after.status, after.text, after.editedAt], runAt: 1 }] },
      );
      expect(updated).toMatchObject({ status: 'pending', text: 'changed' });
      expect(await jobsNow()).toEqual([{ kind: 'held', payload: ['published', c.text, 'pending', 'changed', 2_000], runAt: 1 }]);
      let called = false;
      expect(await store.update('missing', { text: 'x' }, { jobs: () => ((called = true), []) })).toBeNull();
      expect(called).toBe(false);
    });

    it('hands setStatus\'s job builder only the comments that changed, or undoes the change', async () => {
      const held = await add({ status: 'pending' });
      const shown = await add({ status: 'published' });
      const spam = await add({ status: 'spam', thread: '/u' });
      const versions = [await store.threadVersion('/t'), await store.threadVersion('/u')];
      for (const jobs of [() => [unserialisable] as never[], () => noKind]) {
        await expect(store.setStatus([held.id, shown.id, spam.id], 'published', { jobs })).rejects.toThrow();
        expect((await store.get(held.id))!.status).toBe('pending');
        expect((await store.get(spam.id))!.status).toBe('spam');
        expect([await store.threadVersion('/t'), await store.threadVersion('/u')]).toEqual(versions);
        expect(await jobsNow()).toEqual([]);
      }
      const changed = await store.setStatus([spam.id, held.id, shown.id, 'missing'], 'published', {
        jobs: (rows) => rows.map((r) => ({ kind: 'published', payload: { id: r.id, status: r.status, thread: r.thread }, runAt: 0 })),
      });
      expect(changed).toBe(2);
      const payloads = (await jobsNow()).map((j) => j.payload as { id: string });
      expect(payloads.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
        [
          { id: held.id, status: 'published', thread: '/t' },
          { id: spam.id, status: 'published', thread: '/u' },
        ].sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      // Nothing changed: the builder is told so (an empty list) and writes nothing.
      let got: unknown;
      expect(await store.setStatus([held.id], 'published', { jobs: (rows) => ((got = rows), []) })).toBe(0);
      expect(got).toEqual([]);
    });

    it('queues jobs and claims only those that are due, oldest first', async () => {
      const first = await store.enqueueJob({ kind: 'webhook', payload: { comment: 'c1', n: [1, 2] }, runAt: 1_000 });
      const later = await store.enqueueJob({ kind: 'email', payload: 'text', runAt: 5_000 });
      const second = await store.enqueueJob({ kind: 'webhook', payload: null, runAt: 1_000 });
      expect(new Set([first, later, second]).size).toBe(3);
      const claimed = await store.claimJobs(2_000, 10, 60_000);
      expect(claimed.map((j) => j.id)).toEqual([first, second]);
      expect(claimed[0]).toMatchObject({ kind: 'webhook', payload: { comment: 'c1', n: [1, 2] }, attempts: 1, runAt: 62_000, lastError: null, dead: false });
      expect(typeof claimed[0]!.createdAt).toBe('number');
      expect(claimed[1]!.payload).toBeNull();
      // Leased: not claimable again before the lease runs out, nor is the job not yet due.
      expect(await store.claimJobs(2_000, 10, 60_000)).toEqual([]);
      expect((await store.claimJobs(5_000, 1, 60_000)).map((j) => j.id)).toEqual([later]);
    });

    it('gives a job to a second worker after the first one\'s lease runs out', async () => {
      const id = await store.enqueueJob({ kind: 'webhook', payload: {}, runAt: 0 });
      expect((await store.claimJobs(1_000, 5, 30_000)).map((j) => j.attempts)).toEqual([1]);
      expect(await store.claimJobs(30_999, 5, 30_000)).toEqual([]);
      const again = await store.claimJobs(31_000, 5, 30_000);
      expect(again).toMatchObject([{ id, attempts: 2, runAt: 61_000 }]);
    });

    it('never gives the same job to two claims at once', async () => {
      const queued = await Promise.all(Array.from({ length: 20 }, (_, i) => store.enqueueJob({ kind: 'k', payload: i, runAt: 0 })));
      const claims = await Promise.all(Array.from({ length: 6 }, () => store.claimJobs(1_000, 4, 60_000)));
      const taken = claims.flat().map((j) => j.id);
      expect(new Set(taken).size).toBe(taken.length);
      expect(taken.sort()).toEqual([...queued].sort());
    });

    it('deletes a delivered job, retries a failed one, and keeps a dead one with its error', async () => {
      const done = await store.enqueueJob({ kind: 'a', payload: 1, runAt: 0 });
      const retry = await store.enqueueJob({ kind: 'b', payload: 2, runAt: 0 });
      const dead = await store.enqueueJob({ kind: 'c', payload: 3, runAt: 0 });
      await store.claimJobs(100, 10, 1_000);
      await store.completeJob(done);
      await store.failJob(retry, { runAt: 5_000, error: 'HTTP 503', dead: false });
      await store.failJob(dead, { runAt: 0, error: 'HTTP 410 Gone', dead: true });
      expect((await store.listJobs({ limit: 10 })).map((j) => j.id)).toEqual([retry, dead]);
      expect(await store.listJobs({ dead: true, limit: 10 })).toMatchObject([{ id: dead, kind: 'c', payload: 3, attempts: 1, lastError: 'HTTP 410 Gone', dead: true }]);
      expect(await store.listJobs({ dead: false, limit: 10 })).toMatchObject([{ id: retry, lastError: 'HTTP 503', runAt: 5_000, dead: false }]);
      // A dead job is never claimed again; the failed one is, once due.
      expect(await store.claimJobs(4_999, 10, 1_000)).toEqual([]);
      expect((await store.claimJobs(1_000_000, 10, 1_000)).map((j) => j.id)).toEqual([retry]);
      expect(await store.listJobs({ limit: 1 })).toHaveLength(1);
    });

    it('answers a ping while open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
