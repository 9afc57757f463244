// The rendered-response cache of GET /api/v1/comments (DESIGN "Scale": a process may keep a
// rendered response and serve it after one cheap version check). A page is the same for every
// reader, so its JSON bytes, and their gzip and brotli forms, are kept per (thread, query) with the
// thread version they were rendered at. The cache is only a saving: the version check on every
// request is what keeps it right, so an entry is never served after the thread has changed, on
// this instance or any other.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface Rendered {
  /** The thread version read before the page was built. */
  version: number;
  etag: string;
  body: Uint8Array;
  gzip?: Uint8Array;
  br?: Uint8Array;
}

export interface RenderCacheLimits {
  /** Pages kept; the least recently used goes first. */
  entries: number;
  /** Bytes kept over all bodies and their compressed forms. */
  bytes: number;
}

/** Bodies shorter than this go uncompressed: the saving would not pay for the CPU and the headers. */
const COMPRESS_MIN_BYTES = 1024;

const size = (r: Rendered) => r.body.byteLength + (r.gzip?.byteLength ?? 0) + (r.br?.byteLength ?? 0);

export function createRenderCache(limits: RenderCacheLimits = { entries: 1000, bytes: 32 * 1024 * 1024 }) {
  // A Map iterates in insertion order, so re-inserting on each hit makes its first key the LRU one.
  const entries = new Map<string, Rendered>();
  const pending = new Map<string, Promise<Rendered>>();
  let bytes = 0;

  const drop = (key: string) => {
    const found = entries.get(key);
    if (!found) return;
    bytes -= size(found);
    entries.delete(key);
  };
  const evict = () => {
    while (entries.size > limits.entries || (bytes > limits.bytes && entries.size > 1)) drop(entries.keys().next().value!);
  };

  return {
    /** The page rendered at exactly this version, or undefined (a stale entry is dropped). */
    get(key: string, version: number): Rendered | undefined {
      const found = entries.get(key);
      if (!found) return undefined;
      entries.delete(key);
      if (found.version !== version) {
        bytes -= size(found);
        return undefined;
      }
      entries.set(key, found);
      return found;
    },

    /**
     * The cached page, or `render()`'s, kept for later. Concurrent misses for the same key and
     * version share one render, so a popular thread that just changed is built once, not once per
     * waiting reader. A render that throws (404 for an unknown parent) is not kept.
     */
    async through(key: string, version: number, render: () => Promise<Rendered>): Promise<Rendered> {
      const hit = this.get(key, version);
      if (hit) return hit;
      const flight = `${version} ${key}`;
      let promise = pending.get(flight);
      if (!promise) {
        promise = render().then((rendered) => {
          drop(key);
          entries.set(key, rendered);
          bytes += size(rendered);
          evict();
          return rendered;
        });
        pending.set(flight, promise);
        void promise.then(
          () => pending.delete(flight),
          () => pending.delete(flight),
        );
      }
      return promise;
    },

    /** The body in the chosen encoding, compressed on first use and kept with the entry. */
    encoded(key: string, rendered: Rendered, encoding: Encoding): { body: Uint8Array; encoding: Encoding } {
      if (encoding === 'identity' || rendered.body.byteLength < COMPRESS_MIN_BYTES) return { body: rendered.body, encoding: 'identity' };
      const before = size(rendered);
      if (encoding === 'br') {
        // Quality 5, not the default 11: about as fast as gzip and still smaller; 11 costs tens of
        // milliseconds of blocked event loop on a large page for a few percent more.
        rendered.br ??= brotliCompressSync(rendered.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
      } else {
        rendered.gzip ??= gzipSync(rendered.body, { level: 6 });
      }
      // Counted only while this object is the kept one (an evicted or replaced entry is garbage).
      if (entries.get(key) === rendered) bytes += size(rendered) - before;
      evict();
      return { body: encoding === 'br' ? rendered.br! : rendered.gzip!, encoding };
    },

    stats: () => ({ entries: entries.size, bytes }),
  };
}

/**
 * The encoding to send for an Accept-Encoding header: brotli, then gzip, then none. A coding with
 * q=0 is refused; `*` stands for any coding not named.
 */
export function negotiate(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    q.set(name, weight ? Number(weight[1]) : 1);
  }
  const accepts = (coding: string) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return 'identity';
}
