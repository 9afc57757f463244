// The admin API (DESIGN): the moderation queue and its actions, behind a bearer token. Without a
// configured token app.ts does not mount it at all, so every admin route is a 404.
import { Hono } from 'hono';
import { clampLimit } from '../../core/limits.ts';
import { failedArticles } from '../comments/article-cache.ts';
import { moderateComments } from '../comments/moderate-actions.ts';
import { cutPage } from '../../core/paging.ts';
import type { Status } from '../../core/types.ts';
import { readJson } from '../http.ts';
import { adminGuard } from './admin-guard.ts';
import { adminFilterRoutes } from './admin-filter.ts';
import { ApiError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { decodeCursor, encodeCursor, toAdmin } from '../present.ts';

const STATUSES: readonly Status[] = ['pending', 'spam', 'published', 'deleted'];

export function adminRoutes(deps: Deps, token: string): Hono {
  const app = new Hono();

  app.use('*', adminGuard(deps, token));
  app.use('*', async (c, next) => {
    // Moderator answers carry emails: never cached anywhere.
    c.header('Cache-Control', 'no-store');
    await next();
  });

  // Issue 15: the learning filter's view and reset (admin-filter.ts).
  app.route('/filter', adminFilterRoutes(deps));

  app.get('/comments', async (c) => {
    const status = (c.req.query('status') ?? 'pending') as Status;
    if (!STATUSES.includes(status)) {
      throw new ApiError('invalid', 'status must be pending, spam, published or deleted.', { status: 'Use pending, spam, published or deleted.' });
    }
    const cursor = decodeCursor(c.req.query('cursor'));
    if (cursor === null) throw new ApiError('invalid', 'The cursor is not one this server gave out.', { cursor: 'Unknown cursor.' });
    const limit = clampLimit(c.req.query('limit'));
    const thread = c.req.query('thread') || undefined;
    const rows = await deps.store.comments.listByStatus({ status, thread, beforeSeq: cursor, limit: limit + 1 });
    const { shown, nextCursor } = cutPage(rows, limit, (last) => encodeCursor(last.seq));
    return c.json({ comments: shown.map(toAdmin), nextCursor });
  });

  app.post('/comments/actions', async (c) => c.json(await moderateComments(deps, await readJson(c))));

  // Threads whose article could not be fetched at the last try (issue 14 item 10), for the admin page's banners.
  app.get('/articles', async (c) => {
    const failures = await failedArticles(deps);
    return c.json({ failures: failures.map((f) => ({ ...f, at: new Date(f.at).toISOString() })) });
  });

  return app;
}
