// The site owner's voice (issue 16 item 4) through the API: a moderator posts as the owner
// (POST /api/v1/admin/comments: published at once, the owner's name and badge), nobody else can
// get the badge (the public POST ignores whatever it sends), and pins: at most 3 top-level published
// comments a thread, first on the first page in pin order whatever the sort, never repeated on later
// pages, each pin and unpin a new ETag, and a pinned comment deleted or marked as spam is unpinned.
import { describe, expect, it } from 'vitest';
import { badge, BADGE_MAX } from '../../src/server/option-values.ts';
import { OPTIONS } from '../../src/server/options.ts';
import { body, post, posted, setup } from '../helpers/app.ts';

const TOKEN = 'owner-voice-admin-token-0123456789';
const admin = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

type Wire = { id: string; parent: string | null; text: string; author: { name: string; badge: string | null; avatar: string }; pinned?: true };
type App = ReturnType<typeof setup>['app'];

const asOwner = (app: App, data: Record<string, unknown>, headers: Record<string, string> = admin) =>
  app.request('/api/v1/admin/comments', { method: 'POST', headers, body: JSON.stringify(data) });
const pin = (app: App, id: string, pinned = true) =>
  app.request(`/api/v1/admin/comments/${encodeURIComponent(id)}/pin`, { method: 'POST', headers: admin, body: JSON.stringify({ pinned }) });
async function page(app: App, query: string, headers: Record<string, string> = {}) {
  const res = await app.request(`/api/v1/comments?${query}`, { headers });
  return { res, json: res.status === 200 ? ((await res.json()) as { thread: { count: number }; comments: Wire[]; nextCursor: string | null }) : null };
}
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; fields?: Record<string, string> } }).error;

describe('posting as the site owner', () => {
  it('publishes a reply at once under --owner-name with the badge, and every other comment says badge: null', async () => {
    const { app } = setup({ adminToken: TOKEN, ownerName: 'Olga Owner', moderation: 'all' });
    const reader = await posted(app, { thread: '/a', text: 'Is the ferry running?' });
    expect(reader.status).toBe('held');
    await app.request('/api/v1/admin/comments/actions', { method: 'POST', headers: admin, body: JSON.stringify({ action: 'approve', ids: [reader.comment.id] }) });

    const res = await asOwner(app, { thread: '/a', parent: reader.comment.id, text: 'Yes, **every hour**.' });
    expect(res.status).toBe(201);
    const { comment } = (await res.json()) as { comment: Wire & { status: string; email: string } };
    expect(comment).toMatchObject({ parent: reader.comment.id, status: 'published', author: { name: 'Olga Owner', badge: 'Author' }, text: 'Yes, **every hour**.', format: 'markdown' });

    const { json } = await page(app, 'thread=%2Fa');
    expect(json!.thread.count).toBe(2);
    const byId = new Map(json!.comments.map((c) => [c.id, c]));
    expect(byId.get(comment.id)!.author).toMatchObject({ name: 'Olga Owner', badge: 'Author' });
    expect(byId.get(reader.comment.id)!.author.badge).toBeNull();
    // Nothing about the owner but name, badge and the avatar seed goes out.
    expect(JSON.stringify(byId.get(comment.id))).not.toContain('email');
  });

  it('starts a new thread as the owner, and falls back to the token\'s name without --owner-name; --owner-badge sets the label', async () => {
    const { app } = setup({ adminToken: TOKEN, ownerBadge: 'Editor' });
    const res = await asOwner(app, { thread: '/new', text: 'First!' });
    expect(res.status).toBe(201);
    const { json } = await page(app, 'thread=%2Fnew');
    expect(json!.comments).toMatchObject([{ parent: null, text: 'First!', author: { name: 'admin', badge: 'Editor' } }]);
    const me = await app.request('/api/v1/admin/me', { headers: admin });
    expect(await me.json()).toEqual({ moderator: 'admin', owner: { name: 'admin', badge: 'Editor', nameSet: false } });
  });

  it('gives nobody else the badge: a public post that sends badge, owner or pinned fields gets none of them', async () => {
    const { app } = setup({ adminToken: TOKEN, ownerName: 'Olga Owner' });
    const forged = body({ thread: '/a', name: 'Mallory', badge: 'Author', owner: true, pinned: true, author: { name: 'Olga Owner', badge: 'Author' } });
    const res = await post(app, forged);
    expect(res.status).toBe(201);
    const answer = (await res.json()) as { comment: Wire };
    expect(answer.comment.author).toEqual({ name: 'Mallory', website: null, avatar: expect.any(String), badge: null });
    expect(answer.comment.pinned).toBeUndefined();
    const { json } = await page(app, 'thread=%2Fa');
    expect(json!.comments.map((c) => [c.author.badge, c.pinned])).toEqual([[null, undefined]]);
    // The owner's name itself stays the owner's (issue 14's rule), badge or not.
    const named = await post(app, body({ thread: '/a', name: 'Olga Owner', badge: 'Author' }));
    expect(named.status).toBe(400);
  });

  it('answers a retry with the same comment, and refuses a missing token, an empty text and a parent that is not published', async () => {
    const { app } = setup({ adminToken: TOKEN, moderation: 'all' });
    const first = await asOwner(app, { thread: '/a', text: 'Once', idempotencyKey: 'desk-1' });
    const again = await asOwner(app, { thread: '/a', text: 'Once', idempotencyKey: 'desk-1' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(((await again.json()) as { comment: Wire }).comment.id).toBe(((await first.json()) as { comment: Wire }).comment.id);
    expect((await asOwner(app, { thread: '/a', text: 'Other words', idempotencyKey: 'desk-1' })).status).toBe(409);
    expect((await page(app, 'thread=%2Fa')).json!.thread.count).toBe(1);

    expect((await asOwner(app, { thread: '/a', text: 'x' }, { 'content-type': 'application/json' })).status).toBe(401);
    const empty = await asOwner(app, { thread: '/a', text: '   ' });
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).fields).toHaveProperty('text');
    const held = await posted(app, { thread: '/a' });
    const toHeld = await asOwner(app, { thread: '/a', parent: held.comment.id, text: 'Hi' });
    expect(toHeld.status).toBe(400);
    expect((await errorOf(toHeld)).fields!.parent).toMatch(/pending; approve it/);
    expect((await asOwner(app, { thread: '/b', parent: 'nope', text: 'Hi' })).status).toBe(400);
  });
});

describe('pins', () => {
  /** Five top-level comments on /p (c1 … c5) and a reply to the first. */
  async function thread(app: App) {
    const roots: string[] = [];
    for (let i = 1; i <= 5; i++) roots.push((await posted(app, { thread: '/p', text: `Comment ${i}` })).comment.id);
    const reply = (await posted(app, { thread: '/p', parent: roots[0], text: 'A reply' })).comment.id;
    return { roots, reply };
  }

  it('puts pinned comments first on the first page in the order they were pinned, whatever the sort, and never again on later pages', async () => {
    const { app, clock } = setup({ adminToken: TOKEN });
    const { roots, reply } = await thread(app);
    expect((await pin(app, roots[3]!)).status).toBe(200);
    clock.now += 1000;
    const second = await pin(app, roots[1]!);
    expect(((await second.json()) as { comment: Wire; changed: boolean })).toMatchObject({ changed: true, comment: { id: roots[1], pinned: true } });

    for (const sort of ['oldest', 'newest', 'best']) {
      const first = (await page(app, `thread=%2Fp&limit=2&sort=${sort}`)).json!;
      const tops = first.comments.filter((c) => c.parent === null);
      expect(tops.slice(0, 2).map((c) => [c.id, c.pinned])).toEqual([[roots[3], true], [roots[1], true]]);
      expect(tops.slice(2).every((c) => c.pinned === undefined)).toBe(true);
      expect(first.thread.count).toBe(6);
      // Every page after the first: the rest, without the pinned ones, each root once.
      const seen = tops.map((c) => c.id);
      let cursor = first.nextCursor;
      while (cursor) {
        const next = (await page(app, `thread=%2Fp&limit=2&sort=${sort}&cursor=${cursor}`)).json!;
        expect(next.comments.some((c) => c.pinned)).toBe(false);
        seen.push(...next.comments.filter((c) => c.parent === null).map((c) => c.id));
        cursor = next.nextCursor;
      }
      expect(seen.sort()).toEqual([...roots].sort());
    }
    // The newest-first page after the pins: the unpinned ones, newest first.
    const newest = (await page(app, 'thread=%2Fp&sort=newest')).json!;
    expect(newest.comments.filter((c) => c.parent === null).map((c) => c.id)).toEqual([roots[3], roots[1], roots[4], roots[2], roots[0]]);
    // A pinned comment's replies come with it.
    await pin(app, roots[0]!);
    const withReply = (await page(app, 'thread=%2Fp&limit=1')).json!;
    expect(withReply.comments.map((c) => c.id)).toEqual([roots[3], roots[1], roots[0], roots[2], reply]);
  });

  it(`refuses a fourth pin with 409 pin_limit, a reply or a held comment with 400 invalid`, async () => {
    const { app } = setup({ adminToken: TOKEN });
    const { roots, reply } = await thread(app);
    for (const id of roots.slice(0, 3)) expect((await pin(app, id)).status).toBe(200);
    const fourth = await pin(app, roots[3]!);
    expect(fourth.status).toBe(409);
    const error = await errorOf(fourth);
    expect(error.code).toBe('pin_limit');
    expect(error.message).toMatch(/at most 3 pinned comments/);
    const toReply = await pin(app, reply);
    expect(toReply.status).toBe(400);
    expect(await errorOf(toReply)).toMatchObject({ code: 'invalid', message: expect.stringMatching(/top-level/) });
    await app.request('/api/v1/admin/comments/actions', { method: 'POST', headers: admin, body: JSON.stringify({ action: 'spam', ids: [roots[4]] }) });
    const toSpam = await pin(app, roots[4]!);
    expect(toSpam.status).toBe(400);
    expect((await errorOf(toSpam)).message).toMatch(/published.*spam/);
    expect((await pin(app, 'no-such-comment')).status).toBe(404);
    const bad = await app.request(`/api/v1/admin/comments/${roots[0]}/pin`, { method: 'POST', headers: admin, body: JSON.stringify({ pinned: 'yes' }) });
    expect(bad.status).toBe(400);
    // Unpinning one makes room.
    expect((await pin(app, roots[0]!, false)).status).toBe(200);
    expect((await pin(app, roots[3]!)).status).toBe(200);
  });

  it('changes the ETag on each pin and unpin, so a kept page is never served stale', async () => {
    const { app } = setup({ adminToken: TOKEN });
    const { roots } = await thread(app);
    const before = (await page(app, 'thread=%2Fp')).res.headers.get('etag')!;
    expect((await page(app, 'thread=%2Fp', { 'if-none-match': before })).res.status).toBe(304);
    await pin(app, roots[2]!);
    const pinned = await page(app, 'thread=%2Fp', { 'if-none-match': before });
    expect(pinned.res.status).toBe(200);
    expect(pinned.json!.comments[0]).toMatchObject({ id: roots[2], pinned: true });
    const tag = pinned.res.headers.get('etag')!;
    expect(tag).not.toBe(before);
    await pin(app, roots[2]!, false);
    const unpinned = await page(app, 'thread=%2Fp', { 'if-none-match': tag });
    expect(unpinned.res.status).toBe(200);
    expect(unpinned.json!.comments.some((c) => c.pinned)).toBe(false);
  });

  it('unpins a pinned comment that is deleted or marked as spam, and approving it back does not pin it again', async () => {
    const { app } = setup({ adminToken: TOKEN });
    const { roots } = await thread(app);
    await pin(app, roots[1]!);
    await pin(app, roots[2]!);
    const act = (action: string, ids: string[]) => app.request('/api/v1/admin/comments/actions', { method: 'POST', headers: admin, body: JSON.stringify({ action, ids }) });
    await act('delete', [roots[1]!]);
    await act('spam', [roots[2]!]);
    await act('approve', [roots[1]!, roots[2]!]);
    const { json } = await page(app, 'thread=%2Fp');
    expect(json!.comments.filter((c) => c.pinned)).toEqual([]);
    expect(json!.comments.filter((c) => c.parent === null).map((c) => c.id)).toEqual(roots);
  });

  it('lets the owner pin their own comment, and logs who posted and pinned', async () => {
    const { app } = setup({ adminToken: TOKEN, ownerName: 'Olga Owner' });
    await thread(app);
    const mine = ((await (await asOwner(app, { thread: '/p', text: 'House rules: be kind.' })).json()) as { comment: Wire }).comment;
    await pin(app, mine.id);
    const { json } = await page(app, 'thread=%2Fp');
    expect(json!.comments[0]).toMatchObject({ id: mine.id, pinned: true, author: { name: 'Olga Owner', badge: 'Author' } });
    const log = (await (await app.request('/api/v1/admin/log', { headers: admin })).json()) as { entries: { who: string; action: string; ids: string[] }[] };
    expect(log.entries.slice(0, 2).map((e) => [e.who, e.action, e.ids])).toEqual([
      ['admin', 'pin', [mine.id]],
      ['admin', 'reply', [mine.id]],
    ]);
  });
});

describe('--owner-badge', () => {
  it('takes a short label, tidied, and refuses an empty, long or invisible one, naming the flag', () => {
    expect(OPTIONS.ownerBadge.default).toBe('Author');
    expect(badge('  Site   editor ', '--owner-badge')).toBe('Site editor');
    expect(() => badge('   ', '--owner-badge')).toThrow(/--owner-badge must not be empty/);
    expect(() => badge('x'.repeat(BADGE_MAX + 1), 'PARLEY_OWNER_BADGE')).toThrow(/PARLEY_OWNER_BADGE must be a short label of at most 24/);
    expect(() => badge('Auth\u200bor', '--owner-badge')).toThrow(/without control or invisible characters/);
    expect(badge('x'.repeat(BADGE_MAX), '--owner-badge')).toHaveLength(BADGE_MAX);
  });
});
