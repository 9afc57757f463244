// GET /api/v1/comments: a thread's page of roots with their replies, or (with `parent`) the rest
// of one subtree. The same for every reader, so it carries an ETag and answers 304.
import { Hono, type Context } from 'hono';
import { checkThread } from '../../core/checks.ts';
import { clampLimit, LIMITS } from '../../core/limits.ts';
import { cutPage, moreCursors } from '../../core/paging.ts';
import { problemMessage } from '../../core/strings.ts';
import type { PublicComment, Sort, ThreadPage } from '../../core/types.ts';
import { hmac } from '../crypto.ts';
import { ApiError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { decodeCursor, encodeCursor, toPublic } from '../present.ts';
import { createRenderCache, negotiate } from './read-cache.ts';
import { createAliasResolver } from '../comments/thread-aliases.ts';

export function requireThread(value: string | undefined): string {
  const thread = value ?? '';
  const problem = checkThread(thread);
  if (problem) throw new ApiError('invalid', 'Say which thread: ?thread=ID.', { thread: problemMessage('thread', problem) });
  return thread;
}

function readCursor(value: string | undefined): number | undefined {
  const cursor = decodeCursor(value);
  if (cursor === null) throw new ApiError('invalid', 'The cursor is not one this server gave out; start again without it.', { cursor: 'Unknown cursor.' });
  return cursor;
}

/** True when any of If-None-Match's tags is ours (weak comparison, as RFC 9110 asks for GET). */
export function matches(c: Context, etag: string): boolean {
  const header = c.req.header('if-none-match');
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * Cache-Control of every page. `no-cache` is "store it, but ask before each use": a browser or a CDN
 * keeps the body and revalidates with If-None-Match, which costs this server one version read and
 * a 304 of a few hundred bytes. A max-age (even 5 s) or stale-while-revalidate would let a cache
 * answer without asking, and a comment just posted would be missing for that long from the view of
 * every other reader, here and through other instances (issue 5: no time-based staleness of our
 * own). An operator who prefers CDN offload to that promise can set a max-age at the CDN.
 */
export const READ_CACHE_CONTROL = 'public, no-cache';

export function commentsReadRoutes(deps: Deps): Hono {
  const { store } = deps;
  const app = new Hono();
  // One per app: each app has its own store, and tests build many apps in one process.
  const cache = createRenderCache();
  const aliases = createAliasResolver(store);

  app.get('/comments', async (c) => {
    // One parse of the query string: each c.req.query(name) parses the whole URL again, which
    // showed in the read benchmark's profile.
    const q = c.req.query();
    const asked = requireThread(q.thread);
    const sortParam = q.sort ?? 'oldest';
    if (sortParam !== 'oldest' && sortParam !== 'newest') {
      throw new ApiError('invalid', 'sort must be oldest or newest.', { sort: 'Use oldest or newest.' });
    }
    const sort: Sort = sortParam;
    const limit = clampLimit(q.limit);
    const parent = q.parent;
    const cursor = readCursor(q.cursor);

    // The one store call of a repeated read. The version is read before the page is built: a write
    // in between pairs an older tag with newer content, which only costs one extra full response
    // later, never a stale one. An alias (`parley alias`) is answered with its thread's page: the
    // resolution is kept per version (thread-aliases.ts), so only an aliased thread costs a second
    // version read, of the thread it stands for.
    const askedVersion = await store.threads.version(asked);
    const thread = await aliases.resolve(asked, askedVersion);
    const version = thread === asked ? askedVersion : await store.threads.version(thread);
    const query = JSON.stringify([thread, parent ?? null, cursor ?? null, limit, sort]);
    const kept = cache.get(query, version);
    const etag = kept?.etag ?? (await etagOf(deps, version, thread, parent, cursor, limit, sort));
    c.header('ETag', etag);
    c.header('Cache-Control', READ_CACHE_CONTROL);
    c.header('Vary', 'Accept-Encoding', { append: true });
    if (matches(c, etag)) return c.body(null, 304);

    const rendered =
      kept ??
      (await cache.through(query, version, async () => {
        const page = parent ? await subtreePage(deps, thread, parent, cursor) : await rootPage(deps, thread, sort, limit, cursor);
        return { version, etag, body: Buffer.from(JSON.stringify(page)) };
      }));
    const { body, encoding } = cache.encoded(query, rendered, negotiate(c.req.header('accept-encoding')));
    if (encoding !== 'identity') c.header('Content-Encoding', encoding);
    c.header('Content-Type', 'application/json');
    // An ArrayBuffer view of exactly these bytes: @hono/node-server writes it as is, with its length.
    return c.body(body as Uint8Array<ArrayBuffer>, 200);
  });

  return app;
}

/** A keyed hash of version and query, the same on every instance sharing the store and secret. */
async function etagOf(deps: Deps, version: number, thread: string, parent: string | undefined, cursor: number | undefined, limit: number, sort: Sort) {
  const key = JSON.stringify([version, thread, parent ?? null, cursor ?? null, limit, sort]);
  return `W/"${hmac(await deps.secret(), `etag:${key}`).slice(0, 22)}"`;
}

async function count(deps: Deps, thread: string): Promise<number> {
  return (await deps.store.threads.countPublished([thread]))[thread] ?? 0;
}

export async function rootPage(deps: Deps, thread: string, sort: Sort, limit: number, cursor: number | undefined): Promise<ThreadPage> {
  const [roots, total] = await Promise.all([deps.store.threads.listRoots(thread, { afterSeq: cursor, limit: limit + 1, sort }), count(deps, thread)]);
  const { shown, nextCursor } = cutPage(roots, limit, (last) => encodeCursor(last.seq));
  // One budget of replies for the whole page (DESIGN: up to 500), in one store call for all roots
  // (it was one call per root: 51 round trips for a default page on PostgreSQL).
  const { replies, truncated } = await deps.store.threads.listReplies(
    shown.map((r) => r.id),
    { limit: LIMITS.repliesPerPage },
  );
  const comments: PublicComment[] = [...shown.map(toPublic), ...replies.map(toPublic)];
  const page: ThreadPage = { thread: { id: thread, count: total, ...(deps.readerMail && { mail: true as const }) }, comments, nextCursor };
  // A truncated root continues after its last reply on this page, or from its start.
  if (truncated.length) page.more = moreCursors(truncated, replies, (r) => r.root, (mine) => encodeCursor(mine.at(-1)?.seq ?? 0));
  return page;
}

async function subtreePage(deps: Deps, thread: string, parentId: string, cursor: number | undefined): Promise<ThreadPage> {
  const parent = await deps.store.comments.get(parentId);
  if (!parent || parent.thread !== thread) throw new ApiError('not_found', 'That comment does not exist in this thread.');
  const per = LIMITS.repliesPerPage;
  const rows = await deps.store.threads.listSubtree(parent.id, { afterSeq: cursor, limit: per + 1 });
  const { shown, nextCursor } = cutPage(rows, per, (last) => encodeCursor(last.seq));
  return { thread: { id: thread, count: await count(deps, thread) }, comments: shown.map(toPublic), nextCursor };
}
