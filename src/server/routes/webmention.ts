// POST /webmention (issue 18; W3C Webmention 3.2): `source` and `target`, form-encoded. The request
// is checked at once (both http(s) URLs, not the same, the target a page of an allowed origin) and
// answered 202 Accepted; the source is fetched and read later by the outbox worker
// (webmention/process.ts), so a slow or hostile source never holds a request open.
//
// Many sites (issue 19): a Webmention names no site, but its target is a page of one. The target's
// origin picks the site (the site whose origins hold it; an origin belongs to one site), and the
// job carries the site's name, so the worker stores the mention in that site's thread, judged by
// that site's rules. A request that does name a site (`site=`) is that site's, and its target must
// be one of that site's pages.
import { Hono } from 'hono';
import { threadIdFromUrl } from '../../core/thread-id.ts';
import { allowedArticleUrl } from '../comments/article-cache.ts';
import { clientHash } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import { siteOfUrl, siteOrigins } from '../sites/config.ts';
import { ApiError } from '../errors.ts';
import { mediaType, readBodyText } from '../http.ts';
import { windowStart } from '../store/store.ts';
import { WEBMENTION_JOB, type WebmentionJob } from '../webmention/process.ts';

/** A Webmention request is two URLs; anything much larger is not one. */
const MAX_BODY = 8 * 1024;
const MAX_URL = 2000;

export function webmentionRoutes(deps: Deps): Hono {
  const { settings, store } = deps;
  const app = new Hono();

  app.post('/webmention', async (c) => {
    if (mediaType(c) !== 'application/x-www-form-urlencoded') {
      throw new ApiError('unsupported_media_type', 'Send source and target form-encoded (Content-Type: application/x-www-form-urlencoded), as the Webmention spec asks.');
    }
    const text = await readBodyText(c, MAX_BODY);
    if (text === null) throw new ApiError('too_large', `The request body is too large: at most ${MAX_BODY} bytes.`);
    const form = new URLSearchParams(text);
    const source = form.get('source') ?? '';
    const target = form.get('target') ?? '';
    const fields: Record<string, string> = {};
    const web = (url: string) => url.length <= MAX_URL && URL.canParse(url) && /^https?:$/.test(new URL(url).protocol);
    // The site the target is a page of: the app's own (one site, or one named by site=), else, on the
    // front of many sites, the one whose origins hold the target's.
    const many = deps.options.site === undefined && settings.sites.length > 0;
    const site = many ? (web(target) ? siteOfUrl(settings.sites, target)?.name : undefined) : deps.options.site;
    if (!web(source)) fields.source = 'source must be the http(s) address of the page that mentions the target.';
    if (!web(target)) fields.target = 'target must be the http(s) address of a page of this site.';
    else if (many ? site === undefined : !allowedArticleUrl(target, settings.origins)) {
      fields.target = many
        ? `target is not a page of any site this server takes comments for: ${siteOrigins(settings.sites)}.`
        : `target is not a page of a site this server takes comments for${settings.origins.length ? ` (${settings.origins.join(', ')})` : ' (no --origin is configured)'}.`;
    }
    if (!fields.source && !fields.target && new URL(source).href === new URL(target).href) fields.source = 'source and target are the same page.';
    if (Object.keys(fields).length) throw new ApiError('invalid', 'This is not a Webmention this server accepts.', fields);

    // Each accepted request costs a fetch later: counted per client, as posts are (--posts-per-minute).
    const { postsPerMinute } = settings;
    const now = deps.now();
    if (postsPerMinute > 0) {
      const count = await store.counters.hit(`webmentions:${clientHash(await deps.secret(), deps.clientAddress(c))}`, 60, now);
      if (count > postsPerMinute) {
        const retryAfter = Math.max(1, windowStart(60, now) + 60 - Math.floor(now / 1000));
        throw new ApiError('rate_limited', `Too many Webmentions in a short time; please wait ${retryAfter} seconds and try again.`, undefined, { 'Retry-After': String(retryAfter) });
      }
    }
    const job: WebmentionJob = { source, target, thread: threadIdFromUrl(target), ...(site !== undefined && { site }) };
    await store.outbox.enqueue({ kind: WEBMENTION_JOB, payload: job, runAt: now });
    deps.onQueued?.();
    c.header('Cache-Control', 'no-store');
    return c.text('Accepted: the source will be fetched and checked shortly.\n', 202);
  });

  return app;
}
