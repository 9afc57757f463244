// The cacheable reads, decided in one place (issue 22): which answers are kept, how a kept answer
// is found and judged current, and the headers it goes out with. The Hono routes
// (routes/comments-read.ts, routes/counts.ts, routes/assets.ts) and the node:http fast path in
// front of Hono (fast-path.ts) both ask here, so the two paths cannot disagree on a byte.
//
// - A comment page is kept per (thread, query) with the thread's version; every request reads that
//   version (one primary-key read), and a kept page of another version is never sent.
// - A counts answer is kept only where the store has a change stamp (SQLite: one statement that
//   moves on any commit by any process; memory): every request reads the stamp. PostgreSQL has no
//   such cheap stamp, so counts there are counted on each request, as before.
// - A built file (/parley.js …) is kept per content; see assets.ts for how often its file is asked.
import { checkThread } from '../core/checks.ts';
import { clampLimit, LIMITS } from '../core/limits.ts';
import { problemMessage } from '../core/strings.ts';
import type { Sort, VoteMode } from '../core/types.ts';
import { cacheControl, createAssetEncoder, pick, type EncodedAsset } from './assets.ts';
import { threadClosing, type ClosingState } from './comments/closing.ts';
import { createAliasResolver } from './comments/thread-aliases.ts';
import { rootPage, subtreePage } from './comments/thread-page.ts';
import { hmac } from './crypto.ts';
import type { Deps } from './deps.ts';
import { ApiError } from './errors.ts';
import type { AssetName } from './options.ts';
import { decodeCursor } from './present.ts';
import { createRenderCache, type Encoding, type Rendered } from './routes/read-cache.ts';

/**
 * Cache-Control of every comment page. `no-cache` is "store it, but ask before each use": a browser
 * or a CDN keeps the body and revalidates with If-None-Match, which costs this server one version
 * read and a 304 of a few hundred bytes. A max-age (even 5 s) or stale-while-revalidate would let a
 * cache answer without asking, and a comment just posted would be missing for that long from the
 * view of every other reader, here and through other instances (issue 5: no time-based staleness of
 * our own). An operator who prefers CDN offload to that promise can set a max-age at the CDN.
 */
export const READ_CACHE_CONTROL = 'public, no-cache';

/** What every /api/ answer varies on (the origin rules' CORS headers, http.ts). */
export const API_VARY = 'Origin';

/** GET /api/v1/comments's query, checked. */
export interface PageQuery {
  thread: string;
  parent: string | undefined;
  cursor: number | undefined;
  limit: number;
  sort: Sort;
}

export function requireThread(value: string | undefined): string {
  const thread = value ?? '';
  const problem = checkThread(thread);
  if (problem) throw new ApiError('invalid', 'Say which thread: ?thread=ID.', { thread: problemMessage('thread', problem) });
  return thread;
}

/**
 * The page a query asks for, or a 400 (ApiError) for a bad thread, sort or cursor; `limit` is
 * clamped, never an error (DESIGN). `q` holds each parameter's first value, as Hono's
 * `c.req.query()` gives them; the fast path parses with the same function.
 */
export function pageQuery(q: Record<string, string | undefined>): PageQuery {
  const thread = requireThread(q.thread);
  const sort = q.sort ?? 'oldest';
  if (sort !== 'oldest' && sort !== 'newest' && sort !== 'best') throw new ApiError('invalid', 'sort must be oldest, newest or best.', { sort: 'Use oldest, newest or best.' });
  const cursor = decodeCursor(q.cursor);
  if (cursor === null) throw new ApiError('invalid', 'The cursor is not one this server gave out; start again without it.', { cursor: 'Unknown cursor.' });
  return { thread, parent: q.parent, cursor, limit: clampLimit(q.limit), sort };
}

/** The threads a counts query asks for (as asked: order and repeats kept), or a 400. */
export function countsQuery(threads: readonly string[]): readonly string[] {
  if (threads.length > LIMITS.countsMax) {
    throw new ApiError('invalid', `Ask for at most ${LIMITS.countsMax} threads a call.`, { thread: `At most ${LIMITS.countsMax} threads.` });
  }
  for (const thread of threads) {
    const problem = checkThread(thread);
    if (problem) throw new ApiError('invalid', 'Please correct the marked fields.', { thread: problemMessage('thread', problem) });
  }
  return threads;
}

/** A page request after its version check: the thread it reads (an alias resolved), and what is kept of it. */
export interface PageLookup {
  query: PageQuery;
  /** The thread whose comments the page shows (`parley alias` resolved). */
  thread: string;
  version: number;
  key: string;
  /** The page rendered at exactly this version, when this process has it. */
  kept: Rendered | undefined;
}

/** True when any of If-None-Match's tags is `etag` (weak comparison, as RFC 9110 asks for GET). */
export function matchesTag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  // The common case, one tag sent back as it was given: no splitting.
  if (header === etag) return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * The headers of a comment page in one encoding, or of its 304 (`notModified`), as a flat
 * [name, value, …] list in the order Hono writes them (sorted), CORS aside (the origin rules add it).
 */
export function pageHead(etag: string, as: Encoding | 'notModified'): string[] {
  return [
    'cache-control',
    READ_CACHE_CONTROL,
    ...(as === 'br' || as === 'gzip' ? ['content-encoding', as] : []),
    ...(as === 'notModified' ? [] : ['content-type', 'application/json']),
    'etag',
    etag,
    'vary',
    `${API_VARY}, Accept-Encoding`,
  ];
}

/** The headers of a counts answer: revalidated by fetching again (no validator), the same for every reader. */
export const COUNTS_HEAD: readonly string[] = ['cache-control', READ_CACHE_CONTROL, 'content-type', 'application/json', 'vary', API_VARY];

/** The headers of a built file in one encoding, or of its 304. Public files, fetched by import() across origins. */
export function assetHead(name: AssetName, etag: string, as: Encoding | 'notModified'): string[] {
  return [
    'access-control-allow-origin',
    '*',
    'cache-control',
    cacheControl(name),
    ...(as === 'br' || as === 'gzip' ? ['content-encoding', as] : []),
    ...(as === 'notModified' ? [] : ['content-type', 'text/javascript; charset=utf-8']),
    'etag',
    etag,
    'vary',
    'Accept-Encoding',
  ];
}

/** A built file's bytes in the encoding chosen, with their ETag and headers. */
export interface AssetAnswer {
  body: Uint8Array;
  etag: string;
  encoding: Encoding;
  head: string[];
  notModified: string[];
}

/** The headers kept with a page for one encoding (or its 304), made on first use. */
export function keptPageHead(rendered: Rendered, as: Encoding | 'notModified'): string[] {
  rendered.heads ??= {};
  return (rendered.heads[as] ??= pageHead(rendered.etag!, as));
}

/**
 * A store's cheap answers, asked at most once per event-loop turn (issue 22): the change stamp and
 * each thread's version. On SQLite each fresh answer is a system call (a pread of the WAL index,
 * change-stamp.ts), a tenth of a kept read's CPU; requests read from their sockets in the same turn
 * share it. The bound this puts on staleness, and why it is no weaker than the promise, is in the
 * README's design notes ("A version read per turn"): a request read in a turn is answered as of a
 * moment inside that turn, before any of its answers is sent. Only the fast path's GETs ask here;
 * every other read of the version (writes, the live stream, Hono's routes) asks the store.
 */
export function createTurnMemo(store: Deps['store']) {
  let versions: Map<string, number> | undefined;
  let later: Map<string, Promise<number>> | undefined;
  let stamp: number | undefined;
  let turn = false;
  const forget = () => {
    versions = later = stamp = undefined;
    turn = false;
  };
  // Forgotten in the check phase, right after the I/O callbacks of the poll that read these requests.
  const started = () => {
    turn = true;
    setImmediate(forget);
  };
  return {
    /** A thread's version, for stores with `versionNow` (SQLite, memory). */
    version(thread: string): number {
      if (!turn) started();
      versions ??= new Map();
      let version = versions.get(thread);
      if (version === undefined) versions.set(thread, (version = store.threads.versionNow!(thread)));
      return version;
    },
    /**
     * A thread's version from a store that answers later (PostgreSQL): one query per thread and
     * turn, asked in that turn, its answer shared by the turn's requests. A later turn asks again,
     * even while this one's answer is on its way: that answer may predate its requests.
     */
    versionLater(thread: string): Promise<number> {
      if (!turn) started();
      later ??= new Map();
      let version = later.get(thread);
      if (version === undefined) later.set(thread, (version = store.threads.version(thread)));
      return version;
    },
    stamp(): number | undefined {
      if (!turn) started();
      stamp ??= store.changeStamp?.() ?? -1;
      return stamp === -1 ? undefined : stamp;
    },
  };
}

/**
 * The reads of one app: its cache (`--read-cache-mb`), alias resolutions and built files.
 *
 * @example const reads = createReads(deps); const lookup = await reads.page(pageQuery({ thread: '/a' }));
 */
export function createReads(deps: Deps) {
  const { store } = deps;
  const cache = createRenderCache({ maxBytes: deps.settings.readCacheMb * 2 ** 20, now: deps.now });
  // Asked once per lookup, by whichever of etag() and render() comes first, so both agree.
  const closingOf = new WeakMap<PageLookup, Promise<ClosingState>>();
  const closing = (lookup: PageLookup) => {
    let found = closingOf.get(lookup);
    if (!found) closingOf.set(lookup, (found = threadClosing(deps, lookup.thread)));
    return found;
  };
  const aliases = createAliasResolver(store);
  const turn = createTurnMemo(store);
  const assets = createAssetEncoder(async (name) => (await deps.options.assets?.(name)) ?? null);
  const assetAnswers = new WeakMap<EncodedAsset, Partial<Record<Encoding, AssetAnswer>>>();
  const pageKey = (thread: string, q: PageQuery) => `page ${JSON.stringify([thread, q.parent ?? null, q.cursor ?? null, q.limit, q.sort])}`;
  // The key of a query's own thread, made once per query object (the fast path keeps them per URL).
  const ownKeys = new WeakMap<PageQuery, string>();
  const lookup = (query: PageQuery, thread: string, version: number): PageLookup => {
    let key = thread === query.thread ? ownKeys.get(query) : undefined;
    if (key === undefined) {
      key = pageKey(thread, query);
      if (thread === query.thread) ownKeys.set(query, key);
    }
    return { query, thread, version, key, kept: cache.get(key, version) };
  };
  // Made once per list object (the fast path keeps each URL's list).
  const countsKeys = new WeakMap<readonly string[], string>();
  const countsKey = (threads: readonly string[]) => {
    let key = countsKeys.get(threads);
    if (key === undefined) countsKeys.set(threads, (key = `counts ${JSON.stringify(threads)}`));
    return key;
  };

  const reads = {
    cache,

    /**
     * The one store call of a repeated page read. The version is read before the page is built: a
     * write in between pairs an older tag with newer content, which only costs one extra full
     * response later, never a stale one. An alias (`parley alias`) is answered with its thread's
     * page: the resolution is kept per version (thread-aliases.ts), so only an aliased thread
     * costs a second version read, of the thread it stands for.
     */
    page(query: PageQuery, { shareTurn = false }: { /** The fast path's GET: versions read once a turn (createTurnMemo). */ shareTurn?: boolean } = {}): PageLookup | Promise<PageLookup> {
      const asked = query.thread;
      const versionNow = store.threads.versionNow;
      if (versionNow) {
        // A store that knows versions at once (SQLite, memory): no promise, for the fast path.
        const now = shareTurn ? turn.version : versionNow;
        const askedVersion = now(asked);
        const thread = aliases.known(asked, askedVersion);
        if (thread !== undefined) return lookup(query, thread, thread === asked ? askedVersion : now(thread));
      }
      const later = shareTurn ? turn.versionLater : store.threads.version;
      return (async () => {
        const askedVersion = await later(asked);
        const thread = aliases.known(asked, askedVersion) ?? (await aliases.resolve(asked, askedVersion));
        return lookup(query, thread, thread === asked ? askedVersion : await later(thread));
      })();
    },

    /** The page's ETag: the kept page's, else a keyed hash of version and query, the same on every instance sharing the store and secret. */
    async etag(lookup: PageLookup): Promise<string> {
      const { kept, version, thread, query: q } = lookup;
      if (kept) return kept.etag!;
      // A closed thread's page is another page at the same version (closing by age writes nothing):
      // its tag differs, and an open thread's tag is the one it always had.
      const closed = (await closing(lookup)).closed ? ['closed'] : [];
      // Many sites: `/about` of two sites at the same version are two pages, with two tags.
      const site = deps.options.site === undefined ? [] : [`site:${deps.options.site}`];
      // The owner's label is in the page (author.badge): a new --owner-badge is a new tag.
      const key = JSON.stringify([version, thread, q.parent ?? null, q.cursor ?? null, q.limit, q.sort, ...closed, ...site, deps.settings.ownerBadge]);
      return `W/"${hmac(await deps.secret(), `etag:${key}`).slice(0, 22)}"`;
    },

    /** The page's bytes: the kept ones, else rendered now (once for concurrent readers) and kept. */
    async render(lookup: PageLookup, etag?: string): Promise<Rendered> {
      if (lookup.kept) return lookup.kept;
      etag ??= await reads.etag(lookup);
      const { thread, version, query: q } = lookup;
      return cache.through(lookup.key, version, async () => {
        const { closed, closesAt } = await closing(lookup);
        const options = { badge: deps.settings.ownerBadge, readerMail: deps.readerMail, closed, votes: deps.settings.votes as VoteMode };
        const page = q.parent ? await subtreePage(store, thread, q.parent, q.cursor, options) : await rootPage(store, thread, q.sort, q.limit, q.cursor, options);
        return { version, etag, body: Buffer.from(JSON.stringify(page)), ...(closesAt !== null && { expiresAt: closesAt }) };
      });
    },

    /**
     * The kept counts answer when the store's change stamp says nothing was committed since it was
     * counted (synchronous; read once a turn, createTurnMemo), else undefined. Always undefined without a stamp.
     */
    keptCounts(threads: readonly string[]): Rendered | undefined {
      const stamp = turn.stamp();
      return stamp === undefined ? undefined : cache.get(countsKey(threads), stamp);
    },

    /** The counts answer: kept, or counted now (and kept when the store has a change stamp). */
    async counts(threads: readonly string[]): Promise<Rendered> {
      // Read before counting, as the page's version is: a commit in between only costs a recount later.
      const stamp = store.changeStamp?.();
      const count = async (): Promise<Rendered> => {
        // Keys exactly as asked (DESIGN), so the count script can look each one up unchanged; an
        // alias (`parley alias`) is counted as the thread it stands for, by the store in the same call.
        const totals = await store.threads.countPublished([...new Set(threads)]);
        // No prototype: a thread may be called "__proto__" (as in the stores).
        const counts: Record<string, number> = Object.create(null);
        for (const thread of threads) counts[thread] = totals[thread] ?? 0;
        return { version: stamp ?? 0, body: Buffer.from(JSON.stringify({ counts })) };
      };
      return stamp === undefined ? count() : cache.through(countsKey(threads), stamp, count);
    },

    /** A built file in every encoding, its source asked now (the route's way). */
    asset: (name: AssetName) => assets(name),

    /** A built file without asking its source, when it was asked less than a second ago (the fast path's way). */
    assetNow: (name: AssetName) => assets.current(name),

    /** What to send of a built file for an Accept-Encoding choice, with its headers and its 304's (made once per file and encoding). */
    assetAnswer(name: AssetName, asset: EncodedAsset, encoding: Encoding): AssetAnswer {
      let answers = assetAnswers.get(asset);
      if (!answers) assetAnswers.set(asset, (answers = {}));
      let answer = answers[encoding];
      if (!answer) {
        const chosen = pick(asset, encoding);
        answer = answers[encoding] = { ...chosen, head: assetHead(name, chosen.etag, chosen.encoding), notModified: assetHead(name, chosen.etag, 'notModified') };
      }
      return answer;
    },
  };
  return reads;
}

export type Reads = ReturnType<typeof createReads>;
