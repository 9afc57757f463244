// GET /admin, /admin/app.js, /admin/app.css: the moderator's page. Mounted by app.ts only when an
// admin token is configured (otherwise these are 404s like any unknown path). The page holds no
// secret: it asks for the token and then uses the admin API with it, like any other client.
import { Hono } from 'hono';
import { ADMIN_HTML } from '../admin/page.ts';
import { ADMIN_JS } from '../admin/script.ts';
import { FILTER_JS } from '../admin/filter-view.ts';
import { ADMIN_CSS } from '../admin/styles.ts';
import type { Deps } from '../deps.ts';
import { adminOn } from '../desk/tokens.ts';
import { notFound } from './admin-guard.ts';

/**
 * Everything the page needs is on this server, so 'self' is all it may use. No inline script or
 * style, no forms that submit anywhere, and no framing (clickjacking a moderator into approving).
 */
export const ADMIN_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="12" rx="3" fill="#2563eb"/><path d="M4 12v4l4-4z" fill="#2563eb"/></svg>';

export function adminPageRoutes(deps: Deps): Hono {
  const app = new Hono();

  // Off (404) until some token can open it: --admin-token or `parley token add NAME`.
  app.use('*', async (c, next) => {
    if (!(await adminOn(deps.store, deps.settings.adminToken))) throw notFound(c);
    await next();
  });

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', ADMIN_CSP);
    c.header('X-Frame-Options', 'DENY');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    // Small, and a stale script after an upgrade would confuse a moderator more than a fetch costs.
    c.header('Cache-Control', 'no-cache');
  });

  app.get('/', (c) => c.html(ADMIN_HTML));
  app.get('/app.js', (c) => c.body(ADMIN_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/filter.js', (c) => c.body(FILTER_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  // Without an icon of its own the browser asks for /favicon.ico, and gets a 404 in the console.
  app.get('/icon.svg', (c) => c.body(ICON, 200, { 'Content-Type': 'image/svg+xml' }));
  app.get('/app.css', (c) => c.body(ADMIN_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));

  return app;
}
