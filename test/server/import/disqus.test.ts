import { describe, expect, it } from 'vitest';
import { threadIdFromUrl } from '../../../src/core/thread-id.ts';
import { ImportError } from '../../../src/server/import/types.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';
import { everything, fixture, importInto } from './helpers.ts';

describe('importing a Disqus export', () => {
  it('imports isso-disqus.xml: the reply to a deleted post keeps it as a deleted anchor, the post of missing thread 1337 is skipped and named', async () => {
    const store = createMemoryStore();
    const summary = await importInto(store, fixture('disqus/isso-disqus.xml'));
    expect(summary.label).toBe('Disqus XML');
    expect(summary.read).toBe(6);
    expect(summary.created).toBe(5);
    expect(summary.byStatus).toEqual({ published: 4, pending: 0, spam: 0, deleted: 1 });
    expect(summary.skipped).toEqual([{ kind: 'no-thread', where: expect.stringMatching(/^line \d+, post 6$/), detail: 'its thread 1337 is not in the file' }]);
    const rows = await everything(store);
    const deleted = rows.find((r) => r.status === 'deleted')!;
    const reply = rows.find((r) => r.parent === deleted.id)!;
    expect(reply.text).toBe('Hello, World.');
    expect(reply.thread).toBe(threadIdFromUrl('http://example.org/'));
    // Post 5 replies to post 4, a published one.
    const four = rows.find((r) => r.name === 'peter' && r.status === 'published')!;
    expect(rows.find((r) => r.parent === four.id)!.createdAt).toBe(Date.parse('2013-10-11T06:51:33Z'));
    // The thread with an empty <id/> and <title/> still has a link: that is its thread.
    expect(rows.find((r) => r.name === 'Empty')!.thread).toBe('/blog/2013/02/12/redacted/index.html');
    expect(rows.find((r) => r.name === 'Empty')!.text).toBe('Message from thread with empty title and id');
  });

  it('imports schnack-disqus.xml with its 3 nested replies, paragraphs and links as text', async () => {
    const store = createMemoryStore();
    const summary = await importInto(store, fixture('disqus/schnack-disqus.xml'));
    expect(summary.created).toBe(5);
    const rows = await everything(store);
    const foo = rows.filter((r) => r.thread === '/foo');
    expect(foo).toHaveLength(4);
    expect(rows.filter((r) => r.thread === '/bar')).toHaveLength(1);
    const first = foo.find((r) => r.parent === null)!;
    expect(first.text).toBe('Hey, wow!\n\n// Amazing post.\n\nCheck example (http://example.example).');
    expect(first.email).toBe('moriz@webkid.io');
    // A chain: first ← Christopher ← Moritz ← Christopher.
    let depth = 0;
    for (let r = foo.find((x) => x.text === 'Nice! :)')!; r.parent; r = foo.find((x) => x.id === r.parent)!) depth++;
    expect(depth).toBe(3);
    expect(foo.every((r) => r.root === first.id)).toBe(true);
  });

  it('refuses remark42-disqus.xml whole, naming line 1, and writes nothing', async () => {
    const store = createMemoryStore();
    // Something already stored must stay exactly as it was.
    await importInto(store, fixture('disqus/schnack-disqus.xml'));
    const before = await everything(store);
    const error = await importInto(store, fixture('disqus/remark42-disqus.xml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/^The file is not well-formed XML: line 1, column \d+: .*Nothing was imported/);
    expect(await everything(store)).toEqual(before);
  });

  it('refuses the unquoted attribute deeper in the remark42 file once the stray first byte is gone, naming its line', async () => {
    const { readFileSync } = await import('node:fs');
    const { tempFile } = await import('./helpers.ts');
    const text = readFileSync(fixture('disqus/remark42-disqus.xml'), 'utf8').replace(/^`/, '');
    const line = text.split('\n').findIndex((l) => l.includes('dsq:id=247937687/>')) + 1;
    const store = createMemoryStore();
    await expect(importInto(store, tempFile('remark42-fixed-start.xml', text))).rejects.toThrow(new RegExp(`line ${line}, column \\d+`));
    expect(await everything(store)).toEqual([]);
  });
});
