// The API in process (createApp, no port): an app over a memory store with a settable clock, and
// the requests the suites make to it. Real processes: helpers/server.ts.
import type { Hono } from 'hono';
import { createApp, type AppOptions } from '../../src/server/app.ts';
import { createMemoryStore } from '../../src/server/store/memory.ts';

let keys = 0;

export function setup(over: Partial<AppOptions> = {}) {
  const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
  const store = over.store ?? createMemoryStore();
  const app = createApp({
    store,
    origins: ['https://blog.example'],
    moderation: 'publish',
    editWindowSeconds: 900,
    postsPerMinute: 1000,
    // The suites post through the API, not the widget's form: the form token and the flood gap
    // (on by default, as for `parley serve`) have their own tests, which turn them on.
    minSubmitSeconds: 0,
    floodSeconds: 0,
    now: () => clock.now,
    secret: 'test-secret',
    logger: { info: () => {}, error: () => {} },
    ...over,
  });
  return { app, store, clock };
}

export function body(over: Record<string, unknown> = {}) {
  return { thread: '/a', text: 'Hello there', name: 'Ada', email: 'ada@example.com', idempotencyKey: `key-${++keys}`, ...over };
}

export function post(app: Hono, data: unknown, headers: Record<string, string> = {}) {
  return app.request('/api/v1/comments', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof data === 'string' ? data : JSON.stringify(data),
  });
}

export async function posted(app: Hono, over: Record<string, unknown> = {}) {
  const res = await post(app, body(over));
  if (res.status !== 201) throw new Error(`post failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { comment: { id: string; parent: string | null; text: string }; status: string; editToken: string };
}

export async function list(app: Hono, query: string) {
  const res = await app.request(`/api/v1/comments?${query}`);
  return { res, json: (await res.json()) as { thread: { id: string; count: number }; comments: { id: string; text: string; deleted?: true }[]; nextCursor: string | null; more?: Record<string, string> } };
}
