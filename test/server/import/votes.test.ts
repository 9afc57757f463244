// Votes through `parley export --format json` and `parley import` (DESIGN promise 2, "Nothing lost";
// issue 16 item 2): each comment carries its votes as the store keeps them (voters as keyed hashes),
// so a site moved into an empty database shows the same counts and, under the same server secret,
// still knows which browser voted. On memory, SQLite and PostgreSQL (skipped with a message where
// PostgreSQL is not running, failing under CI=true).
import type { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonExportLines } from '../../../src/server/export/json.ts';
import { readJsonExport } from '../../../src/server/export/read-all.ts';
import { formatSummary } from '../../../src/server/import/import-file.ts';
import { ImportError } from '../../../src/server/import/types.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';
import { createPostgresStore } from '../../../src/server/store/postgres.ts';
import { createSqliteStore } from '../../../src/server/store/sqlite.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { list, posted, setup } from '../../helpers/app.ts';
import { createTestDatabase, pgAvailable } from '../../helpers/pg.ts';
import { everything, importInto, tempFile } from './helpers.ts';

const pgReady = await pgAvailable('votes through export and import on PostgreSQL');

type Opened = { store: Store; close: () => Promise<void> };
const STORES: { name: string; ready: boolean; open: () => Promise<Opened> }[] = [
  { name: 'memory', ready: true, open: async () => ({ store: createMemoryStore(), close: async () => {} }) },
  {
    name: 'sqlite',
    ready: true,
    open: async () => {
      const store = createSqliteStore({ file: ':memory:' });
      return { store, close: () => store.close() };
    },
  },
  {
    name: 'postgres',
    ready: pgReady,
    open: async () => {
      const db = await createTestDatabase('parley_votes_io');
      const store = await createPostgresStore({ url: db.url, poolSize: 2 });
      return { store, close: async () => (await store.close(), await db.drop()) };
    },
  },
];

type Votes = { up: number; down: number };
const vote = async (app: Hono, id: string, value: 1 | -1 | 0, voter: string): Promise<Votes> => {
  const res = await app.request(`/api/v1/comments/${id}/vote`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value, voter }) });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { votes: Votes }).votes;
};
/** A browser's voter key, as the widget keeps it in localStorage (16–64 characters). */
const browser = (n: number) => `browser-voter-key-${n}`;
/** Each comment's counts as the GET answer shows them to every reader. */
const shown = async (app: Hono, thread: string) =>
  Object.fromEntries(((await list(app, `thread=${encodeURIComponent(thread)}`)).json.comments as unknown as { id: string; votes: Votes }[]).map((c) => [c.id, c.votes]));
const exportText = async (store: Store, at = '2026-03-01T00:00:00.000Z') => [...jsonExportLines(await readJsonExport(store), new Date(at))].join('\n');
const withoutDate = (text: string) => text.replace(/"exportedAt":"[^"]+"/, '');

for (const kind of STORES) {
  describe.skipIf(!kind.ready)(`votes through export and import (${kind.name})`, () => {
    const opened: Opened[] = [];
    const open = async () => {
      const made = await kind.open();
      opened.push(made);
      return made.store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((o) => o.close()));
    });

    /** A site with votes through the API: a's 2 up and 1 down, its reply b's 1 down, c none, d's 1 up then held. */
    async function votedSite() {
      const store = await open();
      const { app } = setup({ store, votes: 'updown' });
      const a = (await posted(app, { text: 'First, and liked.' })).comment.id;
      const b = (await posted(app, { parent: a, text: 'A reply.' })).comment.id;
      const c = (await posted(app, { text: 'Nobody voted on this.' })).comment.id;
      const d = (await posted(app, { thread: '/b', text: 'Voted on, then held.' })).comment.id;
      await vote(app, a, 1, browser(1));
      await vote(app, a, 1, browser(2));
      await vote(app, a, -1, browser(3));
      await vote(app, b, -1, browser(1));
      await vote(app, d, 1, browser(2));
      await store.comments.setStatus([d], 'pending');
      return { store, app, ids: { a, b, c, d } };
    }

    it('carries each comment\'s votes; an empty database shows the same counts, knows who voted, and a second import adds nothing', async () => {
      const source = await votedSite();
      const { a, b, c, d } = source.ids;
      const text = await exportText(source.store);
      const file = JSON.parse(text) as { comments: { id: string; votes?: { voter: string; value: number; at: string }[] }[] };
      const byId = new Map(file.comments.map((x) => [x.id, x]));
      // Voters as the store keeps them (keyed hashes), in voter order; never the key a browser sent.
      const votesOfA = byId.get(a)!.votes!;
      expect(votesOfA.map((v) => v.value).sort()).toEqual([-1, 1, 1]);
      expect(votesOfA.map((v) => v.voter)).toEqual(votesOfA.map((v) => v.voter).sort());
      for (const v of votesOfA) expect(v).toEqual({ voter: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), value: v.value, at: '2026-01-01T00:00:00.000Z' });
      expect(text).not.toContain(browser(1));
      expect(byId.get(b)!.votes).toHaveLength(1);
      expect(byId.get(d)!.votes).toHaveLength(1);
      // Left out where there are none, as owner and pinnedAt are.
      expect(byId.get(c)).not.toHaveProperty('votes');

      const store = await open();
      const summary = await importInto(store, tempFile('votes.json', text));
      expect(summary).toMatchObject({ created: 4, votes: 5 });
      expect(formatSummary(summary)[1]).toMatch(/, with 5 votes$/);
      // Same server secret (setup's): the moved site.
      const { app } = setup({ store, votes: 'updown' });
      expect(await shown(app, '/a')).toEqual(await shown(source.app, '/a'));
      expect(await shown(app, '/a')).toMatchObject({ [a]: { up: 2, down: 1 }, [b]: { up: 0, down: 1 }, [c]: { up: 0, down: 0 } });
      expect(await store.comments.get(d)).toMatchObject({ status: 'pending', votesUp: 1, votesDown: 0 });
      expect(withoutDate(await exportText(store, '2026-04-01T00:00:00.000Z'))).toBe(withoutDate(text));

      // Importing the file again adds no vote.
      expect(await importInto(store, tempFile('votes.json', text))).toMatchObject({ created: 0, existing: 4 });
      expect((await shown(app, '/a'))[a]).toEqual({ up: 2, down: 1 });
      expect(withoutDate(await exportText(store))).toBe(withoutDate(text));

      // One vote per browser still holds: browser 1 again counts once; browser 3 moves its vote; a new browser adds one.
      expect(await vote(app, a, 1, browser(1))).toEqual({ up: 2, down: 1 });
      expect(await vote(app, a, 1, browser(3))).toEqual({ up: 3, down: 0 });
      expect(await vote(app, a, 0, browser(2))).toEqual({ up: 2, down: 0 });
      expect(await vote(app, a, 1, browser(4))).toEqual({ up: 3, down: 0 });
    });

    it('keeps the counts on a server with another secret, where a browser that voted may vote once more', async () => {
      const source = await votedSite();
      const store = await open();
      await importInto(store, tempFile('votes.json', await exportText(source.store)));
      const { app } = setup({ store, votes: 'updown', secret: 'another-servers-secret' });
      expect((await shown(app, '/a'))[source.ids.a]).toEqual({ up: 2, down: 1 });
      expect(await vote(app, source.ids.a, 1, browser(1))).toEqual({ up: 3, down: 1 });
    });

    it('refuses a malformed votes entry whole, naming the comment, and writes nothing', async () => {
      const store = await open();
      const at = '2024-05-01T12:00:00.000Z';
      const voter = 'a'.repeat(32);
      const comment = (id: string, votes: unknown) => ({ id, thread: '/t', parent: null, status: 'published', name: 'Ann', email: '', website: null, text: `text ${id}`, createdAt: at, editedAt: null, votes });
      const cases: [unknown, RegExp][] = [
        [[{ voter, value: 2, at }], /comment 2 \(id bad\), comments\.1\.votes\.0\.value: must be 1 \(up\) or -1 \(down\)\. Nothing was imported\./],
        [[{ voter, value: 1, at }, { voter, value: -1, at }], /comment 2 \(id bad\), comments\.1\.votes\.1\.voter: voter a{32} votes twice on this comment\. Nothing was imported\./],
        [{ up: 3, down: 1 }, /comment 2 \(id bad\), comments\.1\.votes: must be a list of votes, each \{ voter, value, at \}/],
        [[{ voter: 'has space', value: 1, at }], /comment 2 \(id bad\), comments\.1\.votes\.0\.voter: must be the voter key of a Parley export/],
        [[{ voter, value: 1, at: 'yesterday' }], /comment 2 \(id bad\), comments\.1\.votes\.0\.at: must be an ISO 8601 date/],
        [[{ value: 1, at }], /comment 2 \(id bad\), comments\.1\.votes\.0\.voter: must be the voter key/],
      ];
      for (const [votes, message] of cases) {
        const file = JSON.stringify({ format: 'parley-comments', version: 1, comments: [comment('fine', [{ voter, value: 1, at }]), comment('bad', votes)] });
        const error = await importInto(store, tempFile('bad-votes.json', file)).catch((e: unknown) => e);
        expect(error, JSON.stringify(votes)).toBeInstanceOf(ImportError);
        expect((error as Error).message).toMatch(message);
      }
      expect(await everything(store)).toEqual([]);
      expect((await store.votes.listOf(['fine', 'bad'])).size).toBe(0);
    });

    it('imports a file written before votes were exported, with none, and exports it back unchanged', async () => {
      const store = await open();
      const file = JSON.stringify({
        format: 'parley-comments',
        version: 1,
        comments: [
          { id: 'old1', thread: '/t', parent: null, status: 'published', name: 'Ann', email: '', website: null, text: 'From before votes.', createdAt: '2024-05-01T12:00:00.000Z', editedAt: null },
          { id: 'old2', thread: '/t', parent: null, status: 'published', name: 'Bo', email: '', website: null, text: 'An empty list is no votes.', createdAt: '2024-05-01T12:00:01.000Z', editedAt: null, votes: [] },
        ],
      });
      const summary = await importInto(store, tempFile('old.json', file));
      expect(summary).toMatchObject({ created: 2, votes: 0 });
      expect(formatSummary(summary)[1]).not.toContain('vote');
      const { app } = setup({ store, votes: 'updown' });
      expect(await shown(app, '/t')).toEqual({ old1: { up: 0, down: 0 }, old2: { up: 0, down: 0 } });
      expect(await exportText(store)).not.toContain('"votes"');
      expect(await vote(app, 'old1', 1, browser(1))).toEqual({ up: 1, down: 0 });
    });
  });
}
