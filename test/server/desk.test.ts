// The moderation desk's API (issue 21): named tokens, search and counts, context, actions with the
// action log and undo, and the moderator's edit. Through app.request(), no server started.
import { describe, expect, it } from 'vitest';
import { actOnModerationLink, seenStamp } from '../../src/server/comments/moderate-actions.ts';
import { createDeps } from '../../src/server/deps.ts';
import { newToken, tokenHash } from '../../src/server/desk/tokens.ts';
import { makeActionToken } from '../../src/server/notify/action-links.ts';
import { posted, setup } from '../helpers/app.ts';

const TOKEN = 'admin-secret-token';
const auth = (token = TOKEN) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
type App = ReturnType<typeof setup>['app'];

const get = async (app: App, path: string, token = TOKEN) => {
  const res = await app.request(`/api/v1/admin${path}`, { headers: auth(token) });
  return { status: res.status, body: (await res.json()) as any };
};
const send = async (app: App, path: string, data: unknown, token = TOKEN) => {
  const res = await app.request(`/api/v1/admin${path}`, { method: 'POST', headers: auth(token), body: JSON.stringify(data) });
  return { status: res.status, body: (await res.json()) as any };
};
const statusOf = async (store: ReturnType<typeof setup>['store'], id: string) => (await store.comments.get(id))!.status;

describe('named moderator tokens', () => {
  it('let a moderator in by a stored hash, name them in the log, and stop working when revoked', async () => {
    const { app, store } = setup();
    // No --admin-token and no named token: the admin API and page are off.
    expect((await get(app, '/comments', 'anything-at-all-long')).status).toBe(404);
    expect((await app.request('/admin')).status).toBe(404);
    const token = newToken();
    await store.desk.addToken({ name: 'ann', hash: tokenHash(token), createdAt: 1 });
    expect((await app.request('/admin')).status).toBe(200);
    expect((await get(app, '/comments', 'wrong-token-of-some-length')).status).toBe(401);
    const c = await posted(app);
    expect((await send(app, '/comments/actions', { action: 'spam', ids: [c.comment.id] }, token)).status).toBe(200);
    const log = await get(app, '/log', token);
    expect(log.body.entries).toMatchObject([{ who: 'ann', action: 'spam', ids: [c.comment.id] }]);
    // Only the hash is kept.
    expect(JSON.stringify(await store.desk.tokens())).not.toContain(token);
    await store.desk.revokeToken('ann');
    expect((await get(app, '/comments', token)).status).toBe(404);
  });

  it('keep --admin-token working as a token named admin, beside named ones', async () => {
    const { app, store } = setup({ adminToken: TOKEN });
    const token = newToken();
    await store.desk.addToken({ name: 'bob', hash: tokenHash(token), createdAt: 1 });
    const [a, b] = [await posted(app), await posted(app, { text: 'Second' })];
    await send(app, '/comments/actions', { action: 'spam', ids: [a.comment.id] });
    await send(app, '/comments/actions', { action: 'spam', ids: [b.comment.id] }, token);
    expect((await get(app, '/log')).body.entries.map((e: { who: string }) => e.who)).toEqual(['bob', 'admin']);
  });
});

describe('finding comments on the desk', () => {
  it('searches text, name, address, website and thread; filters by thread and rule; sorts; counts the tabs', async () => {
    const { app } = setup({ adminToken: TOKEN, moderation: 'all', holdWords: ['refund'] });
    const ann = await posted(app, { name: 'Ann Lee', email: 'ann@example.com', text: 'I want a refund', thread: '/ferry' });
    const bob = await posted(app, { name: 'Bob', email: 'bob@mail.example', website: 'https://bob.example', text: 'Hello', thread: '/bridge' });
    const cy = await posted(app, { name: 'Cy', text: 'Nice piece', thread: '/ferry' });
    const ids = (body: { comments: { id: string }[] }) => body.comments.map((c) => c.id);
    expect(ids((await get(app, '/comments?status=pending')).body)).toEqual([cy.comment.id, bob.comment.id, ann.comment.id]);
    expect(ids((await get(app, '/comments?status=pending&sort=oldest')).body)).toEqual([ann.comment.id, bob.comment.id, cy.comment.id]);
    expect(ids((await get(app, '/comments?q=REFUND')).body)).toEqual([ann.comment.id]);
    expect(ids((await get(app, '/comments?q=ann%20lee')).body)).toEqual([ann.comment.id]);
    expect(ids((await get(app, '/comments?q=mail.example')).body)).toEqual([bob.comment.id]);
    expect(ids((await get(app, '/comments?q=bob.example')).body)).toEqual([bob.comment.id]);
    expect(ids((await get(app, '/comments?q=bridge')).body)).toEqual([bob.comment.id]);
    expect(ids((await get(app, '/comments?thread=/ferry')).body)).toEqual([cy.comment.id, ann.comment.id]);
    expect(ids((await get(app, '/comments?rule=words')).body)).toEqual([ann.comment.id]);
    const page = await get(app, '/comments?limit=2');
    expect(ids(page.body)).toEqual([cy.comment.id, bob.comment.id]);
    expect(ids((await get(app, `/comments?cursor=${page.body.nextCursor}`)).body)).toEqual([ann.comment.id]);
    expect(page.body.counts).toEqual({ pending: 3, spam: 0, published: 0, deleted: 0 });
    expect((await get(app, '/comments?sort=sideways')).status).toBe(400);
  });

  it('gives each comment its article title and link, the comment it replies to, and the author’s history', async () => {
    const fetchArticle = async () => ({ ok: true as const, text: 'The ferry runs again from Monday.', title: 'Ferry news' });
    const { app } = setup({ adminToken: TOKEN, fetchArticle, clientAddress: () => '203.0.113.9' });
    const parent = await posted(app, { thread: '/ferry', url: 'https://blog.example/ferry', text: 'Good news for commuters.', name: 'Ann' });
    const reply = await posted(app, { thread: '/ferry', url: 'https://blog.example/ferry', parent: parent.comment.id, text: 'Buy cheap watches', name: 'Bot', email: 'bot@example.com' });
    await send(app, '/comments/actions', { action: 'spam', ids: [reply.comment.id] });
    await posted(app, { thread: '/other', text: 'Another one from me', name: 'Bot', email: 'BOT@example.com' });
    const { body } = await get(app, '/comments?status=spam');
    expect(body.comments[0]).toMatchObject({
      id: reply.comment.id,
      title: 'Ferry news',
      link: `https://blog.example/ferry#comment-${reply.comment.id}`,
      replyTo: { id: parent.comment.id, name: 'Ann', text: 'Good news for commuters.', status: 'published' },
      history: { email: { published: 1, spam: 1, pending: 0, deleted: 0 }, client: { published: 2, spam: 1, pending: 0, deleted: 0 } },
    });
  });
});

describe('acting on the desk', () => {
  it('says a comment was approved by a moderator, and undoes a bulk action within 10 seconds, once', async () => {
    const { app, store, clock } = setup({ adminToken: TOKEN, moderation: 'all' });
    const a = await posted(app, { text: 'First' });
    const b = await posted(app, { text: 'Second' });
    await send(app, '/comments/actions', { action: 'spam', ids: [a.comment.id] });
    const approved = await send(app, '/comments/actions', { action: 'approve', ids: [a.comment.id, b.comment.id] });
    expect(approved.body).toMatchObject({ updated: 2, undo: expect.any(Number) });
    const row = await store.comments.get(a.comment.id);
    expect(row!.status).toBe('published');
    expect(row!.reasons).toContainEqual({ rule: 'moderator', verdict: 'publish', message: 'approved by a moderator' });
    expect(row!.reasons.filter((r) => r.rule === 'moderator')).toHaveLength(1);
    clock.now += 9_000;
    expect((await send(app, '/comments/undo', { undo: approved.body.undo })).body).toEqual({ restored: 2 });
    expect(await statusOf(store, a.comment.id)).toBe('spam');
    expect(await statusOf(store, b.comment.id)).toBe('pending');
    expect((await store.comments.get(b.comment.id))!.reasons.some((r) => r.rule === 'moderator')).toBe(false);
    expect((await send(app, '/comments/undo', { undo: approved.body.undo })).status).toBe(400);
    // Too late.
    const deleted = await send(app, '/comments/actions', { action: 'delete', ids: [b.comment.id] });
    clock.now += 60_000;
    expect((await send(app, '/comments/undo', { undo: deleted.body.undo })).status).toBe(400);
    expect(await statusOf(store, b.comment.id)).toBe('deleted');
    const log = (await get(app, '/log')).body.entries.map((e: { action: string }) => e.action);
    expect(log).toEqual(['delete', 'undo', 'approve', 'spam']);
  });

  it('edits a comment’s text as a moderator (marked so), and undoes the edit', async () => {
    const { app, store } = setup({ adminToken: TOKEN });
    const c = await posted(app, { text: 'Call me at 555-0100' });
    const edited = await send(app, `/comments/${c.comment.id}/edit`, { text: 'Call me [number removed]' });
    expect(edited.body.comment).toMatchObject({ text: 'Call me [number removed]', editedAt: expect.any(String) });
    expect(edited.body.comment.reasons).toContainEqual({ rule: 'moderator', verdict: 'publish', message: 'edited by a moderator' });
    const list = await app.request(`/api/v1/comments?thread=/a`);
    expect(JSON.stringify(await list.json())).toContain('[number removed]');
    expect((await send(app, `/comments/${c.comment.id}/edit`, { text: '' })).status).toBe(400);
    await send(app, '/comments/undo', { undo: edited.body.undo });
    expect((await store.comments.get(c.comment.id))!).toMatchObject({ text: 'Call me at 555-0100', editedAt: null });
  });

  it('logs a mail link’s decision as "mail link", and the comment says a moderator decided', async () => {
    const { app, store, clock } = setup({ adminToken: TOKEN, moderation: 'all' });
    const c = await posted(app, { text: 'Held until the owner clicks' });
    const deps = createDeps({ store, secret: 'test-secret', now: () => clock.now });
    const row = (await store.comments.get(c.comment.id))!;
    const token = makeActionToken('test-secret', { id: row.id, action: 'approve', expiresAt: clock.now + 60_000 });
    expect((await actOnModerationLink(deps, { token, seen: seenStamp(row) })).kind).toBe('done');
    expect((await get(app, '/log')).body.entries).toMatchObject([{ who: 'mail link', action: 'approve', ids: [c.comment.id] }]);
    expect((await store.comments.get(c.comment.id))!.reasons).toContainEqual({ rule: 'moderator', verdict: 'publish', message: 'approved by a moderator' });
  });

  it('keeps the action log 90 days', async () => {
    const { app, store, clock } = setup({ adminToken: TOKEN });
    const c = await posted(app);
    await send(app, '/comments/actions', { action: 'spam', ids: [c.comment.id] });
    clock.now += 91 * 86_400_000;
    await send(app, '/comments/actions', { action: 'approve', ids: [c.comment.id] });
    expect((await store.desk.logEntries({ limit: 10 })).map((e) => e.action)).toEqual(['approve']);
  });
});
