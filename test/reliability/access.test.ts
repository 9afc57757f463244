// Parley issue 7, access: CORS exactly as DESIGN says, the admin API and page behind the token,
// edit and delete only with that comment's token and only inside the window, and the article fetch
// not widened by anything a poster controls. test/server/{api-misc,admin,api-edit,article} hold the
// basic cases; this file sweeps every route and method against the hostile variants.
import { describe, expect, it } from 'vitest';
import type { FetchArticle } from '../../src/server/deps.ts';
import { ADMIN_TOKEN, postJson, relaxedApp, snapshot } from './helpers.ts';

const ALLOWED = 'https://blog.example';
const START = Date.parse('2026-01-01T00:00:00Z');

function world(over: Parameters<typeof relaxedApp>[0] = {}) {
  const clock = { now: START };
  const made = relaxedApp({ now: () => clock.now, ...over });
  return { ...made, clock };
}

let n = 0;
const draft = (over: Record<string, unknown> = {}) => ({
  thread: '/acc',
  text: `Access comment ${++n}`,
  name: 'Ada',
  email: 'ada@example.com',
  idempotencyKey: `acc-${n}`,
  ...over,
});

async function posted(app: ReturnType<typeof world>['app'], over: Record<string, unknown> = {}) {
  const res = await postJson(app, draft(over));
  expect(res.status).toBe(201);
  return (await res.json()) as { comment: { id: string }; editToken: string };
}

describe('CORS exactly as DESIGN says', () => {
  const reads = ['/api/v1/comments?thread=/acc', '/api/v1/counts?thread=/acc', '/api/v1/form?thread=/acc'];
  const hostile = ['https://evil.example', 'null', 'https://blog.example.evil.example', 'http://blog.example', 'https://blog.example:8443', 'https://sub.blog.example', ''];

  it('gives CORS headers to the configured origin only, never *, never with credentials', async () => {
    const { app } = world();
    for (const path of reads) {
      const ok = await app.request(path, { headers: { origin: ALLOWED } });
      expect(ok.headers.get('access-control-allow-origin'), path).toBe(ALLOWED);
      expect(ok.headers.get('vary'), path).toMatch(/origin/i);
      expect(ok.headers.get('access-control-allow-credentials'), path).toBeNull();
      for (const origin of hostile) {
        const res = await app.request(path, { headers: { origin } });
        expect(res.status, `${path} from ${origin}`).toBe(200); // a read is public; the browser just may not show it
        expect(res.headers.get('access-control-allow-origin'), `${path} from ${origin}`).toBeNull();
        expect(res.headers.get('vary'), path).toMatch(/origin/i);
      }
    }
  });

  it('answers preflights with methods and headers for the configured origin only', async () => {
    const { app } = world();
    const ok = await app.request('/api/v1/comments', { method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    for (const origin of hostile) {
      const res = await app.request('/api/v1/comments', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(res.headers.get('access-control-allow-methods'), origin).toBeNull();
    }
  });

  it('refuses every write from another origin with 403 origin_not_allowed and changes nothing', async () => {
    const { app, store } = world();
    const mine = await posted(app);
    const before = await snapshot(store);
    for (const origin of hostile.filter(Boolean)) {
      const writes = [
        postJson(app, draft(), { origin }),
        app.request(`/api/v1/comments/${mine.comment.id}`, {
          method: 'PATCH',
          headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${mine.editToken}` },
          body: JSON.stringify({ text: 'changed from elsewhere' }),
        }),
        app.request(`/api/v1/comments/${mine.comment.id}`, { method: 'DELETE', headers: { origin, authorization: `Bearer ${mine.editToken}` } }),
        app.request('/api/v1/admin/comments/actions', {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
          body: JSON.stringify({ action: 'delete', ids: [mine.comment.id] }),
        }),
      ];
      for (const res of await Promise.all(writes)) {
        expect(res.status, origin).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
      }
    }
    expect(await snapshot(store)).toBe(before);
    // From the configured origin, and without Origin (a script), the same write is judged on its merits.
    expect((await postJson(app, draft(), { origin: ALLOWED })).status).toBe(201);
    expect((await postJson(app, draft())).status).toBe(201);
  });
});

describe('the admin API and page', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/v1/admin/comments'],
    ['GET', '/api/v1/admin/comments?status=spam'],
    ['GET', '/api/v1/admin/comments?status=published&thread=/acc'],
    ['POST', '/api/v1/admin/comments/actions', { action: 'approve', ids: ['x'] }],
  ];
  const wrong: Record<string, string>[] = [
    {},
    { authorization: '' },
    { authorization: 'Bearer' },
    { authorization: 'Bearer ' },
    { authorization: `Bearer ${ADMIN_TOKEN}x` },
    { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` },
    { authorization: `Bearer ${ADMIN_TOKEN.toUpperCase()}` },
    { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
    { authorization: ADMIN_TOKEN },
    { authorization: `Token ${ADMIN_TOKEN}` },
    { authorization: `Bearer ${ADMIN_TOKEN} ${ADMIN_TOKEN}` },
    { 'x-admin-token': ADMIN_TOKEN },
    { cookie: `token=${ADMIN_TOKEN}` },
  ];

  it('answers 401 unauthorized to every route without the token or with a wrong one, and changes nothing', async () => {
    // Each request from its own client: one client gets 10 wrong tries a minute, then 429
    // (test/server/admin.test.ts), and this sweep makes more than 10.
    let client = 0;
    const { app, store } = world({ clientAddress: () => `198.51.100.${++client}` });
    const held = await posted(app, { form: { hp: 'bot' } });
    const before = await snapshot(store);
    for (const [method, path, body] of routes) {
      for (const headers of wrong) {
        const res = await app.request(path, {
          method,
          headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
          body: body ? JSON.stringify({ ...(body as object), ids: [held.comment.id] }) : undefined,
        });
        expect(res.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        const text = await res.text();
        expect(JSON.parse(text).error.code).toBe('unauthorized');
        expect(text).not.toContain('ada@example.com');
      }
      // A token in the query string is not a token.
      const q = await app.request(`${path}${path.includes('?') ? '&' : '?'}token=${ADMIN_TOKEN}`, { method });
      expect(q.status).toBe(401);
    }
    expect(await snapshot(store)).toBe(before);
    const right = await app.request('/api/v1/admin/comments?status=spam', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(right.status).toBe(200);
    expect(right.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the page as an empty shell with frame-ancestors none: no data without the token', async () => {
    const { app } = world();
    await posted(app, { form: { hp: 'bot' } });
    for (const path of ['/admin', '/admin/app.js', '/admin/app.css']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(await res.text(), path).not.toContain('ada@example.com');
    }
  });

  it('is not there at all without a configured token', async () => {
    const { app } = world({ adminToken: undefined });
    for (const [method, path] of routes) {
      expect((await app.request(path, { method, headers: { authorization: 'Bearer ' } })).status).toBe(404);
    }
    expect((await app.request('/admin')).status).toBe(404);
  });
});

describe('edit and delete', () => {
  const patch = (app: ReturnType<typeof world>['app'], id: string, token: string, text = 'edited text') =>
    app.request(`/api/v1/comments/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text }),
    });
  const del = (app: ReturnType<typeof world>['app'], id: string, token: string) =>
    app.request(`/api/v1/comments/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });

  it("works only with that comment's own token", async () => {
    const { app, store } = world();
    const a = await posted(app);
    const b = await posted(app, { name: 'Bob', email: 'bob@example.com' });
    const before = await snapshot(store);
    for (const token of [b.editToken, '', 'x', a.editToken.toUpperCase(), `${a.editToken}=`, a.editToken.slice(1), ADMIN_TOKEN]) {
      expect((await patch(app, a.comment.id, token)).status, token).toBe(401);
      expect((await del(app, a.comment.id, token)).status, token).toBe(401);
    }
    expect(await snapshot(store)).toBe(before);
    // The token is never in a public response.
    const page = await (await app.request('/api/v1/comments?thread=/acc')).text();
    expect(page).not.toContain(a.editToken);
    expect(page).not.toContain(b.editToken);
    expect((await patch(app, a.comment.id, a.editToken)).status).toBe(200);
    expect((await del(app, b.comment.id, b.editToken)).status).toBe(204);
  });

  it('works up to the last millisecond of the window and answers 403 edit_window_closed after it', async () => {
    const { app, store, clock } = world();
    const a = await posted(app);
    const b = await posted(app, { name: 'Bob', email: 'bob@example.com' });
    clock.now = START + 900_000;
    expect((await patch(app, a.comment.id, a.editToken, 'just in time')).status).toBe(200);
    clock.now = START + 900_001;
    const before = await snapshot(store);
    for (const res of [await patch(app, a.comment.id, a.editToken, 'too late'), await del(app, b.comment.id, b.editToken)]) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('edit_window_closed');
    }
    expect(await snapshot(store)).toBe(before);
    // The window counts from posting: an edit does not reopen it.
    clock.now = START + 10 * 3600_000;
    expect((await patch(app, a.comment.id, a.editToken)).status).toBe(403);
  });
});

describe('the article fetch cannot be aimed by a poster (SSRF)', () => {
  function recording(): FetchArticle & { calls: string[] } {
    const calls: string[] = [];
    const fn = (async (url: string) => {
      calls.push(url);
      return { ok: false, reason: 'recorded only' };
    }) as unknown as FetchArticle & { calls: string[] };
    fn.calls = calls;
    return fn;
  }

  it('with configured origins, fetches only their pages, whatever Host, Origin or X-Forwarded headers say', async () => {
    const fetchArticle = recording();
    const { app } = world({ fetchArticle });
    const targets = [
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1:5432/',
      'http://localhost:6379/',
      'http://[::1]/',
      'http://0.0.0.0/',
      'https://blog.example.evil.example/',
      'https://blog.example@evil.example/',
      'http://blog.example/',
      'file:///etc/passwd',
      'gopher://127.0.0.1:25/',
    ];
    for (const url of targets) {
      const host = (() => {
        try {
          return new URL(url).host || 'x';
        } catch {
          return 'x';
        }
      })();
      const res = await postJson(app, draft({ url }), { host, 'x-forwarded-host': host, 'x-forwarded-proto': 'http' });
      expect(res.status, url).toBe(201);
    }
    expect(fetchArticle.calls).toEqual([]);
    await postJson(app, draft({ thread: '/posts/1', url: `${ALLOWED}/posts/1#comments` }));
    expect(fetchArticle.calls).toEqual([`${ALLOWED}/posts/1`]);
  });
});
