import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../../src/server/store/sqlite/migrations.ts';
import { createSqliteStore } from '../../../src/server/store/sqlite.ts';
import { draft, storeContracts } from './contracts.ts';
import { runCli } from '../../helpers/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeContracts('sqlite', () => createSqliteStore({ file: join(dir, `contract-${++n}.db`) }));

describe('sqlite store on disk', () => {
  it('creates missing parent directories and keeps comments across a reopen', async () => {
    const file = join(dir, 'nested', 'deeper', 'parley.db');
    const first = createSqliteStore({ file });
    await first.comments.insert(draft({ id: 'kept', idempotencyKey: 'key-1' }));
    const secret = await first.settings.secret(() => 'the-secret');
    await first.close();
    expect(existsSync(file)).toBe(true);
    const again = createSqliteStore({ file });
    expect((await again.comments.get('kept'))?.text).toBe('text kept');
    expect(await again.settings.secret(() => 'another')).toBe(secret);
    await again.close();
  });

  it('uses WAL journaling and records each migration once', async () => {
    const file = join(dir, 'wal.db');
    await createSqliteStore({ file }).close();
    await createSqliteStore({ file }).close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));
    db.close();
  });
});

// Issue 22: a thread's version is remembered while the WAL index's header says nothing was
// committed (src/server/store/sqlite/change-stamp.ts), so a kept read costs one pread. Whatever
// another connection or process commits must be seen by the very next read.
describe('sqlite change stamp and remembered versions', () => {
  // The stamp reads the -shm file through a descriptor of its own, and closing any descriptor of a
  // file drops every POSIX lock the process holds on it, SQLite's included: a store closing while
  // another store of the process stays open on the same file must leave that one working, with
  // other processes writing to the file.
  it('keeps the stores still open working when another store on the same file closes', async () => {
    const file = join(dir, 'locks.db');
    const main = createSqliteStore({ file });
    try {
      await main.comments.insert(draft({ id: 'first', thread: '/l' }));
      for (let i = 0; i < 3; i++) {
        const other = createSqliteStore({ file });
        await other.comments.insert(draft({ id: `other-${i}`, thread: '/l' }));
        other.changeStamp!();
        await other.close();
        const before = await main.threads.version('/l');
        // Another process writes to the file: `parley alias` bumps the thread's version.
        const cli = await runCli(['alias', `/old-${i}`, '/l', '--db', file]);
        expect(cli.status, cli.stderr).toBe(0);
        expect(await main.threads.version('/l')).toBeGreaterThan(before);
        await main.comments.insert(draft({ id: `main-${i}`, thread: '/l' }));
        expect((await main.threads.countPublished(['/l']))['/l']).toBe(3 + 2 * i);
      }
    } finally {
      await main.close();
    }
  });

  it('sees every commit of another connection at once, in the version and the stamp', async () => {
    const file = join(dir, 'stamp.db');
    const reader = createSqliteStore({ file });
    const writer = createSqliteStore({ file });
    try {
      let stamp = reader.changeStamp!();
      let version = await reader.threads.version('/t');
      for (let i = 0; i < 30; i++) {
        // Read twice between writes: the second read is the remembered one.
        expect(await reader.threads.version('/t')).toBe(version);
        expect(reader.changeStamp!()).toBe(stamp);
        await writer.comments.insert(draft({ id: `other-${i}`, thread: i % 3 ? '/t' : '/elsewhere' }));
        const now = await reader.threads.version('/t');
        expect(now).toBe(i % 3 ? version + 1 : version);
        expect(reader.changeStamp!()).not.toBe(stamp);
        stamp = reader.changeStamp!();
        version = now;
      }
      // And its own commits, through the same connection.
      await reader.comments.insert(draft({ id: 'own', thread: '/t' }));
      expect(await reader.threads.version('/t')).toBe(version + 1);
      expect(reader.changeStamp!()).not.toBe(stamp);
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it('asks SQLite when there is no WAL index to read (an in-memory database)', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    const stamp = store.changeStamp!();
    expect(store.changeStamp!()).toBe(stamp);
    await store.comments.insert(draft({ id: 'm1' }));
    expect(store.changeStamp!()).not.toBe(stamp);
    expect(await store.threads.version('/t')).toBe(1);
    await store.comments.insert(draft({ id: 'm2' }));
    expect(await store.threads.version('/t')).toBe(2);
    await store.close();
  });
});
