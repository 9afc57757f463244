// `parley import` of every WXR file in the WordPress Importer's own test data (phpunit/data: CDATA
// edge cases, UTF-8 challenges, slashes, WXR 1.0 and 1.1, malformed files), compared with what
// the real importer (0.9.5, in a real WordPress) makes of the same file: the same comments, on the
// same posts, with the same parents, authors, emails, sites, dates, statuses and text. Where the two
// differ it is on purpose, and DIFFERENT below says where and why (README "Import and export").
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedComment } from '../../src/server/export/parley-format.ts';
import { decodeEntities, htmlToComment } from '../../src/server/import/html-to-text.ts';
import { runCli } from '../helpers/server.ts';
import { IMPORTER, startWordPress, wordpressAvailable, type CommentRow, type WordPressSite } from './site.ts';


interface Outcome {
  wordpress: { error?: string; comments: CommentRow[] };
  parley: { status: number | null; stdout: string; stderr: string; comments: ExportedComment[] };
}

interface Difference {
  /** Comments one side keeps and the other does not. */
  onlyParley?: number;
  onlyWordPress?: number;
  /** Which side refuses the whole file. */
  refuses?: 'parley' | 'wordpress' | 'both';
  why: string;
}

/** Every place where Parley and WordPress's importer part ways on these files, and why. */
const DIFFERENT: Record<string, Difference> = {
  'a11y-unit-test-data.xml': {
    onlyParley: 2,
    why: 'its item “Page with comments” has no wp:post_type: WordPress refuses the item (“Invalid post type”) and drops its comments; Parley keeps them under the item’s link (the third has no date: skipped and reported)',
  },
  'wxr-with-sub-data.xml': {
    onlyWordPress: 1,
    why: 'a comment with no date and no status: WordPress stores it dated 0000-00-00 with an empty comment_approved, which none of its screens lists; Parley skips it and reports it with its line',
  },
  'invalid-version-tag.xml': { refuses: 'wordpress', why: 'its wp:wxr_version is not a number: WordPress refuses the file; Parley knows WXR by its namespace (the file has no comments)' },
  'missing-version-tag.xml': { refuses: 'wordpress', why: 'it has no wp:wxr_version: WordPress refuses the file; Parley knows WXR by its namespace (the file has no comments)' },
  'malformed.xml': { refuses: 'both', why: 'not well-formed: an unclosed element; WordPress finds no WXR version in what it can read' },
  'malformed-simple.xml': { refuses: 'parley', why: 'not well-formed: Parley refuses the whole file with its line; WordPress’s fallback parser reads what it can (no comments)' },
  'crazy-cdata.xml': { refuses: 'parley', why: 'not well-formed (a bare “]]>” in text): Parley refuses the whole file with its line; WordPress’s fallback parser reads what it can (no comments)' },
};

const DATA = path.join(IMPORTER, 'phpunit/data');
const FILES = readdirSync(DATA)
  .filter((f) => f.endsWith('.xml'))
  .sort();
const STATUS: Record<string, ExportedComment['status']> = { '1': 'published', '0': 'pending', spam: 'spam', trash: 'deleted' };
const isPing = (r: CommentRow) => r.comment_type === 'pingback' || r.comment_type === 'trackback';
const gmt = (iso: string) => iso.slice(0, 19).replace('T', ' ');

/** Runs `work` over `items`, `limit` at a time (the machine has 2 cores). */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

describe.runIf(wordpressAvailable())('parley import of the WordPress Importer’s own test files, against the importer itself', () => {
  let wp: WordPressSite;
  let dir: string;
  const outcomes = new Map<string, Outcome>();

  beforeAll(async () => {
    wp = await startWordPress();
    dir = mkdtempSync(path.join(tmpdir(), 'parley-importer-data-'));
    // WordPress one file after the other, in one PHP process (each file into a site emptied of the
    // last one's posts), Parley beside it.
    const wordpress = wp.tool<Record<string, Outcome['wordpress']>>('wxr-import', { files: FILES.map((name) => path.join(DATA, name)) });
    const parley = await pool(FILES, 2, async (name) => {
      const db = path.join(dir, `${name}.db`);
      const run = await runCli(['import', path.join(DATA, name), '--db', db]);
      // Most files have no comments: their database is empty, with nothing to export.
      const none = /^\s*0 new, 0 already present/m.test(run.stdout);
      const exported = run.status === 0 && !none ? await runCli(['export', '--format', 'json', '--db', db]) : null;
      return { ...run, comments: exported ? (JSON.parse(exported.stdout).comments as ExportedComment[]) : [] };
    });
    const done = (await wordpress).result;
    FILES.forEach((name, i) => outcomes.set(name, { wordpress: done[name]!, parley: parley[i]! }));
  }, 300_000);

  afterAll(async () => {
    await wp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('covers every file of the importer’s test data, the ones with comments among them', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(30);
    const withComments = FILES.filter((f) => outcomes.get(f)!.wordpress.comments.length);
    expect(withComments).toEqual(
      expect.arrayContaining(['a11y-unit-test-data.xml', 'slashes.xml', 'small-export.xml', 'theme-unit-test-data.xml', 'valid-wxr-1.0.xml', 'valid-wxr-1.1.xml', 'wxr-with-sub-data.xml']),
    );
  });

  it.each(FILES)('%s: the same comments as WordPress’s importer, or a difference that is on purpose', (name) => {
    const { wordpress, parley } = outcomes.get(name)!;
    const differs = DIFFERENT[name];
    const refuses = differs?.refuses;

    // Refusals: Parley refuses a file that is not well-formed, whole, naming the line.
    if (refuses === 'parley' || refuses === 'both') {
      expect(parley.status).toBe(1);
      expect(parley.stderr).toMatch(/The file is not well-formed XML: line \d+, column \d+: .*Nothing was imported/);
    } else {
      expect(parley.stderr, parley.stderr).toBe('');
      expect(parley.status).toBe(0);
    }
    if (refuses === 'wordpress' || refuses === 'both') expect(wordpress.error).toMatch(/does not appear to be a WXR file/);
    else expect(wordpress.error).toBeUndefined();
    if (refuses) expect(wordpress.comments.filter((r) => !isPing(r))).toEqual([]);

    // Pingbacks and trackbacks: WordPress imports them as comments; Parley skips and counts them.
    for (const type of ['pingback', 'trackback']) {
      const theirs = wordpress.comments.filter((r) => r.comment_type === type).length;
      const ours = Number(new RegExp(`(\\d+) ${type}s?\\b`).exec(parley.stdout)?.[1] ?? 0);
      expect(ours, `${type}s`).toBe(theirs);
    }

    // Comments paired by date, author and email (unique in each of these files).
    const key = (date: string, name: string, email: string) => `${date}|${name}|${email}`;
    const theirs = new Map(wordpress.comments.filter((r) => !isPing(r)).map((r) => [key(r.date_gmt, decodeEntities(r.author), r.email), r]));
    const ours = new Map(parley.comments.map((c) => [key(gmt(c.createdAt), c.name, c.email), c]));
    expect(theirs.size).toBe(wordpress.comments.filter((r) => !isPing(r)).length);
    expect(ours.size).toBe(parley.comments.length);
    const onlyWordPress = [...theirs.keys()].filter((k) => !ours.has(k));
    const onlyParley = [...ours.keys()].filter((k) => !theirs.has(k));
    expect({ onlyWordPress: onlyWordPress.length, onlyParley: onlyParley.length }, JSON.stringify({ onlyWordPress, onlyParley })).toEqual({
      onlyWordPress: differs?.onlyWordPress ?? 0,
      onlyParley: differs?.onlyParley ?? 0,
    });

    const pairs = [...theirs].filter(([k]) => ours.has(k)).map(([k, r]) => [r, ours.get(k)!] as const);
    const ourIdOf = new Map(pairs.map(([r, c]) => [r.id, c.id]));
    const threadOf = new Map<string, string>();
    for (const [r, c] of pairs) {
      const where = `comment ${r.id} (${r.author})`;
      expect(c.status, where).toBe(STATUS[r.approved]);
      expect(c.website ?? '', where).toBe(r.url);
      // Parley keeps text, WordPress HTML: the same HTML read as Parley text (and trimmed, as every
      // posted text is) is Parley's text: markdown where it has a link, bold or italic (issue 20
      // bug 7), plain otherwise.
      const expected = htmlToComment(r.content, { newlines: 'keep' });
      expect({ text: c.text, format: c.format }, where).toEqual({ text: expected.text.trim(), format: expected.format });
      expect(c.parent, where).toBe(r.parent === '0' ? null : ourIdOf.get(r.parent));
      // One WordPress post, one Parley thread, both ways.
      expect(threadOf.get(r.post) ?? c.thread, where).toBe(c.thread);
      threadOf.set(r.post, c.thread);
    }
    expect(new Set(threadOf.values()).size).toBe(threadOf.size);
  });
});
