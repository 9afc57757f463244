// Cached reads answered before Hono (issue 22). @hono/node-server turns every node:http request into
// a web Request and every answer back from a Response; for a read that ends in bytes already kept,
// that conversion, the routing and the middleware were most of the request's CPU (docs/benchmarks.md:
// the profile). This is a node:http request listener's first step: a GET for a kept comment page
// (or its 304), a kept counts answer or a built file is written straight from reads.ts, after the
// same version check, origin rules and headers the routes use; anything else returns false and goes
// on to Hono untouched. Which answers are cacheable and when one is current is decided in reads.ts
// alone; this file only reads the request and writes the answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getQueryParam, getQueryParams } from 'hono/utils/url';
import { CORS_EXPOSE_HEADERS, type OriginVerdict } from './http.ts';
import { COUNTS_HEAD, countsQuery, keptPageHead, matchesTag, pageQuery, type PageLookup, type PageQuery, type Reads } from './reads.ts';
import { negotiate } from './routes/read-cache.ts';
import { assetName } from './routes/assets.ts';
import type { AssetName } from './options.ts';

/**
 * Request targets that reach Hono exactly as sent: @hono/node-server passes these characters
 * through (its reValidRequestUrl), and `%` too, which it sends through a URL parser that leaves
 * percent signs as they are. Anything else (a space, a quote, a non-ASCII byte, a dot segment) the
 * parser would rewrite, so those go to Hono, where they are read the way Hono reads them.
 */
const PLAIN_TARGET = /^\/[!#$%&-;=?-[\]_a-z~]*$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;
/** Host headers @hono/node-server takes as they are (its reValidHost); any other goes to Hono, which checks it. */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;

/**
 * What a URL's parsed query is, remembered: at most URL_MEMO_CHARS characters of URLs (about 2 MB)
 * per memo, emptied when full, so URLs a client invents cannot grow it.
 */
const URL_MEMO_CHARS = 1_000_000;

function urlMemo<T>(make: (url: string) => T): (url: string) => T {
  const kept = new Map<string, T>();
  let chars = 0;
  // The URL asked last, checked first: a hot page's readers send the same one, and comparing it
  // costs less than hashing a fresh 400-character string for the Map.
  let lastUrl: string | undefined;
  let last: T | undefined;
  return (url) => {
    if (url === lastUrl) return last as T;
    let found = kept.get(url);
    if (found === undefined && !kept.has(url)) {
      found = make(url);
      if (chars + url.length > URL_MEMO_CHARS) {
        kept.clear();
        chars = 0;
      }
      kept.set(url, found);
      chars += url.length;
    }
    lastUrl = url;
    last = found;
    return found as T;
  };
}

/** The fast path's GETs share a turn's version reads (reads.ts createTurnMemo); one object, not one a request. */
const SHARE_TURN = { shareTurn: true } as const;

/** What a URL asks the fast path for, decided once per URL. */
type Route = { kind: 'page'; query: PageQuery } | { kind: 'counts'; threads: readonly string[] } | { kind: 'asset'; name: AssetName };

/** What the fast path has answered, for metrics: cheap counters, read when scraped. */
export interface FastPathStats {
  pages: number;
  notModified: number;
  counts: number;
  assets: number;
}

export interface FastPath {
  /**
   * Answers `req` when it is a cacheable read whose answer is kept and current: true (sync) or a
   * promise of true once written. False (now or later) when it is not: nothing was written, and
   * the request goes on to Hono as it came.
   */
  (req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean>;
  stats(): FastPathStats;
}

/**
 * @example
 * const fast = createFastPath(reads, originRules);
 * createServer((req, res) => { const done = fast(req, res); … });
 */
export function createFastPath(
  reads: Reads,
  originRules: (origin: string | undefined, host: string | undefined) => OriginVerdict,
  { leaves }: { /** URLs left to Hono whatever they ask for (asked once per URL). */ leaves?: (url: string) => boolean } = {},
): FastPath {
  const stats: FastPathStats = { pages: 0, notModified: 0, counts: 0, assets: 0 };

  // The headers actually written, made once and kept: per head list (or per body, whose length they
  // carry) the last origin's, since a site's readers send one origin. Building the list anew on each
  // request was an allocation a kept read did not need (issue 22).
  type Made = { base: readonly string[]; origin: string | undefined; verdict: OriginVerdict; head: string[] };
  const madeFor = new WeakMap<object, Made>();

  /** `head` with the origin rules' CORS headers for an allowed origin (http.ts's originGuard for GET), and a byte body's length. */
  const headers = (head: readonly string[], origin: string | undefined, verdict: OriginVerdict, body?: Uint8Array): string[] => {
    const owner: object = body ?? head;
    const made = madeFor.get(owner);
    if (made && made.base === head && made.origin === origin && made.verdict === verdict) return made.head;
    const full = [
      ...(verdict === 'allowed' ? ['access-control-allow-origin', origin!, 'access-control-expose-headers', CORS_EXPOSE_HEADERS] : []),
      ...head,
      // @hono/node-server sends the length of a byte body under this name; so do we, to the byte.
      ...(body ? ['Content-Length', String(body.byteLength)] : []),
    ];
    madeFor.set(owner, { base: head, origin, verdict, head: full });
    return full;
  };

  const write = (res: ServerResponse, status: number, head: string[], body?: Uint8Array) => {
    res.writeHead(status, head);
    if (body) res.end(body);
    else res.end();
  };

  // What each URL asks for, decided once and kept (a hot thread's readers send the same URL): the
  // target's checks, its path and its parsed query were a tenth of a kept read, and the checks
  // alone (two regular expressions over a counts URL of 400 characters) another tenth (issue 22).
  // A URL the route would refuse, or one this path leaves to Hono, is kept as null.
  const routeOf = urlMemo((url: string): Route | null => {
    if (!PLAIN_TARGET.test(url) || DOT_SEGMENT.test(url) || leaves?.(url)) return null;
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    try {
      // Hono's own parsers (c.req.query(), c.req.queries()), on the target as node-server hands
      // it over. They look for the '?' from the 9th character on (after "https://"); both API
      // paths are longer than that, so they find ours.
      if (path === '/api/v1/comments') return { kind: 'page', query: pageQuery(getQueryParam(url) as Record<string, string | undefined>) };
      if (path === '/api/v1/counts') return { kind: 'counts', threads: countsQuery((getQueryParams(url, 'thread') as string[] | undefined) ?? []) };
    } catch {
      return null; // a 400, worded by the route
    }
    const name = assetName(path);
    return name ? { kind: 'asset', name } : null;
  });
  // The last Host header that passed its check: a server is reached under one or two names.
  let goodHost: string | undefined;

  const sendPage = (req: IncomingMessage, res: ServerResponse, host: string, lookup: PageLookup): boolean => {
    const { kept } = lookup;
    if (!kept) return false;
    const origin = req.headers.origin;
    const verdict = originRules(origin, host);
    if (matchesTag(req.headers['if-none-match'], kept.etag!)) {
      stats.notModified++;
      write(res, 304, headers(keptPageHead(kept, 'notModified'), origin, verdict));
      return true;
    }
    const { body, encoding } = reads.cache.encoded(lookup.key, kept, negotiate(req.headers['accept-encoding']));
    stats.pages++;
    write(res, 200, headers(keptPageHead(kept, encoding), origin, verdict, body), body);
    return true;
  };

  const page = (req: IncomingMessage, res: ServerResponse, query: PageQuery, host: string): boolean | Promise<boolean> => {
    const lookup = reads.page(query, SHARE_TURN);
    return lookup instanceof Promise ? lookup.then((found) => sendPage(req, res, host, found)) : sendPage(req, res, host, lookup);
  };

  const counts = (req: IncomingMessage, res: ServerResponse, threads: readonly string[], host: string): boolean => {
    const kept = reads.keptCounts(threads);
    if (!kept) return false;
    const origin = req.headers.origin;
    stats.counts++;
    write(res, 200, headers(COUNTS_HEAD, origin, originRules(origin, host), kept.body), kept.body);
    return true;
  };

  const asset = (req: IncomingMessage, res: ServerResponse, name: AssetName): boolean => {
    const encoded = reads.assetNow(name);
    if (!encoded) return false;
    const answer = reads.assetAnswer(name, encoded, negotiate(req.headers['accept-encoding']));
    stats.assets++;
    if (matchesTag(req.headers['if-none-match'], answer.etag)) write(res, 304, answer.notModified);
    else write(res, 200, headers(answer.head, undefined, 'none', answer.body), answer.body);
    return true;
  };

  const fast = (req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> => {
    if (req.method !== 'GET') return false;
    const url = req.url;
    const host = req.headers.host;
    if (!url || !host) return false;
    if (host !== goodHost) {
      if (!PLAIN_HOST.test(host)) return false;
      goodHost = host;
    }
    const route = routeOf(url);
    if (route === null) return false;
    if (route.kind === 'page') return page(req, res, route.query, host);
    if (route.kind === 'counts') return counts(req, res, route.threads, host);
    return asset(req, res, route.name);
  };
  return Object.assign(fast, { stats: () => ({ ...stats }) });
}
