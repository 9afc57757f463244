// Notifications for changes after posting (issue 8): an author's edit that makes a comment held
// queues comment.held (and mail when pending), a moderator's approval (admin API or mail link)
// queues comment.published for webhooks only, each in the same store transaction as the change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Hono } from 'hono';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeActionToken } from '../../../src/server/notify/action-links.ts';
import { createNotifier, type CommentEvent } from '../../../src/server/notify/events.ts';
import { createSqliteStore } from '../../../src/server/store/sqlite.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { posted, setup } from '../../helpers/app.ts';

const HOOK = 'http://127.0.0.1:9/hook';
const ADMIN = 'change-events-admin-token';
const dir = mkdtempSync(path.join(tmpdir(), 'parley-change-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** An app over a SQLite store, webhooks and mail on; `raw` is a second connection to the same file. */
function harness(over: Parameters<typeof setup>[0] = {}) {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.db`);
  const store = createSqliteStore({ file });
  const raw = new Database(file);
  closers.push(() => store.close(), () => void raw.close());
  const pokes = { n: 0 };
  const { app, clock } = setup({
    store,
    notify: createNotifier({ webhooks: [HOOK], mail: true }),
    onQueued: () => pokes.n++,
    adminToken: ADMIN,
    holdWords: ['refund'],
    spamWords: ['casino'],
    ...over,
  });
  return { app, store, raw, clock, pokes };
}

/** Jobs queued since `from` (the outbox's order), as [kind, event, cause, status, text]. */
async function queued(store: Store, from = 0) {
  const jobs = (await store.outbox.list({ limit: 100 })).slice(from);
  return jobs.map((j) => {
    const { event } = j.payload as { event: CommentEvent };
    return [j.kind, event.event, event.cause, event.comment.status, event.comment.text];
  });
}

const edit = (app: Hono, id: string, token: string, text: string) =>
  app.request(`/api/v1/comments/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ text }),
  });

const act = (app: Hono, action: string, ids: string[]) =>
  app.request('/api/v1/admin/comments/actions', {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ action, ids }),
  });

describe('an author edit that makes a comment held', () => {
  it('queues comment.held with the edited text (mail too when pending), and nothing for edits that hold nothing new', async () => {
    const { app, store, pokes } = harness();
    const p = await posted(app, { text: 'Plain words' });
    expect(await queued(store)).toEqual([['webhook', 'comment.published', 'posted', 'published', 'Plain words']]);
    expect(pokes.n).toBe(1);

    // Still published after the edit: nothing to tell.
    expect((await edit(app, p.comment.id, p.editToken, 'Plain words, fixed')).status).toBe(200);
    expect(await queued(store, 1)).toEqual([]);

    // Published → pending: a held comment, as if new, with the mail the owner moderates from.
    const held = await edit(app, p.comment.id, p.editToken, 'Please refund me');
    expect(((await held.json()) as { status: string }).status).toBe('held');
    expect(await queued(store, 1)).toEqual([
      ['webhook', 'comment.held', 'edited', 'pending', 'Please refund me'],
      ['mail', 'comment.held', 'edited', 'pending', 'Please refund me'],
    ]);
    expect(pokes.n).toBe(2);
    const [job] = (await store.outbox.list({ limit: 100 })).slice(1);
    expect((job!.payload as { event: CommentEvent }).event.comment.editedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Pending and edited again: still pending, nothing new. Pending → spam: webhooks only.
    expect((await edit(app, p.comment.id, p.editToken, 'Please refund me now')).status).toBe(200);
    expect(await queued(store, 3)).toEqual([]);
    expect((await edit(app, p.comment.id, p.editToken, 'refund at the casino')).status).toBe(200);
    expect(await queued(store, 3)).toEqual([['webhook', 'comment.held', 'edited', 'spam', 'refund at the casino']]);
  });

  it('fails the edit with 503 and changes nothing when its notifications cannot be queued', async () => {
    const { app, store, raw } = harness();
    const p = await posted(app, { text: 'Plain words' });
    raw.exec(`CREATE TRIGGER outbox_down BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END`);
    expect((await edit(app, p.comment.id, p.editToken, 'Please refund me')).status).toBe(503);
    expect(await store.comments.get(p.comment.id)).toMatchObject({ status: 'published', text: 'Plain words', editedAt: null });
    raw.exec('DROP TRIGGER outbox_down');
    expect((await edit(app, p.comment.id, p.editToken, 'Please refund me')).status).toBe(200);
    expect(await queued(store, 1)).toHaveLength(2);
  });
});

describe('a moderator approval', () => {
  it('queues comment.published for webhooks (no mail) for exactly the comments it published', async () => {
    const { app, store, pokes } = harness({ moderation: 'all' });
    const a = await posted(app, { text: 'First held' });
    const b = await posted(app, { text: 'Second held' });
    const c = await posted(app, { text: 'Third held' });
    expect(await queued(store)).toHaveLength(6);
    const before = pokes.n;

    // Spam and delete notify nobody.
    expect((await act(app, 'spam', [c.comment.id])).status).toBe(200);
    expect(await queued(store, 6)).toEqual([]);
    expect(pokes.n).toBe(before);

    expect(await (await act(app, 'approve', [a.comment.id, b.comment.id])).json()).toMatchObject({ updated: 2, undo: expect.any(Number) });
    expect(await queued(store, 6)).toEqual([
      ['webhook', 'comment.published', 'approved', 'published', 'First held'],
      ['webhook', 'comment.published', 'approved', 'published', 'Second held'],
    ]);
    expect(pokes.n).toBe(before + 1);
    // Approving what is already published changes nothing and tells nobody again.
    expect(await (await act(app, 'approve', [a.comment.id])).json()).toMatchObject({ updated: 0, undo: expect.any(Number) });
    expect(await queued(store, 8)).toHaveLength(0);
  });

  it('through the mail link queues comment.published too', async () => {
    const { app, store, clock } = harness({ moderation: 'all' });
    const p = await posted(app, { text: 'Held for the link' });
    const link = `/moderate?t=${makeActionToken('test-secret', { id: p.comment.id, action: 'approve', expiresAt: clock.now + 864e5 })}`;
    const page = await (await app.request(link)).text();
    const fields = Object.fromEntries([...page.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
    const res = await app.request(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    expect(res.status).toBe(200);
    expect(await queued(store, 2)).toEqual([['webhook', 'comment.published', 'approved', 'published', 'Held for the link']]);
  });

  it('fails with 503 and changes nothing when its notifications cannot be queued', async () => {
    const { app, store, raw } = harness({ moderation: 'all' });
    const p = await posted(app, { text: 'Held' });
    raw.exec(`CREATE TRIGGER outbox_down BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END`);
    expect((await act(app, 'approve', [p.comment.id])).status).toBe(503);
    expect((await store.comments.get(p.comment.id))!.status).toBe('pending');
  });
});
