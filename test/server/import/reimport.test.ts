import { describe, expect, it } from 'vitest';
import { importedId } from '../../../src/server/import/plan.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';
import { everything, fixture, importInto, tempFile, wpComment, wxr } from './helpers.ts';

const FIXTURES = ['wordpress/theme-unit-test.xml', 'wordpress/isso-wordpress.xml', 'disqus/isso-disqus.xml', 'disqus/schnack-disqus.xml'];

describe('importing the same file again', () => {
  it.each(FIXTURES)('creates nothing new the second time (%s)', async (name) => {
    const store = createMemoryStore();
    const first = await importInto(store, fixture(name));
    const rows = await everything(store);
    const second = await importInto(store, fixture(name));
    expect(first.created).toBeGreaterThan(0);
    expect(second.created).toBe(0);
    expect(second.existing).toBe(first.created);
    expect(await everything(store)).toEqual(rows);
  });

  it('keys every comment by its item as well as its id: comment 11 of two items is two comments, both found again', async () => {
    const store = createMemoryStore();
    await importInto(store, fixture('wordpress/isso-wordpress.xml'));
    const keys = (await everything(store)).map((r) => r.idempotencyKey!);
    expect(keys.every((k) => /^import:wxr:[0-9a-f]{64}$/.test(k))).toBe(true);
    expect(new Set(keys).size).toBe(8);
  });

  it('finds the comments again after the site moved from http to https and dropped "www."', async () => {
    const file = (site: string) =>
      wxr(`<item><title>Post</title><link>${site}/post</link><wp:post_id>5</wp:post_id>${wpComment({ comment_id: '1', comment_content: '<![CDATA[first]]>' })}</item>`, `<link>${site}</link>`);
    const store = createMemoryStore();
    expect(await importInto(store, tempFile('old.xml', file('http://www.blog.example')))).toMatchObject({ created: 1 });
    expect(await importInto(store, tempFile('new.xml', file('https://blog.example')))).toMatchObject({ created: 0, existing: 1 });
    // Another site with the same post and comment ids is another comment.
    expect(await importInto(store, tempFile('other.xml', file('https://other.example')))).toMatchObject({ created: 1 });
  });

  it('adds only the new comments of a later export of the same site, replies to earlier ones included', async () => {
    const item = (comments: string) => wxr(`<item><title>Post</title><link>https://blog.example/post</link><wp:post_id>5</wp:post_id>${comments}</item>`);
    const one = wpComment({ comment_id: '1', comment_content: '<![CDATA[first]]>' });
    const store = createMemoryStore();
    await importInto(store, tempFile('march.xml', item(one)));
    // Only the reply is new; its parent was imported from the earlier file.
    const summary = await importInto(store, tempFile('april.xml', item(`${one}${wpComment({ comment_id: '2', comment_parent: '1', comment_date_gmt: '2024-05-02 12:00:00', comment_content: '<![CDATA[second]]>' })}`)));
    expect(summary).toMatchObject({ created: 1, existing: 1, orphans: [] });
    const rows = await everything(store);
    expect(rows.find((r) => r.text === 'second')!.parent).toBe(rows.find((r) => r.text === 'first')!.id);
    // And a file with only the reply finds its parent in the store, not as an orphan.
    const alone = createMemoryStore();
    await importInto(alone, tempFile('march.xml', item(one)));
    const replyOnly = await importInto(alone, tempFile('reply.xml', item(wpComment({ comment_id: '3', comment_parent: '1', comment_content: '<![CDATA[third]]>' }))));
    expect(replyOnly.orphans).toEqual([]);
    expect((await everything(alone)).find((r) => r.text === 'third')!.parent).toBe(importedId('wxr\nblog.example\n5\n1'));
  });

  it('writes nothing on a dry run, and says what it would import', async () => {
    const store = createMemoryStore();
    const summary = await importInto(store, fixture('disqus/schnack-disqus.xml'), true);
    expect(summary).toMatchObject({ dryRun: true, byStatus: { published: 5 } });
    expect(summary.created).toBeUndefined();
    expect(await everything(store)).toEqual([]);
  });

  it('lands comments on the thread an alias points to', async () => {
    const store = createMemoryStore();
    await store.aliases.set('/foo', '/new-foo');
    await importInto(store, fixture('disqus/schnack-disqus.xml'));
    const threads = new Set((await everything(store)).map((r) => r.thread));
    expect(threads).toEqual(new Set(['/new-foo', '/bar']));
  });
});
