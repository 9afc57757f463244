// The rendered-response cache of the cacheable reads (DESIGN "Scale": a process may keep a rendered
// response and serve it after one cheap version check): GET /api/v1/comments pages and, where the
// store can say cheaply that nothing changed, GET /api/v1/counts answers (reads.ts decides which).
// An answer is the same for every reader, so its bytes, and their gzip and brotli forms, are kept
// per key with the version they were rendered at. The cache is only a saving: the version check on
// every request is what keeps it right, so an entry is never served after it changed, on this
// instance or any other.
//
// Bounded by bytes (issue 22, --read-cache-mb): bodies, their compressed forms and a fixed estimate
// per entry for its key, headers and bookkeeping; the least recently read entries go first
// (second-chance eviction, below).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface Rendered {
  /** The version read before the answer was built. */
  version: number;
  /** A validator (comment pages); none for answers revalidated by refetching (counts). */
  etag?: string;
  body: Uint8Array;
  gzip?: Uint8Array;
  br?: Uint8Array;
  /**
   * Response headers per encoding and for the 304, as flat [name, value, …] lists, made once per
   * entry by whoever serves it (fast-path.ts, the routes), so a hit allocates no header objects.
   */
  heads?: Partial<Record<Encoding | 'notModified', string[]>>;
  /**
   * When the answer stops being true without a write (ms since the epoch): a thread closing by age
   * (issue 16 item 5). From then on it is a miss, rendered again with its new ETag.
   */
  expiresAt?: number;
  /** The cache's own mark: read since the eviction order last passed it (a second chance before it goes). */
  recent?: boolean;
}

/**
 * What an entry costs besides its bodies: the key (UTF-16), the entry object, the header lists and
 * the Map's slot. An estimate, so that a million empty-thread pages cannot hide behind a byte cap
 * that only counts bodies.
 */
const ENTRY_OVERHEAD_BYTES = 600;

/** Bodies shorter than this go uncompressed: the saving would not pay for the CPU and the headers. */
const COMPRESS_MIN_BYTES = 1024;

const bodies = (r: Rendered) => r.body.byteLength + (r.gzip?.byteLength ?? 0) + (r.br?.byteLength ?? 0);

export interface RenderCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  /** Lookups answered from the cache (at the current version) and lookups that were not. */
  hits: number;
  misses: number;
}

/**
 * @example const cache = createRenderCache({ maxBytes: 64 * 2 ** 20 });
 */
export function createRenderCache({ maxBytes, now = Date.now }: { maxBytes: number; now?: () => number }) {
  // In insertion order (a Map's). A hit only marks its entry `recent` (re-inserting it on every
  // hit, for a strict LRU order, was two Map writes of a kept read, issue 22); eviction takes the
  // first entry, and moves a marked one to the end with its mark cleared instead: the "second
  // chance" (clock) approximation of least recently used.
  const entries = new Map<string, Rendered>();
  const pending = new Map<string, Promise<Rendered>>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  const cost = (key: string, r: Rendered) => key.length * 2 + ENTRY_OVERHEAD_BYTES + bodies(r);

  const drop = (key: string) => {
    const found = entries.get(key);
    if (!found) return;
    bytes -= cost(key, found);
    entries.delete(key);
  };
  // The entry just kept or grown (`keep`) stays even when it alone is over the cap (a 0 MB cache
  // keeps one answer, so a request in flight is never left without its bytes); the others go first.
  const evict = (keep: string) => {
    while (bytes > maxBytes && entries.size > 1) {
      const [key, first] = entries.entries().next().value!;
      if (key === keep || first.recent) {
        first.recent = false;
        entries.delete(key);
        entries.set(key, first);
      } else drop(key);
    }
  };

  return {
    /** The answer rendered at exactly this version, or undefined (a stale entry is dropped). */
    get(key: string, version: number): Rendered | undefined {
      const found = entries.get(key);
      if (!found) {
        misses++;
        return undefined;
      }
      if (found.version !== version || (found.expiresAt !== undefined && now() >= found.expiresAt)) {
        entries.delete(key);
        bytes -= cost(key, found);
        misses++;
        return undefined;
      }
      found.recent = true;
      hits++;
      return found;
    },

    /**
     * The cached answer, or `render()`'s, kept for later. Concurrent misses for the same key and
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
          bytes += cost(key, rendered);
          evict(key);
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
      const kept = encoding === 'br' ? rendered.br : rendered.gzip;
      if (kept) return { body: kept, encoding };
      const before = bodies(rendered);
      if (encoding === 'br') {
        // Quality 5, not the default 11: about as fast as gzip and still smaller; 11 costs tens of
        // milliseconds of blocked event loop on a large page for a few percent more.
        rendered.br = brotliCompressSync(rendered.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
      } else {
        rendered.gzip = gzipSync(rendered.body, { level: 6 });
      }
      // Counted only while this object is the kept one (an evicted or replaced entry is garbage).
      if (entries.get(key) === rendered) bytes += bodies(rendered) - before;
      evict(key);
      return { body: encoding === 'br' ? rendered.br! : rendered.gzip!, encoding };
    },

    stats: (): RenderCacheStats => ({ entries: entries.size, bytes, maxBytes, hits, misses }),
  };
}

export type RenderCache = ReturnType<typeof createRenderCache>;

/**
 * The encoding to send for an Accept-Encoding header: brotli, then gzip, then none. A coding with
 * q=0 is refused; `*` stands for any coding not named.
 */
export function negotiate(header: string | undefined): Encoding {
  if (!header) return 'identity';
  // What browsers send, without a q-value: decided without splitting (the hot path of every read).
  const common = COMMON.get(header);
  if (common) return common;
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

/** The Accept-Encoding values of current browsers and common tools, decided once. */
const COMMON = new Map<string, Encoding>([
  ['gzip, deflate, br, zstd', 'br'],
  ['gzip, deflate, br', 'br'],
  ['br, gzip, deflate', 'br'],
  ['gzip, deflate', 'gzip'],
  ['gzip', 'gzip'],
  ['br', 'br'],
  ['identity', 'identity'],
]);
