// The HTTP API of DESIGN "The HTTP API", as a Hono app that never listens and reads no env:
// main.ts composes it, tests call app.request().
import { Hono } from 'hono';
import { createOriginRules, errorResponse, originGuard } from './http.ts';
import { ApiError } from './errors.ts';
import { createDeps, type AppOptions } from './deps.ts';
import { createFastPath, type FastPath, type FastPathStats } from './fast-path.ts';
import { noteRoute } from './listener.ts';
import { createReads } from './reads.ts';
import type { RenderCacheStats } from './routes/read-cache.ts';

/** The read cache's size and hit rate, and what the fast path answered: counters for metrics. */
export interface ReadStats {
  cache: RenderCacheStats;
  fastPath: FastPathStats;
}
import { adminPageRoutes } from './routes/admin-page.ts';
import { adminRoutes } from './routes/admin.ts';
import { assetRoutes } from './routes/assets.ts';
import { commentsReadRoutes } from './routes/comments-read.ts';
import { commentsWriteRoutes } from './routes/comments-write.ts';
import { countsRoutes } from './routes/counts.ts';
import { originRoutes } from './routes/origin.ts';
import { feedRoutes } from './routes/feeds.ts';
import { moderateLinkRoutes } from './routes/moderate-links.ts';
import { readerRoutes } from './routes/readers.ts';
import { threadPageRoutes } from './routes/thread-page.ts';
import { webmentionRoutes } from './routes/webmention.ts';
import { streamRoutes } from './routes/stream.ts';
import { createLiveHub, type LiveHub } from './live/hub.ts';
import { createSitesParts } from './sites/dispatch.ts';
import { DEFAULT_SITE } from './store/sites.ts';
import type { MiddlewareHandler } from 'hono';

const NAMES_SITE = /[?&]site=/;

/** On a single-site server, `site=` may name its one site, "default", and nothing else (issue 19). */
const onlyDefaultSite: MiddlewareHandler = async (c, next) => {
  const named = c.req.query('site');
  if (named !== undefined && named !== DEFAULT_SITE) {
    throw new ApiError('not_found', `This server serves one site, "${DEFAULT_SITE}"; there is no site named "${named}" (leave site= out, or start the server with --site ${named}=ORIGIN).`);
  }
  await next();
};

export type { AppOptions } from './deps.ts';

/**
 * The Parley API.
 *
 * @example
 * const app = createApp({ store: createMemoryStore(), origins: ['https://blog.example'] });
 * const res = await app.request('/api/v1/comments?thread=/a');
 */
export function createApp(options: AppOptions): Hono {
  return createAppParts(options).app;
}

/**
 * The API and, for a node:http server, the cached-read path that answers kept reads before Hono
 * (fast-path.ts). Both share one read cache and one set of origin rules; main.ts puts them together.
 *
 * @example
 * const { app, fastPath } = createAppParts({ store });
 * const hono = getRequestListener(app.fetch);
 * createServer((req, res) => { const done = fastPath(req, res); … hono(req, res) });
 */
export function createAppParts(options: AppOptions): { app: Hono; fastPath: FastPath; readStats: () => ReadStats; live: LiveHub } {
  // Many sites (issue 19 item 5): one app per site, on its view of the store, behind a front app.
  if (options.sites?.length) return createSitesParts(options, options.sites, (one) => createOneSiteParts(one, false));
  return createOneSiteParts(options, true);
}

/** `single`: the server's only site, which needs no `site=` and answers only to its own name, "default". */
function createOneSiteParts(options: AppOptions, single: boolean): { app: Hono; fastPath: FastPath; readStats: () => ReadStats; live: LiveHub } {
  const deps = createDeps(options);
  const { store, settings } = deps;
  const reads = createReads(deps);
  const originRules = createOriginRules(settings.origins, deps.logger);

  const app = new Hono();
  // First, so it sees the route that answered (for the metrics and the request log; listener.ts).
  app.use('*', noteRoute);
  if (single) app.use('*', onlyDefaultSite);
  app.use('/api/*', originGuard(originRules));
  app.route('/api/v1', commentsReadRoutes(deps, reads));
  app.route('/api/v1', commentsWriteRoutes(deps));
  app.route('/api/v1', countsRoutes(deps, reads));
  app.route('/api/v1', originRoutes(deps));
  app.route('/api/v1', feedRoutes(deps));
  const live = createLiveHub({ store, maxStreams: settings.maxStreams, logger: deps.logger, badge: settings.ownerBadge });
  app.route('/api/v1', streamRoutes(deps, live));
  // Always mounted; without --admin-token or a named token (`parley token add`) both answer 404.
  app.route('/api/v1/admin', adminRoutes(deps));
  app.route('/admin', adminPageRoutes(deps));
  // The owner's mail links (notify/mail.ts). Always mounted: a link stays valid for its week even
  // if mail is turned off meanwhile, and without a mail nobody holds a token.
  app.route('/moderate', moderateLinkRoutes(deps));
  // The reader's mailed links and /my (issue 17). Always mounted, as /moderate is: a link stays
  // valid for its time even if mail is turned off meanwhile.
  app.route('/', readerRoutes(deps));
  // The thread rendered on the server, and its plain form (issue 18).
  app.route('/', threadPageRoutes(deps));
  app.route('/', webmentionRoutes(deps));
  app.route('/', assetRoutes(deps, reads));

  app.get('/healthz', async (c) => {
    await store.ping();
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: true });
  });

  app.notFound((c) => errorResponse(c, new ApiError('not_found', `There is nothing at ${c.req.method} ${new URL(c.req.url).pathname}.`)));

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    // Anything else is the store (or a bug) failing: the reader can only retry, and a stack trace
    // would tell an attacker more than it tells them.
    deps.logger.error(`${c.req.method} ${new URL(c.req.url).pathname} failed`, error);
    return errorResponse(c, new ApiError('unavailable', 'The comment server is having trouble right now; please try again in a minute.'));
  });

  // A request that names a site goes through Hono, which answers a name other than "default" with 404.
  const fastPath = createFastPath(reads, originRules, single ? { leaves: (url) => NAMES_SITE.test(url) } : {});
  return { app, fastPath, readStats: () => ({ cache: reads.cache.stats(), fastPath: fastPath.stats() }), live };
}
