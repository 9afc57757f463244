// The learning filter for the moderator (issue 15, item 2): what it has learnt, and a reset. Under
// the admin API (admin.ts mounts it at /api/v1/admin/filter, behind the admin token).
//   GET  /api/v1/admin/filter        → { decisions: { approved, spam }, needed, active, version, spamSigns, approvedSigns }
//   POST /api/v1/admin/filter/reset  → { reset: true, version }
import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { LEARNING_SITE, learnedModel } from '../learning/filter.ts';
import { learntSummary } from '../learning/model.ts';

export function adminFilterRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.get('/', async (c) => c.json(learntSummary(await learnedModel(deps.store))));
  app.post('/reset', async (c) => {
    await deps.store.spam.reset(LEARNING_SITE);
    deps.logger.info('admin: the learning filter was reset');
    return c.json({ reset: true, version: await deps.store.spam.version(LEARNING_SITE) });
  });
  return app;
}
