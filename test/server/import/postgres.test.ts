// The importer against PostgreSQL, the store for more than one instance: one transaction per file,
// nothing new on a second run, and the JSON export read back to the same file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonExportLines } from '../../../src/server/export/json.ts';
import { readAllComments, readJsonExport } from '../../../src/server/export/read-all.ts';
import { createPostgresStore } from '../../../src/server/store/postgres.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { createTestDatabase, pgAvailable } from '../../helpers/pg.ts';
import { fixture, importInto, tempFile } from './helpers.ts';

const ready = await pgAvailable('import into PostgreSQL');

const exportText = async (store: Store) => [...jsonExportLines(await readJsonExport(store), new Date(0))].join('\n');

describe.skipIf(!ready)('importing into PostgreSQL', () => {
  const databases: Awaited<ReturnType<typeof createTestDatabase>>[] = [];
  const stores: Store[] = [];
  let store: Store;

  beforeAll(async () => {
    databases.push(await createTestDatabase('parley_import'), await createTestDatabase('parley_import'));
    stores.push(...(await Promise.all(databases.map((db) => createPostgresStore({ url: db.url })))));
    store = stores[0]!;
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('imports every fixture once, and nothing again the second time', async () => {
    for (const name of ['wordpress/theme-unit-test.xml', 'wordpress/isso-wordpress.xml', 'disqus/isso-disqus.xml', 'disqus/schnack-disqus.xml']) {
      const first = await importInto(store, fixture(name));
      const second = await importInto(store, fixture(name));
      expect(first.created).toBeGreaterThan(0);
      expect(second).toMatchObject({ created: 0, existing: first.created });
    }
    expect(await readAllComments(store)).toHaveLength(29 + 8 + 5 + 5);
  });

  it('refuses remark42-disqus.xml and leaves the database as it was', async () => {
    const before = await exportText(store);
    await expect(importInto(store, fixture('disqus/remark42-disqus.xml'))).rejects.toThrow(/line 1, column/);
    expect(await exportText(store)).toBe(before);
  });

  it('reads its JSON export into an empty database that exports the same file, votes included', async () => {
    const [first, second] = (await readAllComments(store)).filter((r) => r.status === 'published');
    await store.votes.cast({ comment: first!.id, voter: 'voter-hash-1', value: 1, now: 1 });
    await store.votes.cast({ comment: first!.id, voter: 'voter-hash-2', value: -1, now: 2 });
    await store.votes.cast({ comment: second!.id, voter: 'voter-hash-1', value: 1, now: 3 });
    const text = await exportText(store);
    expect(text.match(/"voter":/g)).toHaveLength(3);
    await importInto(stores[1]!, tempFile('pg.json', text));
    expect(await exportText(stores[1]!)).toBe(text);
    expect(await stores[1]!.comments.get(first!.id)).toMatchObject({ votesUp: 1, votesDown: 1 });
  });
});
