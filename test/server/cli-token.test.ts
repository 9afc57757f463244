// `parley token add NAME | list | revoke NAME` (issue 21 item 5) against a SQLite file, through
// runCli as `parley` runs it: the token is printed once, only its hash is stored, it opens the admin
// API, and revoking it closes it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/server/cli.ts';
import { tokenHash } from '../../src/server/desk/tokens.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import { setup } from '../helpers/app.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function parley(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['token', ...args], { env: {}, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

describe('parley token', () => {
  it('adds a token shown once and stored as a hash, lists it, lets it in, and revokes it', async () => {
    const file = join(dir, 'tokens.db');
    const added = await parley(['add', 'ann', '--db', file]);
    expect(added.code).toBe(0);
    expect(added.out[0]).toBe('Token for "ann" (shown this once; only its hash is kept):');
    const token = added.out[1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash is in the database file.
    expect(readFileSync(file).includes(token)).toBe(false);
    expect(readFileSync(file).includes(tokenHash(token))).toBe(true);

    expect((await parley(['add', 'ann', '--db', file])).err).toBe('parley token: a token named "ann" already exists; revoke it first or choose another name.');
    const listed = await parley(['list', '--db', file]);
    expect(listed.out).toEqual([expect.stringMatching(/^ann {2}added \d{4}-\d\d-\d\dT/)]);

    const store = createSqliteStore({ file });
    const { app } = setup({ store });
    const list = () => app.request('/api/v1/admin/comments', { headers: { authorization: `Bearer ${token}` } });
    expect((await list()).status).toBe(200);
    expect(await parley(['revoke', 'ann', '--db', file])).toMatchObject({ code: 0, out: ['Revoked the token "ann": it no longer opens the desk or the admin API.'] });
    expect((await list()).status).toBe(404);
    expect((await parley(['revoke', 'ann', '--db', file])).code).toBe(1);
    expect((await parley(['list', '--db', file])).out).toEqual(['No moderator tokens yet (parley token add NAME makes one; --admin-token works as "admin").']);
    await store.close();
  });

  it('refuses a missing or odd name, and an unknown action, with a sentence', async () => {
    const file = join(dir, 'odd.db');
    expect(await parley(['add', '--db', file])).toMatchObject({ code: 2, err: expect.stringContaining('token add needs one NAME.') });
    expect(await parley(['add', 'has space', '--db', file])).toMatchObject({ code: 2, err: expect.stringContaining('is not a token name') });
    expect(await parley(['mint', 'x', '--db', file])).toMatchObject({ code: 2, err: expect.stringContaining('token needs add NAME, list or revoke NAME (not "mint").') });
  });
});
