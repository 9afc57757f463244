// The admin API's guard and bulk actions, and the admin page's headers.
import { describe, expect, it, vi } from 'vitest';
import * as crypto from '../../src/server/crypto.ts';
import { ADMIN_CSP } from '../../src/server/routes/admin-page.ts';
import { posted, setup } from '../helpers/app.ts';

const TOKEN = 'admin-secret-token';
const CLIENT = (address: string) => () => address;
const auth = { authorization: `Bearer ${TOKEN}` };

function actOn(app: ReturnType<typeof setup>['app'], action: string, ids: string[], headers: Record<string, string> = auth) {
  return app.request('/api/v1/admin/comments/actions', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ action, ids }) });
}

describe('admin API', () => {
  it('answers 401 without a token, with a wrong one, and with the right one in another scheme', async () => {
    const { app } = setup({ adminToken: TOKEN });
    for (const headers of <Record<string, string>[]>[{}, { authorization: 'Bearer wrong' }, { authorization: `Bearer ${TOKEN}x` }, { authorization: `Basic ${TOKEN}` }]) {
      const list = await app.request('/api/v1/admin/comments?status=pending', { headers });
      expect(list.status).toBe(401);
      expect(list.headers.get('www-authenticate')).toBe('Bearer');
      expect(await list.json()).toMatchObject({ error: { code: 'unauthorized' } });
      expect((await actOn(app, 'approve', ['x'], headers)).status).toBe(401);
    }
    expect((await app.request('/api/v1/admin/comments', { headers: auth })).status).toBe(200);
  });

  it('compares the token in constant time', async () => {
    const spy = vi.spyOn(crypto, 'sameSecret');
    const { app } = setup({ adminToken: TOKEN });
    await app.request('/api/v1/admin/comments', { headers: { authorization: 'Bearer guess' } });
    expect(spy).toHaveBeenCalledWith('guess', TOKEN);
    spy.mockRestore();
    expect(crypto.sameSecret('a', 'a')).toBe(true);
    expect(crypto.sameSecret('a', 'ab')).toBe(false);
  });

  it('answers 429 with Retry-After after 10 wrong tokens a minute from one client, even to the right token, and lets others in', async () => {
    const address = { now: '203.0.113.50' };
    const { app, clock } = setup({ adminToken: TOKEN, clientAddress: () => address.now });
    const list = (token: string) => app.request('/api/v1/admin/comments', { headers: { authorization: `Bearer ${token}` } });
    // Before: nothing stopped a guesser (about 1,500 tries a second went through).
    for (let i = 0; i < 10; i++) expect((await list(`guess-${i}`)).status).toBe(401);
    const limited = await list('guess-10');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/^Too many wrong admin tokens/) } });
    // The right token from the same client waits too, or guessing would go on.
    expect((await list(TOKEN)).status).toBe(429);
    expect((await actOn(app, 'approve', ['x'])).status).toBe(429);
    // Another client is not locked out with it.
    address.now = '198.51.100.7';
    expect((await list(TOKEN)).status).toBe(200);
    // A minute later the first client may try again.
    address.now = '203.0.113.50';
    clock.now += retryAfter * 1000;
    expect((await list(TOKEN)).status).toBe(200);
  });

  it('does not count the moderator\'s own requests with the right token as failures', async () => {
    const { app } = setup({ adminToken: TOKEN, clientAddress: CLIENT('203.0.113.51') });
    for (let i = 0; i < 30; i++) expect((await app.request('/api/v1/admin/comments', { headers: auth })).status).toBe(200);
  });

  it('refuses an admin token shorter than 16 characters at start, saying why and how to make one', () => {
    expect(() => setup({ adminToken: 'a' })).toThrow(/adminToken must be at least 16 characters.*openssl rand -hex 24/);
    expect(() => setup({ adminToken: '123456789012345' })).toThrow(/at least 16 characters/);
    expect(() => setup({ adminToken: '1234567890123456' })).not.toThrow();
  });

  it('is not there at all without a configured token', async () => {
    const { app } = setup();
    expect((await app.request('/api/v1/admin/comments', { headers: auth })).status).toBe(404);
    expect((await app.request('/admin')).status).toBe(404);
  });

  it('approves, marks as spam and deletes in bulk, moving comments between the queues', async () => {
    const { app } = setup({ adminToken: TOKEN, moderation: 'all' });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await posted(app, { text: `held ${i}` })).comment.id);
    const queue = async (status: string) =>
      ((await (await app.request(`/api/v1/admin/comments?status=${status}`, { headers: auth })).json()) as { comments: { id: string; status: string; reasons: unknown[] }[] }).comments.map((c) => c.id).sort();

    expect(await queue('pending')).toEqual([...ids].sort());
    expect(await (await actOn(app, 'approve', ids.slice(0, 2))).json()).toMatchObject({ updated: 2, undo: expect.any(Number) });
    expect(await (await actOn(app, 'spam', ids.slice(2, 4))).json()).toMatchObject({ updated: 2, undo: expect.any(Number) });
    expect(await (await actOn(app, 'delete', [ids[4]!, 'no-such-id'])).json()).toMatchObject({ updated: 1, undo: expect.any(Number) });
    expect(await queue('published')).toEqual(ids.slice(0, 2).sort());
    expect(await queue('spam')).toEqual(ids.slice(2, 4).sort());
    expect(await queue('deleted')).toEqual([ids[4]]);
    expect(await queue('pending')).toEqual([]);
    // Published ones are public now.
    const page = (await (await app.request('/api/v1/comments?thread=/a')).json()) as { thread: { count: number } };
    expect(page.thread.count).toBe(2);
  });

  it('refuses a bad action or an empty id list with 400', async () => {
    const { app } = setup({ adminToken: TOKEN });
    expect((await actOn(app, 'publish', ['x'])).status).toBe(400);
    expect((await actOn(app, 'approve', [])).status).toBe(400);
  });

  it('shows each comment with its email and every rule\'s reason', async () => {
    const { app } = setup({ adminToken: TOKEN, moderation: 'all', maxLinks: 0 });
    await posted(app, { text: 'see spam.example.com' });
    const { comments } = (await (await app.request('/api/v1/admin/comments?status=pending', { headers: auth })).json()) as { comments: { email: string; reasons: unknown[] }[] };
    expect(comments[0]).toMatchObject({ email: 'ada@example.com' });
    expect(comments[0]!.reasons).toEqual(
      expect.arrayContaining([
        { rule: 'links', verdict: 'hold', message: '1 link (more than 0)' },
        { rule: 'mode', verdict: 'hold', message: 'Every comment on this site waits for a moderator.' },
      ]),
    );
  });
});

describe('admin page', () => {
  it('serves the page, its script and stylesheet under a strict CSP that forbids framing', async () => {
    const { app } = setup({ adminToken: TOKEN });
    const page = await app.request('/admin');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toBe(ADMIN_CSP);
    for (const part of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "form-action 'none'", "base-uri 'none'"]) {
      expect(csp).toContain(part);
    }
    expect(csp).not.toContain('unsafe');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    // No inline script or style: everything comes from /admin/app.js and /admin/app.css.
    expect(html).toMatch(/<script src="\/admin\/app\.js" defer><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toContain(TOKEN);

    const js = await app.request('/admin/app.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(ADMIN_CSP);
    const script = await js.text();
    // Comment data goes in as text only.
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(script).toContain('/api/v1/admin/comments');
    expect((await app.request('/admin/app.css')).headers.get('content-type')).toMatch(/^text\/css/);
  });
});
