// GET /api/v1/counts (the count script's one call) and GET /api/v1/form (the form token).
import { Hono } from 'hono';
import { checkThread } from '../../core/checks.ts';
import { LIMITS } from '../../core/limits.ts';
import { problemMessage } from '../../core/strings.ts';
import { makeFormToken } from '../crypto.ts';
import { ApiError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { requireThread } from './comments-read.ts';
import { resolveThread } from '../comments/thread-aliases.ts';

export function countsRoutes(deps: Deps): Hono {
  const app = new Hono();

  app.get('/counts', async (c) => {
    const threads = c.req.queries('thread') ?? [];
    if (threads.length > LIMITS.countsMax) {
      throw new ApiError('invalid', `Ask for at most ${LIMITS.countsMax} threads a call.`, { thread: `At most ${LIMITS.countsMax} threads.` });
    }
    for (const thread of threads) {
      const problem = checkThread(thread);
      if (problem) throw new ApiError('invalid', 'Please correct the marked fields.', { thread: problemMessage('thread', problem) });
    }
    // Keys exactly as asked (DESIGN), so the count script can look each one up unchanged; an alias
    // (`parley alias`) is counted as the thread it stands for, by the store in the same call.
    const totals = await deps.store.threads.countPublished([...new Set(threads)]);
    // No prototype: a thread may be called "__proto__" (as in the stores).
    const counts: Record<string, number> = Object.create(null);
    for (const thread of threads) counts[thread] = totals[thread] ?? 0;
    c.header('Cache-Control', 'public, no-cache');
    return c.json({ counts });
  });

  app.get('/form', async (c) => {
    // The token is for the thread the post will be stored in (an alias's NEW), which is the one
    // the form-token rule checks it against.
    const thread = await resolveThread(deps.store, requireThread(c.req.query('thread')));
    const token = makeFormToken(await deps.secret(), thread, Math.floor(deps.now() / 1000));
    // Each reader's token carries its own issue time; a shared cache would hand out stale ones.
    c.header('Cache-Control', 'no-store');
    return c.json({ token });
  });

  return app;
}
