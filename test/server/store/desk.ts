// The moderation desk's contract (issue 21): the comments part's search and counts, and the desk
// part (src/server/store/desk.ts): tokens, the action log, the lists and the desk's settings.
// Not a test file itself: test/server/store/{memory,sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import { ids, type StoreFactory, useStore } from './context.ts';

export function deskContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: the moderation desk`, () => {
    const t = useStore(factory);

    it('searches one status by text, name, address, website and thread, in any case, newest or oldest first', async () => {
      const ann = await t.add({ status: 'pending', name: 'Ann Lee', email: 'ann@example.com', text: 'Cheap PILLS here', thread: '/a' });
      const bob = await t.add({ status: 'pending', name: 'Bob', email: 'bob@mail.example', website: 'https://bob.example/Shop', text: 'Hello', thread: '/b' });
      const cy = await t.add({ status: 'pending', name: 'Cy', text: 'About the ferry', thread: '/ferry-news' });
      await t.add({ status: 'spam', name: 'Ann Lee', text: 'pills again', thread: '/a' });
      const search = (over: object) => t.store.comments.search({ status: 'pending', order: 'newest', limit: 50, ...over });
      expect(ids(await search({}))).toEqual([cy.id, bob.id, ann.id]);
      expect(ids(await search({ order: 'oldest' }))).toEqual([ann.id, bob.id, cy.id]);
      expect(ids(await search({ query: 'pills' }))).toEqual([ann.id]);
      expect(ids(await search({ query: 'ann lee' }))).toEqual([ann.id]);
      expect(ids(await search({ query: 'mail.example' }))).toEqual([bob.id]);
      expect(ids(await search({ query: 'bob.example/shop' }))).toEqual([bob.id]);
      expect(ids(await search({ query: 'ferry-news' }))).toEqual([cy.id]);
      expect(ids(await search({ query: 'nothing like it' }))).toEqual([]);
      expect(ids(await search({ thread: '/b' }))).toEqual([bob.id]);
      // Paging from a cursor, both ways.
      expect(ids(await search({ limit: 2 }))).toEqual([cy.id, bob.id]);
      expect(ids(await search({ cursor: bob.seq }))).toEqual([ann.id]);
      expect(ids(await search({ order: 'oldest', cursor: ann.seq, limit: 1 }))).toEqual([bob.id]);
    });

    it('filters by a rule among the reasons', async () => {
      const echo = await t.add({ status: 'spam', reasons: [{ rule: 'echo', verdict: 'spam', message: 'copies the article' }] });
      await t.add({ status: 'spam', reasons: [{ rule: 'links', verdict: 'hold', message: '3 links' }] });
      expect(ids(await t.store.comments.search({ status: 'spam', order: 'newest', limit: 50, rule: 'echo' }))).toEqual([echo.id]);
      expect(await t.store.comments.search({ status: 'spam', order: 'newest', limit: 50, rule: 'ech' })).toEqual([]);
    });

    it('counts each status, capped, and one author’s comments by address in any case and by client', async () => {
      await t.add({ status: 'published', email: 'Ann@Example.com', clientHash: 'c1' });
      await t.add({ status: 'published', email: 'ann@example.com', clientHash: 'c2' });
      await t.add({ status: 'spam', email: 'ann@example.com', clientHash: 'c1' });
      await t.add({ status: 'pending', email: 'bob@example.com', clientHash: 'c1' });
      expect(await t.store.comments.statusCounts({ cap: 1000 })).toEqual({ pending: 1, spam: 1, published: 2, deleted: 0 });
      expect(await t.store.comments.statusCounts({ cap: 1 })).toEqual({ pending: 1, spam: 1, published: 1, deleted: 0 });
      expect(await t.store.comments.statusCounts({ email: 'ANN@example.com' })).toEqual({ pending: 0, spam: 1, published: 2, deleted: 0 });
      expect(await t.store.comments.statusCounts({ clientHash: 'c1' })).toEqual({ pending: 1, spam: 1, published: 1, deleted: 0 });
    });

    it('keeps named tokens by hash: a name once, found by its hash, revoked by name', async () => {
      const desk = t.store.desk;
      expect(await desk.addToken({ name: 'ann', hash: 'h1', createdAt: 5 })).toBe(true);
      expect(await desk.addToken({ name: 'ann', hash: 'h2', createdAt: 6 })).toBe(false);
      expect(await desk.addToken({ name: 'admin', hash: 'h3', createdAt: 7 })).toBe(true);
      expect(await desk.tokens()).toEqual([
        { name: 'admin', hash: 'h3', createdAt: 7 },
        { name: 'ann', hash: 'h1', createdAt: 5 },
      ]);
      expect(await desk.tokenByHash('h1')).toEqual({ name: 'ann', hash: 'h1', createdAt: 5 });
      expect(await desk.tokenByHash('h2')).toBeNull();
      expect(await desk.revokeToken('ann')).toBe(true);
      expect(await desk.revokeToken('ann')).toBe(false);
      expect(await desk.tokenByHash('h1')).toBeNull();
    });

    it('logs actions newest first, pages by id and prunes by time', async () => {
      const desk = t.store.desk;
      const a = await desk.log({ at: 100, who: 'admin', action: 'approve', ids: ['c1', 'c2'], detail: '{"x":1}' });
      const b = await desk.log({ at: 200, who: 'mail link', action: 'spam', ids: ['c3'], detail: null });
      const c = await desk.log({ at: 300, who: 'ann', action: 'list', ids: [], detail: null });
      expect(b).toBeGreaterThan(a);
      expect(c).toBeGreaterThan(b);
      expect(await desk.logEntry(a)).toEqual({ id: a, at: 100, who: 'admin', action: 'approve', ids: ['c1', 'c2'], detail: '{"x":1}' });
      expect((await desk.logEntries({ limit: 2 })).map((e) => e.id)).toEqual([c, b]);
      expect((await desk.logEntries({ beforeId: b, limit: 10 })).map((e) => e.id)).toEqual([a]);
      expect(await desk.pruneLog(250)).toBe(2);
      expect((await desk.logEntries({ limit: 10 })).map((e) => e.id)).toEqual([c]);
      expect(await desk.logEntry(a)).toBeNull();
    });

    it('keeps list entries by list and value, replaces one with the same value, and removes them', async () => {
      const desk = t.store.desk;
      await desk.putListEntry({ list: 'spam-words', value: 'casino', until: null, createdAt: 1, note: null });
      await desk.putListEntry({ list: 'ban-email', value: 'bot@example.com', until: 5_000, createdAt: 2, note: 'from Bot’s comment' });
      await desk.putListEntry({ list: 'ban-email', value: 'bot@example.com', until: null, createdAt: 3, note: null });
      await desk.putListEntry({ list: 'ban-domain', value: 'spam.example', until: 9, createdAt: 4, note: null });
      expect(await desk.listEntries('ban-email')).toEqual([{ list: 'ban-email', value: 'bot@example.com', until: null, createdAt: 3, note: null }]);
      expect((await desk.listEntries()).map((e) => `${e.list} ${e.value}`)).toEqual(['ban-domain spam.example', 'ban-email bot@example.com', 'spam-words casino']);
      expect(await desk.removeListEntry('spam-words', 'casino')).toBe(true);
      expect(await desk.removeListEntry('spam-words', 'casino')).toBe(false);
      expect(await desk.listEntries('spam-words')).toEqual([]);
    });

    it('keeps the desk’s settings apart from the server secret', async () => {
      const desk = t.store.desk;
      expect(await desk.setting('ban-action')).toBeNull();
      await desk.setSetting('ban-action', 'spam');
      await desk.setSetting('ban-action', 'refuse');
      expect(await desk.setting('ban-action')).toBe('refuse');
      expect(await t.store.settings.secret(() => 'fresh')).toBe('fresh');
    });
  });
}
