// WXR in both directions between Parley and a real WordPress (Parley issue 20): WordPress's own
// export (Tools → Export) read by `parley import`, and `parley export --format wxr` read by the
// WordPress Importer 0.9.5, by each of its parsers and by a whole import into the site, as
// Tools → Import → WordPress runs it. Both sides are compared field by field from their databases.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEntities } from '../../src/server/import/html-to-text.ts';
import type { ExportedComment, ExportFile } from '../../src/server/export/parley-format.ts';
import { runCli } from '../helpers/server.ts';
import { startWordPress, wordpressAvailable, type CommentRow, type WordPressSite } from './site.ts';


const APPROVED: Record<ExportedComment['status'], string> = { published: '1', pending: '0', spam: 'spam', deleted: 'trash' };
const wpDate = (iso: string) => iso.slice(0, 19).replace('T', ' ');

describe.runIf(wordpressAvailable())('WXR between Parley and a real WordPress', () => {
  let wp: WordPressSite;
  let dir: string;
  const parley = (...args: string[]) => runCli(args);
  const rows = async (post?: number) => (await wp.tool<CommentRow[]>('comments', post ? { post } : {})).result;
  /** Parley's database as its own JSON export: every comment, every status. */
  const exported = async (db: string) => {
    const run = await parley('export', '--format', 'json', '--db', db);
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout) as ExportFile;
  };

  beforeAll(async () => {
    wp = await startWordPress();
    dir = mkdtempSync(path.join(tmpdir(), 'parley-wxr-'));
  }, 120_000);
  afterAll(async () => {
    await wp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('WordPress → Parley', () => {
    let post = 0;
    let file = '';
    const db = () => path.join(dir, 'from-wordpress.db');

    beforeAll(async () => {
      // Comments as WordPress stores them when visitors post (its filters, run as a visitor:
      // kses on the content, names HTML-escaped), on a post of their own beside "Hello world!".
      post = await wp.php<number>(`
        wp_set_current_user(0);
        $post = wp_insert_post(['post_title' => 'Export me', 'post_status' => 'publish', 'post_author' => 1], true);
        $add = function ($fields) use ($post) {
          $comment = wp_filter_comment(wp_slash(array_merge(['comment_post_ID' => $post, 'comment_type' => 'comment', 'comment_author_url' => '', 'comment_author_IP' => '127.0.0.1', 'comment_agent' => 'test', 'user_id' => 0], $fields)));
          return wp_insert_comment($comment);
        };
        $a = $add(['comment_author' => 'Tom & Jerry', 'comment_author_email' => 'tom@example.org', 'comment_author_url' => 'https://tom.example/', 'comment_date' => '2024-05-01 14:00:00', 'comment_date_gmt' => '2024-05-01 12:00:00', 'comment_approved' => 1,
          'comment_content' => "First paragraph with <strong>bold</strong> & an entity.\\n\\nSecond, with a <a href=\\"https://example.org/x\\">link</a>.\\nA new line."]);
        $b = $add(['comment_author' => 'Zoë 🙂', 'comment_author_email' => 'zoe@example.org', 'comment_date' => '2024-05-01 15:00:00', 'comment_date_gmt' => '2024-05-01 13:00:00', 'comment_approved' => 1, 'comment_parent' => $a,
          'comment_content' => 'Ünïcödé — and 3 &lt; 5, typed as such.']);
        $add(['comment_author' => 'Deep', 'comment_author_email' => 'deep@example.org', 'comment_date' => '2024-05-01 16:00:00', 'comment_date_gmt' => '2024-05-01 14:00:00', 'comment_approved' => 0, 'comment_parent' => $b, 'comment_content' => 'Held for a moderator.']);
        $add(['comment_author' => 'Trashed', 'comment_author_email' => 'trash@example.org', 'comment_date' => '2024-05-01 17:00:00', 'comment_date_gmt' => '2024-05-01 15:00:00', 'comment_approved' => 'trash', 'comment_content' => 'In the bin.']);
        $add(['comment_author' => 'Spammer', 'comment_author_email' => 'spam@example.org', 'comment_date' => '2024-05-01 18:00:00', 'comment_date_gmt' => '2024-05-01 16:00:00', 'comment_approved' => 'spam', 'comment_content' => 'Cheap pills.']);
        $add(['comment_author' => 'Another blog', 'comment_author_url' => 'https://other.example/post', 'comment_author_email' => '', 'comment_type' => 'pingback', 'comment_date' => '2024-05-01 19:00:00', 'comment_date_gmt' => '2024-05-01 17:00:00', 'comment_approved' => 1, 'comment_content' => '[…] a pingback […]']);
        return $post;
      `);
      file = path.join(dir, 'wordpress-export.xml');
      await wp.tool('wxr-export', { file });
    });

    it('imports WordPress’s own export: each comment with its thread, parent, status, author, email, site, date and text', async () => {
      const run = await parley('import', file, '--db', db());
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      // WordPress exports no spam; the pingback is skipped by Parley, as documented.
      expect(run.stdout).toContain('6 comments in the file; 5 comments for 2 threads');
      expect(run.stdout).toContain('skipped: 1 pingback');

      const wordpress = (await rows()).filter((r) => r.comment_type === 'comment' && r.approved !== 'spam');
      const { comments } = await exported(db());
      expect(comments).toHaveLength(wordpress.length);
      const byWp = new Map<string, ExportedComment>();
      for (const r of wordpress) {
        const c = comments.find((x) => x.createdAt === `${r.date_gmt.replace(' ', 'T')}.000Z` && x.email === r.email)!;
        expect(c, `comment ${r.id} of WordPress`).toBeDefined();
        byWp.set(r.id, c);
        expect(c).toMatchObject({
          thread: `/?p=${r.post}`,
          status: { '1': 'published', '0': 'pending', trash: 'deleted' }[r.approved],
          name: decodeEntities(r.author),
          website: r.url || null,
        });
      }
      for (const r of wordpress) expect(byWp.get(r.id)!.parent).toBe(r.parent === '0' ? null : byWp.get(r.parent)!.id);
      const text = (name: string) => comments.find((c) => c.name === name)!.text;
      // Issue 20 bug 7: a comment with a link (or bold) is markdown, the link as [words](URL).
      expect(text('Tom & Jerry')).toBe('First paragraph with **bold** & an entity.\n\nSecond, with a [link](https://example.org/x).\nA new line.');
      expect(comments.find((c) => c.name === 'Tom & Jerry')!.format).toBe('markdown');
      expect(comments.find((c) => c.name === 'Zoë 🙂')!.format).toBe('plain');
      expect(text('Zoë 🙂')).toBe('Ünïcödé — and 3 < 5, typed as such.');
      expect(comments.filter((c) => c.thread === `/?p=${post}`).map((c) => [c.name, c.status])).toEqual([
        ['Tom & Jerry', 'published'],
        ['Zoë 🙂', 'published'],
        ['Deep', 'pending'],
        ['Trashed', 'deleted'],
      ]);
    });

    it('adds nothing when the same export is imported again', async () => {
      const run = await parley('import', file, '--db', db());
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('0 new, 5 already present');
    });

    it('keeps a WordPress comment’s link a link, and its bold bold, through Parley and back (issue 20 bug 7)', async () => {
      const run = await parley('export', '--format', 'wxr', '--base-url', wp.url, '--db', db());
      expect(run.status, run.stderr).toBe(0);
      const back = path.join(dir, 'round-trip.xml');
      writeFileSync(back, run.stdout);
      // What each of the WordPress Importer's parsers reads as Tom's comment.
      const parsed = (await wp.tool<Record<string, any>>('wxr-parse', { file: back })).result;
      for (const [parser, result] of Object.entries(parsed)) {
        const tom = result.posts.flatMap((p: any) => p.comments).find((c: any) => decodeEntities(c.comment_author) === 'Tom & Jerry');
        expect(tom, parser).toBeDefined();
        expect(tom.comment_content, parser).toMatch(/<a href="https:\/\/example\.org\/x"[^>]*>link<\/a>/);
        expect(tom.comment_content, parser).toContain('<strong>bold</strong> &amp; an entity');
      }
      // And what WordPress makes of that HTML as a visitor's comment (kses, as for anonymous
      // comments): the link and the bold survive as elements.
      const content = (parsed.WXR_Parser_SimpleXML.posts as any[]).flatMap((p) => p.comments).find((c: any) => decodeEntities(c.comment_author) === 'Tom & Jerry').comment_content;
      const filtered = await wp.php<string>(`return wp_filter_kses(${JSON.stringify(content).replace(/\$/g, '\\$')});`);
      expect(filtered).toMatch(/<a href=\\?"https:\/\/example\.org\/x\\?"[^>]*>link<\/a>/);
      expect(filtered).toContain('<strong>bold</strong>');
    });
  });

  describe('Parley → WordPress', () => {
    const db = () => path.join(dir, 'to-wordpress.db');
    let wxr = '';
    let posts: { old: number; id: number; title: string; type: string; status: string; author: string; author_name: string }[] = [];
    let output = '';
    const at = (minutes: number) => new Date(Date.UTC(2024, 4, 1, 12, minutes)).toISOString();
    const comment = (id: string, thread: string, parent: string | null, status: ExportedComment['status'], name: string, text: string, minutes: number, website: string | null = null): ExportedComment => ({
      id,
      thread,
      parent,
      status,
      name,
      email: `${id.toLowerCase()}@example.org`,
      website,
      text,
      format: 'plain',
      createdAt: at(minutes),
      editedAt: null,
      idempotencyKey: null,
      fingerprint: null,
      reasons: [],
    });
    const source: ExportedComment[] = [
      comment('pA', '/2024/05/ferry-news', null, 'published', 'Heidi <h>', 'Plain text with <b>tags</b>, & an &amp; typed, and ]]> inside.\n\nSecond paragraph\nwith a line break.', 0, 'https://heidi.example/'),
      comment('pB', '/2024/05/ferry-news', 'pA', 'published', 'Tom & Jerry', 'A reply with a link: https://example.org/a?b=1&c=2', 1),
      comment('pC', '/2024/05/ferry-news', 'pB', 'pending', 'Deep "quoted" O’Brien', 'Held, three levels down.', 2),
      comment('pD', '/2024/05/ferry-news', null, 'spam', 'Spammer', 'Cheap pills.', 3),
      comment('pE', '/2024/05/ferry-news', null, 'deleted', 'Gone', 'Deleted, kept for its place.', 4),
      comment('pF', 'post-4', null, 'published', 'Ünïcödé 🙂', 'A thread named by data-thread, not a path.', 5),
    ];

    beforeAll(async () => {
      const json = path.join(dir, 'parley.json');
      writeFileSync(json, JSON.stringify({ format: 'parley-comments', version: 1, exportedAt: at(0), aliases: [], comments: source }));
      const imported = await parley('import', json, '--db', db());
      expect(imported.status, imported.stderr).toBe(0);
      const run = await parley('export', '--format', 'wxr', '--base-url', wp.url, '--db', db());
      expect(run.status, run.stderr).toBe(0);
      wxr = path.join(dir, 'parley.xml');
      writeFileSync(wxr, run.stdout);
      // The importer's author form as sent without a choice: a new user for each author of the file.
      const result = await wp.tool<{ posts: typeof posts }>('wxr-import', { file: wxr, authors: { parley: { user_new: '', user_map: 0 } } });
      posts = result.result.posts;
      output = result.output;
    });

    it('is read by each of the importer’s parsers as one author, Parley, and the same comments with names as typed', async () => {
      const parsed = (await wp.tool<Record<string, any>>('wxr-parse', { file: wxr })).result;
      expect(Object.keys(parsed)).toEqual(['WXR_Parser_SimpleXML', 'WXR_Parser_XML', 'WXR_Parser_Regex', 'WXR_Parser_XML_Processor']);
      for (const [parser, result] of Object.entries(parsed)) {
        expect(result.error, parser).toBeUndefined();
        expect(result.authors.map((a: any) => [a.author_login, a.author_display_name]), parser).toEqual([['parley', 'Parley']]);
        expect(result.posts.map((p: any) => p.post_author), parser).toEqual(['parley', 'parley']);
        const names = result.posts.flatMap((p: any) => p.comments.map((c: any) => decodeEntities(c.comment_author)));
        expect(names, parser).toEqual(source.map((c) => c.name));
      }
    });

    it('imports into WordPress without “Failed to import author”, the drafts attributed to a new user Parley', () => {
      expect(output).not.toContain('Failed to import author');
      expect(output).not.toContain('Failed to create new user');
      expect(posts.map((p) => [p.title, p.type, p.status, p.author, p.author_name])).toEqual([
        ['/2024/05/ferry-news', 'post', 'draft', 'parley', 'Parley'],
        ['post-4', 'post', 'draft', 'parley', 'Parley'],
      ]);
    });

    it('keeps every comment: names as typed (“Heidi <h>”), text, parent, status, email, site and date', async () => {
      const stored = (await rows()).filter((r) => r.parley_id);
      expect(stored.map((r) => r.parley_id).sort()).toEqual(source.map((c) => c.id).sort());
      const byParley = new Map(stored.map((r) => [r.parley_id!, r]));
      for (const c of source) {
        const r = byParley.get(c.id)!;
        expect(decodeEntities(r.author), c.id).toBe(c.name);
        // WordPress shows comment_content as HTML: the text escaped, so as typed.
        expect(decodeEntities(r.content), c.id).toBe(c.text);
        expect(r, c.id).toMatchObject({ email: c.email, url: c.website ?? '', approved: APPROVED[c.status], date_gmt: wpDate(c.createdAt) });
        expect(r.parent === '0' ? null : stored.find((p) => p.id === r.parent)!.parley_id, c.id).toBe(c.parent);
      }
      // And WordPress's own display of Heidi's comment: no element from her text.
      const shown = await wp.php<string>(`return apply_filters('comment_text', get_comment_text(${byParley.get('pA')!.id}), get_comment(${byParley.get('pA')!.id}), []);`);
      expect(shown).not.toMatch(/<b>|<\/b>/);
      expect(shown).toContain('&lt;b&gt;tags&lt;/b&gt;');
    });

    it('adds a thread’s comments to the site’s post at that address with the Parley plugin, instead of a new draft, and adds none again', async () => {
      const target = await wp.php<number>("return wp_insert_post(['post_title' => 'A real post', 'post_status' => 'publish', 'post_date' => '2024-04-01 09:00:00'], true);");
      const json = path.join(dir, 'same-site.json');
      const thread = `/?p=${target}`;
      writeFileSync(
        json,
        JSON.stringify({ format: 'parley-comments', version: 1, aliases: [], comments: [comment('sA', thread, null, 'published', 'Ann', 'On the real post.', 10), comment('sB', thread, 'sA', 'published', 'Ben', 'A reply.', 11)] }),
      );
      const sameDb = path.join(dir, 'same-site.db');
      expect((await parley('import', json, '--db', sameDb)).status).toBe(0);
      const run = await parley('export', '--format', 'wxr', '--base-url', wp.url, '--db', sameDb);
      const file = path.join(dir, 'same-site.xml');
      writeFileSync(file, run.stdout);
      const drafts = () => wp.php<number>("return count(get_posts(['post_status' => 'draft', 'numberposts' => -1]));");
      const before = await drafts();

      const first = await wp.tool<{ posts: typeof posts }>('wxr-import', { file, authors: { parley: { user_new: '', user_map: 0 } } });
      expect(first.result.posts.map((p) => p.id)).toEqual([target]);
      expect(await drafts()).toBe(before);
      const onTarget = await rows(target);
      expect(onTarget.map((r) => [r.parley_id, decodeEntities(r.author), r.parent === '0' ? null : onTarget.find((p) => p.id === r.parent)!.parley_id])).toEqual([
        ['sA', 'Ann', null],
        ['sB', 'Ben', 'sA'],
      ]);

      await wp.tool('wxr-import', { file, authors: { parley: { user_new: '', user_map: 0 } } });
      expect(await rows(target)).toHaveLength(2);
      expect(await drafts()).toBe(before);
    });

    it('makes a new draft for such a thread without the Parley plugin, as WordPress’s importer matches title and date only', async () => {
      const target = await wp.php<number>("return wp_insert_post(['post_title' => 'Another real post', 'post_status' => 'publish'], true);");
      const json = path.join(dir, 'no-plugin.json');
      writeFileSync(json, JSON.stringify({ format: 'parley-comments', version: 1, aliases: [], comments: [comment('nA', `/?p=${target}`, null, 'published', 'Cy', 'Where do I land?', 20)] }));
      const noDb = path.join(dir, 'no-plugin.db');
      expect((await parley('import', json, '--db', noDb)).status).toBe(0);
      const file = path.join(dir, 'no-plugin.xml');
      writeFileSync(file, (await parley('export', '--format', 'wxr', '--base-url', wp.url, '--db', noDb)).stdout);
      await wp.php("require_once ABSPATH . 'wp-admin/includes/plugin.php'; deactivate_plugins('parley/parley.php'); return true;");
      try {
        const result = await wp.tool<{ posts: typeof posts }>('wxr-import', { file, authors: { parley: { user_new: '', user_map: 0 } } });
        expect(result.result.posts.map((p) => [p.title, p.status])).toEqual([[`/?p=${target}`, 'draft']]);
        expect(await rows(target)).toEqual([]);
      } finally {
        await wp.php("require_once ABSPATH . 'wp-admin/includes/plugin.php'; activate_plugin('parley/parley.php'); return true;");
      }
    });
  });
});
