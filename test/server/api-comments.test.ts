import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits.ts';
import { body, list, post, posted, setup } from '../helpers/app.ts';

describe('GET /api/v1/comments', () => {
  it('answers an unknown thread with count 0 and no comments', async () => {
    const { app } = setup();
    const { res, json } = await list(app, 'thread=/nothing');
    expect(res.status).toBe(200);
    expect(json).toEqual({ thread: { id: '/nothing', count: 0, closed: false, votes: 'up' }, comments: [], nextCursor: null });
  });

  it('refuses a missing thread with 400 invalid naming the field', async () => {
    const { app } = setup();
    const res = await app.request('/api/v1/comments');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid', fields: { thread: 'Thread is required.' } });
  });

  it('lists parents before children and counts the published total', async () => {
    const { app } = setup();
    const a = await posted(app);
    const b = await posted(app, { text: 'Second' });
    const r = await posted(app, { parent: a.comment.id, text: 'Reply' });
    const rr = await posted(app, { parent: r.comment.id, text: 'Reply to reply' });
    const { json } = await list(app, 'thread=/a');
    expect(json.comments.map((c) => c.id)).toEqual([a.comment.id, b.comment.id, r.comment.id, rr.comment.id]);
    expect(json.thread.count).toBe(4);
  });

  it('clamps limit to 1–200 and falls back to 50 for junk, never an error', async () => {
    const { app } = setup();
    for (let i = 0; i < 3; i++) await posted(app, { text: `c${i}` });
    expect((await list(app, 'thread=/a&limit=0')).json.comments).toHaveLength(1);
    const big = await list(app, 'thread=/a&limit=1000');
    expect(big.res.status).toBe(200);
    expect(big.json.comments).toHaveLength(3);
    expect((await list(app, 'thread=/a&limit=abc')).res.status).toBe(200);
  });

  it('applies the clamped limits 200 and 50 to a long thread', async () => {
    const { app, store } = setup();
    for (let i = 0; i < 205; i++) {
      await store.comments.insert({ id: `r${i}`, thread: '/long', parent: null, root: `r${i}`, status: 'published', name: 'A', email: 'a@b.co', website: null, avatar: 'x', text: `t${i}`, createdAt: 0, editedAt: null, clientHash: null, reasons: [], idempotencyKey: null, fingerprint: null });
    }
    expect((await list(app, 'thread=/long&limit=1000')).json.comments).toHaveLength(200);
    expect((await list(app, 'thread=/long&limit=abc')).json.comments).toHaveLength(50);
  });

  it('pages roots with an opaque cursor, oldest and newest first', async () => {
    const { app } = setup();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await posted(app, { text: `c${i}` })).comment.id);
    const first = await list(app, 'thread=/a&limit=2');
    expect(first.json.comments.map((c) => c.id)).toEqual(ids.slice(0, 2));
    const second = await list(app, `thread=/a&limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.comments.map((c) => c.id)).toEqual([ids[2]]);
    expect(second.json.nextCursor).toBeNull();
    const newest = await list(app, 'thread=/a&limit=2&sort=newest');
    expect(newest.json.comments.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    const older = await list(app, `thread=/a&limit=2&sort=newest&cursor=${newest.json.nextCursor}`);
    expect(older.json.comments.map((c) => c.id)).toEqual([ids[0]]);
  });

  it('refuses a forged cursor with 400 invalid', async () => {
    const { app } = setup();
    const { res } = await list(app, 'thread=/a&cursor=nonsense');
    expect(res.status).toBe(400);
  });

  it('carries up to 500 replies a page and pages the rest of the subtree through more', async () => {
    const { app, store } = setup();
    const root = await posted(app);
    const extra = LIMITS.repliesPerPage + 3;
    for (let i = 0; i < extra; i++) {
      await store.comments.insert({ id: `x${i}`, thread: '/a', parent: root.comment.id, root: root.comment.id, status: 'published', name: 'B', email: 'b@b.co', website: null, avatar: 'x', text: `r${i}`, createdAt: 0, editedAt: null, clientHash: null, reasons: [], idempotencyKey: null, fingerprint: null });
    }
    const page = await list(app, 'thread=/a');
    expect(page.json.comments).toHaveLength(1 + LIMITS.repliesPerPage);
    const cursor = page.json.more?.[root.comment.id];
    expect(cursor).toBeTypeOf('string');
    const rest = await list(app, `thread=/a&parent=${root.comment.id}&cursor=${cursor}`);
    expect(rest.json.comments.map((c) => c.text)).toEqual(['r500', 'r501', 'r502']);
    expect(rest.json.nextCursor).toBeNull();
  });

  it('answers 404 for replies of a comment that is not in the thread', async () => {
    const { app } = setup();
    const root = await posted(app);
    expect((await list(app, `thread=/other&parent=${root.comment.id}`)).res.status).toBe(404);
  });

  it('shows a deleted comment as an empty anchor only while it has published replies', async () => {
    const { app } = setup();
    const a = await posted(app);
    await posted(app, { parent: a.comment.id, text: 'Reply' });
    const lonely = await posted(app, { text: 'Lonely' });
    for (const p of [a, lonely]) {
      await app.request(`/api/v1/comments/${p.comment.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${p.editToken}` } });
    }
    const { json } = await list(app, 'thread=/a');
    expect(json.comments.map((c) => c.id)).not.toContain(lonely.comment.id);
    expect(json.comments[0]).toMatchObject({ id: a.comment.id, text: '', deleted: true, author: { name: '' } });
    expect(json.thread.count).toBe(1);
  });

  it('sends an ETag and answers 304 until the thread changes', async () => {
    const { app } = setup();
    await posted(app);
    const first = await app.request('/api/v1/comments?thread=/a');
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toContain('no-cache');
    const again = await app.request('/api/v1/comments?thread=/a', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const otherQuery = await app.request('/api/v1/comments?thread=/a&limit=3', { headers: { 'if-none-match': etag } });
    expect(otherQuery.status).toBe(200);
    await posted(app, { text: 'New one' });
    const after = await app.request('/api/v1/comments?thread=/a', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect((await after.json()).comments).toHaveLength(2);
  });
});

describe('POST /api/v1/comments', () => {
  it('stores exactly what was typed with its format: markdown unless the post says plain (issue 16)', async () => {
    const { app } = setup();
    const text = '**Bold** <b>tag</b>\n\n> quote\tand a tab';
    const markdown = await post(app, body({ text }));
    expect(markdown.status).toBe(201);
    expect((await markdown.json()).comment).toMatchObject({ text, format: 'markdown' });
    const plain = await post(app, body({ text: '2*3*4', format: 'plain' }));
    expect((await plain.json()).comment).toMatchObject({ text: '2*3*4', format: 'plain' });
    const { json } = await list(app, 'thread=/a');
    expect(json.comments.map((c) => [c.text, (c as { format?: string }).format])).toEqual([
      [text, 'markdown'],
      ['2*3*4', 'plain'],
    ]);
  });

  it('refuses a format that is neither plain nor markdown, naming the field, and stores nothing', async () => {
    const { app } = setup();
    const res = await post(app, body({ format: 'html' }));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid', fields: { format: "format must be 'plain' or 'markdown'." } });
    expect((await list(app, 'thread=/a')).json.comments).toEqual([]);
  });

  it('treats a retry that names the default format as the same post, and another format as a conflict', async () => {
    const { app } = setup();
    const first = body({ text: 'Same words' });
    expect((await post(app, first)).status).toBe(201);
    expect((await post(app, { ...first, format: 'markdown' })).status).toBe(200);
    const other = await post(app, { ...first, format: 'plain' });
    expect(other.status).toBe(409);
    expect((await other.json()).error.code).toBe('idempotency_conflict');
  });

  it('publishes a comment with 201, an edit token and the public shape', async () => {
    const { app } = setup();
    const res = await post(app, body({ website: 'ada.example', url: 'https://blog.example/a' }));
    expect(res.status).toBe(201);
    const json = await res.json();
    expect(json.status).toBe('published');
    expect(json.editToken).toMatch(/^[\w-]{20,}$/);
    expect(json.comment).toMatchObject({ thread: '/a', parent: null, text: 'Hello there', editedAt: null, author: { name: 'Ada', website: 'https://ada.example' } });
    expect(json.comment.author.avatar).toHaveLength(12);
  });

  it('answers the same key and body again with 200 and the same comment, storing one', async () => {
    const { app } = setup();
    const draft = body();
    const first = await (await post(app, draft)).json();
    const retry = await post(app, { ...draft, text: '  Hello there\r\n' });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(first);
    expect((await list(app, 'thread=/a')).json.thread.count).toBe(1);
  });

  it('refuses the same key with another body with 409 idempotency_conflict', async () => {
    const { app } = setup();
    const draft = body();
    await post(app, draft);
    const res = await post(app, { ...draft, text: 'Something else' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('idempotency_conflict');
  });

  it('looks the key up before the rate limit, so a retry is never refused by it', async () => {
    const { app } = setup({ postsPerMinute: 1 });
    const draft = body();
    expect((await post(app, draft)).status).toBe(201);
    expect((await post(app, draft)).status).toBe(200);
  });

  it('refuses bad fields with 400 invalid and the shared wording, storing nothing', async () => {
    const { app } = setup();
    const res = await post(app, body({ name: 'Evil\u202e', email: 'nope', text: '   ', website: 'ftp://x', idempotencyKey: undefined }));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('invalid');
    expect(error.fields).toMatchObject({
      name: 'Name contains text-direction control characters; please remove them.',
      email: 'Enter an email address like name@example.com.',
      text: 'Comment is required.',
      website: 'Enter a web address starting with http:// or https://.',
    });
    expect(error.fields.idempotencyKey).toMatch(/idempotencyKey/);
    expect((await list(app, 'thread=/a')).json.thread.count).toBe(0);
  });

  it('ignores unknown fields so a newer widget can still post', async () => {
    const { app } = setup();
    expect((await post(app, body({ locale: 'de' }))).status).toBe(201);
  });

  it('refuses a parent that is not a published comment of the same thread', async () => {
    const { app } = setup({ moderation: 'all' });
    const held = await posted(app);
    const res = await post(app, body({ parent: held.comment.id }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.parent).toMatch(/replying to/);
    const other = setup();
    const elsewhere = await posted(other.app, { thread: '/b' });
    expect((await post(other.app, body({ parent: elsewhere.comment.id }))).status).toBe(400);
    expect((await post(other.app, body({ parent: 'missing' }))).status).toBe(400);
  });

  it('refuses broken JSON with 400 invalid_json and a non-JSON body with 415', async () => {
    const { app } = setup();
    const broken = await post(app, '{"thread":');
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe('invalid_json');
    const form = await app.request('/api/v1/comments', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(form.status).toBe(415);
    expect((await form.json()).error.code).toBe('unsupported_media_type');
  });

  it('refuses a body over the size limit with 413, by Content-Length and by the bytes read', async () => {
    const { app } = setup();
    const huge = JSON.stringify(body({ text: 'x'.repeat(LIMITS.bodyBytes) }));
    const declared = await post(app, huge);
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.code).toBe('too_large');
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(huge));
        controller.close();
      },
    });
    const chunked = await app.request('/api/v1/comments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('refuses the same text from the same author in the same thread with 409 duplicate', async () => {
    const { app } = setup();
    await posted(app);
    const res = await post(app, body({ email: 'ADA@example.com ' }));
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('duplicate');
    expect((await post(app, body({ thread: '/b' }))).status).toBe(201);
  });

  it('limits posts per client a minute with 429 and Retry-After', async () => {
    const { app, clock } = setup({ postsPerMinute: 2, clientAddress: () => '203.0.113.9' });
    clock.now = Date.parse('2026-01-01T00:00:15Z');
    await posted(app, { text: 'one' });
    await posted(app, { text: 'two' });
    const res = await post(app, body({ text: 'three' }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('45');
    expect((await res.json()).error.code).toBe('rate_limited');
    clock.now += 45_000;
    expect((await post(app, body({ text: 'three' }))).status).toBe(201);
  });

  it('holds a honeypot post as spam, says only held, and keeps it out of public lists', async () => {
    const { app, store } = setup();
    const res = await post(app, body({ form: { hp: 'http://spam.example' } }));
    const json = await res.json();
    expect(json.status).toBe('held');
    expect((await store.comments.get(json.comment.id))!.status).toBe('spam');
    expect((await list(app, 'thread=/a')).json).toMatchObject({ thread: { count: 0 }, comments: [] });
  });

  it('holds everything in mode all and first-time authors in mode first-time', async () => {
    const all = setup({ moderation: 'all' });
    expect((await posted(all.app)).status).toBe('held');
    expect((await list(all.app, 'thread=/a')).json.comments).toEqual([]);

    const first = setup({ moderation: 'first-time' });
    const held = await posted(first.app);
    expect(held.status).toBe('held');
    expect((await first.store.comments.get(held.comment.id))!.reasons).toContainEqual(expect.objectContaining({ rule: 'mode', verdict: 'hold' }));
    await first.store.comments.setStatus([held.comment.id], 'published');
    // Trust follows the browser's author key (issue 14), not the address typed again.
    const { authorKey } = held as unknown as { authorKey: string };
    expect((await posted(first.app, { text: 'Back again', authorKey })).status).toBe('published');
    expect((await posted(first.app, { text: 'Back again, keyless' })).status).toBe('held');
    expect((await posted(first.app, { text: 'Newcomer', email: 'new@example.com', name: 'New' })).status).toBe('held');
  });
});
