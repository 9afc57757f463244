import { describe, expect, it } from 'vitest';
import { checkName, checkText } from '../../../src/core/checks.ts';
import { threadIdFromUrl } from '../../../src/core/thread-id.ts';
import { keylessAvatar } from '../../../src/server/crypto.ts';
import { ImportError } from '../../../src/server/import/types.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';
import { depthOf, everything, fixture, importInto, tempFile, wpComment, wxr } from './helpers.ts';

describe('importing WordPress WXR', () => {
  it('imports the 29 discussion comments of the theme unit test and counts its 4 pingbacks and trackbacks as skipped', async () => {
    const store = createMemoryStore();
    const summary = await importInto(store, fixture('wordpress/theme-unit-test.xml'));
    expect(summary.label).toBe('WordPress WXR 1.2');
    expect(summary.read).toBe(33);
    expect(summary.created).toBe(29);
    expect(summary.skipped.filter((s) => s.kind === 'pingback')).toHaveLength(2);
    expect(summary.skipped.filter((s) => s.kind === 'trackback')).toHaveLength(2);
    expect(summary.byStatus).toEqual({ published: 26, pending: 3, spam: 0, deleted: 0 });
    expect(summary.threads).toBe(7);
    const rows = await everything(store);
    expect(rows).toHaveLength(29);
    expect(rows.some((r) => r.text.includes('Trackback test') || r.name.startsWith('Ping '))).toBe(false);
  });

  it('keeps the depth-9 reply chain of "Template: Comments", under the thread id of the post link', async () => {
    const store = createMemoryStore();
    await importInto(store, fixture('wordpress/theme-unit-test.xml'));
    const rows = await everything(store);
    const thread = threadIdFromUrl('https://wpthemetestdata.wordpress.com/2012/01/03/template-comments/');
    expect(thread).toBe('/2012/01/03/template-comments');
    const inThread = rows.filter((r) => r.thread === thread);
    expect(inThread).toHaveLength(20);
    const deepest = inThread.find((r) => r.text.startsWith('Comment Depth 10'))!;
    expect(depthOf(rows, deepest)).toBe(9);
    const top = inThread.find((r) => r.text === 'Comment Depth 01')!;
    expect(deepest.root).toBe(top.id);
    // The chain runs 01 → 02 → … → 10, each the parent of the next.
    const byId = new Map(rows.map((r) => [r.id, r]));
    const chain: string[] = [];
    for (let r: (typeof rows)[number] | undefined = deepest; r; r = r.parent ? byId.get(r.parent) : undefined) chain.unshift(r.text.slice(0, 16));
    expect(chain).toEqual(['Comment Depth 01', 'Comment Depth 02', 'Comment Depth 03', 'Comment Depth 04', 'Comment Depth 05', 'Comment Depth 06', 'Comment Depth 07', 'Comment Depth 08', 'Comment Depth 09', 'Comment Depth 10']);
    // Parents are stored before their replies (insertMany's contract).
    const seqOf = new Map(rows.map((r) => [r.id, r.seq]));
    for (const r of rows) if (r.parent) expect(seqOf.get(r.parent)!).toBeLessThan(r.seq);
  });

  it('turns HTML bodies into text with no markup left, entities decoded, links as markdown links (issue 20 bug 7)', async () => {
    const store = createMemoryStore();
    await importInto(store, fixture('wordpress/theme-unit-test.xml'));
    const rows = await everything(store);
    for (const r of rows) {
      // The fixture's own prose names tags ("The HTML &lt;blockquote&gt; Element"): those stay, as words.
      expect(r.text).not.toMatch(/<\/?(p|strong|em|h\d|table|td|li|ul|img)\b[^>]*>|<a\s+href/i);
      expect(r.text).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
      expect(checkText(r.text)).toBeNull();
      expect(checkName(r.name)).toBeNull();
    }
    const html = rows.find((r) => r.text.includes('Header one'))!;
    expect(html.text).toContain('Header one\n\nHeader two');
    expect(html.text).toContain('The **HTML <blockquote> Element** (or *HTML Block Quotation Element*)');
    expect(html.text).toContain('see [Notes](https://developer.mozilla.org/en-US/docs/HTML/Element/blockquote#Notes)');
    expect(html.format).toBe('markdown');
    const gravatar = rows.find((r) => r.name === 'Anonymous User')!;
    expect(gravatar.text).toContain('there should be no [Gravatar](https://gravatar.com//) associated with it.');
    // WordPress keeps typed line breaks as newlines; they stay paragraphs.
    expect(rows.find((r) => r.text.startsWith('Comment Depth 05'))).toMatchObject({ text: 'Comment Depth 05\n\nAlso an author comment.', format: 'plain' });
  });

  it('keeps emails private and seeds each imported comment\'s avatar from nothing about its author (issue 14)', async () => {
    const store = createMemoryStore();
    await importInto(store, fixture('wordpress/theme-unit-test.xml'));
    const rows = await everything(store);
    const row = rows.find((r) => r.name === 'Anon')!;
    expect(row.email).toBe('anon@example.com');
    expect(row.avatar).toBe(keylessAvatar(row.id));
    expect(row.avatar).not.toContain('anon');
    expect(row.authorKey).toBeNull();
    // One author, many comments, as many looks: none can be compared with a guessed address.
    const byOneAuthor = rows.filter((r) => r.email === rows.find((x) => rows.filter((y) => y.email === x.email).length > 2)!.email);
    expect(new Set(byOneAuthor.map((r) => r.avatar)).size).toBe(byOneAuthor.length);
  });

  it('reads the 1.0 namespace of isso-wordpress.xml: comment 11 of two items is two comments, ?p=4 is its own thread', async () => {
    const store = createMemoryStore();
    const summary = await importInto(store, fixture('wordpress/isso-wordpress.xml'));
    expect(summary.label).toBe('WordPress WXR 1.0');
    expect(summary.created).toBe(8);
    const rows = await everything(store);
    expect(rows.filter((r) => r.thread === '/2014/test')).toHaveLength(7);
    const other = rows.filter((r) => r.thread === '/?p=4');
    expect(other).toHaveLength(1);
    expect(other[0]!.name).toBe('Anonymous');
    expect(new Set(rows.map((r) => r.id)).size).toBe(8);
    expect(new Set(rows.map((r) => r.idempotencyKey)).size).toBe(8);
    // Emails with the export's trailing newline and indentation, trimmed.
    expect(rows.every((r) => /^[^\s]+@[^\s]+$/.test(r.email))).toBe(true);
    // Dates: GMT first (10 is 12:13:14 local, 02:13:14 GMT); 7 has only a GMT date.
    expect(new Date(rows.find((r) => r.name === 'Multiline Author')!.createdAt).toISOString()).toBe('2022-06-06T02:13:14.000Z');
    expect(new Date(rows.find((r) => r.text === 'Drölfter!')!.createdAt).toISOString()).toBe('2014-04-29T15:21:35.000Z');
    expect(rows.find((r) => r.name === 'Multiline Author')!.text).toBe('When you have a comment with multiple lines:\nWordPress exports it like this.');
    // 7 replies to 6, and 8 and 9 reply to 7.
    const six = rows.find((r) => r.text === 'Zweiter.')!;
    const seven = rows.find((r) => r.text === 'Drölfter!')!;
    expect(seven.parent).toBe(six.id);
    expect(rows.filter((r) => r.parent === seven.id)).toHaveLength(2);
  });

  it('maps comment_approved 1, 0, spam and trash to published, pending, spam and deleted', async () => {
    const file = tempFile(
      'statuses.xml',
      wxr(`<item><title>Statuses</title><link>https://blog.example/statuses/</link><wp:post_id>7</wp:post_id>
        ${wpComment({ comment_id: '1', comment_approved: '1', comment_content: '<![CDATA[one]]>' })}
        ${wpComment({ comment_id: '2', comment_approved: '0', comment_content: '<![CDATA[two]]>' })}
        ${wpComment({ comment_id: '3', comment_approved: 'spam', comment_content: '<![CDATA[three]]>' })}
        ${wpComment({ comment_id: '4', comment_approved: 'trash', comment_content: '<![CDATA[four]]>' })}
        ${wpComment({ comment_id: '5', comment_approved: 'post-trashed', comment_content: '<![CDATA[five]]>' })}
      </item>`),
    );
    const store = createMemoryStore();
    const summary = await importInto(store, file);
    expect(summary.byStatus).toEqual({ published: 1, pending: 1, spam: 1, deleted: 2 });
    const status = Object.fromEntries((await everything(store)).map((r) => [r.text, r.status]));
    expect(status).toEqual({ one: 'published', two: 'pending', three: 'spam', four: 'deleted', five: 'deleted' });
    expect(new Set((await everything(store)).map((r) => r.thread))).toEqual(new Set(['/statuses']));
  });

  it('gives an item without a link the thread /?p=POST_ID, and skips one with neither, counted', async () => {
    const file = tempFile(
      'links.xml',
      wxr(`<item><title>No link</title><wp:post_id>42</wp:post_id>${wpComment({ comment_content: '<![CDATA[by id]]>' })}</item>
           <item><title>Nothing</title>${wpComment({ comment_content: '<![CDATA[lost]]>' })}</item>`),
    );
    const store = createMemoryStore();
    const summary = await importInto(store, file);
    const rows = await everything(store);
    expect(rows.map((r) => [r.thread, r.text])).toEqual([['/?p=42', 'by id']]);
    expect(summary.skipped).toEqual([expect.objectContaining({ kind: 'no-thread', detail: 'its item has no link and no post id' })]);
  });

  it('repairs names and texts that fail Parley checks, and reports each repair with the comment', async () => {
    const file = tempFile(
      'dirty.xml',
      wxr(`<item><title>Dirty</title><link>https://blog.example/dirty</link>
        ${wpComment({ comment_id: '1', comment_author: '<![CDATA[Eve\u202eevil]]>', comment_author_email: 'not-an-email', comment_author_url: 'javascript:alert(1)', comment_content: `<![CDATA[long ${'x'.repeat(10_050)}]]>` })}
        ${wpComment({ comment_id: '2', comment_author: '', comment_content: '<![CDATA[<img src="x.png">]]>' })}
        ${wpComment({ comment_id: '3', comment_author: '<![CDATA[Tom &amp; Jerry]]>', comment_content: '<![CDATA[a &lt;b&gt; tag & <b>bold</b>]]>' })}
      </item>`),
    );
    const store = createMemoryStore();
    const summary = await importInto(store, file);
    const rows = await everything(store);
    const eve = rows.find((r) => r.name.startsWith('Eve'))!;
    expect(eve.name).toBe('Eveevil');
    expect(eve.email).toBe('');
    expect(eve.website).toBeNull();
    expect([...eve.text]).toHaveLength(10_000);
    const empty = rows.find((r) => r.name === 'Anonymous')!;
    expect(empty.status).toBe('deleted');
    expect(rows.find((r) => r.name === 'Tom & Jerry')).toMatchObject({ text: 'a <b> tag & **bold**', format: 'markdown' });
    const messages = summary.notes.map((n) => `${n.where}: ${n.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/comment 1 of “Dirty”: bidi control characters removed from the name/),
        expect.stringMatching(/comment 1 of “Dirty”: text cut from 10,0\d\d to 10,000 characters/),
        expect.stringMatching(/comment 1 of “Dirty”: email "not-an-email" is not an address: left out/),
        expect.stringMatching(/comment 1 of “Dirty”: website "javascript:alert\(1\)" is not an http\(s\) address: left out/),
        expect.stringMatching(/comment 2 of “Dirty”: no name: shown as "Anonymous"/),
        expect.stringMatching(/comment 2 of “Dirty”: empty text: imported as deleted/),
      ]),
    );
  });

  it('imports a reply whose parent is missing as a top-level comment, and says so', async () => {
    const file = tempFile(
      'orphan.xml',
      wxr(`<item><title>Orphans</title><link>https://blog.example/o</link>
        ${wpComment({ comment_id: '1', comment_type: 'pingback', comment_content: '<![CDATA[[...] pinged]]>' })}
        ${wpComment({ comment_id: '2', comment_parent: '1', comment_content: '<![CDATA[reply to a pingback]]>' })}
        ${wpComment({ comment_id: '3', comment_parent: '99', comment_content: '<![CDATA[reply to nothing]]>' })}
      </item>`),
    );
    const store = createMemoryStore();
    const summary = await importInto(store, file);
    const rows = await everything(store);
    // Both top-level; their order between them (same date) is not the point here.
    expect(rows.map((r) => [r.text, r.parent]).sort()).toEqual([
      ['reply to a pingback', null],
      ['reply to nothing', null],
    ]);
    expect(summary.orphans.map((o) => o.where)).toEqual([expect.stringContaining('comment 2'), expect.stringContaining('comment 3')]);
    expect(summary.skipped.map((s) => s.kind)).toEqual(['pingback']);
  });

  it('refuses a WXR broken half-way with the line of the error, and writes nothing', async () => {
    const good = wpComment({ comment_id: '1' });
    // A bare "&" (a hand-edited file): the parser alone would blame the end of the file.
    const text = wxr(`<item><title>A</title><link>https://blog.example/a</link>${good}</item>\n<item><title>B</title><link>https://blog.example/b</link>\n<wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_author>Bob & Co</wp:comment_author></wp:comment></item>\n<item><title>C</title></item>`);
    const line = text.split('\n').findIndex((l) => l.includes('Bob & Co')) + 1;
    const store = createMemoryStore();
    const error = await importInto(store, tempFile('broken.xml', text)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(new RegExp(`^The file is not well-formed XML: line ${line}, column \\d+: .+Nothing was imported`));
    expect(await everything(store)).toEqual([]);
  });

  it('refuses an RSS feed and other XML, saying what was expected', async () => {
    const store = createMemoryStore();
    await expect(importInto(store, tempFile('feed.xml', '<rss version="2.0"><channel><item><title>x</title></item></channel></rss>'))).rejects.toThrow(/RSS feed without WordPress's export namespace/);
    await expect(importInto(store, tempFile('other.xml', '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"/>'))).rejects.toThrow(/root element is <feed> \(line 2\)/);
    await expect(importInto(store, tempFile('latin1.xml', '<?xml version="1.0" encoding="ISO-8859-1"?><rss/>'))).rejects.toThrow(/encoded as ISO-8859-1.*iconv/);
  });
});
