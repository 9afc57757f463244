// Issue 14 item 6: a JSON body nested far deeper than any request of the API needs is refused as
// `400 invalid_json`, like any unreadable body, never a 5xx, and nothing is logged as an error.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setup } from '../helpers/app.ts';

afterEach(() => vi.restoreAllMocks());

/** `depth` arrays inside each other around `inner`, e.g. [[["x"]]]. */
const nested = (depth: number, inner = '"x"') => '['.repeat(depth) + inner + ']'.repeat(depth);

describe('deeply nested JSON bodies', () => {
  it('answers a 10 KB body nested 5,000 levels deep with 400 invalid_json and logs nothing', async () => {
    const logged: string[] = [];
    const logger = { info: () => {}, error: (message: string) => void logged.push(message) };
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const { app, store } = setup({ logger, adminToken: 'a-long-enough-admin-token' });
    const deep = nested(5000);
    expect(deep.length).toBeGreaterThanOrEqual(10_000);
    const bodies: [string, string, string][] = [
      ['POST', '/api/v1/comments', `{"thread":${deep},"text":"Hi","name":"Ada","email":"ada@example.com","idempotencyKey":"k"}`],
      ['POST', '/api/v1/comments', `{"idempotencyKey":${deep}}`],
      ['POST', '/api/v1/comments', deep],
      ['PATCH', '/api/v1/comments/nope', `{"text":${deep}}`],
      ['POST', '/api/v1/admin/comments/actions', `{"action":"approve","ids":${deep}}`],
    ];
    for (const [method, path, body] of bodies) {
      const res = await app.request(path, { method, headers: { 'content-type': 'application/json', authorization: 'Bearer a-long-enough-admin-token' }, body });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe('invalid_json');
      expect(json.error.message).toMatch(/nested/);
    }
    expect(logged).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    expect(await store.comments.listAll({ limit: 10 })).toEqual([]);
  });

  it('still reads the nesting a real request has, and brackets inside strings do not count', async () => {
    const { app } = setup();
    const res = await app.request('/api/v1/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ thread: '/a', text: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{ "\\" [', name: 'Ada', email: 'ada@example.com', idempotencyKey: 'depth-ok', form: { hp: '' } }),
    });
    expect(res.status).toBe(201);
  });
});
