// Backups (issue 19, item 3), with real processes: a server on a SQLite file, a writer process
// posting to it one comment after another, and `parley backup` / `parley restore` run as an owner
// runs them while the writer goes on. PostgreSQL's backup goes through the JSON export.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgAvailable } from '../helpers/pg.ts';
import { killAll, runCli, SCRIPTED, startInstance } from '../helpers/server.ts';

// Posts comments to the server at argv[1], one at a time, and prints each acknowledged id; on
// SIGTERM it finishes the post under way and exits, so every comment stored has been printed.
const WRITER = `
let stop = false;
process.on('SIGTERM', () => { stop = true; });
const url = process.argv[1];
(async () => {
  for (let i = 0; !stop; i++) {
    const res = await fetch(url + '/api/v1/comments', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ thread: '/t' + (i % 3), text: 'Written while the backup runs, number ' + i + '.', name: 'Writer', email: 'writer@example.com', idempotencyKey: 'w' + i }) });
    const body = await res.json();
    if (res.status !== 201) { console.error('status ' + res.status + ' ' + JSON.stringify(body)); process.exit(1); }
    console.log(body.comment.id + ' ' + body.editToken);
  }
})();`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-backup-'));
});
afterAll(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT id FROM comments').all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
};

const post = async (url: string, thread: string, i: number) => {
  const res = await fetch(`${url}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread, text: `Comment ${i} of the backup suite.`, name: 'Ann', email: 'ann@example.com', idempotencyKey: `${thread}-${i}` }),
  });
  expect(res.status).toBe(201);
  return (await res.json()).comment.id as string;
};

describe('parley backup on SQLite', () => {
  it('copies a live database consistently while a writer process keeps posting, and restore puts it back', async () => {
    const live = join(dir, 'live.db');
    const server = await startInstance(['--db', live, ...SCRIPTED]);
    const writer: ChildProcess = spawn(process.execPath, ['-e', WRITER, server.url], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let acked: string[] = [];
    const tokens = new Map<string, string>();
    let writerErrors = '';
    writer.stdout!.setEncoding('utf8').on('data', (d: string) => {
      for (const line of d.split('\n').filter(Boolean)) {
        const [id, token] = line.split(' ');
        acked.push(id!);
        tokens.set(id!, token!);
      }
    });
    writer.stderr!.setEncoding('utf8').on('data', (d: string) => (writerErrors += d));
    const writerDone = new Promise((resolve) => writer.once('close', resolve));
    await new Promise<void>((resolve, reject) => {
      writer.stdout!.on('data', () => acked.length >= 30 && resolve());
      writer.once('close', () => reject(new Error(`the writer stopped early: ${writerErrors}`)));
    });
    const before = [...acked];

    const backup = join(dir, 'backup.db');
    const result = await runCli(['backup', backup, '--db', live]);
    writer.kill('SIGTERM');
    await writerDone;
    expect(writerErrors).toBe('');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^parley backup: \d+ comments on 3 threads from .*live\.db copied to .*backup\.db \(.* KB, integrity checked\)/);

    // One file, nothing beside it (read before this suite opens it).
    expect(existsSync(`${backup}-wal`)).toBe(false);
    // One transaction's view: exactly the first k comments the writer posted (it posts one at a
    // time, so that is the order they were committed in), none missing in between.
    const copied = ids(backup);
    expect(copied.length).toBeGreaterThanOrEqual(before.length);
    expect(new Set(copied)).toEqual(new Set(acked.slice(0, copied.length)));
    await server.stop();

    // Into an empty database: the server started on it serves the comments.
    const restoredDb = join(dir, 'restored.db');
    const restore = await runCli(['restore', backup, '--db', restoredDb]);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    const restored = await startInstance(['--db', restoredDb, ...SCRIPTED]);
    const counts = await (await fetch(`${restored.url}/api/v1/counts?thread=/t0&thread=/t1&thread=/t2`)).json();
    expect(Object.values(counts.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(copied.length);
    // The whole database came back, the server secret with it: an edit token handed out before
    // the backup still works.
    const edit = await fetch(`${restored.url}/api/v1/comments/${before[0]}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(before[0]!)}` },
      body: JSON.stringify({ text: 'Edited after the restore.' }),
    });
    expect(edit.status).toBe(200);
    await restored.stop();
  });

  it('refuses to restore into a database that holds comments, unless --force', async () => {
    const backup = join(dir, 'backup.db');
    const target = join(dir, 'other.db');
    const server = await startInstance(['--db', target, ...SCRIPTED]);
    const mine = await post(server.url, '/other', 1);
    await server.stop();

    const refused = await runCli(['restore', backup, '--db', target]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`parley restore: ${target} already holds comments; restoring would replace them. Stop the server and run again with --force`);
    expect(ids(target)).toEqual([mine]);

    const forced = await runCli(['restore', backup, '--db', target, '--force']);
    expect(forced.status).toBe(0);
    expect(new Set(ids(target))).toEqual(new Set(ids(backup)));
  });

  it('is needed: a copy of the .db file of a running server misses what is in the WAL', async () => {
    const live = join(dir, 'copied.db');
    const server = await startInstance(['--db', live, ...SCRIPTED]);
    for (let i = 0; i < 3; i++) await post(server.url, '/copied', i);
    copyFileSync(live, join(dir, 'plain-copy.db'));
    expect(await runCli(['backup', join(dir, 'real-backup.db'), '--db', live])).toMatchObject({ status: 0 });
    await server.stop();
    // The migrations and the three comments are all still in copied.db-wal (no checkpoint yet):
    // the plain copy has no tables at all.
    const plain = new Database(join(dir, 'plain-copy.db'), { readonly: true });
    expect(plain.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'comments'").get()).toEqual({ n: 0 });
    plain.close();
    expect(ids(join(dir, 'real-backup.db'))).toHaveLength(3);
  });

  it('says what is wrong with a missing database or a file that is not a backup', async () => {
    const missing = await runCli(['backup', join(dir, 'x.db'), '--db', join(dir, 'nothing-here.db')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('parley backup: cannot open the database');
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
    const notJson = join(dir, 'notes.txt');
    (await import('node:fs')).writeFileSync(notJson, 'not a backup');
    const bad = await runCli(['restore', notJson, '--db', join(dir, 'fresh.db')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^parley restore: .*notes\.txt: /);
  });
});

const pg = await pgAvailable('parley backup on PostgreSQL');

describe.skipIf(!pg)('parley backup on PostgreSQL', () => {
  it('writes the JSON export, which restore reads into another store; a store with comments is refused', async () => {
    const database = await createTestDatabase('parley_backup');
    try {
      const server = await startInstance(['--db', database.url, ...SCRIPTED]);
      const posted = [await post(server.url, '/pg', 1), await post(server.url, '/pg', 2)];
      const file = join(dir, 'pg-backup.json');
      const backup = await runCli(['backup', file, '--db', database.url]);
      await server.stop();
      expect(backup.status).toBe(0);
      expect(backup.stdout).toContain('2 comments on 1 thread from postgres://');
      expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('parley-comments');

      const sqlite = join(dir, 'from-pg.db');
      expect(await runCli(['restore', file, '--db', sqlite])).toMatchObject({ status: 0 });
      expect(new Set(ids(sqlite))).toEqual(new Set(posted));

      const refused = await runCli(['restore', file, '--db', database.url]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('already holds comments; restoring would add to them');
    } finally {
      await database.drop();
    }
  });
});
