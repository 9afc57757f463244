// GET /api/v1/counts (the count script's one call) and GET /api/v1/form (the form token).
import { Hono } from 'hono';
import { makeFormToken } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import { COUNTS_HEAD, countsQuery, requireThread, type Reads } from '../reads.ts';
import { resolveThread } from '../comments/thread-aliases.ts';
import { setHead } from './comments-read.ts';

export function countsRoutes(deps: Deps, reads: Reads): Hono {
  const app = new Hono();

  app.get('/counts', async (c) => {
    // Keys exactly as asked (DESIGN); kept while the store's change stamp stands (reads.ts).
    const answer = await reads.counts(countsQuery(c.req.queries('thread') ?? []));
    setHead(c, COUNTS_HEAD);
    return c.body(answer.body as Uint8Array<ArrayBuffer>, 200);
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
