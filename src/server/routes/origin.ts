// GET /api/v1/origin (issue 14 item 9): whether the asking page's origin may use this server. A
// page on a refused origin gets no CORS headers from the API, so its browser hides every answer,
// the reason too, and the widget could only say "could not be reached". This answer alone carries
// `Access-Control-Allow-Origin: *` (it holds no data, only what the page already knows, its own
// origin, and yes or no), so the widget can ask it after a failure and say what is wrong.
import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { originAllowed } from '../http.ts';

export function originRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.get('/origin', (c) => {
    const origin = c.req.header('origin');
    const allowed = originAllowed(deps.settings.origins, origin, c);
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'no-store');
    if (allowed) return c.json({ origin: origin ?? null, allowed });
    return c.json({ origin, allowed, message: `Pages at ${origin} may not use this comment server; its owner can allow them with --origin ${origin}.` });
  });
  return app;
}
