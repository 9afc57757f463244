import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import { body, list, post, setup } from '../helpers/app.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the API on a SQLite file', () => {
  it('keeps posted comments, replies and edit tokens across a reopen of the file', async () => {
    const file = join(dir, 'db', 'parley.db');
    const first = setup({ store: createSqliteStore({ file }), secret: undefined });
    const draft = body();
    const created = await (await post(first.app, draft)).json();
    await post(first.app, body({ parent: created.comment.id, text: 'A reply' }));
    await first.store.close();

    const again = setup({ store: createSqliteStore({ file }), secret: undefined });
    const { json } = await list(again.app, 'thread=/a');
    expect(json.thread.count).toBe(2);
    expect(json.comments.map((c) => c.text)).toEqual(['Hello there', 'A reply']);
    // The secret lives in the file too, so a retry after a restart returns the same edit token.
    const retry = await post(again.app, draft);
    expect(retry.status).toBe(200);
    expect((await retry.json()).editToken).toBe(created.editToken);
    await again.store.close();
  });
});
