// The built browser files as the server sends them (issue 12, "Delivery"): each file read from
// disk once per change, compressed once per content (brotli and gzip, on the libuv thread pool so
// no request waits on the event loop), and each encoding with its own ETag.
//
// The compression settings here are the budget's: build/size.mjs measures with the same ones
// (brotli quality 11 in text mode, gzip -9), and test/build/wire.test.ts checks that what this
// module sends is exactly what the build reported.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { AssetName } from './options.ts';
import type { Encoding } from './routes/read-cache.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** What an asset source hands the route: the file's bytes and a validator of its content. */
export interface AssetSource {
  body: string | Uint8Array;
  etag: string;
}

/** One file in every encoding the server may send, each with its own validator. */
export interface EncodedAsset {
  identity: { body: Uint8Array; etag: string };
  br: { body: Uint8Array; etag: string };
  gzip: { body: Uint8Array; etag: string };
}

/**
 * `chunks/NAME-HASH.js`: a code chunk the embed loads on first use, named by its content (esbuild's
 * `[name]-[hash]`), so a URL always means the same bytes and a cache may keep it for a year. Every
 * other asset has a stable URL (`/parley.js` is in site owners' pages) and must be revalidated.
 */
export const isContentHashed = (name: string): boolean => /^chunks\/[a-z-]+-[A-Z0-9]{8}\.js$/.test(name);

export const cacheControl = (name: string): string =>
  // Five minutes for the stable URLs: a new release reaches readers soon, while a busy page costs
  // one revalidation per reader, answered with a 304 of no body.
  isContentHashed(name) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';

/** Brotli at its densest (quality 11, text mode): paid once per file, not per request. */
export const compressBrotli = (bytes: Uint8Array): Promise<Uint8Array> =>
  brotli(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength },
  });

/** gzip -9, for the few browsers and proxies that do not take brotli. */
export const compressGzip = (bytes: Uint8Array): Promise<Uint8Array> => gzipAsync(bytes, { level: 9 });

/** `"abc"` → `"abc-br"`: a strong validator per encoding (RFC 9110 §8.8.3: each representation its own). */
const tagged = (etag: string, suffix: string) => etag.replace(/"$/, `-${suffix}"`);

/**
 * How long the cached-read path (fast-path.ts) serves an asset without asking its source again.
 * The route asks on every request (one stat of the file); the fast path would spend a third of a
 * request on that stat (issue 22's profile), so it asks at most once a second: a rebuilt dist/ file
 * is served within a second of the rebuild, while browsers keep the old one up to max-age anyway.
 */
export const ASSET_RECHECK_MS = 1000;

/**
 * Encoded forms of assets, made once per content and kept while it is current. Concurrent first
 * requests for a file share one compression; a file that changed (a rebuild) replaces its entry.
 * Bounded by what `source` serves: a name it has no file for is never kept.
 *
 * `current(name)` is the synchronous side for the cached-read path: the encoded file when it is
 * ready and its source was asked less than `recheckMs` ago, else undefined (the route then asks).
 */
export function createAssetEncoder(source: (name: AssetName) => Promise<AssetSource | null>, { now = Date.now, recheckMs = ASSET_RECHECK_MS } = {}) {
  const kept = new Map<string, { etag: string; encoded: Promise<EncodedAsset>; ready?: EncodedAsset; checkedAt: number }>();
  const encoded = async (name: AssetName): Promise<EncodedAsset | null> => {
    const checkedAt = now();
    const asset = await source(name);
    if (!asset) {
      kept.delete(name);
      return null;
    }
    const hit = kept.get(name);
    if (hit && hit.etag === asset.etag) {
      hit.checkedAt = checkedAt;
      return hit.encoded;
    }
    const body = typeof asset.body === 'string' ? new TextEncoder().encode(asset.body) : asset.body;
    const made = Promise.all([compressBrotli(body), compressGzip(body)]).then(([br, gz]) => ({
      identity: { body, etag: asset.etag },
      br: { body: br, etag: tagged(asset.etag, 'br') },
      gzip: { body: gz, etag: tagged(asset.etag, 'gz') },
    }));
    const entry: { etag: string; encoded: Promise<EncodedAsset>; ready?: EncodedAsset; checkedAt: number } = { etag: asset.etag, encoded: made, checkedAt };
    kept.set(name, entry);
    made.then(
      (ready) => (entry.ready = ready),
      // A failed compression is not kept: the next request tries again.
      () => kept.get(name) === entry && kept.delete(name),
    );
    return made;
  };
  const current = (name: string): EncodedAsset | undefined => {
    const entry = kept.get(name);
    return entry?.ready && now() - entry.checkedAt < recheckMs ? entry.ready : undefined;
  };
  return Object.assign(encoded, { current });
}

/**
 * The representation to send for an Accept-Encoding choice: the compressed one when it is
 * smaller (a tiny file may not be), else the bytes as they are.
 */
export function pick(asset: EncodedAsset, encoding: Encoding): { body: Uint8Array; etag: string; encoding: Encoding } {
  const chosen = encoding === 'identity' ? undefined : asset[encoding];
  if (chosen && chosen.body.byteLength < asset.identity.body.byteLength) return { ...chosen, encoding };
  return { ...asset.identity, encoding: 'identity' };
}

/**
 * Serve files from a folder with a content-hash ETag, re-read when the file changes (rebuilds).
 *
 * @example createApp({ …, assets: createFileAssets('dist') })
 */
export function createFileAssets(dir: string): (name: AssetName) => Promise<AssetSource | null> {
  const cache = new Map<string, { mtime: number; size: number; body: Uint8Array; etag: string }>();
  return async (name: AssetName) => {
    const file = join(dir, name);
    try {
      const { mtimeMs, size } = await stat(file);
      const hit = cache.get(name);
      if (hit && hit.mtime === mtimeMs && hit.size === size) return hit;
      const body = new Uint8Array(await readFile(file));
      const entry = { mtime: mtimeMs, size, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
      cache.set(name, entry);
      return entry;
    } catch {
      return null;
    }
  };
}
