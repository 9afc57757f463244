// Asset delivery (issue 12, "Delivery"): every script the server hands out goes compressed by
// Accept-Encoding, each encoding with its own ETag and 304, content-hashed chunks cached for a year,
// stable entry URLs revalidated. Through app.request, as a browser or a CDN would ask.
import { describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createApp } from '../../src/server/app.ts';
import { createAssetEncoder, type AssetSource } from '../../src/server/assets.ts';
import { createMemoryStore } from '../../src/server/store/memory.ts';

const script = 'window.answer = "' + 'forty-two, '.repeat(200) + '";\n';
const chunk = 'export const edit = () => "' + 'edit box '.repeat(100) + '";\n';

function serve(files: Record<string, string>) {
  const reads: string[] = [];
  const assets = async (name: string): Promise<AssetSource | null> => {
    reads.push(name);
    return name in files ? { body: files[name]!, etag: `"${name.length}-${files[name]!.length}"` } : null;
  };
  const app = createApp({ store: createMemoryStore(), origins: [], moderation: 'publish', editWindowSeconds: 900, assets });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  return { get, reads, files };
}

const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('compression by Accept-Encoding', () => {
  it('sends brotli when it is accepted, gzip when only gzip is, and the file as it is otherwise', async () => {
    const { get } = serve({ 'parley.js': script });
    const br = await get('/parley.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(Buffer.from(brotliDecompressSync(await bytes(br))).toString()).toBe(script);
    const gz = await get('/parley.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(gunzipSync(await bytes(gz))).toString()).toBe(script);
    const plain = await get('/parley.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
    // Refused codings (q=0) are not sent.
    expect((await get('/parley.js', { 'accept-encoding': 'br;q=0, gzip' })).headers.get('content-encoding')).toBe('gzip');
    expect((await get('/parley.js', { 'accept-encoding': 'br;q=0, gzip;q=0' })).headers.get('content-encoding')).toBeNull();
    for (const res of [br, gz, plain]) expect(res.headers.get('vary')).toBe('Accept-Encoding');
    // Smaller on the wire, as promised.
    expect((await bytes(await get('/parley.js', { 'accept-encoding': 'br' }))).byteLength).toBeLessThan(script.length / 5);
  });

  it('compresses every kind of served file: count.js, adapters, language files and chunks', async () => {
    const { get } = serve({ 'count.js': script, 'adapters/local.js': script, 'i18n/de.js': script, 'chunks/edit-ABCD2345.js': chunk });
    for (const path of ['/count.js', '/adapters/local.js', '/i18n/de.js', '/chunks/edit-ABCD2345.js']) {
      const res = await get(path, { 'accept-encoding': 'br, gzip' });
      expect([res.status, res.headers.get('content-encoding'), res.headers.get('content-type')], path).toEqual([200, 'br', 'text/javascript; charset=utf-8']);
    }
  });

  it('sends a file that compression would not shrink as it is', async () => {
    const { get } = serve({ 'count.js': 'x()' });
    const res = await get('/count.js', { 'accept-encoding': 'br' });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe('x()');
  });
});

describe('validators and caching', () => {
  it('gives each encoding its own ETag, and a 304 only for the one the client holds', async () => {
    const { get } = serve({ 'parley.js': script });
    const tags = await Promise.all(['br', 'gzip', 'identity'].map(async (e) => (await get('/parley.js', { 'accept-encoding': e })).headers.get('etag')!));
    expect(new Set(tags).size).toBe(3);
    const [brTag, gzTag, plainTag] = tags;
    const revalidate = (tag: string, encoding: string) => get('/parley.js', { 'accept-encoding': encoding, 'if-none-match': tag! });
    const same = await revalidate(brTag!, 'br');
    expect(same.status).toBe(304);
    expect(same.headers.get('etag')).toBe(brTag);
    expect(same.headers.get('vary')).toBe('Accept-Encoding');
    expect((await revalidate(gzTag!, 'gzip')).status).toBe(304);
    expect((await revalidate(plainTag!, 'identity')).status).toBe(304);
    // A cache holding the gzip copy that now asks with brotli gets the brotli body, not a 304.
    const other = await revalidate(gzTag!, 'br');
    expect([other.status, other.headers.get('content-encoding')]).toEqual([200, 'br']);
  });

  it('lets caches keep content-hashed chunks for a year, and revalidate the stable entry URLs', async () => {
    const { get } = serve({ 'parley.js': script, 'i18n/de.js': script, 'chunks/edit-ABCD2345.js': chunk });
    expect((await get('/chunks/edit-ABCD2345.js')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/parley.js')).headers.get('cache-control')).toBe('public, max-age=300');
    expect((await get('/i18n/de.js')).headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('allows the cross-origin import() of a chunk from a page on another site', async () => {
    const { get } = serve({ 'chunks/edit-ABCD2345.js': chunk });
    const res = await get('/chunks/edit-ABCD2345.js', { origin: 'https://blog.example' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves chunks only by their content-hashed names', async () => {
    const { get, reads } = serve({ 'chunks/edit-ABCD2345.js': chunk });
    for (const path of ['/chunks/edit.js', '/chunks/edit-abcd2345.js', '/chunks/..%2Fparley.js', '/chunks/edit-ABCD2345.js.map', '/chunks/x/edit-ABCD2345.js']) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect(reads).toEqual([]);
  });
});

describe('compressed once', () => {
  it('keeps the compressed forms while the file is unchanged, and makes new ones after a rebuild', async () => {
    let current: AssetSource = { body: script, etag: '"v1"' };
    const encoded = createAssetEncoder(async () => current);
    const first = await encoded('parley.js');
    expect(await encoded('parley.js')).toBe(first);
    current = { body: script + '// rebuilt\n', etag: '"v2"' };
    const rebuilt = await encoded('parley.js');
    expect(rebuilt).not.toBe(first);
    expect(Buffer.from(brotliDecompressSync(rebuilt!.br.body)).toString()).toBe(script + '// rebuilt\n');
    expect(rebuilt!.br.etag).toBe('"v2-br"');
  });

  it('compresses once for many readers asking at the same moment', async () => {
    const encoded = createAssetEncoder(async () => ({ body: script, etag: '"v1"' }));
    const all = await Promise.all(Array.from({ length: 20 }, () => encoded('parley.js')));
    expect(new Set(all).size).toBe(1);
  });
});
