// The admin API (DESIGN): the moderation desk's queue, search and actions (issue 21), behind a bearer
// token: --admin-token or a named one (parley token add). With none, every admin route is a 404.
import { Hono } from 'hono';
import { failedArticles } from '../comments/article-cache.ts';
import { threadClosing } from '../comments/closing.ts';
import { resolveThread } from '../comments/thread-aliases.ts';
import { requireThread } from '../reads.ts';
import { ApiError } from '../errors.ts';
import { readJson } from '../http.ts';
import { adminFilterRoutes } from './admin-filter.ts';
import { deskAct, deskEdit, deskLog, deskUndo } from '../desk/actions.ts';
import { addToList, banAuthor, readLists, removeFromList, saveDeskSettings } from '../desk/lists.ts';
import { deskMe, pinAsOwner, postAsOwner } from '../desk/owner.ts';
import { searchDesk } from '../desk/search.ts';
import { adminGuard, type AdminEnv } from './admin-guard.ts';
import type { Deps } from '../deps.ts';

export function adminRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.use('*', adminGuard(deps));
  app.use('*', async (c, next) => {
    // Moderator answers carry emails: never cached anywhere.
    c.header('Cache-Control', 'no-store');
    await next();
  });

  // Issue 15: the learning filter's view and reset (admin-filter.ts).
  app.route('/filter', adminFilterRoutes(deps));

  // Issue 21: one tab's comments, found and ordered as asked, with what a moderator decides by.
  app.get('/comments', async (c) => c.json(await searchDesk(deps, c.req.query())));

  // Issue 16 item 4, the site owner's voice: who is signed in and how the owner's comments look,
  // a comment posted as the owner (badge, published at once), and pins.
  app.get('/me', (c) => c.json(deskMe(deps, c.get('moderator'))));
  app.post('/comments', async (c) => {
    const { comment, created } = await postAsOwner(deps, c.get('moderator'), await readJson(c));
    return c.json({ comment }, created ? 201 : 200);
  });
  app.post('/comments/:id/pin', async (c) => c.json(await pinAsOwner(deps, c.get('moderator'), c.req.param('id'), await readJson(c))));
  app.post('/comments/actions', async (c) => c.json(await deskAct(deps, c.get('moderator'), await readJson(c))));
  app.post('/comments/undo', async (c) => c.json(await deskUndo(deps, c.get('moderator'), await readJson(c))));
  app.post('/comments/:id/edit', async (c) => c.json(await deskEdit(deps, c.get('moderator'), c.req.param('id'), await readJson(c))));
  // The owner's lists and bans, kept in the store (issue 21 items 3 and 4).
  app.post('/comments/:id/ban', async (c) => c.json(await banAuthor(deps, c.get('moderator'), c.req.param('id'), await readJson(c))));
  app.get('/lists', async (c) => c.json(await readLists(deps)));
  app.post('/lists', async (c) => c.json(await addToList(deps, c.get('moderator'), await readJson(c))));
  app.post('/lists/remove', async (c) => c.json(await removeFromList(deps, c.get('moderator'), await readJson(c))));
  app.post('/settings', async (c) => c.json(await saveDeskSettings(deps, c.get('moderator'), await readJson(c))));
  // Who did what, when (issue 21 item 5; kept 90 days).
  app.get('/log', async (c) => {
    const before = Number(c.req.query('before'));
    return c.json(await deskLog(deps, Number.isSafeInteger(before) && before > 0 ? before : undefined));
  });

  // Closing a thread by hand, or opening it again (issue 16 item 5): { thread, closed: boolean }.
  app.post('/threads/close', async (c) => {
    const body = (await readJson(c)) as { thread?: unknown; closed?: unknown } | null;
    const asked = requireThread(typeof body?.thread === 'string' ? body.thread : undefined);
    if (typeof body?.closed !== 'boolean') throw new ApiError('invalid', 'Say whether the thread is closed: closed: true or false.', { closed: 'Use true or false.' });
    const thread = await resolveThread(deps.store, asked);
    await deps.store.threads.setClosed(thread, body.closed ? deps.now() : null);
    const state = await threadClosing(deps, thread);
    return c.json({ thread: { id: thread, closed: state.closed } });
  });

  // Threads whose article could not be fetched at the last try (issue 14 item 10), for the admin page's banners.
  app.get('/articles', async (c) => {
    const failures = await failedArticles(deps);
    return c.json({ failures: failures.map((f) => ({ ...f, at: new Date(f.at).toISOString() })) });
  });

  return app;
}
