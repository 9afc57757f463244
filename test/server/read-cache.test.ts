// The rendered-response cache of GET /api/v1/comments (issue 5: one cheap version check, then the
// kept bytes; compression when the client accepts it) and its promise: never a stale page.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createRenderCache, negotiate } from '../../src/server/routes/read-cache.ts';
import { createMemoryStore } from '../../src/server/store/memory.ts';
import { countingStore } from '../helpers/store.ts';
import { posted, setup } from '../helpers/app.ts';

const counting = () => countingStore();

const long = 'A comment long enough that a page of them is worth compressing. '.repeat(4);

describe('the rendered-response cache', () => {
  it('answers a repeated read with one version check and the same bytes', async () => {
    const { store, calls } = counting();
    const { app } = setup({ store });
    await posted(app, { text: 'first' });
    const first = await app.request('/api/v1/comments?thread=/a');
    const body = await first.text();
    calls.clear();
    const again = await app.request('/api/v1/comments?thread=/a');
    expect(await again.text()).toBe(body);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('content-type')).toContain('application/json');
    // The memory store answers versions at once (versionNow): the read makes no other store call.
    expect(Object.fromEntries(calls)).toEqual({ 'threads.versionNow': 1 });
  });

  it('shows a new comment at once, to the next request after the post', async () => {
    const { app } = setup();
    await posted(app, { text: 'first' });
    await app.request('/api/v1/comments?thread=/a');
    await posted(app, { text: 'second' });
    const res = await app.request('/api/v1/comments?thread=/a');
    const json = (await res.json()) as { thread: { count: number }; comments: { text: string }[] };
    expect(json.comments.map((c) => c.text)).toEqual(['first', 'second']);
    expect(json.thread.count).toBe(2);
  });

  it('sees a change made through another instance on the same store', async () => {
    const store = createMemoryStore();
    const a = setup({ store }).app;
    const b = setup({ store }).app;
    await posted(a, { text: 'first' });
    const before = await a.request('/api/v1/comments?thread=/a');
    await posted(b, { text: 'second' });
    const after = await a.request('/api/v1/comments?thread=/a', { headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { comments: unknown[] }).comments).toHaveLength(2);
  });

  it('compresses with brotli or gzip when the client accepts it, and says it varies by that', async () => {
    const { app } = setup();
    for (let i = 0; i < 10; i++) await posted(app, { text: `${long} ${i}` });
    const plain = await app.request('/api/v1/comments?thread=/a');
    const raw = Buffer.from(await plain.arrayBuffer());
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/Accept-Encoding/);

    const gz = await app.request('/api/v1/comments?thread=/a', { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const gzBytes = Buffer.from(await gz.arrayBuffer());
    expect(gzBytes.length).toBeLessThan(raw.length / 2);
    expect(gunzipSync(gzBytes).equals(raw)).toBe(true);

    const br = await app.request('/api/v1/comments?thread=/a', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).equals(raw)).toBe(true);
    expect(br.headers.get('etag')).toBe(plain.headers.get('etag'));
  });

  it('leaves a small page uncompressed', async () => {
    const { app } = setup();
    const res = await app.request('/api/v1/comments?thread=/empty', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.json()).toMatchObject({ thread: { id: '/empty', count: 0 } });
  });

  it('keeps revalidation cheap and immediate: no-cache, and a 304 carries the ETag', async () => {
    const { app } = setup();
    await posted(app, { text: 'first' });
    const first = await app.request('/api/v1/comments?thread=/a');
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const etag = first.headers.get('etag')!;
    const again = await app.request('/api/v1/comments?thread=/a', { headers: { 'if-none-match': etag, 'accept-encoding': 'gzip' } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
  });

  it('does not keep an error: a reply page of an unknown parent stays 404', async () => {
    const { app } = setup();
    await posted(app, { text: 'first' });
    for (let i = 0; i < 2; i++) expect((await app.request('/api/v1/comments?thread=/a&parent=nope')).status).toBe(404);
  });
});

describe('the cache\'s bound (--read-cache-mb)', () => {
  const page = (version: number, bytes: number) => async () => ({ version, etag: `"${version}"`, body: new Uint8Array(bytes) });

  it('keeps the bytes under its cap, dropping the least recently used first, and counts hits and misses', async () => {
    const cache = createRenderCache({ maxBytes: 10_000 });
    for (const key of ['a', 'b', 'c']) await cache.through(key, 1, page(1, 2_500));
    expect(cache.get('a', 1)).toBeDefined(); // a is now the most recently used
    await cache.through('d', 1, page(1, 2_500));
    const { entries, bytes, hits, misses } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(10_000);
    expect(entries).toBe(3);
    expect(cache.get('b', 1)).toBeUndefined(); // b was the least recently used
    expect(cache.get('a', 1)).toBeDefined();
    expect(cache.get('d', 1)).toBeDefined();
    expect({ hits, misses }).toEqual({ hits: 1, misses: 4 });
    // A kept answer of another version is never given, and is dropped.
    expect(cache.get('a', 2)).toBeUndefined();
    expect(cache.stats().entries).toBe(2);
  });

  it('counts compressed forms and a cost per entry, so many tiny answers are bounded too', async () => {
    const cache = createRenderCache({ maxBytes: 100_000 });
    for (let i = 0; i < 1_000; i++) await cache.through(`tiny ${i}`, 1, page(1, 10));
    expect(cache.stats().entries).toBeLessThan(200);
    expect(cache.stats().bytes).toBeLessThanOrEqual(100_000);
    const big = await cache.through('big', 1, async () => ({ version: 1, etag: '"big"', body: Buffer.from(long.repeat(200)) }));
    const before = cache.stats().bytes;
    const br = cache.encoded('big', big, 'br');
    expect(cache.stats().bytes).toBe(before + br.body.byteLength);
  });

  it('with 0 MB keeps only the answer being sent, and every answer is still right', async () => {
    const { app } = setup({ readCacheMb: 0 });
    await posted(app, { text: 'first' });
    await posted(app, { text: 'other', thread: '/b' });
    for (let i = 0; i < 3; i++) {
      for (const thread of ['/a', '/b']) {
        const { comments } = (await (await app.request(`/api/v1/comments?thread=${thread}`)).json()) as { comments: { text: string }[] };
        expect(comments.map((c) => c.text)).toEqual([thread === '/a' ? 'first' : 'other']);
      }
    }
  });
});

describe('Accept-Encoding negotiation', () => {
  it('prefers brotli, then gzip, and honours q=0 and *', () => {
    expect(negotiate(undefined)).toBe('identity');
    expect(negotiate('gzip, deflate, br')).toBe('br');
    expect(negotiate('gzip')).toBe('gzip');
    expect(negotiate('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiate('*')).toBe('br');
    expect(negotiate('*;q=0')).toBe('identity');
    expect(negotiate('identity')).toBe('identity');
    expect(negotiate('gzip;q=0, br;q=0')).toBe('identity');
    // What browsers send is decided without parsing; the same answers as parsing gives.
    expect(negotiate('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiate('gzip, deflate, br, zstd ')).toBe('br');
    expect(negotiate('gzip, deflate')).toBe('gzip');
    expect(negotiate('gzip, deflate ')).toBe('gzip');
  });
});
