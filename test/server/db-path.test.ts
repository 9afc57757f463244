// Issue 14 item 11: a database path that cannot work is one clear sentence naming the path and the
// fix, with exit code 1 (or 2 for a value that is wrong on its face), never a bare SQLite message,
// a stray file or a spin. Run as an owner runs it: the built `parley` in a child process, bounded
// by a timeout so that a spin fails the test instead of hanging it (the read-only file is opened
// in this process, where the effective user can be changed).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DatabasePathError } from '../../src/server/store/sqlite/file.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'parley.mjs');

function parley(args: string[], options: { cwd?: string } = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PARLEY_') && k !== 'DATABASE_URL'));
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, cwd: options.cwd, timeout: 20_000 });
  return { status: run.status, signal: run.signal, stderr: run.stderr, stdout: run.stdout };
}

const serve = (db: string) => ['serve', '--port', '0', '--host', '127.0.0.1', '--db', db];

function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'parley-db-path-'));
  chmodSync(dir, 0o777);
  return dir;
}

describe('database paths that cannot work', () => {
  it('names a folder given as --db and the file to give instead', () => {
    const dir = folder();
    for (const args of [serve(dir), ['export', '--format', 'json', '--db', dir]]) {
      const run = parley(args);
      expect(run.stderr).toContain(`parley: --db ${dir} is a folder, not a database file; give a file in it, like --db ${join(dir, 'parley.db')}.`);
      expect(run.status).toBe(1);
      expect(run.stderr).not.toContain('unable to open database file');
    }
  });

  it('names a read-only database file and how to make it writable', async () => {
    const dir = folder();
    const file = join(dir, 'parley.db');
    await createSqliteStore({ file }).close();
    chmodSync(file, 0o444);
    // Root may write to any file, so the check runs as "nobody" (only the effective ids change,
    // and they are given back below); any other user is refused by the mode itself.
    const root = process.getuid?.() === 0;
    if (root) {
      process.setegid!(65534);
      process.seteuid!(65534);
    }
    try {
      expect(() => createSqliteStore({ file })).toThrow(
        new DatabasePathError(`the database file ${file} is read-only, and Parley must write to it; make it writable (chmod u+w ${file}) or choose another file with --db.`),
      );
    } finally {
      if (root) {
        process.seteuid!(0);
        process.setegid!(0);
      }
    }
  });

  it('refuses postgress:// (a typo) instead of making a SQLite file named "postgress:"', () => {
    const dir = folder();
    const run = parley(serve('postgress://parley@db.internal/parley'), { cwd: dir });
    expect(run.stderr).toContain('--db "postgress://parley@db.internal/parley" is a URL but not a PostgreSQL one: write postgres:// or postgresql://, or give a SQLite file path.');
    expect(run.status).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says it cannot create the folder of /proc/nope/parley.db, at once, instead of spinning', () => {
    const run = parley(serve('/proc/nope/parley.db'));
    expect(run.signal).toBeNull();
    expect(run.stderr).toContain('parley: cannot create the folder /proc/nope for the database file /proc/nope/parley.db (no such file or directory); create it yourself or choose another place with --db.');
    expect(run.status).toBe(1);
  });

  it('says when a part of the path is a file, not a folder', () => {
    const dir = folder();
    writeFileSync(join(dir, 'plain'), 'x');
    const db = join(dir, 'plain', 'sub', 'parley.db');
    const run = parley(serve(db));
    expect(run.stderr).toContain(`parley: cannot create the folder ${join(dir, 'plain', 'sub')} for the database file ${db} (${join(dir, 'plain')} is a file, not a folder); create it yourself or choose another place with --db.`);
    expect(run.status).toBe(1);
    expect(existsSync(join(dir, 'plain', 'sub'))).toBe(false);
  });

  it('still creates a missing folder of a good path', () => {
    const dir = folder();
    const db = join(dir, 'a', 'b', 'parley.db');
    mkdirSync(join(dir, 'a'));
    const run = parley(['export', '--format', 'json', '--db', db]);
    expect(run.stderr).toContain('0 comments');
    expect(run.status).toBe(0);
    expect(existsSync(db)).toBe(true);
  });

  it('points an unknown command at `parley --help`, which lists the commands', () => {
    const run = parley(['frobnicate']);
    expect(run.stderr).toBe('parley: Unknown command "frobnicate"; the commands are serve, import, export, alias, backup, restore, doctor, token.\nRun "parley --help" to see every command.\n');
    expect(run.status).toBe(2);
  });
});
