import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/store/memory.ts';
import type { Store } from '../../src/server/store/store.ts';
import { body, post, posted, setup } from '../helpers/app.ts';

describe('GET /api/v1/counts', () => {
  it('answers with keys exactly as asked, 0 for unknown threads', async () => {
    const { app } = setup();
    await posted(app);
    await posted(app, { thread: '/b', text: 'x' });
    const res = await app.request('/api/v1/counts?thread=/a&thread=/b&thread=/none');
    expect(await res.json()).toEqual({ counts: { '/a': 1, '/b': 1, '/none': 0 } });
  });

  it('refuses more than 100 threads with 400 invalid', async () => {
    const { app } = setup();
    const query = Array.from({ length: 101 }, (_, i) => `thread=/t${i}`).join('&');
    const res = await app.request(`/api/v1/counts?${query}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid');
  });
});

describe('GET /api/v1/form', () => {
  it('gives a form token that is never cached', async () => {
    const { app } = setup();
    const res = await app.request('/api/v1/form?thread=/a');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await res.json()).token).toMatch(/^[\w-]{40,}$/);
  });
});

describe('origins and CORS', () => {
  it('sends CORS headers to configured origins only', async () => {
    const { app } = setup();
    const ok = await app.request('/api/v1/comments?thread=/a', { headers: { origin: 'https://blog.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://blog.example');
    const other = await app.request('/api/v1/comments?thread=/a', { headers: { origin: 'https://evil.example' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers preflights with allowed methods for configured origins only', async () => {
    const { app } = setup();
    const ok = await app.request('/api/v1/comments', { method: 'OPTIONS', headers: { origin: 'https://blog.example', 'access-control-request-method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    const other = await app.request('/api/v1/comments', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('refuses writes from other origins with 403 and allows its own host and no Origin', async () => {
    const { app } = setup();
    const evil = await post(app, body(), { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect((await evil.json()).error.code).toBe('origin_not_allowed');
    const own = await app.request('http://comments.example/api/v1/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://comments.example', host: 'comments.example' },
      body: JSON.stringify(body({ text: 'own' })),
    });
    expect(own.status).toBe(201);
    expect((await post(app, body({ text: 'allowed' }), { origin: 'https://blog.example' })).status).toBe(201);
    expect((await post(app, body({ text: 'script' }))).status).toBe(201);
  });
});

describe('admin API', () => {
  const auth = { authorization: 'Bearer admin-secret-token' };

  it('is off (404) without an admin token', async () => {
    const { app } = setup();
    const res = await app.request('/api/v1/admin/comments', { headers: auth });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('answers 401 for a missing or wrong token', async () => {
    const { app } = setup({ adminToken: 'admin-secret-token' });
    expect((await app.request('/api/v1/admin/comments')).status).toBe(401);
    const wrong = await app.request('/api/v1/admin/comments', { headers: { authorization: 'Bearer admin-secreT' } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('unauthorized');
  });

  it('lists held comments with email and reasons, and approves them into public view', async () => {
    const { app } = setup({ adminToken: 'admin-secret-token', moderation: 'all' });
    const held = await posted(app);
    const queue = await app.request('/api/v1/admin/comments?status=pending', { headers: auth });
    const json = await queue.json();
    expect(json.comments).toEqual([expect.objectContaining({ id: held.comment.id, status: 'pending', email: 'ada@example.com', reasons: expect.arrayContaining([expect.objectContaining({ rule: 'mode' })]) })]);
    expect(json.nextCursor).toBeNull();
    const act = await app.request('/api/v1/admin/comments/actions', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', ids: [held.comment.id, 'missing'] }),
    });
    expect(await act.json()).toMatchObject({ updated: 1, undo: expect.any(Number) });
    const pub = await (await app.request('/api/v1/comments?thread=/a')).json();
    expect(pub.comments.map((c: { id: string }) => c.id)).toEqual([held.comment.id]);
    const bad = await app.request('/api/v1/admin/comments/actions', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'burn', ids: [] }) });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['action', 'ids']);
  });

  it('pages the queue newest first with a cursor', async () => {
    const { app } = setup({ adminToken: 'admin-secret-token', moderation: 'all' });
    const a = await posted(app, { text: 'a' });
    const b = await posted(app, { text: 'b' });
    const first = await (await app.request('/api/v1/admin/comments?status=pending&limit=1', { headers: auth })).json();
    expect(first.comments[0].id).toBe(b.comment.id);
    const next = await (await app.request(`/api/v1/admin/comments?status=pending&limit=1&cursor=${first.nextCursor}`, { headers: auth })).json();
    expect(next.comments[0].id).toBe(a.comment.id);
  });
});

describe('assets, health and errors', () => {
  it('serves the embed with cache headers and 304 on its ETag', async () => {
    const { app } = setup({ assets: async (name) => (name === 'parley.js' ? { body: 'console.log(1)', etag: '"v1"' } : null) });
    const res = await app.request('/parley.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toBe('console.log(1)');
    expect((await app.request('/parley.js', { headers: { 'if-none-match': '"v1"' } })).status).toBe(304);
    expect((await app.request('/count.js')).status).toBe(404);
  });

  it('serves the optional scripts under /adapters/ and /i18n/ by plain names only', async () => {
    const asked: string[] = [];
    const { app } = setup({ assets: async (name) => (asked.push(name), { body: `/* ${name} */`, etag: '"x"' }) });
    expect(await (await app.request('/i18n/de.js')).text()).toBe('/* i18n/de.js */');
    expect(await (await app.request('/adapters/local.js')).text()).toBe('/* adapters/local.js */');
    for (const path of ['/i18n/..%2Fserver%2Fcli.js', '/i18n/De.js', '/adapters/x.mjs', '/server/cli.js', '/i18n/de.js.map']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
    expect(asked).toEqual(['i18n/de.js', 'adapters/local.js']);
  });

  it('reports health after a store check, and 503 when the store fails', async () => {
    expect(await (await setup().app.request('/healthz')).json()).toEqual({ ok: true });
    const broken = createMemoryStore();
    await broken.close();
    const res = await setup({ store: broken }).app.request('/healthz');
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('unavailable');
  });

  it('answers 503 unavailable without a stack when the store throws during a request', async () => {
    const fail = () => Promise.reject(new Error('disk on fire at /var/lib/secret'));
    // The store's answers that need no waiting (versionNow, changeStamp: issue 22) fail as a
    // synchronous store fails, by throwing.
    const failNow = () => {
      throw new Error('disk on fire at /var/lib/secret');
    };
    const SYNC = new Set(['versionNow', 'changeStamp']);
    // Every part's every method fails, but the secret (read before anything else) is there.
    const failing = new Proxy(createMemoryStore(), {
      get: (target, prop) =>
        prop === 'settings'
          ? target.settings
          : typeof target[prop as keyof Store] === 'object'
            ? new Proxy({}, { get: (_part, name) => (SYNC.has(String(name)) ? failNow : fail) })
            : SYNC.has(String(prop))
              ? failNow
              : fail,
    }) as Store;
    const { app } = setup({ store: failing });
    for (const res of [await app.request('/api/v1/comments?thread=/a'), await post(app, body())]) {
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(JSON.parse(text).error.code).toBe('unavailable');
      expect(text).not.toMatch(/disk on fire|at .*\.ts/);
    }
  });

  it('answers unknown API routes with 404 not_found JSON', async () => {
    const { app } = setup();
    const res = await app.request('/api/v1/nothing');
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: 'not_found' });
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const { app } = setup();
    const res = await post(app, body(), { 'content-length': String(10 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });
});
