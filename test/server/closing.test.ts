// Closing a thread (issue 16 item 5): by hand from the admin API, and by age with
// --close-after-days, counted from the article's article:published_time, else from the first
// comment. A closed thread says so in the GET answer (thread.closed), changes its ETag even when it
// closes by age (nothing is written then), refuses posts with 403 thread_closed, and its /t page
// shows "Comments are closed." instead of the form.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractArticleText } from '../../src/server/article-extract.ts';
import { closingOf, DAY_MS } from '../../src/server/comments/closing.ts';
import { startServer } from '../../src/server/main.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import { body, list, post, posted, setup } from '../helpers/app.ts';

const TOKEN = 'closing-admin-token-0123456789';
const admin = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const close = (app: ReturnType<typeof setup>['app'], thread: string, closed: boolean) =>
  app.request('/api/v1/admin/threads/close', { method: 'POST', headers: admin, body: JSON.stringify({ thread, closed }) });

describe('closingOf', () => {
  const facts = { closedAt: null, publishedAt: null, firstAt: null };
  it('closes by hand at once, by age N days after the article (else the first comment), and never with 0 days', () => {
    expect(closingOf({ ...facts, closedAt: 5 }, 0, 0)).toEqual({ closed: true, closesAt: null });
    expect(closingOf({ ...facts, firstAt: 1_000 }, 2, 1_000)).toEqual({ closed: false, closesAt: 1_000 + 2 * DAY_MS });
    expect(closingOf({ ...facts, firstAt: 1_000 }, 2, 1_000 + 2 * DAY_MS)).toEqual({ closed: true, closesAt: null });
    // The article's date wins over the first comment's.
    expect(closingOf({ ...facts, publishedAt: 0, firstAt: 10 * DAY_MS }, 2, 3 * DAY_MS).closed).toBe(true);
    expect(closingOf({ ...facts, firstAt: 0 }, 0, 1e15)).toEqual({ closed: false, closesAt: null });
    expect(closingOf(facts, 2, 1e15)).toEqual({ closed: false, closesAt: null });
  });

  it("reads the page's article:published_time, and nothing from a date it cannot read", () => {
    const page = (meta: string) => `<html><head>${meta}</head><body><article><p>The harbour bridge reopens.</p></article></body></html>`;
    expect(extractArticleText(page('<meta property="article:published_time" content="2026-05-01T08:00:00+02:00">')).publishedAt).toBe(Date.parse('2026-05-01T06:00:00Z'));
    expect(extractArticleText(page('<meta property="article:published_time" content="last Tuesday">')).publishedAt).toBeNull();
    expect(extractArticleText(page('')).publishedAt).toBeNull();
  });
});

describe('a thread closed by hand', () => {
  it('says closed, changes its ETag, refuses posts with 403 thread_closed and stores nothing, until opened again', async () => {
    const { app, store } = setup({ adminToken: TOKEN });
    const first = await posted(app, { thread: '/a' });
    const open = await list(app, 'thread=%2Fa');
    expect(open.json.thread).toMatchObject({ id: '/a', count: 1, closed: false });
    const openTag = open.res.headers.get('etag')!;

    const res = await close(app, '/a', true);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ thread: { id: '/a', closed: true } });

    const closed = await app.request('/api/v1/comments?thread=%2Fa', { headers: { 'if-none-match': openTag } });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as { thread: { closed: boolean } }).thread.closed).toBe(true);
    expect(closed.headers.get('etag')).not.toBe(openTag);

    const refused = await post(app, body({ thread: '/a', parent: first.comment.id }));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('thread_closed');
    expect((await store.comments.listByStatus({ status: 'published', limit: 10 })).length).toBe(1);

    expect((await (await close(app, '/a', false)).json()) as unknown).toEqual({ thread: { id: '/a', closed: false } });
    expect((await post(app, body({ thread: '/a', text: 'Open again, so here is another thought.' }))).status).toBe(201);
  });

  it('refuses a close without a thread or a yes/no, and without the admin token', async () => {
    const { app } = setup({ adminToken: TOKEN });
    expect((await app.request('/api/v1/admin/threads/close', { method: 'POST', headers: admin, body: JSON.stringify({ thread: '/a' }) })).status).toBe(400);
    expect((await app.request('/api/v1/admin/threads/close', { method: 'POST', headers: admin, body: JSON.stringify({ closed: true }) })).status).toBe(400);
    expect((await app.request('/api/v1/admin/threads/close', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ thread: '/a', closed: true }) })).status).toBe(401);
  });

  it('shows "Comments are closed." on the server-rendered page instead of the form, and POST /t answers 403', async () => {
    const { app } = setup({ adminToken: TOKEN });
    await posted(app, { thread: '/a' });
    await close(app, '/a', true);
    const page = await (await app.request('/t?thread=%2Fa&title=A')).text();
    expect(page).toContain('Comments are closed.');
    expect(page).not.toContain('<textarea');
    const form = new URLSearchParams({ thread: '/a', text: 'Late', name: 'Bo', email: 'bo@example.com', key: 'k-late' });
    const res = await app.request('/t', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Comments are closed.');
  });
});

describe('--close-after-days', () => {
  it('closes N days after the first comment: the answer, its ETag and the fragment change with no write', async () => {
    const { app, clock } = setup({ closeAfterDays: 30 });
    await posted(app, { thread: '/old' });
    clock.now += 10 * DAY_MS;
    await posted(app, { thread: '/old', text: 'A second thought, ten days on.' });
    const before = await list(app, 'thread=%2Fold');
    expect(before.json.thread).toMatchObject({ count: 2, closed: false });
    const tag = before.res.headers.get('etag')!;
    const fragmentTag = (await app.request('/t?thread=%2Fold&fragment=1')).headers.get('etag')!;
    // Kept and current until the moment it closes.
    clock.now += 20 * DAY_MS - 1;
    expect((await app.request('/api/v1/comments?thread=%2Fold', { headers: { 'if-none-match': tag } })).status).toBe(304);
    clock.now += 1;
    const after = await app.request('/api/v1/comments?thread=%2Fold', { headers: { 'if-none-match': tag } });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { thread: { closed: boolean } }).thread.closed).toBe(true);
    expect(after.headers.get('etag')).not.toBe(tag);
    const fragment = await app.request('/t?thread=%2Fold&fragment=1', { headers: { 'if-none-match': fragmentTag } });
    expect(fragment.status).toBe(200);
    expect(await fragment.text()).toContain('Comments are closed.');
    const refused = await post(app, body({ thread: '/old' }));
    expect(refused.status).toBe(403);
    // Other threads are untouched, and a thread with no comment yet is open.
    expect((await post(app, body({ thread: '/new' }))).status).toBe(201);
  });

  it("counts from the article's article:published_time, read before the first comment is taken", async () => {
    let fetches = 0;
    const fetchArticle = async () => {
      fetches++;
      return { ok: true as const, text: 'The harbour bridge reopens in May after two years of repairs.', publishedAt: Date.parse('2025-10-01T00:00:00Z') };
    };
    // The clock says 2026-01-01: the article is 92 days old.
    const { app, store } = setup({ closeAfterDays: 60, fetchArticle });
    const res = await post(app, body({ thread: '/2025/10/bridge', url: 'https://blog.example/2025/10/bridge' }));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('thread_closed');
    expect(fetches).toBe(1);
    expect(await store.comments.listByStatus({ status: 'published', limit: 10 })).toEqual([]);
    expect((await list(app, 'thread=%2F2025%2F10%2Fbridge')).json.thread).toMatchObject({ count: 0, closed: true });
    // A younger article's thread takes comments.
    const young = setup({ closeAfterDays: 120, fetchArticle });
    expect((await post(young.app, body({ thread: '/2025/10/bridge', url: 'https://blog.example/2025/10/bridge' }))).status).toBe(201);
  });
});

describe('closing by age through the fast path (a real server, kept pages answered before Hono)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-closing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops serving the kept open page at the moment the thread closes', async () => {
    const clock = { now: Date.parse('2026-03-01T00:00:00Z') };
    const server = await startServer({
      store: createSqliteStore({ file: join(dir, 'closing.db') }),
      port: 0,
      host: '127.0.0.1',
      origins: ['https://blog.example'],
      closeAfterDays: 7,
      minSubmitSeconds: 0,
      floodSeconds: 0,
      now: () => clock.now,
      logger: { info: () => {}, error: () => {} },
    });
    try {
      const url = `${server.url}/api/v1/comments?thread=%2Fa`;
      const res = await fetch(`${server.url}/api/v1/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body({ thread: '/a' })) });
      expect(res.status).toBe(201);
      const first = await fetch(url);
      const tag = first.headers.get('etag')!;
      expect(((await first.json()) as { thread: { closed: boolean } }).thread.closed).toBe(false);
      const fastBefore = server.readStats().fastPath.notModified;
      expect((await fetch(url, { headers: { 'if-none-match': tag } })).status).toBe(304);
      expect(server.readStats().fastPath.notModified).toBe(fastBefore + 1);
      clock.now += 7 * DAY_MS;
      const closed = await fetch(url, { headers: { 'if-none-match': tag } });
      expect(closed.status).toBe(200);
      expect(((await closed.json()) as { thread: { closed: boolean } }).thread.closed).toBe(true);
      expect(closed.headers.get('etag')).not.toBe(tag);
      const refused = await fetch(`${server.url}/api/v1/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body({ thread: '/a' })) });
      expect(refused.status).toBe(403);
    } finally {
      await server.close();
    }
  });
});
