import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../../src/server/store/sqlite/migrations.ts';
import { createSqliteStore } from '../../../src/server/store/sqlite.ts';
import { draft, storeContracts } from './contracts.ts';

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
