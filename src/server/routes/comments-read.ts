// GET /api/v1/comments: a thread's page of roots with their replies, or (with `parent`) the rest
// of one subtree. The same for every reader, so it carries an ETag and answers 304.
import { Hono, type Context } from 'hono';
import { checkThread } from '../../core/checks.ts';
import { clampLimit, LIMITS } from '../../core/limits.ts';
import { problemMessage } from '../../core/strings.ts';
import type { PublicComment, Sort, ThreadPage } from '../../core/types.ts';
import { hmac } from '../crypto.ts';
import { ApiError } from '../http.ts';
import type { Deps } from '../options.ts';
import { decodeCursor, encodeCursor, toPublic } from '../present.ts';

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

export function commentsReadRoutes(deps: Deps): Hono {
  const { store } = deps;
  const app = new Hono();

  app.get('/comments', async (c) => {
    const thread = requireThread(c.req.query('thread'));
    const sortParam = c.req.query('sort') ?? 'oldest';
    if (sortParam !== 'oldest' && sortParam !== 'newest') {
      throw new ApiError('invalid', 'sort must be oldest or newest.', { sort: 'Use oldest or newest.' });
    }
    const sort: Sort = sortParam;
    const limit = clampLimit(c.req.query('limit'));
    const parent = c.req.query('parent');
    const cursor = readCursor(c.req.query('cursor'));

    // The version is read before the page is built: a write in between pairs an older tag with
    // newer content, which only costs one extra full response later, never a stale one.
    const version = await store.threadVersion(thread);
    const key = JSON.stringify([version, thread, parent ?? null, cursor ?? null, limit, sort]);
    const etag = `W/"${hmac(await deps.secret(), `etag:${key}`).slice(0, 22)}"`;
    c.header('ETag', etag);
    // no-cache, not max-age: every request revalidates (a cheap version check and a 304), so a
    // comment is visible to everyone the moment it is posted, while caches and CDNs still save
    // the body. A max-age of even 5 seconds would hide a new comment from the next reader.
    c.header('Cache-Control', 'public, no-cache');
    if (matches(c, etag)) return c.body(null, 304);

    const page = parent ? await subtreePage(deps, thread, parent, cursor) : await rootPage(deps, thread, sort, limit, cursor);
    return c.json(page);
  });

  return app;
}

async function count(deps: Deps, thread: string): Promise<number> {
  return (await deps.store.countPublished([thread]))[thread] ?? 0;
}

async function rootPage(deps: Deps, thread: string, sort: Sort, limit: number, cursor: number | undefined): Promise<ThreadPage> {
  const roots = await deps.store.listRoots(thread, { afterSeq: cursor, limit: limit + 1, sort });
  const shown = roots.slice(0, limit);
  const comments: PublicComment[] = shown.map(toPublic);
  const more: Record<string, string> = {};
  // One budget of replies for the whole page (DESIGN: up to 500), spent root by root.
  let budget: number = LIMITS.repliesPerPage;
  for (const root of shown) {
    const replies = await deps.store.listSubtree(root.id, { limit: budget + 1 });
    const taken = replies.slice(0, budget);
    budget -= taken.length;
    comments.push(...taken.map(toPublic));
    if (replies.length > taken.length) more[root.id] = encodeCursor(taken.at(-1)?.seq ?? 0);
  }
  const page: ThreadPage = {
    thread: { id: thread, count: await count(deps, thread) },
    comments,
    nextCursor: roots.length > limit ? encodeCursor(shown.at(-1)!.seq) : null,
  };
  if (Object.keys(more).length) page.more = more;
  return page;
}

async function subtreePage(deps: Deps, thread: string, parentId: string, cursor: number | undefined): Promise<ThreadPage> {
  const parent = await deps.store.get(parentId);
  if (!parent || parent.thread !== thread) throw new ApiError('not_found', 'That comment does not exist in this thread.');
  const per = LIMITS.repliesPerPage;
  const rows = await deps.store.listSubtree(parent.id, { afterSeq: cursor, limit: per + 1 });
  const shown = rows.slice(0, per);
  return {
    thread: { id: thread, count: await count(deps, thread) },
    comments: shown.map(toPublic),
    nextCursor: rows.length > per ? encodeCursor(shown.at(-1)!.seq) : null,
  };
}
