// Many sites on one server (issue 19 item 5): one app per site, each on its view of the one store
// (store/sites.ts forSite) with its own origins, settings, read cache and live hub, and a front app
// that hands each request to the app of the site it names. The site is always named by the request
// (`site=` in the query, or `site` in a JSON body), never guessed from Origin: a CDN keeps answers
// by URL, so one site's cached thread can never be served for another's. The API and /t need a
// site; what names none (the built scripts, /healthz, the mailed links, /my, /webmention, the
// desk's page without ?site=) is answered by an app on the whole store.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Hono } from 'hono';
import { getQueryParam } from 'hono/utils/url';
import { LIMITS } from '../../core/limits.ts';
import { ApiError } from '../errors.ts';
import type { FastPath, FastPathStats } from '../fast-path.ts';
import type { RenderCacheStats } from '../routes/read-cache.ts';
import { errorResponse, mediaType, readBodyText } from '../http.ts';
import type { LiveHub } from '../live/hub.ts';
import type { Store } from '../store/store.ts';
import { forSite } from '../store/for-site.ts';
import type { SiteConfig } from './config.ts';

/** app.ts's ReadStats (not imported from there: app.ts imports this file). */
interface ReadStats {
  cache: RenderCacheStats;
  fastPath: FastPathStats;
}

/** What createAppParts makes of one site (or of the whole store). */
export interface SiteParts {
  app: Hono;
  fastPath: FastPath;
  readStats: () => ReadStats;
  live: LiveHub;
}

/** Paths that always belong to one site: the API and the server-rendered thread. */
// GET /api/v1/origin is the exception: the widget asks it, without a site, only to word a refusal.
const needsSite = (path: string) => (path.startsWith('/api/') && path !== '/api/v1/origin') || path === '/t';

/**
 * What one site's app is made from, and the outbox worker's use cases for that site (main.ts: a
 * received Webmention): the server's options with the site's own settings and origins, on the
 * site's view of the store. Its `sites` are left out: the site's app serves that one.
 *
 * @example const deps = createDeps(siteOptions(options, { name: 'blog', origins: ['https://blog.example'], settings: {} }));
 */
export function siteOptions<O extends { store: Store; origins?: string[]; sites?: unknown }>(options: O, site: SiteConfig): O & { site: string } {
  return { ...options, ...site.settings, origins: site.origins, store: forSite(options.store, site.name), site: site.name, sites: undefined };
}

/**
 * The parts of a server with many sites, made by `make` (app.ts's createAppParts for one site) for
 * each site and for the whole store. The whole store's app keeps `sites` (what names no site but
 * belongs to one, a Webmention's target or a mailed link's comment, finds its site by them).
 */
export function createSitesParts<O extends { store: Store; origins?: string[]; sites?: unknown }>(
  options: O,
  sites: readonly SiteConfig[],
  make: (options: O & { site?: string }) => SiteParts,
): SiteParts {
  const bySite = new Map<string, SiteParts>();
  // --read-cache-mb is the server's memory for kept answers: shared out between the sites' caches.
  const given = (options as { readCacheMb?: number }).readCacheMb;
  const share = given === undefined ? {} : { readCacheMb: Math.floor(given / sites.length) };
  for (const site of sites) {
    bySite.set(site.name, make({ ...siteOptions(options, site), ...share }));
  }
  const names = sites.map((s) => s.name).join(', ');
  // The whole store's app answers what names no site; its pages may come from any site's origin.
  const whole = make({ ...options, origins: [...new Set(sites.flatMap((s) => s.origins))] });

  const unknown = (name: string) => new ApiError('not_found', `This server has no site named "${name}"; its sites are ${names}.`);
  const missing = () =>
    new ApiError('invalid', `This server serves many sites: name one with site= (${names}); the embed's script tag sends its data-site.`, { site: 'Name the site.' });

  const app = new Hono();
  app.all('*', async (c) => {
    let request = c.req.raw;
    let name = c.req.query('site');
    if (name === undefined && c.req.method === 'POST' && mediaType(c) === 'application/json') {
      // A JSON body may name its site instead; read once (within the API's body limit) and handed on.
      const text = await readBodyText(c, LIMITS.bodyBytes);
      if (text === null) return errorResponse(c, new ApiError('too_large', `The request body is too large: at most ${LIMITS.bodyBytes} bytes.`));
      name = siteInBody(text);
      request = new Request(request.url, { method: request.method, headers: request.headers, body: text });
    }
    if (name === undefined) {
      if (needsSite(c.req.path)) return errorResponse(c, missing());
      // The desk is per site: /admin?site=NAME (its token may be for that site only).
      if (c.req.path === '/admin' && c.req.method === 'GET') return c.html(deskIndex(sites.map((s) => s.name)));
      return whole.app.fetch(request, c.env);
    }
    const site = bySite.get(name);
    if (!site) return errorResponse(c, unknown(name));
    return site.app.fetch(request, c.env);
  });

  const fastPath = Object.assign(
    (req: IncomingMessage, res: ServerResponse) => {
      const url = req.url ?? '';
      const name = url.includes('site=') ? getQueryParam(url, 'site') : undefined;
      if (typeof name === 'string') return bySite.get(name)?.fastPath(req, res) ?? false;
      // The built scripts are the same for every site; a read without a site is Hono's (its 400).
      return needsSite(url.split('?')[0]!) ? false : whole.fastPath(req, res);
    },
    { stats: () => sum([whole, ...bySite.values()].map((p) => p.fastPath.stats())) },
  );
  const all = [whole, ...bySite.values()];
  return {
    app,
    fastPath,
    readStats: () => {
      const stats = all.map((p) => p.readStats());
      return { cache: sum(stats.map((s) => s.cache)), fastPath: sum(stats.map((s) => s.fastPath)) };
    },
    live: {
      ...whole.live,
      close: () => all.forEach((p) => p.live.close()),
    },
  };
}

/** /admin on a server of many sites: a link to each site's desk. */
function deskIndex(names: readonly string[]): string {
  const esc = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const links = names.map((name) => `<li><a href="/admin?site=${encodeURIComponent(name)}">${esc(name)}</a></li>`).join('');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Parley moderation</title><h1>Parley moderation</h1><p>This server serves many sites; each has its own desk:</p><ul>${links}</ul></html>`;
}

function siteInBody(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    const site = body && typeof body === 'object' ? (body as { site?: unknown }).site : undefined;
    return typeof site === 'string' ? site : undefined;
  } catch {
    return undefined; // the site's app words the bad JSON, once a site is named
  }
}

/** Counters added up, key by key. */
function sum<T extends object>(items: readonly T[]): T {
  const out: Record<string, number> = {};
  for (const item of items) for (const [k, v] of Object.entries(item)) out[k] = (out[k] ?? 0) + (v as number);
  return out as T;
}
