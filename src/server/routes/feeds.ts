// Atom feeds (RFC 4287, issue 8): GET /api/v1/feed.atom?thread=ID for one thread (through its
// alias, if `parley alias` made one) and GET /api/v1/feed.atom for the whole site. Published
// comments only, newest first, at most FEED_SIZE. Public like the comment pages, so nothing here
// may carry an email or anything derived from one (DESIGN promise 1); the avatar seed is left out
// too, as a feed reader draws no avatars.
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { parse, renderHtml } from '../../core/format/index.ts';
import { hmac } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import type { StoredComment } from '../store/store.ts';
import { matches, READ_CACHE_CONTROL, requireThread } from './comments-read.ts';
import { articleTitles } from '../comments/article-cache.ts';
import { createAliasResolver } from '../comments/thread-aliases.ts';

/** Entries per feed: what a feed reader polls for, not an archive. */
export const FEED_SIZE = 50;

const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

// XML 1.0 allows no C0 controls but tab, LF and CR, no lone surrogates and no U+FFFE/U+FFFF. The
// API refuses most of these in new comments, but imported ones (WXR, Disqus) may hold anything,
// and one such character would make the whole feed unreadable.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// A raw CR would reach the reader as LF (XML normalises line ends), so it goes as a reference.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };

/** Text as XML character data or an attribute value: markup characters escaped, invalid ones replaced. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '\ufffd').replace(/[&<>"'\r]/g, (ch) => ESCAPES[ch]!);
}

const iso = (ms: number) => new Date(ms).toISOString();
const updatedOf = (c: StoredComment) => Math.max(c.createdAt, c.editedAt ?? 0);

/** An http(s) URL, or null: only those may become an author's `<uri>` (no javascript:, no data:). */
function httpUrl(value: string | null): string | null {
  if (!value || !URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/**
 * The page a thread id names on the site, or null. The comment's page URL is not stored; a thread
 * id that is a path (what the widget derives from the page's URL) is that page's path on the
 * site's first origin. An id set with data-thread ("post-42") or one that would leave the origin
 * ("//elsewhere.example/x") names no page we know.
 */
export function threadPage(origin: string | undefined, thread: string): string | null {
  if (!origin || !thread.startsWith('/') || thread.startsWith('//')) return null;
  const url = new URL(thread, origin);
  return url.origin === new URL(origin).origin ? url.href : null;
}

interface FeedInput {
  /** The thread of a per-thread feed (after alias resolution); undefined for the site-wide one. */
  thread?: string;
  comments: StoredComment[];
  /** This feed's own URL (rel=self, and its id). */
  self: string;
  /** The server's public URL (--public-url), else its origin as this request reached it, for ids. */
  api: string;
  /** The site's first configured origin, for links to the comments' pages. */
  origin?: string;
  /** The thread's article title, when its page was fetched (issue 21), else the thread id is named. */
  title?: string;
}

/** The Atom document. Entry ids name the comment, not its thread, so an alias does not change them. */
export function renderFeed({ thread, comments, self, api, origin, title }: FeedInput): string {
  const site = origin ? new URL(origin).origin : undefined;
  const page = thread === undefined ? (site ? `${site}/` : null) : threadPage(site, thread);
  // An empty feed still needs <updated>; the epoch keeps the body a function of the thread's
  // version (its ETag) rather than of the clock.
  const updated = comments.length ? Math.max(...comments.map(updatedOf)) : 0;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlText(self)}</id>`,
    `  <title>${xmlText(thread === undefined ? 'Latest comments' : title ? `Comments on “${title}”` : `Comments on ${thread}`)}</title>`,
    `  <updated>${iso(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>`,
    ...(page ? [`  <link rel="alternate" type="text/html" href="${xmlText(page)}"/>`] : []),
    '  <generator>Parley</generator>',
  ];
  for (const c of comments) {
    const link = threadPage(site, c.thread);
    const website = httpUrl(c.website);
    lines.push(
      '  <entry>',
      `    <id>${xmlText(`${api}/api/v1/comments/${encodeURIComponent(c.id)}`)}</id>`,
      `    <title type="text">${xmlText(`${c.name} on ${c.thread}`)}</title>`,
      `    <updated>${iso(updatedOf(c))}</updated>`,
      `    <published>${iso(c.createdAt)}</published>`,
      `    <author><name>${xmlText(c.name)}</name>${website ? `<uri>${xmlText(website)}</uri>` : ''}</author>`,
      ...(link ? [`    <link rel="alternate" type="text/html" href="${xmlText(`${link}#comment-${encodeURIComponent(c.id)}`)}"/>`] : []),
      // The comment as the thread shows it (issue 16): its format's tree as HTML, every string of
      // the comment escaped (README design notes, promise 3), then escaped again as Atom's html content.
      `    <content type="html">${xmlText(renderHtml(parse(c.text, c.format)))}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

export function feedRoutes(deps: Deps): Hono {
  const { store } = deps;
  const app = new Hono();
  const aliases = createAliasResolver(store);

  app.get('/feed.atom', async (c) => {
    const asked = c.req.query('thread');
    // The feed's and its entries' ids are permanent names (RFC 4287 §4.2.6): from --public-url
    // when it is set, not from the Host header, which the requester writes (issue 14).
    const api = deps.settings.publicUrl ?? new URL(c.req.url).origin;
    const origin = deps.settings.origins[0];
    // Many sites (issue 19): the feed of one site names it, in its address and in its tag.
    const site = deps.options.site;
    const siteQuery = site === undefined ? '' : `site=${encodeURIComponent(site)}`;
    if (asked === undefined) {
      // Site-wide there is no one version to ask. The 50 newest published comments are one index
      // range read, so the feed is rendered each time and its ETag is a hash of the bytes: a 304
      // still saves the transfer, and any change (an edit, a removal) changes the tag.
      const body = renderFeed({ comments: await store.threads.listRecentPublished({ limit: FEED_SIZE }), self: `${api}/api/v1/feed.atom${siteQuery && `?${siteQuery}`}`, api, origin });
      return send(c, `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`, body);
    }
    // As GET /api/v1/comments: the asked thread's version, its alias kept per version, and the
    // version of the thread it stands for is the ETag, checked before anything is read.
    const askedThread = requireThread(asked);
    const askedVersion = await store.threads.version(askedThread);
    const thread = await aliases.resolve(askedThread, askedVersion);
    const version = thread === askedThread ? askedVersion : await store.threads.version(thread);
    const self = `${api}/api/v1/feed.atom?thread=${encodeURIComponent(thread)}${siteQuery && `&${siteQuery}`}`;
    // The title is learnt when the article is fetched, which need not change the version: it is in the tag.
    const title = (await articleTitles(deps, [thread]))[thread];
    const etag = `W/"${hmac(await deps.secret(), `feed:${JSON.stringify([version, thread, api, title ?? null, ...(site === undefined ? [] : [site])])}`).slice(0, 22)}"`;
    if (matches(c, etag)) return notModified(c, etag);
    const comments = await store.threads.listRecentPublished({ thread, limit: FEED_SIZE });
    return send(c, etag, renderFeed({ thread, comments, self, api, origin, title }));
  });

  return app;
}

function notModified(c: Context, etag: string) {
  c.header('ETag', etag);
  c.header('Cache-Control', READ_CACHE_CONTROL);
  return c.body(null, 304);
}

function send(c: Context, etag: string, body: string) {
  if (matches(c, etag)) return notModified(c, etag);
  c.header('ETag', etag);
  c.header('Cache-Control', READ_CACHE_CONTROL);
  c.header('Content-Type', ATOM_TYPE);
  return c.body(body, 200);
}
