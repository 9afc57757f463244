import { describe, expect, it } from 'vitest';
import { en } from '../../src/core/i18n/en.ts';
import { createHttpBackend } from '../../src/adapters/http.ts';
import { createApp } from '../../src/server/app.ts';
import { createMemoryStore } from '../../src/server/store/memory.ts';
import { draft, rejection, runBackendContract } from './contract.ts';

// The real server, in process: the adapter's fetch is Hono's app.request, so no port and no network,
// yet every byte goes through the server's routes, schemas and moderation.
runBackendContract('http', ({ holdAll }) => {
  const app = createApp({
    store: createMemoryStore(),
    secret: 'contract-test-secret',
    origins: [],
    moderation: holdAll ? 'all' : 'publish',
    editWindowSeconds: 900,
    // The contract posts a few dozen comments from one "client", without the widget's form token;
    // the rate limit, the form token and flood have their own tests.
    postsPerMinute: 0,
    minSubmitSeconds: 0,
    floodSeconds: 0,
  });
  return createHttpBackend({ api: 'https://comments.example.org/', fetch: async (input, init) => app.request(String(input), init) });
}, { replies: true, edit: true, remove: true, counts: true, formToken: true });

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that records each request and answers with `respond`. */
function fakeFetch(respond: (seen: Seen) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request: Seen = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    };
    seen.push(request);
    return respond(request);
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const emptyPage = { thread: { id: '/t', count: 0 }, comments: [], nextCursor: null };

describe('createHttpBackend against the real server', () => {
  it('reports the rate limit as rate_limited with the Retry-After seconds', async () => {
    const app = createApp({ store: createMemoryStore(), secret: 's', origins: [], moderation: 'publish', editWindowSeconds: 900, postsPerMinute: 1, minSubmitSeconds: 0, floodSeconds: 0, clientAddress: () => '192.0.2.1' });
    const backend = createHttpBackend({ api: 'https://comments.example.org', fetch: async (input, init) => app.request(String(input), init) });
    await backend.post(draft('/t'));
    const error = await rejection(backend.post(draft('/t')));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(error.retryAfter).toBeGreaterThan(0);
    expect(error.retryable).toBe(true);
  });
});

describe('createHttpBackend requests', () => {
  it('asks for a page under /api/v1 with only the parameters given', async () => {
    const { seen, fetch } = fakeFetch(() => json(emptyPage));
    const backend = createHttpBackend({ api: 'https://c.example.org/', fetch });
    expect(await backend.list('/a?p=4')).toEqual(emptyPage);
    await backend.list('/a', { cursor: 'abc', limit: 20, sort: 'newest' });
    expect(seen.map((s) => s.url)).toEqual([
      'https://c.example.org/api/v1/comments?thread=%2Fa%3Fp%3D4',
      'https://c.example.org/api/v1/comments?thread=%2Fa&cursor=abc&limit=20&sort=newest',
    ]);
    expect(seen[0]!.method).toBe('GET');
  });

  it('keeps a base path and does not double an /api/v1 already given', async () => {
    const { seen, fetch } = fakeFetch(() => json(emptyPage));
    await createHttpBackend({ api: 'https://example.org/parley', fetch }).list('/t');
    await createHttpBackend({ api: 'https://example.org/parley/api/v1/', fetch }).list('/t');
    expect(seen.map((s) => s.url.split('?')[0])).toEqual([
      'https://example.org/parley/api/v1/comments',
      'https://example.org/parley/api/v1/comments',
    ]);
  });

  it('asks for more replies by thread, parent and cursor', async () => {
    const { seen, fetch } = fakeFetch(() => json(emptyPage));
    await createHttpBackend({ api: 'https://c.example.org', fetch }).replies!('c1', { thread: '/t', cursor: '500' });
    expect(seen[0]!.url).toBe('https://c.example.org/api/v1/comments?thread=%2Ft&parent=c1&cursor=500');
  });

  it('posts the draft as JSON', async () => {
    const d = draft('/t');
    const posted = { comment: { id: 'c1' }, status: 'published', editToken: 'tok' };
    const { seen, fetch } = fakeFetch(() => json(posted, 201));
    expect(await createHttpBackend({ api: 'https://c.example.org', fetch }).post(d)).toEqual(posted);
    expect(seen[0]).toMatchObject({ method: 'POST', url: 'https://c.example.org/api/v1/comments', body: d });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it('edits and removes with the edit token as a Bearer token', async () => {
    const { seen, fetch } = fakeFetch((s) => (s.method === 'DELETE' ? new Response(null, { status: 204 }) : json({ id: 'a/b', text: 'New' })));
    const backend = createHttpBackend({ api: 'https://c.example.org', fetch });
    expect(await backend.edit!('a/b', 'tok', 'New')).toEqual({ id: 'a/b', text: 'New' });
    expect(await backend.remove!('a/b', 'tok')).toBeUndefined();
    expect(seen.map((s) => [s.method, s.url, s.headers.authorization, s.body])).toEqual([
      ['PATCH', 'https://c.example.org/api/v1/comments/a%2Fb', 'Bearer tok', { text: 'New' }],
      ['DELETE', 'https://c.example.org/api/v1/comments/a%2Fb', 'Bearer tok', undefined],
    ]);
  });

  it('asks for counts with one thread parameter each, 100 threads a call', async () => {
    const { seen, fetch } = fakeFetch((s) => json({ counts: Object.fromEntries(new URL(s.url).searchParams.getAll('thread').map((t) => [t, t.length])) }));
    const backend = createHttpBackend({ api: 'https://c.example.org', fetch });
    expect(await backend.counts!(['/a', '/bb'])).toEqual({ '/a': 2, '/bb': 3 });
    expect(seen[0]!.url).toBe('https://c.example.org/api/v1/counts?thread=%2Fa&thread=%2Fbb');

    const many = Array.from({ length: 150 }, (_, i) => `/p${i}`);
    const counts = await backend.counts!(many);
    expect(Object.keys(counts)).toEqual(many);
    expect(seen.slice(1).map((s) => new URL(s.url).searchParams.getAll('thread').length)).toEqual([100, 50]);
  });

  it('fetches the form token', async () => {
    const { seen, fetch } = fakeFetch(() => json({ token: 'ft' }));
    expect(await createHttpBackend({ api: 'https://c.example.org', fetch }).formToken!('/t')).toBe('ft');
    expect(seen[0]!.url).toBe('https://c.example.org/api/v1/form?thread=%2Ft');
  });
});

describe('createHttpBackend errors', () => {
  const backendAnswering = (respond: () => Response | Promise<Response>, timeoutMs?: number) =>
    createHttpBackend({ api: 'https://c.example.org', fetch: fakeFetch(respond).fetch, timeoutMs });

  it("passes the server's error on with its code, message, status and fields", async () => {
    const body = { error: { code: 'invalid', message: 'Please correct the marked fields.', fields: { email: 'Email is not valid.' } } };
    const error = await rejection(backendAnswering(() => json(body, 400)).post(draft('/t')));
    expect(error).toMatchObject({ code: 'invalid', status: 400, message: 'Please correct the marked fields.', fields: { email: 'Email is not valid.' } });
    expect(error.retryable).toBe(false);
    expect(error.retryAfter).toBeUndefined();
  });

  it('reads Retry-After on a 429, in seconds or as a date', async () => {
    const body = { error: { code: 'rate_limited', message: 'Too many comments; wait a minute.' } };
    const seconds = await rejection(backendAnswering(() => json(body, 429, { 'retry-after': '42' })).post(draft('/t')));
    expect(seconds).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 42 });
    expect(seconds.retryable).toBe(true);
    const at = new Date(Date.now() + 90_000).toUTCString();
    const dated = await rejection(backendAnswering(() => json(body, 429, { 'retry-after': at })).post(draft('/t')));
    expect(dated.retryAfter).toBeGreaterThan(80);
    expect(dated.retryAfter).toBeLessThanOrEqual(90);
  });

  it('calls an HTML 502 from a proxy unavailable and worth retrying', async () => {
    const page = () => new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'content-type': 'text/html' } });
    const error = await rejection(backendAnswering(page).list('/t'));
    expect(error).toMatchObject({ code: 'unavailable', status: 502 });
    expect(error.message).toMatch(/not available.*HTTP 502/);
    expect(error.retryable).toBe(true);
  });

  it('calls a non-JSON 429 rate_limited', async () => {
    const error = await rejection(backendAnswering(() => new Response('Slow down', { status: 429 })).list('/t'));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
  });

  it('points at the data-api setting when the address answers with an ordinary page', async () => {
    for (const status of [200, 404]) {
      const error = await rejection(backendAnswering(() => new Response('<!doctype html><title>Blog</title>', { status })).list('/t'));
      expect(error.message).toMatch(/did not answer like a Parley server.*data-api/);
      expect(error.status).toBe(status);
    }
  });

  it('reports a refused connection as network, worth retrying', async () => {
    const error = await rejection(backendAnswering(() => Promise.reject(new TypeError('Failed to fetch'))).post(draft('/t')));
    expect(error.code).toBe('network');
    expect(error.message).toBe(en.networkError);
    expect(error.retryable).toBe(true);
  });

  it('gives up after timeoutMs and aborts the request', async () => {
    let signal: AbortSignal | undefined;
    const hanging: typeof globalThis.fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        signal = init?.signal ?? undefined;
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const started = Date.now();
    const error = await rejection(createHttpBackend({ api: 'https://c.example.org', fetch: hanging, timeoutMs: 30 }).list('/t'));
    expect(error.code).toBe('network');
    expect(signal?.aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out a body that stalls after the headers', async () => {
    const stalled: typeof globalThis.fetch = async (_input, init) => {
      const body = new ReadableStream({
        start(controller) {
          init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { status: 200 });
    };
    const error = await rejection(createHttpBackend({ api: 'https://c.example.org', fetch: stalled, timeoutMs: 30 }).list('/t'));
    expect(error.code).toBe('network');
  });
});

describe('http backend on a server of many sites (issue 19)', () => {
  it('names its site in every request, so /about of two sites stays two threads', async () => {
    const app = createApp({
      store: createMemoryStore(),
      secret: 'sites-secret',
      origins: [],
      sites: [
        { name: 'a', origins: ['https://a.example'], settings: {} },
        { name: 'b', origins: ['https://b.example'], settings: {} },
      ],
      postsPerMinute: 0,
      minSubmitSeconds: 0,
      floodSeconds: 0,
    });
    const urls: string[] = [];
    const backend = (site?: string) =>
      createHttpBackend({ api: 'https://comments.example.org', site, fetch: async (input, init) => (urls.push(String(input)), app.request(String(input), init)) });
    const a = backend('a');
    const b = backend('b');
    await a.post(draft('/about', { text: 'On a' }));
    expect((await a.list('/about')).comments.map((c) => c.text)).toEqual(['On a']);
    expect((await b.list('/about')).thread.count).toBe(0);
    expect(await b.counts!(['/about'])).toEqual({ '/about': 0 });
    expect(urls.every((url) => /[?&]site=[ab](&|$)/.test(url))).toBe(true);
    expect(a.liveUrl!('/about')).toBe('https://comments.example.org/api/v1/stream?site=a&thread=%2Fabout');
    // Without data-site, a server of many sites says what is missing.
    await expect(backend().list('/about')).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('name one with site=') });
  });
});
