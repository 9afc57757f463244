// The admin API (DESIGN): the moderation queue and its actions, behind a bearer token. Without a
// configured token app.ts does not mount it at all, so every admin route is a 404.
import { Hono } from 'hono';
import { clampLimit } from '../../core/limits.ts';
import { cutPage } from '../../core/paging.ts';
import type { Status } from '../../core/types.ts';
import { sameSecret } from '../crypto.ts';
import { ApiError, bearer, readJson } from '../http.ts';
import { outboxWrite } from '../notify/outbox.ts';
import type { Deps } from '../deps.ts';
import { decodeCursor, encodeCursor, toAdmin } from '../present.ts';
import { actionSchema, parseBody } from '../schema.ts';
import type { StoredComment } from '../store/store.ts';

const STATUSES: readonly Status[] = ['pending', 'spam', 'published', 'deleted'];
const ACTION_STATUS = { approve: 'published', spam: 'spam', delete: 'deleted' } as const;

export function adminRoutes(deps: Deps, token: string): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    if (!sameSecret(bearer(c), token)) {
      throw new ApiError('unauthorized', 'Send the admin token as Authorization: Bearer <token>.', undefined, { 'WWW-Authenticate': 'Bearer' });
    }
    // Moderator answers carry emails: never cached anywhere.
    c.header('Cache-Control', 'no-store');
    await next();
  });

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

  app.post('/comments/actions', async (c) => {
    const { action, ids } = parseBody(actionSchema, await readJson(c));
    // An approval tells webhooks the comment is published (no mail: the owner did it), queued
    // with the status change in one transaction, for exactly the comments it changed.
    const outbox = outboxWrite(deps, (changed: StoredComment[], notify) =>
      action === 'approve' ? changed.flatMap((comment) => notify({ comment, cause: 'approved' })) : [],
    );
    const updated = await deps.store.comments.setStatus(ids, ACTION_STATUS[action], outbox.write);
    outbox.committed();
    deps.logger.info(`admin: ${action} ${updated} of ${ids.length} comment(s)`);
    return c.json({ updated });
  });

  return app;
}
