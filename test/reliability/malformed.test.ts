// Parley issue 7, malformed requests: each gets DESIGN's specific error, and the store is the same
// afterwards (every row compared before and after), on the memory and the SQLite store.
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/store/memory.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import type { Store } from '../../src/server/store/store.ts';
import { allRows, postJson, relaxedApp, snapshot } from './helpers.ts';

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

const makers: [string, () => Store][] = [
  ['memory', () => createMemoryStore()],
  ['sqlite', () => createSqliteStore({ file: ':memory:' })],
];

let n = 0;
const valid = (over: Record<string, unknown> = {}) => ({
  thread: '/m',
  text: `A perfectly fine comment ${++n}`,
  name: 'Ada',
  email: 'ada@example.com',
  idempotencyKey: `malformed-${n}`,
  ...over,
});

describe.each(makers)('malformed requests on the %s store', (_name, make) => {
  async function world() {
    const store = make();
    stores.push(store);
    const { app } = relaxedApp({ store });
    // Some history, so "unchanged" means something: a published root, a reply, a held and a
    // deleted comment, and a root in another thread.
    const root = (await (await postJson(app, valid())).json()).comment;
    await postJson(app, valid({ parent: root.id }));
    const held = (await (await postJson(app, valid({ form: { hp: 'bot' } }))).json()).comment;
    const gone = await (await postJson(app, valid())).json();
    expect((await app.request(`/api/v1/comments/${gone.comment.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${gone.editToken}` } })).status).toBe(204);
    const other = (await (await postJson(app, valid({ thread: '/other' }))).json()).comment;
    expect(await allRows(store)).toHaveLength(5);
    return { app, store, root, held, deleted: gone.comment, other };
  }

  async function expectError(res: Response, status: number, code: string, field?: string) {
    const json = (await res.json()) as { error: { code: string; message: string; fields?: Record<string, string> } };
    expect({ status: res.status, code: json.error.code }).toEqual({ status, code });
    // A sentence a person can act on.
    expect(json.error.message).toMatch(/^[A-Z].{10,}[.!]$/);
    if (field) expect(json.error.fields?.[field]).toMatch(/\w/);
    return json;
  }

  it('answers each malformed POST with its DESIGN error and leaves the store unchanged', async () => {
    const { app, store, held, deleted, other } = await world();
    const before = await snapshot(store);
    const versions = await Promise.all(['/m', '/other'].map((t) => store.threads.version(t)));
    const raw = (body: BodyInit, type = 'application/json', extra: Record<string, string> = {}) =>
      app.request('/api/v1/comments', { method: 'POST', headers: { 'content-type': type, ...extra }, body });

    // Not JSON at all, or broken JSON.
    for (const broken of ['{', '{"thread": "/m",}', "{'thread': '/m'}", 'undefined', '', '\u0000', '{"a":1}{"b":2}', '[1,2']) {
      await expectError(await raw(broken), 400, 'invalid_json');
    }
    // JSON, but not an object.
    for (const notObject of ['null', '[]', '42', '"text"', 'true']) await expectError(await raw(notObject), 400, 'invalid');
    // Wrong content types (the body itself is fine JSON).
    const good = JSON.stringify(valid());
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json', '']) {
      await expectError(await raw(good, type), 415, 'unsupported_media_type');
    }
    // Wrong types, field by field.
    const wrong: [string, unknown][] = [
      ['text', 42],
      ['text', ['a']],
      ['name', { first: 'Ada' }],
      ['email', true],
      ['website', 7],
      ['thread', null],
      ['thread', 5],
      ['parent', 12],
      ['parent', { id: 'x' }],
      ['idempotencyKey', 123],
      ['idempotencyKey', ''],
      ['idempotencyKey', 'k'.repeat(129)],
      ['idempotencyKey', 'clé-non-ascii'],
      ['form', 'hp'],
      ['form', { hp: 1 }],
    ];
    for (const [field, value] of wrong) await expectError(await postJson(app, valid({ [field]: value })), 400, 'invalid', field);
    // Missing fields, one at a time and all at once.
    for (const field of ['thread', 'text', 'name', 'email', 'idempotencyKey']) {
      const body: Record<string, unknown> = valid();
      delete body[field];
      await expectError(await postJson(app, body), 400, 'invalid', field);
    }
    const empty = await expectError(await postJson(app, {}), 400, 'invalid');
    expect(Object.keys(empty.error.fields!).sort()).toEqual(['email', 'idempotencyKey', 'name', 'text', 'thread']);
    // Sizes: a 10 MB body (declared, and streamed without a length), a 100,000-character comment,
    // a 5,000-character thread id.
    const tenMb = JSON.stringify(valid({ text: 'x'.repeat(10 * 1024 * 1024) }));
    await expectError(await raw(tenMb), 413, 'too_large');
    const chunks = Readable.toWeb(Readable.from((function* () {
      for (let i = 0; i < 160; i++) yield new TextEncoder().encode('x'.repeat(64 * 1024));
    })())) as ReadableStream<Uint8Array>;
    await expectError(await app.request('/api/v1/comments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunks, duplex: 'half' } as RequestInit), 413, 'too_large');
    await expectError(await raw(good, 'application/json', { 'content-length': String(10 * 1024 * 1024) }), 413, 'too_large');
    await expectError(await postJson(app, valid({ text: 'w'.repeat(100_000) })), 400, 'invalid', 'text');
    await expectError(await postJson(app, valid({ text: 'é'.repeat(10_001) })), 400, 'invalid', 'text');
    await expectError(await postJson(app, valid({ thread: `/${'t'.repeat(4_999)}` })), 400, 'invalid', 'thread');
    await expectError(await postJson(app, valid({ name: 'n'.repeat(101) })), 400, 'invalid', 'name');
    await expectError(await postJson(app, valid({ email: `${'e'.repeat(250)}@x.io` })), 400, 'invalid', 'email');
    await expectError(await postJson(app, valid({ website: `https://x.io/${'p'.repeat(300)}` })), 400, 'invalid', 'website');
    // Parents: missing, held, deleted, in another thread, and nonsense ids.
    for (const parent of ['does-not-exist', held.id, deleted.id, other.id, '../../etc/passwd', "' OR 1=1 --", 'x'.repeat(5000)]) {
      await expectError(await postJson(app, valid({ parent })), 400, 'invalid', 'parent');
    }

    expect(await snapshot(store)).toBe(before);
    expect(await Promise.all(['/m', '/other'].map((t) => store.threads.version(t)))).toEqual(versions);
  });

  it('ignores unknown fields instead of storing or obeying them, and pollutes no prototype', async () => {
    const { app, store } = await world();
    const body = JSON.stringify(valid()).replace(
      /}$/,
      ',"status":"published","seq":1,"id":"chosen-id","avatar":"x","createdAt":0,"email_verified":true,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
    );
    const res = await postJson(app, body);
    expect(res.status).toBe(201);
    const json = (await res.json()) as { comment: Record<string, unknown> };
    expect(json.comment.id).not.toBe('chosen-id');
    expect(json.comment.createdAt).not.toBe(new Date(0).toISOString());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(json.comment).sort()).toEqual(['author', 'createdAt', 'editedAt', 'format', 'id', 'parent', 'text', 'thread', 'votes']);
    const row = (await store.comments.get(json.comment.id as string))!;
    expect(row).not.toHaveProperty('email_verified');
  });

  it('answers malformed edits and deletes with their DESIGN errors and leaves the store unchanged', async () => {
    const { app, store, root, deleted } = await world();
    const token = (await (await postJson(app, valid({ text: 'mine to edit' }))).json()) as { comment: { id: string }; editToken: string };
    const before = await snapshot(store);
    const patch = (id: string, body: BodyInit, headers: Record<string, string> = {}) =>
      app.request(`/api/v1/comments/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.editToken}`, ...headers },
        body,
      });
    const id = token.comment.id;
    await expectError(await patch(id, '{"text":'), 400, 'invalid_json');
    await expectError(await patch(id, '{"text":"x"}', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
    await expectError(await patch(id, '{"text":5}'), 400, 'invalid', 'text');
    await expectError(await patch(id, '{}'), 400, 'invalid', 'text');
    await expectError(await patch(id, '[]'), 400, 'invalid');
    await expectError(await patch(id, JSON.stringify({ text: '   ' })), 400, 'invalid', 'text');
    await expectError(await patch(id, JSON.stringify({ text: 'x'.repeat(100_000) })), 400, 'invalid', 'text');
    await expectError(await patch(id, JSON.stringify({ text: 'x'.repeat(10 * 1024 * 1024) })), 413, 'too_large');
    await expectError(await patch(id, JSON.stringify({ text: 'bell\u0007' })), 400, 'invalid', 'text');
    // Someone else's comment with this token, an unknown id, a deleted one.
    await expectError(await patch(root.id, JSON.stringify({ text: 'hijack' })), 401, 'unauthorized');
    await expectError(await patch('nope', JSON.stringify({ text: 'x' })), 404, 'not_found');
    await expectError(await patch(deleted.id, JSON.stringify({ text: 'x' })), 404, 'not_found');
    await expectError(await app.request(`/api/v1/comments/${root.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token.editToken}` } }), 401, 'unauthorized');
    expect(await snapshot(store)).toBe(before);
  });

  it('answers malformed reads with 400 and never a 5xx', async () => {
    const { app } = await world();
    for (const query of ['', 'thread=', `thread=${'x'.repeat(5000)}`, 'thread=%00', 'thread=/m&sort=sideways', 'thread=/m&cursor=forged', 'thread=/m&cursor=%FF%FE']) {
      const res = await app.request(`/api/v1/comments?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid');
    }
    for (const query of ['thread=/m&limit=-5', 'thread=/m&limit=1e9', 'thread=/m&limit=abc', 'thread=/m&limit=', 'thread=/m&thread=/other']) {
      expect((await app.request(`/api/v1/comments?${query}`)).status, query).toBe(200);
    }
    const many = Array.from({ length: 101 }, (_, i) => `thread=/t${i}`).join('&');
    expect((await app.request(`/api/v1/counts?${many}`)).status).toBe(400);
    expect((await app.request(`/api/v1/counts?thread=${'x'.repeat(5000)}`)).status).toBe(400);
  });
});
