// Many sites on one store (issue 19 item 5): store/sites.ts's view of one site, on each store. A
// thread id is unique within its site, so `/about` of two sites is two threads, with their own
// comments, counts, versions, feeds, aliases, closing and article cache; listings across threads
// (the admin queue, the desk, exports) show one site's rows; a token made for one site is no token
// on another. Not a test file itself: test/server/store/{memory,sqlite,postgres}.test.ts run it.
import { describe, expect, it } from 'vitest';
import { forSite } from '../../../src/server/store/for-site.ts';
import { DEFAULT_SITE } from '../../../src/server/store/sites.ts';
import { draft, ids, type StoreFactory, useStore } from './context.ts';

export function sitesContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: many sites`, () => {
    const t = useStore(factory);
    const sites = () => ({ a: forSite(t.store, 'a'), b: forSite(t.store, 'b'), home: forSite(t.store, DEFAULT_SITE) });

    it('keeps /about of two sites apart: comments, counts, versions, pages and feeds', async () => {
      const { a, b, home } = sites();
      const onA = (await a.comments.insert(draft({ thread: '/about', text: 'on a' }))).comment;
      const onB = (await b.comments.insert(draft({ thread: '/about', text: 'on b' }))).comment;
      await b.comments.insert(draft({ thread: '/about', text: 'on b again' }));
      // Each site sees its own thread id, and only its own comments.
      expect(onA.thread).toBe('/about');
      expect(onB.thread).toBe('/about');
      expect(ids(await a.threads.listRoots('/about', { limit: 10, sort: 'oldest' }))).toEqual([onA.id]);
      expect((await b.threads.listRoots('/about', { limit: 10, sort: 'oldest' })).map((c) => c.text)).toEqual(['on b', 'on b again']);
      expect(await a.threads.countPublished(['/about'])).toEqual({ '/about': 1 });
      expect(await b.threads.countPublished(['/about'])).toEqual({ '/about': 2 });
      expect(await home.threads.countPublished(['/about'])).toEqual({ '/about': 0 });
      expect(await a.threads.version('/about')).toBe(1);
      expect(await b.threads.version('/about')).toBe(2);
      expect((await a.threads.listRecentPublished({ limit: 10 })).map((c) => c.text)).toEqual(['on a']);
      expect(ids(await a.threads.listRecentPublished({ thread: '/about', limit: 10 }))).toEqual([onA.id]);
      // A comment of another site is not there: not by id, not for a change, not for a vote.
      expect(await a.comments.get(onB.id)).toBeNull();
      expect(await a.comments.update(onB.id, { text: 'taken over' })).toBeNull();
      expect(await a.comments.setStatus([onB.id], 'spam')).toBe(0);
      expect(await a.votes.cast({ comment: onB.id, voter: 'v', value: 1, now: 1 })).toBeNull();
      expect((await b.comments.get(onB.id))!.text).toBe('on b');
      expect((await b.comments.get(onB.id))!.status).toBe('published');
    });

    it('lists, searches, counts and exports one site across its threads', async () => {
      const { a, b, home } = sites();
      const old = (await t.store.comments.insert(draft({ thread: '/x', status: 'pending', text: 'from before sites' }))).comment;
      const pa = (await a.comments.insert(draft({ thread: '/x', status: 'pending', text: 'held on a' }))).comment;
      const pb = (await b.comments.insert(draft({ thread: '/y', status: 'pending', text: 'held on b' }))).comment;
      expect(ids(await a.comments.listByStatus({ status: 'pending', limit: 10 }))).toEqual([pa.id]);
      expect(ids(await b.comments.listByStatus({ status: 'pending', limit: 10 }))).toEqual([pb.id]);
      // The rows a store had before sites are the default site's.
      expect(ids(await home.comments.listByStatus({ status: 'pending', limit: 10 }))).toEqual([old.id]);
      expect(ids(await a.comments.search({ status: 'pending', order: 'newest', limit: 10, query: 'held' }))).toEqual([pa.id]);
      expect(ids(await a.comments.search({ status: 'pending', order: 'newest', limit: 10, thread: '/x' }))).toEqual([pa.id]);
      expect((await b.comments.statusCounts({ cap: 100 })).pending).toBe(1);
      expect((await home.comments.statusCounts({ email: 'ADA@example.com' })).pending).toBe(1);
      expect((await t.store.comments.statusCounts({ cap: 100 })).pending).toBe(3);
      expect((await a.comments.listAll({ limit: 10 })).map((c) => [c.thread, c.text])).toEqual([['/x', 'held on a']]);
      expect(ids(await home.comments.listAll({ limit: 10 }))).toEqual([old.id]);
    });

    it('keeps idempotency keys, aliases, closing, articles and live events per site', async () => {
      const { a, b } = sites();
      const first = await a.comments.insert(draft({ thread: '/k', idempotencyKey: 'same-key' }));
      const other = await b.comments.insert(draft({ thread: '/k', idempotencyKey: 'same-key' }));
      expect(first.created && other.created).toBe(true);
      expect((await a.comments.getByIdempotencyKey('same-key'))!.id).toBe(first.comment.id);
      expect((await b.comments.getByIdempotencyKey('same-key'))!.id).toBe(other.comment.id);
      expect((await a.comments.getByIdempotencyKey('same-key'))!.idempotencyKey).toBe('same-key');

      await a.aliases.set('/old', '/new');
      expect(await a.aliases.list()).toEqual([{ from: '/old', to: '/new' }]);
      expect(await b.aliases.list()).toEqual([]);
      expect(await a.aliases.resolve(['/old'])).toEqual({ '/old': '/new' });
      expect(await b.aliases.resolve(['/old'])).toEqual({ '/old': '/old' });

      await a.threads.setClosed('/k', 5);
      expect((await a.threads.closing('/k')).closedAt).toBe(5);
      expect((await b.threads.closing('/k')).closedAt).toBeNull();

      await a.articles.put('/k', { text: 'article of a', fetchedAt: 1 });
      expect((await a.articles.get('/k'))!.text).toBe('article of a');
      expect(await b.articles.get('/k')).toBeNull();
      expect((await a.articles.listPrefix('/', 10)).map((x) => x.key)).toEqual(['/k']);

      const heardA: string[] = [];
      const heardB: string[] = [];
      const stopA = a.events.listen((e) => heardA.push(`${e.thread} ${e.id}`));
      const stopB = b.events.listen((e) => heardB.push(`${e.thread} ${e.id}`));
      // PostgreSQL's listener connects on the first listen; an announcement before that is not heard.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await b.events.announce({ thread: '/k', id: other.comment.id });
      await expect.poll(() => heardB).toEqual([`/k ${other.comment.id}`]);
      stopA();
      stopB();
      expect(heardA).toEqual([]);
    });

    it("keeps each site's lists, desk settings and action log its own", async () => {
      const { a, b, home } = sites();
      await a.desk.putListEntry({ list: 'ban-email', value: 'spammer@example.com', until: null, createdAt: 1, note: null });
      await home.desk.putListEntry({ list: 'hold-words', value: 'casino', until: null, createdAt: 2, note: null });
      expect((await a.desk.listEntries()).map((e) => [e.list, e.value])).toEqual([['ban-email', 'spammer@example.com']]);
      expect(await b.desk.listEntries()).toEqual([]);
      expect((await home.desk.listEntries('hold-words')).map((e) => e.value)).toEqual(['casino']);
      expect(await b.desk.removeListEntry('ban-email', 'spammer@example.com')).toBe(false);
      expect(await a.desk.removeListEntry('ban-email', 'spammer@example.com')).toBe(true);

      await a.desk.setSetting('ban-action', 'spam');
      expect(await a.desk.setting('ban-action')).toBe('spam');
      expect(await b.desk.setting('ban-action')).toBeNull();

      const onA = await a.desk.log({ at: 1, who: 'ann', action: 'approve', ids: ['x'], detail: null });
      for (let i = 0; i < 5; i++) await b.desk.log({ at: 2 + i, who: 'bob', action: 'spam', ids: ['y'], detail: null });
      expect((await a.desk.logEntries({ limit: 3 })).map((e) => [e.id, e.who])).toEqual([[onA, 'ann']]);
      expect((await b.desk.logEntries({ limit: 3 })).map((e) => e.who)).toEqual(['bob', 'bob', 'bob']);
      expect((await a.desk.logEntry(onA))!.who).toBe('ann');
      expect(await b.desk.logEntry(onA)).toBeNull();
    });

    it('lets a token made for one site open that site only; one without a site opens all', async () => {
      const { a, b } = sites();
      await t.store.desk.addToken({ name: 'ann', hash: 'hash-ann', createdAt: 1, site: 'a' });
      await t.store.desk.addToken({ name: 'boss', hash: 'hash-boss', createdAt: 2 });
      expect(await a.desk.tokenByHash('hash-ann')).toEqual({ name: 'ann', hash: 'hash-ann', createdAt: 1, site: 'a' });
      expect(await b.desk.tokenByHash('hash-ann')).toBeNull();
      expect(await b.desk.tokenByHash('hash-boss')).toEqual({ name: 'boss', hash: 'hash-boss', createdAt: 2 });
      expect((await b.desk.tokens()).map((x) => x.name)).toEqual(['boss']);
      expect((await t.store.desk.tokens()).map((x) => [x.name, x.site ?? null])).toEqual([['ann', 'a'], ['boss', null]]);
    });
  });
}
