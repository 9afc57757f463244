// How an owner meets the importer: the built `parley import` into a SQLite file, then the server
// started on that file, asked for a page's thread id exactly as the widget computes it.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { threadIdFromUrl } from '../../../src/core/thread-id.ts';
import { call } from '../../helpers/http.ts';
import { spawnParley } from '../../helpers/server.ts';
import { fixture, repoRoot } from './helpers.ts';

const BIN = path.join(repoRoot, 'bin/parley.mjs');
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGTERM')));

/** `node bin/parley.mjs …args` with a clean environment (no PARLEY_* from the developer's shell). */
function parley(args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PARLEY_') && k !== 'DATABASE_URL'));
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
}

describe('parley import and export from the command line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-import-cli-'));
  const db = path.join(dir, 'parley.db');

  it('imports the theme unit test into SQLite; the server shows its nested comments under the widget’s thread id, emails hidden', async () => {
    const run = parley(['import', fixture('wordpress/theme-unit-test.xml'), '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Imported: WordPress WXR 1.2');
    expect(run.stdout).toContain('29 new, 0 already present');
    expect(run.stdout).toContain('skipped: 2 trackbacks, 2 pingbacks');

    const again = parley(['import', fixture('wordpress/theme-unit-test.xml'), '--db', db]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('0 new, 29 already present');

    const server = await spawnParley(['--db', db]);
    children.push(server.child);
    const thread = threadIdFromUrl('https://wpthemetestdata.wordpress.com/2012/01/03/template-comments/');
    const page = await call(server.url, 'GET', `/api/v1/comments?thread=${encodeURIComponent(thread)}&limit=200`);
    expect(page.status).toBe(200);
    // 19 published (one of the 20 is held), all on one page: roots and replies.
    expect(page.body.thread).toEqual({ id: thread, count: 19, closed: false, votes: 'up' });
    const comments = page.body.comments as { id: string; parent: string | null; text: string; author: { name: string } }[];
    expect(comments).toHaveLength(19);
    const byId = new Map(comments.map((c) => [c.id, c]));
    const deepest = comments.find((c) => c.text.startsWith('Comment Depth 10'))!;
    let depth = 0;
    for (let c = deepest; c.parent; c = byId.get(c.parent)!) depth++;
    expect(depth).toBe(9);
    expect(JSON.stringify(page.body)).not.toMatch(/@example\.org|@gmail\.com/);
    // Its bold heading and links make it markdown (issue 20 bug 7): the page shows them as bold and links.
    expect(comments.find((c) => c.author.name === 'John Γιάννης Doe Κάποιος')).toMatchObject({ format: 'markdown', text: expect.stringMatching(/^\*\*Headings\*\*\n\nHeader one/) });
  });

  it('refuses remark42-disqus.xml with exit code 1 and the line, leaving the database as it was', () => {
    const before = parley(['export', '--db', db]).stdout;
    const run = parley(['import', fixture('disqus/remark42-disqus.xml'), '--db', db]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^parley import: .*remark42-disqus\.xml: The file is not well-formed XML: line 1, column \d+: .*Nothing was imported/);
    expect(run.stdout).toBe('');
    const after = parley(['export', '--db', db]).stdout;
    expect(after.replace(/"exportedAt":"[^"]+"/, '')).toBe(before.replace(/"exportedAt":"[^"]+"/, ''));
  });

  it('exports JSON that imports into an empty database and exports again identically', () => {
    const first = parley(['export', '--format', 'json', '--db', db]);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain('29 comments on 7 threads');
    const file = path.join(dir, 'export.json');
    writeFileSync(file, first.stdout);
    const other = path.join(dir, 'other.db');
    expect(parley(['import', file, '--db', other]).status).toBe(0);
    const second = parley(['export', '--db', other]).stdout;
    expect(second.replace(/"exportedAt":"[^"]+"/, '')).toBe(first.stdout.replace(/"exportedAt":"[^"]+"/, ''));
    expect(JSON.parse(first.stdout).comments[0].email).toMatch(/@/);
  });

  it('exports WXR for WordPress, and says what a bad flag means with exit code 2', () => {
    const wxr = parley(['export', '--format', 'wxr', '--base-url', 'https://blog.example', '--db', db]);
    expect(wxr.status).toBe(0);
    expect(wxr.stderr).not.toContain('deprecated');
    // Issue 19: the old spelling, --site URL, is still read as --base-url, with a line saying so.
    const old = parley(['export', '--format', 'wxr', '--site', 'https://blog.example', '--db', db]);
    expect(old.status).toBe(0);
    // The same file, but for the export time in the channel's first pubDate.
    const undated = (xml: string) => xml.replace(/<pubDate>[^<]*<\/pubDate>/, '');
    expect(undated(old.stdout)).toBe(undated(wxr.stdout));
    expect(old.stderr).toContain('parley export: --site <url> is deprecated (--site now names a site); reading https://blog.example as --base-url https://blog.example.');
    expect(wxr.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8" \?>/);
    expect(wxr.stdout.match(/<wp:comment>/g)).toHaveLength(29);
    expect(wxr.stdout).toContain('<link>https://blog.example/2012/01/03/template-comments</link>');
    const missing = parley(['export', '--format', 'wxr', '--db', db]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--format wxr needs --base-url');
    const nothing = parley(['import', '--db', db]);
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toContain('Name the export file to import');
    const gone = parley(['import', path.join(dir, 'nope.xml'), '--db', db]);
    expect(gone.status).toBe(1);
    expect(gone.stderr).toContain('there is no such file');
  });
});
