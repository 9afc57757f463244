// `parley alias` against a SQLite file, through runCli as `parley` runs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/server/cli.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import { draft } from './store/contracts.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-alias-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

async function seeded(threads: Record<string, number>): Promise<string> {
  const file = join(dir, `alias-${++files}.db`);
  const store = createSqliteStore({ file });
  let n = 0;
  for (const [thread, count] of Object.entries(threads)) {
    for (let i = 0; i < count; i++) await store.comments.insert(draft({ id: `f${files}-${++n}`, thread }));
  }
  await store.close();
  return file;
}

async function parley(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['alias', ...args], { env, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('parley alias', () => {
  it('moves the comments, says what happened, and leaves the old id resolving to the new one', async () => {
    const file = await seeded({ '/2024/05/putin-china': 12, '/news/putin-china': 3 });
    const run = await parley(['/2024/05/putin-china', '/news/putin-china', '--db', file]);
    expect(run).toEqual({ code: 0, out: 'Moved 12 comments from /2024/05/putin-china to /news/putin-china; /2024/05/putin-china now shows /news/putin-china.', err: '' });
    const store = createSqliteStore({ file });
    try {
      // Every comment now lives under NEW; OLD counts as NEW (it is an alias).
      expect(await store.threads.listRoots('/2024/05/putin-china', { limit: 20, sort: 'oldest' })).toEqual([]);
      expect((await store.threads.listRoots('/news/putin-china', { limit: 20, sort: 'oldest' })).length).toBe(15);
      expect(await store.threads.countPublished(['/news/putin-china', '/2024/05/putin-china'])).toEqual({ '/news/putin-china': 15, '/2024/05/putin-china': 15 });
      expect(await store.aliases.resolve(['/2024/05/putin-china'])).toEqual({ '/2024/05/putin-china': '/news/putin-china' });
    } finally {
      await store.close();
    }
  });

  it('lists the aliases, re-pointed so they never chain, and takes the database from PARLEY_DB', async () => {
    const file = await seeded({ '/a': 1, '/b': 2 });
    const env = { PARLEY_DB: file };
    expect(await parley(['--list'], env)).toEqual({ code: 0, out: 'No thread aliases yet.', err: '' });
    expect((await parley(['/a', '/b'], env)).out).toMatch(/^Moved 1 comment from \/a to \/b;/);
    expect((await parley(['/b', '/c'], env)).out).toMatch(/^Moved 3 comments from \/b to \/c;/);
    expect((await parley(['--list'], env)).out).toBe('/a -> /c\n/b -> /c');
  });

  it('refuses an alias to an alias, naming the thread to use, and changes nothing', async () => {
    const file = await seeded({ '/x': 2 });
    await parley(['/y', '/z', '--db', file]);
    const run = await parley(['/x', '/y', `--db=${file}`]);
    expect(run.code).toBe(1);
    expect(run.err).toBe('parley alias: "/y" is itself an alias of "/z": use "/z" as the new thread.');
    expect((await parley(['/x', '/x', '--db', file])).err).toMatch(/cannot be an alias of itself/);
    expect((await parley(['--list', '--db', file])).out).toBe('/y -> /z');
  });

  it('says when the old thread held no comments, in case the id is misspelt', async () => {
    const file = await seeded({ '/real': 1 });
    const run = await parley(['/raal', '/new', '--db', file]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Moved 0 comments from /raal to /new');
    expect(run.out).toContain('held no comments');
  });

  it('explains wrong arguments with exit code 2 and opens no database', async () => {
    const file = join(dir, 'never-made.db');
    const cases: [string[], RegExp][] = [
      [['/only-one'], /needs two thread ids, OLD and NEW \(got 1\)/],
      [['/a', '/b', '/c'], /got 3/],
      [['--list', '/a'], /--list takes no thread ids/],
      [['/a', '/b', '--force'], /Unknown flag --force/],
      [['/a', '/b', '--db'], /--db needs a value/],
      [['', '/b'], /^parley alias: OLD: /],
      [['/a', 'bad\u0007id'], /^parley alias: NEW: /],
      [['/a', 'x'.repeat(1_001)], /NEW: .*1000/],
      [['https://blog.example/2024/05/putin-china/?utm_source=x', '/new'], /page address; the widget's thread id for it is "\/2024\/05\/putin-china"/],
    ];
    for (const [args, message] of cases) {
      const run = await parley(args, { PARLEY_DB: file });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err, args.join(' ')).toMatch(message);
      expect(run.err).toContain('parley alias --help');
    }
    expect((await import('node:fs')).existsSync(file)).toBe(false);
  });

  it('prints its help with --help', async () => {
    const run = await parley(['--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Usage: parley alias OLD NEW');
    expect(run.out).toContain('--list');
  });
});
