// GET /t and POST /t (issue 18): the thread rendered on the server, for search engines, readers
// without JavaScript and static site generators, and a plain form that posts through the same use
// case as POST /api/v1/comments (comments/post.ts: idempotency, checks, moderation, notifications).
//
// - GET /t?thread=ID[&title=&lang=&url=&cursor=&replyto=]: a page of its own (no script at all),
//   with a fresh form token and idempotency key in the form, so it is `no-store`.
// - GET /t?thread=ID&fragment=1: the thread's markup only, for a build step or a server-side
//   include; no form (a token in a page built hours earlier would be stale), a link to /t instead.
//   The same for every reader: ETag from the thread's version, like the JSON read.
// - POST /t, form-encoded: 303 to the page at #comment-ID; a held comment's author sees it through
//   a signed `held` parameter (no cookies); errors come back in the page with the text kept.
import { threadClosing } from '../comments/closing.ts';
import { Hono, type Context } from 'hono';
import { nanoid } from 'nanoid';
import { checkDraft, normalizeDraft } from '../../core/checks.ts';
import { ERROR_STATUS } from '../../core/errors.ts';
import type { Strings } from '../../core/i18n/en.ts';
import { clampLimit, LIMITS } from '../../core/limits.ts';
import { countHeading, problemMessage } from '../../core/strings.ts';
import type { DraftField, PublicComment } from '../../core/types.ts';
import { allowedArticleUrl, pageOfThread } from '../comments/article-cache.ts';
import { postComment } from '../comments/post.ts';
import { resolveThread } from '../comments/thread-aliases.ts';
import { hmac, makeFormToken, sameSecret } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { mediaType, originAllowed, readBodyText, sender } from '../http.ts';
import { decodeCursor, encodeCursor, toPublic } from '../present.ts';
import { stringsFor } from '../thread-page/languages.ts';
import { fragmentTail, renderDocument, renderForm, renderNotice, renderThread, type FormView, type ThreadView } from '../thread-page/render.ts';
import { rootPage } from '../comments/thread-page.ts';
import { matches, READ_CACHE_CONTROL, requireThread } from './comments-read.ts';

const FIELDS: readonly DraftField[] = ['text', 'name', 'email', 'website'];

/** What a /t address carries besides the thread, kept on every link and through the form. */
interface PageParams {
  thread: string;
  title: string;
  lang: string;
  url: string;
  /** The fragment's theme (`light` by default: its colours must suit a page we cannot see), the page's `auto`. */
  theme: 'light' | 'dark' | 'auto' | '';
}

/** The fragment's markup revision, in its ETag: 2 since the owner's badge and "Pinned" (issue 16 item 4). */
const MARKUP = 'markup:2';

/** The article title as a heading may show it: no control or format characters, 300 at most. */
const cleanTitle = (title: string | undefined) => (title ?? '').replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 300);

/** The signed `held` parameter: only the poster's 303 carries it, so only they see their held comment. */
const heldMark = (secret: string, id: string) => `${id}.${hmac(secret, `held:${id}`).slice(0, 22)}`;

export function threadPageRoutes(deps: Deps): Hono {
  const { store, settings } = deps;
  const app = new Hono();

  /** Where the page links go: relative on the page, absolute in a fragment (it lives on another site). */
  const linker = (c: Context, params: PageParams, absolute: boolean) => (extra: Record<string, string> = {}) => {
    const query = new URLSearchParams({ thread: params.thread });
    // Many sites (issue 19): every link names the page's site, as the request did.
    if (deps.options.site !== undefined) query.set('site', deps.options.site);
    if (params.title) query.set('title', params.title);
    if (params.lang !== 'en') query.set('lang', params.lang);
    if (params.url) query.set('url', params.url);
    if (params.theme) query.set('theme', params.theme);
    for (const [k, v] of Object.entries(extra)) query.set(k, v);
    const base = absolute ? (settings.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '') : '';
    return `${base}/t?${query}`;
  };

  /**
   * The article's address, the page's canonical URL: `url` when it is the thread's own page on an
   * allowed origin (the same test as the article fetch), else the first allowed origin and the
   * thread's path, else none.
   */
  const canonicalOf = (params: PageParams): string | null => {
    if (params.url && allowedArticleUrl(params.url, settings.origins) && pageOfThread(params.url, params.thread)) return params.url;
    if (params.thread.startsWith('/') && settings.origins[0]) return settings.origins[0].replace(/\/+$/, '') + params.thread;
    return null;
  };

  const paramsOf = (raw: Record<string, string | undefined>): PageParams => {
    const strings = stringsFor(raw.lang);
    const url = raw.url && /^https?:\/\//i.test(raw.url) && raw.url.length <= 2000 ? raw.url : '';
    const theme = raw.theme === 'light' || raw.theme === 'dark' || raw.theme === 'auto' ? raw.theme : '';
    return { thread: requireThread(raw.thread), title: cleanTitle(raw.title), lang: strings.lang, url, theme };
  };

  async function threadView(c: Context, params: PageParams, { cursor, absolute }: { cursor?: number; absolute: boolean }): Promise<ThreadView> {
    const thread = await resolveThread(store, params.thread);
    const { closed } = await threadClosing(deps, thread);
    const page = await rootPage(deps.store, thread, 'oldest', clampLimit(undefined), cursor, { badge: settings.ownerBadge, readerMail: deps.readerMail, closed });
    return {
      title: params.title,
      count: page.thread.count,
      comments: page.comments,
      nextCursor: page.nextCursor,
      closed: page.thread.closed ?? false,
      theme: params.theme || (absolute ? 'light' : 'auto'),
      strings: stringsFor(params.lang),
      link: linker(c, params, absolute),
    };
  }

  /** The whole /t page: thread, notice, form (fresh token and key unless given), as a document. */
  async function pageHtml(
    c: Context,
    params: PageParams,
    view: ThreadView,
    form: { parent: PublicComment | null; values?: Partial<Record<DraftField, string>>; errors?: FormView['errors']; message?: string; token?: string },
    notice = '',
  ): Promise<string> {
    const s = view.strings;
    const secret = await deps.secret();
    const formView: FormView = {
      thread: params.thread,
      parent: form.parent,
      values: { text: '', name: '', email: '', website: '', ...form.values },
      errors: form.errors ?? {},
      message: form.message ?? '',
      token: form.token ?? makeFormToken(secret, params.thread, Math.floor(deps.now() / 1000)),
      key: nanoid(),
      title: params.title,
      lang: params.lang,
      url: params.url,
      theme: params.theme,
      site: deps.options.site,
    };
    const body = notice + renderThread(view, renderForm(formView, s, view.link()));
    return renderDocument({ title: countTitle(view), canonical: canonicalOf(params), body, s, theme: view.theme });
  }

  /** The page's headers: no script may run, only allowed origins may frame it (issue 18). */
  const pageHeaders = (c: Context) => {
    const ancestors = ["'self'", ...settings.origins.map((o) => o.replace(/\/+$/, ''))].join(' ');
    c.header('Content-Security-Policy', `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors ${ancestors}`);
    c.header('X-Content-Type-Options', 'nosniff');
    // A fresh form token and idempotency key in every page: never one from a cache.
    c.header('Cache-Control', 'no-store');
  };

  app.get('/t', async (c) => {
    const q = c.req.query();
    const params = paramsOf(q);
    const cursor = decodeCursor(q.cursor) ?? undefined;
    if (q.fragment === '1') return fragment(c, params, cursor);

    const view = await threadView(c, params, { cursor, absolute: false });
    const secret = await deps.secret();
    let parent: PublicComment | null = null;
    if (q.replyto) {
      const row = await store.comments.get(q.replyto);
      if (row && row.status === 'published' && row.thread === (await resolveThread(store, params.thread))) parent = toPublic(row, settings.ownerBadge);
    }
    // The poster's own held comment, shown to whoever holds the signed mark of its id.
    let notice = '';
    const [heldId] = (q.held ?? '').split('.');
    if (heldId && sameSecret(q.held!, heldMark(secret, heldId))) {
      const row = await store.comments.get(heldId);
      if (row && (row.status === 'pending' || row.status === 'spam')) notice = renderNotice(view.strings.awaiting, toPublic(row, settings.ownerBadge), view);
    }
    pageHeaders(c);
    return c.html(await pageHtml(c, params, view, { parent }, notice));
  });

  async function fragment(c: Context, params: PageParams, cursor: number | undefined) {
    const thread = await resolveThread(store, params.thread);
    const version = await store.threads.version(thread);
    // Closing by age writes nothing, so the version alone would keep offering the form (closing.ts).
    const closed = (await threadClosing(deps, thread)).closed ? ['closed'] : [];
    // The owner's label is in the markup (a new --owner-badge is a new tag), and so, since the badge
    // and "Pinned" marks came (MARKUP), is the markup's own revision: a kept fragment from before them
    // is not confirmed by a 304. Many sites: `/about` of two sites at one version are two fragments.
    const site = deps.options.site === undefined ? [] : [`site:${deps.options.site}`];
    const key = JSON.stringify([version, thread, params, cursor ?? null, settings.publicUrl ?? new URL(c.req.url).origin, ...closed, MARKUP, settings.ownerBadge, ...site]);
    const etag = `W/"${hmac(await deps.secret(), `fragment:${key}`).slice(0, 22)}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', READ_CACHE_CONTROL);
    // Anyone may include it, from a build step or a page's own script: it is public and takes no credentials.
    c.header('Access-Control-Allow-Origin', '*');
    c.header('X-Content-Type-Options', 'nosniff');
    if (matches(c, etag)) return c.body(null, 304);
    const view = await threadView(c, params, { cursor, absolute: true });
    return c.html(renderThread(view, fragmentTail(view)));
  }

  app.post('/t', async (c) => {
    const type = mediaType(c);
    if (type !== 'application/x-www-form-urlencoded') {
      throw new ApiError('unsupported_media_type', 'Send the form as application/x-www-form-urlencoded, as a browser does.');
    }
    const origin = c.req.header('origin');
    // A browser form from a page this server does not serve nor allow (DESIGN "CORS").
    if (!originAllowed(settings.origins, origin === 'null' ? undefined : origin, c)) {
      throw new ApiError('origin_not_allowed', `Posting from ${origin} is not allowed; the server owner can add it with --origin.`);
    }
    const text = await readBodyText(c, LIMITS.bodyBytes);
    if (text === null) throw new ApiError('too_large', `The form is too large: at most ${LIMITS.bodyBytes} bytes.`);
    const form = new URLSearchParams(text);
    const get = (name: string) => form.get(name) ?? '';
    const params = paramsOf({ thread: get('thread'), title: get('title'), lang: get('lang'), url: get('url'), theme: get('theme') });
    const values = Object.fromEntries(FIELDS.map((f) => [f, get(f)])) as Record<DraftField, string>;
    // The API's body, from the form: what the widget sends as JSON (NewComment). The page made the
    // token and the key; no author key (that lives in the widget's localStorage, and there are no cookies).
    const body = {
      thread: params.thread,
      parent: get('parent') || null,
      ...values,
      url: params.url || undefined,
      idempotencyKey: get('key'),
      form: { hp: get('hp'), token: get('token') },
    };
    try {
      const { comment, outcome } = await postComment(deps, { body, ...sender(deps, c) });
      c.header('Cache-Control', 'no-store');
      const link = linker(c, params, false);
      if (outcome === 'held') return c.redirect(`${link({ held: heldMark(await deps.secret(), comment.id) })}#comment-${comment.id}`, 303);
      return c.redirect(`${link(await pageOf(comment.thread, comment.root))}#comment-${comment.id}`, 303);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const view = await threadView(c, params, { absolute: false });
      const s = view.strings;
      const parentRow = body.parent ? await store.comments.get(body.parent) : null;
      const parent = parentRow && parentRow.status === 'published' ? toPublic(parentRow, settings.ownerBadge) : null;
      const errors = error.code === 'invalid' ? fieldErrors(values, error.fields ?? {}, s) : {};
      const message = error.code === 'invalid' ? [s.fixErrors, error.fields?.parent, error.fields?.thread].filter(Boolean).join(' ') : error.message;
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      pageHeaders(c);
      // The token the reader's page came with, so the time they spent writing still counts.
      return c.html(await pageHtml(c, params, view, { parent, values, errors, message, token: get('token') || undefined }), ERROR_STATUS[error.code] as 400);
    }
  });

  /** The `cursor` of the page that shows the tree of `root`: none when it is on the first page. */
  async function pageOf(thread: string, rootId: string): Promise<Record<string, string>> {
    const first = await store.threads.listRoots(thread, { limit: clampLimit(undefined), sort: 'oldest' });
    if (first.some((r) => r.id === rootId)) return {};
    const root = await store.comments.get(rootId);
    // A pinned root (issue 16 item 4) is on the first page, before the others.
    if (root && root.pinnedAt !== null) return {};
    return root ? { cursor: encodeCursor(root.seq - 1) } : {};
  }

  return app;
}

/** The page's <title>: its count heading ("15 thoughts on “Title”"). */
const countTitle = (view: ThreadView) => countHeading(view.count, view.title, view.strings);

/** The fields' problems in the page's language (core checks, as the widget words them), else the API's sentence. */
function fieldErrors(values: Record<DraftField, string>, apiFields: Record<string, string>, s: Strings): FormView['errors'] {
  const problems = checkDraft(normalizeDraft(values));
  const out: FormView['errors'] = {};
  for (const field of FIELDS) {
    const problem = problems[field];
    if (problem) out[field] = problemMessage(field, problem, s);
    else if (apiFields[field]) out[field] = apiFields[field];
  }
  return out;
}
