// Issue 14 items 3 and 4: no public value lets anyone confirm a guessed address, and trust is
// earned by a browser's signed author key, never taken from a typed address. The POST answers
// with `authorKey`; the widget keeps it and sends it back with each post (test/widget/form.test.tsx).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { body, post, setup } from '../helpers/app.ts';

const ADMIN = 'author-key-admin-token';

async function postAs(app: ReturnType<typeof setup>['app'], over: Record<string, unknown> = {}) {
  const res = await post(app, body(over));
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as { comment: { id: string; author: { avatar: string } }; status: string; authorKey: string };
}

describe('the avatar seed is no email oracle', () => {
  it('gives two posts with the same address and no author key two unrelated seeds', async () => {
    const { app } = setup();
    const a = await postAs(app, { email: 'victim@example.com', text: 'First probe' });
    const b = await postAs(app, { email: 'victim@example.com', text: 'Second probe' });
    expect(a.comment.author.avatar).not.toBe(b.comment.author.avatar);
    // Nothing a guesser could compute or compare: not the old HMAC of the address either.
    const old = createHmac('sha256', 'test-secret').update('avatar:victim@example.com').digest('base64url').slice(0, 12);
    for (const seed of [a.comment.author.avatar, b.comment.author.avatar]) {
      expect(seed).not.toBe(old);
      expect(seed).toMatch(/^[\w-]{12}$/);
    }
    // The public list says the same.
    const page = (await (await app.request('/api/v1/comments?thread=/a')).json()) as { comments: { author: { avatar: string } }[] };
    expect(new Set(page.comments.map((c) => c.author.avatar)).size).toBe(2);
  });

  it('keeps one look for one author key, whatever address is typed with it', async () => {
    const { app } = setup();
    const first = await postAs(app, { email: 'ada@example.com', text: 'One' });
    expect(first.authorKey).toMatch(/^[\w-]{22}\.[\w-]{22}$/);
    const again = await postAs(app, { email: 'ada@example.com', text: 'Two', authorKey: first.authorKey });
    const otherAddress = await postAs(app, { email: 'someone-else@example.com', text: 'Three', authorKey: first.authorKey });
    expect(again.authorKey).toBe(first.authorKey);
    expect(again.comment.author.avatar).toBe(first.comment.author.avatar);
    expect(otherAddress.comment.author.avatar).toBe(first.comment.author.avatar);
    // Typing Ada's address without her key gives another look.
    const impostor = await postAs(app, { email: 'ada@example.com', text: 'Four' });
    expect(impostor.comment.author.avatar).not.toBe(first.comment.author.avatar);
  });

  it('replaces a forged or foreign author key with a fresh signed one', async () => {
    const { app } = setup();
    const genuine = await postAs(app, { text: 'Genuine' });
    const [id, mac] = genuine.authorKey.split('.');
    for (const forged of [`${id}.${'A'.repeat(22)}`, `${'B'.repeat(22)}.${mac}`, 'not-a-key', 42, '']) {
      const res = await postAs(app, { text: `Forged ${String(forged)}`, authorKey: forged });
      expect(res.authorKey).not.toBe(genuine.authorKey);
      expect(res.authorKey).toMatch(/^[\w-]{22}\.[\w-]{22}$/);
      expect(res.comment.author.avatar).not.toBe(genuine.comment.author.avatar);
    }
    // A key signed by another server's secret is foreign here.
    const other = setup({ secret: 'another-secret' });
    const foreign = await postAs(other.app, { text: 'Elsewhere' });
    expect((await postAs(app, { text: 'Brought along', authorKey: foreign.authorKey })).authorKey).not.toBe(foreign.authorKey);
  });

  it('answers a retry with the same author key, minted or sent', async () => {
    const { app } = setup();
    const minted = body({ text: 'Retry me' });
    const first = (await (await post(app, minted)).json()) as { authorKey: string };
    expect(first.authorKey).toMatch(/^[\w-]{22}\.[\w-]{22}$/);
    const retried = await post(app, minted);
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as { authorKey: string }).authorKey).toBe(first.authorKey);
    const sent = body({ text: 'Retry me too', authorKey: first.authorKey });
    await post(app, sent);
    expect(((await (await post(app, sent)).json()) as { authorKey: string }).authorKey).toBe(first.authorKey);
  });
});

describe('first-time moderation trusts a key, not an address (issue 14 item 4)', () => {
  const approve = async (app: ReturnType<typeof setup>['app'], id: string) => {
    const res = await app.request('/api/v1/admin/comments/actions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ action: 'approve', ids: [id] }),
    });
    expect(res.status).toBe(200);
  };

  it('publishes at once from the key whose comment was approved, and holds everyone who only types the address', async () => {
    const { app } = setup({ moderation: 'first-time', adminToken: ADMIN });
    const owner = { name: 'Olga Owner', email: 'owner@blog.example' };
    const first = await postAs(app, { ...owner, text: 'My first comment here.' });
    expect(first.status).toBe('held');
    // Held and unapproved, the key earns nothing yet.
    expect((await postAs(app, { ...owner, text: 'Still waiting.', authorKey: first.authorKey })).status).toBe('held');
    await approve(app, first.comment.id);
    const trusted = await postAs(app, { ...owner, text: 'Now I am known.', authorKey: first.authorKey });
    expect(trusted.status).toBe('published');
    // The same key with another name and address is still the same trusted browser.
    expect((await postAs(app, { name: 'O.', email: 'o@elsewhere.example', text: 'Same browser.', authorKey: first.authorKey })).status).toBe('published');
    // Knowing the owner's address and name is not enough.
    const impostor = await postAs(app, { ...owner, text: 'I am the owner, honestly.' });
    expect(impostor.status).toBe('held');
    expect(impostor.comment.author.avatar).not.toBe(first.comment.author.avatar);
    // Nor is another genuine key of this server.
    const stranger = await postAs(app, { name: 'Stan', email: 'stan@example.com', text: 'Hello.' });
    expect((await postAs(app, { ...owner, text: 'Owner again.', authorKey: stranger.authorKey })).status).toBe('held');
  });

  it('decides trust in one function, trust.ts, that the mode rule asks', async () => {
    const { isTrusted } = await import('../../src/server/comments/trust.ts');
    const { app, store } = setup({ moderation: 'first-time', adminToken: ADMIN });
    const first = await postAs(app, { text: 'Held first.' });
    const row = (await store.comments.get(first.comment.id))!;
    expect(row.authorKey).toMatch(/\w/);
    expect(await isTrusted(store, { authorKey: row.authorKey })).toBe(false);
    await approve(app, first.comment.id);
    expect(await isTrusted(store, { authorKey: row.authorKey })).toBe(true);
    expect(await isTrusted(store, { authorKey: null })).toBe(false);
  });
});

describe('comments stored before author keys (issue 14)', () => {
  it('lose their email-derived avatar seeds when the SQLite database is opened by this version', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const Database = (await import('better-sqlite3')).default;
    const { SQLITE_MIGRATIONS } = await import('../../src/server/store/sqlite/migrations.ts');
    const { createSqliteStore } = await import('../../src/server/store/sqlite.ts');
    const file = join(mkdtempSync(join(tmpdir(), 'parley-old-seeds-')), 'old.db');
    // A database as the version before author keys left it, with a comment seeded from its email.
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    for (const step of SQLITE_MIGRATIONS.filter((m) => m.version <= 5)) {
      old.exec(step.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, 0)').run(step.version);
    }
    const emailSeed = createHmac('sha256', 'test-secret').update('avatar:ada@example.com').digest('base64url').slice(0, 12);
    old.prepare(`INSERT INTO comments (id, thread, root, status, name, email, avatar, text, created_at) VALUES ('V1StGXR8_Z5jdHi6B-myT', '/a', 'V1StGXR8_Z5jdHi6B-myT', 'published', 'Ada', 'ada@example.com', ?, 'Old words', 0)`).run(emailSeed);
    old.close();
    const store = createSqliteStore({ file });
    const [row] = await store.comments.listAll({ limit: 10 });
    expect(row!.avatar).not.toBe(emailSeed);
    expect(row!.avatar).toBe('Z5jdHi6B-myT');
    expect(row!.authorKey).toBeNull();
    const { app } = setup({ store });
    expect(await (await app.request('/api/v1/comments?thread=/a')).text()).not.toContain(emailSeed);
    await store.close();
  });
});
