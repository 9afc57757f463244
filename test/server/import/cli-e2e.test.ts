// How an owner meets the importer: the built `parley import` into a SQLite file, then the server
// started on that file, asked for a page's thread id exactly as the widget computes it.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { threadIdFromUrl } from '../../../src/core/thread-id.ts';
import { call } from '../../helpers/http.ts';
import { SCRIPTED, spawnParley } from '../../helpers/server.ts';
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

describe('the site owner\'s comments and pins through parley export and import (issue 16 item 4)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-owner-export-'));
  const TOKEN = 'owner-export-admin-token-0123456789';

  it('exports the owner\'s flag and the pins, and imports them back into another SQLite file: same badge, same pins, same order', async () => {
    const db = path.join(dir, 'site.db');
    const server = await spawnParley(['--db', db, '--admin-token', TOKEN, '--owner-name', 'Olga Owner', '--owner-badge', 'Editor', ...SCRIPTED]);
    children.push(server.child);
    const api = (p: string, body: unknown, admin = false) =>
      fetch(server.url + p, { method: 'POST', headers: { 'content-type': 'application/json', ...(admin && { authorization: `Bearer ${TOKEN}` }) }, body: JSON.stringify(body) });
    let n = 0;
    const reader = async (text: string) => {
      const res = await api('/api/v1/comments', { thread: '/ferry', text, name: 'Ada', email: 'ada@example.com', idempotencyKey: `owner-export-${++n}` });
      expect(res.status).toBe(201);
      return ((await res.json()) as { comment: { id: string } }).comment.id;
    };
    const [first, second, third] = [await reader('First'), await reader('Second'), await reader('Third')];
    const answered = await api('/api/v1/admin/comments', { thread: '/ferry', parent: first, text: 'Thanks, from us' }, true);
    expect(answered.status).toBe(201);
    const reply = ((await answered.json()) as { comment: { id: string } }).comment.id;
    // Pinned third, then second: the pins' order is not the comments' order.
    for (const id of [third, second]) expect((await api(`/api/v1/admin/comments/${id}/pin`, { pinned: true }, true)).status).toBe(200);
    const shown = async (url: string) => (await (await fetch(`${url}/api/v1/comments?thread=/ferry`)).json()) as { comments: { id: string; pinned?: true; author: { badge: string | null } }[] };
    const before = await shown(server.url);
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));

    const exported = parley(['export', '--format', 'json', '--db', db]);
    expect(exported.status).toBe(0);
    const file = JSON.parse(exported.stdout) as { comments: { id: string; owner?: true; pinnedAt?: string }[] };
    const byId = new Map(file.comments.map((c) => [c.id, c]));
    expect(byId.get(reply)!.owner).toBe(true);
    expect(byId.get(first)!.owner).toBeUndefined();
    expect(Date.parse(byId.get(third)!.pinnedAt!)).toBeLessThan(Date.parse(byId.get(second)!.pinnedAt!));
    expect(byId.get(first)!.pinnedAt).toBeUndefined();
    const saved = path.join(dir, 'site.json');
    writeFileSync(saved, exported.stdout);

    const other = path.join(dir, 'other.db');
    const imported = parley(['import', saved, '--db', other]);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('4 new, 0 already present');
    // The same file again, apart from the time of export.
    const again = parley(['export', '--format', 'json', '--db', other]);
    expect(again.stdout.replace(/"exportedAt":"[^"]+"/, '')).toBe(exported.stdout.replace(/"exportedAt":"[^"]+"/, ''));

    const restored = await spawnParley(['--db', other, '--owner-badge', 'Editor']);
    children.push(restored.child);
    const after = await shown(restored.url);
    expect(after.comments.map((c) => [c.id, c.pinned ?? false, c.author.badge])).toEqual(before.comments.map((c) => [c.id, c.pinned ?? false, c.author.badge]));
    expect(after.comments.slice(0, 2).map((c) => [c.id, c.pinned])).toEqual([[third, true], [second, true]]);
    expect(after.comments.find((c) => c.id === reply)!.author.badge).toBe('Editor');
    expect(after.comments.filter((c) => c.author.badge !== null)).toHaveLength(1);
    restored.child.kill('SIGTERM');

    // A file written before these fields (none of them) still imports: nobody's badge, no pins.
    const old = exported.stdout.replace(/,"owner":true/g, '').replace(/,"pinnedAt":"[^"]+"/g, '');
    expect(old).not.toMatch(/"owner"|"pinnedAt"/);
    const oldFile = path.join(dir, 'old.json');
    writeFileSync(oldFile, old);
    const fresh = path.join(dir, 'fresh.db');
    expect(parley(['import', oldFile, '--db', fresh]).status).toBe(0);
    const plain = JSON.parse(parley(['export', '--format', 'json', '--db', fresh]).stdout) as { comments: Record<string, unknown>[] };
    expect(plain.comments).toHaveLength(4);
    expect(plain.comments.filter((c) => 'owner' in c || 'pinnedAt' in c)).toEqual([]);
  }, 60_000);
});
