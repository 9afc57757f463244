// A Backend over the WordPress REST API (`/wp-json/wp/v2/comments`), for a WordPress site that wants
// Parley's widget in place of its theme's comment form. The WpComment → PublicComment mapping lives
// here and nowhere else (STYLE: giscus keeps foreign wire types in one adapter file).
//
// What WordPress needs, and what it cannot do:
// - Visitors may post only if the site allows anonymous REST comments. WordPress refuses them by
//   default (401 `rest_comment_login_required`); a site enables them with one line in a plugin or
//   the theme's functions.php:  add_filter( 'rest_allow_anonymous_comments', '__return_true' );
//   The site's Discussion settings (moderation, "comment must be manually approved", the
//   disallowed-keys list, Akismet) still decide whether a comment is approved or held.
// - No idempotency: WordPress has no key to send. This adapter remembers, per tab (sessionStorage),
//   which comment each idempotencyKey produced, so a retry after an answered post returns the same
//   comment. A retry after a LOST response (the comment was stored, the answer never arrived) is
//   sent again; WordPress's own duplicate check then answers 409 `comment_duplicate`, and the
//   adapter returns the comment only if it can find it in the public list (an approved one). A held
//   one it cannot see, so the reader gets `duplicate`. If the site turned that check off, such a
//   retry makes a second comment.
// - No editing or deleting by visitors (WordPress needs a logged-in user with edit_comment), so
//   there is no edit/remove and the edit token unlocks nothing.
// - No form token: WordPress has its own spam defence (Akismet, the Discussion settings).
// - `limit` counts top-level comments, but WordPress pages all comments alike: the adapter asks for
//   roots (`parent=0`) and then their replies level by level (`parent[]=…`), one request per level
//   and per 100 parents. WordPress allows at most 100 a page, so `limit` is capped at 100.
import { checkDraft, normalizeDraft } from '../core/checks.ts';
import { clampLimit, LIMITS } from '../core/limits.ts';
import { readOffset } from '../core/paging.ts';
import { problemMessage } from '../core/strings.ts';
import type { DraftField, NewComment, Outcome, PageRequest, Posted, PublicComment, ThreadPage } from '../core/types.ts';
import { BackendError, type Backend, type BackendErrorCode } from './backend.ts';

export interface WordPressOptions {
  /**
   * The site's REST API root as WordPress names it (`https://blog.example.org/wp-json/`, or
   * `https://blog.example.org/index.php?rest_route=/` with Plain permalinks), or the site's address
   * (`https://blog.example.org`), which is asked through `?rest_route=`: that works whatever the
   * permalinks. `apiRoot()` finds the root from a page.
   */
  api: string;
  /** Injectable for tests and for runtimes without a global fetch. */
  fetch?: typeof globalThis.fetch;
  /** A request that takes longer is aborted and reported as `network`. */
  timeoutMs?: number;
  /**
   * The WordPress post a thread belongs to. Default: a numeric thread id as-is, `?p=ID` or
   * `?page_id=ID` in the thread, else the post (or page) whose slug is the thread's last path segment.
   * Return 0 when there is none.
   */
  postId?: (thread: string) => number | Promise<number>;
  /** Where idempotency keys are remembered; default sessionStorage (one tab), else memory. */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Replies a page carries before `more` cursors take over (DESIGN: 500). */
  repliesPerPage?: number;
}

/** The fields of a WordPress REST comment this adapter reads (context `view`). */
export interface WpComment {
  id: number;
  post: number;
  parent: number;
  author: number;
  author_name: string;
  author_url: string;
  date_gmt: string;
  content: { rendered: string };
  status: string;
}

/** The fields of a WordPress post or page this adapter reads. */
interface WpPost {
  id: number;
  comment_status?: string;
}

interface WpError {
  code?: string;
  message?: string;
  data?: { status?: number; params?: Record<string, string> };
}

interface Answer<T> {
  data: T;
  headers: Headers;
}

type Query = Record<string, string | number | number[] | undefined>;

/** What this tab remembers of a key: the draft's fingerprint, and the answer once there was one. */
interface Sent {
  b: string;
  p?: Posted;
}

// WordPress's request fields, by the draft field they carry (for `rest_invalid_param`).
const PARAM_FIELD: Record<string, string> = { content: 'text', author_name: 'name', author_email: 'email', author_url: 'website', parent: 'parent' };
// WordPress error codes that are about one field of the draft.
const CODE_FIELD: Record<string, DraftField> = {
  rest_comment_content_invalid: 'text',
  comment_content_column_length: 'text',
  rest_comment_author_invalid: 'name',
  rest_comment_invalid_author: 'name',
  comment_author_column_length: 'name',
  rest_comment_author_data_required: 'name',
  rest_invalid_email: 'email',
  comment_author_email_column_length: 'email',
  comment_author_url_column_length: 'website',
};
const FIX = 'Please correct the marked fields.';

/** FNV-1a, 32 bits, in base 36: a short stable seed, not a secret. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const BLOCK = /^(P|DIV|BLOCKQUOTE|LI|UL|OL|H[1-6]|PRE|TABLE|TR|FIGURE|HR)$/;

/**
 * `content.rendered` (HTML that WordPress filtered with wpautop, kses, smilies…) → the plain text
 * the widget renders (DESIGN promise 3: no markup from a comment reaches the DOM). DOMParser builds
 * an inert document: no script runs, no image loads, no handler fires. Paragraphs become blank
 * lines, <br> a newline, entities are decoded, smiley images become their alt text, and a link
 * whose text is not its address keeps the address in brackets so the widget can link it again.
 * Browser only (like local-storage.ts): it needs DOMParser, which a regex could not replace safely.
 */
export function htmlToText(html: string): string {
  let out = '';
  const walk = (node: Node) => {
    node.childNodes.forEach((n) => {
      if (n.nodeType == 3) out += n.nodeValue!.replace(/\s+/g, ' ');
      else if (n.nodeType == 1) {
        const el = n as Element;
        const tag = el.tagName;
        if (tag == 'BR') out += '\n';
        else if (tag == 'IMG') out += el.getAttribute('alt') ?? '';
        else if (!/^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT)$/.test(tag)) {
          const block = BLOCK.test(tag);
          if (block) out += '\n\n';
          const before = out.length;
          walk(el);
          const href = tag == 'A' && el.getAttribute('href');
          if (href && /^https?:\/\//i.test(href) && out.slice(before).trim() != href) out += ` (${href})`;
          if (block) out += '\n\n';
        }
      }
    });
  };
  walk(new DOMParser().parseFromString(html, 'text/html').body);
  return tidy(out);
}

/**
 * Plain text as WordPress must receive it (issue 20, bug 1): WordPress reads `content` and
 * `author_name` as HTML and filters it for visitors (kses), so a typed `<` would start a tag that is
 * cut away, and `<b>` would become bold. Escaped, WordPress stores and shows exactly what was typed.
 */
export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** WordPress keeps names HTML-escaped (`Tom &amp; Jerry`) and answers them so: the name as typed. */
const nameText = (html: string) => (/[&<]/.test(html) ? new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '' : html);

const tidy = (text: string) => text.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/\n{3,}/g, '\n\n').trim();

/** Whether an address is a REST API root already: `…/wp-json[/wp/v2]` or `…?rest_route=…`. */
const isRoot = (api: string) => /\/wp-json(\/wp\/v2)?\/?$/.test(new URL(api, 'http://x').pathname) || /[?&]rest_route=/.test(api);

/**
 * The REST API root to use for a page (issue 20). `api` is the script's `data-api` (the site or its
 * root; may be empty), `link` the page's `<link rel="https://api.w.org/" href>`, which WordPress
 * prints into every page's head in the form its permalinks need, `origin` the page's origin. A root
 * is taken as given; otherwise the page's link, when it is that site's; otherwise the site's
 * `index.php?rest_route=/`, which every WordPress answers: `/wp-json/` needs pretty permalinks (with
 * WordPress's default, Plain, it redirects to an HTML page).
 * @example apiRoot('', document.querySelector('link[rel="https://api.w.org/"]')?.href, location.origin)
 */
export function apiRoot(api: string, link: string | null | undefined, origin: string): string {
  if (api && isRoot(api)) return api;
  const site = (api || origin).replace(/\/+$/, '');
  if (link && (!api || link.startsWith(`${site}/`))) return link;
  return `${site}/index.php?rest_route=/`;
}

/** One WordPress comment as Parley's PublicComment. Drops everything else: email, IP, gravatar URLs. */
export function fromWp(c: WpComment, thread: string): PublicComment {
  return {
    id: String(c.id),
    thread,
    parent: c.parent ? String(c.parent) : null,
    // Not author_avatar_urls: a Gravatar URL is an MD5 of the email (promise 1) on a third-party
    // host (DESIGN: no images). The seed is a hash of what is public anyway: the name and user id.
    author: { name: nameText(c.author_name), website: c.author_url || null, avatar: hash(`${c.author_name}\n${c.author}`) },
    text: htmlToText(c.content.rendered),
    // WordPress's comments are its HTML, read as text: plain (the adapter is plainOnly).
    format: 'plain',
    // WordPress gives GMT without a zone ("2017-02-14T00:00:00").
    createdAt: `${c.date_gmt}Z`,
    editedAt: null,
  };
}

/** Memory, for a tab whose sessionStorage is missing or refused (sandboxed frames, some privacy modes). */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

function defaultStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  try {
    if (globalThis.sessionStorage) return globalThis.sessionStorage;
  } catch {
    // Reading `sessionStorage` throws where storage is blocked.
  }
  return memoryStorage();
}

/**
 * @example
 * // In WordPress: add_filter( 'rest_allow_anonymous_comments', '__return_true' );
 * const backend = createWordPressBackend({ api: 'https://blog.example.org' });
 * mount(el, { backend, thread: location.pathname });
 */
export function createWordPressBackend({
  api,
  fetch = globalThis.fetch,
  timeoutMs = 15_000,
  postId,
  storage = defaultStorage(),
  repliesPerPage = LIMITS.repliesPerPage,
}: WordPressOptions): Backend {
  const root = apiRoot(api, null, '');
  // The site itself (origin and the path WordPress lives under): the same whichever form the root has.
  const at = new URL(root);
  const site = at.origin + (at.searchParams.has('rest_route') ? at.pathname.replace(/index\.php$/, '') : at.pathname.replace(/\/wp-json(\/wp\/v2)?\/?$/, '')).replace(/\/+$/, '');
  /** The address of a `wp/v2` route, in the root's own form (a path, or the rest_route parameter). */
  function address(path: string, search: URLSearchParams): string {
    const url = new URL(root);
    const route = url.searchParams.get('rest_route');
    const v2 = (at: string) => `${at.replace(/\/+$/, '').replace(/\/wp\/v2$/, '')}/wp/v2${path}`;
    if (route === null) url.pathname = v2(url.pathname);
    else url.searchParams.set('rest_route', v2(route));
    for (const [name, value] of search) url.searchParams.append(name, value);
    return url.href;
  }

  async function call<T>(method: string, path: string, query: Query, body?: unknown): Promise<Answer<T>> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (Array.isArray(value)) for (const v of value) search.append(`${name}[]`, String(v));
      else if (value !== undefined) search.append(name, String(value));
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(address(path, search), {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
        signal: abort.signal,
      });
      text = await response.text();
    } catch {
      throw new BackendError('network', 'The WordPress site could not be reached. Check your connection and try again.');
    } finally {
      clearTimeout(timer);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      // Not JSON: a proxy's error page, or an address that is not a WordPress site.
    }
    const { status } = response;
    if (response.ok && data !== undefined) return { data: data as T, headers: response.headers };
    throw wpError(status, data as WpError | undefined, response.headers);
  }

  function wpError(status: number, error: WpError | undefined, headers: Headers): BackendError {
    const code = error?.code ?? '';
    const message = error?.message || `The WordPress site at ${site} did not answer as expected (HTTP ${status}).`;
    const fields: Record<string, string> = {};
    for (const [param, text] of Object.entries(error?.data?.params ?? {})) fields[PARAM_FIELD[param] ?? param] = text;
    if (CODE_FIELD[code]) fields[CODE_FIELD[code]] = message;
    if (code == 'rest_comment_author_data_required') fields.email = message;
    if (Object.keys(fields).length) return new BackendError('invalid', FIX, { status: 400, fields });
    if (code == 'comment_duplicate') return new BackendError('duplicate', message, { status: 409 });
    // A post closed (or auto-closed by age) after the thread loaded: WordPress's own words, in its language.
    if (code == 'rest_comment_closed') return new BackendError('thread_closed', message, { status: 403 });
    if (code == 'rest_comment_login_required') {
      return new BackendError(
        'unauthorized',
        'This WordPress site takes comments only from logged-in users. Its owner can allow visitors with the rest_allow_anonymous_comments filter.',
        { status },
      );
    }
    const after = headers.get('retry-after');
    const known: BackendErrorCode | 0 =
      code == 'comment_flood' || status == 429
        ? 'rate_limited'
        : status == 404 || code == 'rest_comment_invalid_post_id'
          ? 'not_found'
          : status == 401 || status == 403
            ? 'unauthorized'
            : status >= 400 && status < 500 && code
              ? 'invalid'
              : 0;
    if (known) return new BackendError(known, message, { status, retryAfter: after && +after >= 0 ? +after : undefined });
    return new BackendError('unavailable', `The WordPress site is not available right now (HTTP ${status}). Please try again in a moment.`, { status });
  }

  const get = <T>(path: string, query: Query) => call<T>('GET', path, query);
  const total = (a: Answer<unknown>) => Number(a.headers.get('x-wp-total')) || 0;

  // Thread → post id, once per thread and page view; a failed look-up is asked again next time.
  const posts = new Map<string, Promise<number>>();
  function postOf(thread: string): Promise<number> {
    let id = posts.get(thread);
    if (!id) {
      id = Promise.resolve(postId ? postId(thread) : guess(thread)).then((n) => (n > 0 ? n : 0));
      posts.set(thread, id);
      id.catch(() => posts.delete(thread));
    }
    return id;
  }
  async function guess(thread: string): Promise<number> {
    if (/^\d+$/.test(thread)) return +thread;
    const [path = '', query = ''] = thread.split('#')[0]!.split('?');
    // WordPress's plain permalinks: /?p=4 (a post), /?page_id=2 (a page).
    const q = new URLSearchParams(query);
    const n = q.get('p') ?? q.get('page_id');
    if (n && /^\d+$/.test(n)) return +n;
    const slug = path.split('/').filter(Boolean).pop();
    if (!slug) return 0;
    // Posts first, then pages: one request for the usual case.
    for (const type of ['/posts', '/pages']) {
      const found = await get<WpPost[]>(type, { slug, _fields: 'id,comment_status' });
      const post = found.data[0];
      if (post) {
        statuses.set(post.id, Promise.resolve(post.comment_status));
        return post.id;
      }
    }
    return 0;
  }

  // Whether a post takes comments (issue 20, bug 4): its comment_status, read when its thread loads,
  // once per post and page view (a slug look-up brings it along). `include`, not /posts/ID, so a page
  // asked as a post is an empty list, not a 404 in the console. A post neither list shows (a custom
  // type, a private post) or a failed look-up leaves it unknown: WordPress's rest_comment_closed
  // still answers a post to a closed one.
  const statuses = new Map<number, Promise<string | undefined>>();
  function closedOf(id: number): Promise<boolean | undefined> {
    let status = statuses.get(id);
    if (!status) {
      status = (async () => {
        for (const type of ['/posts', '/pages']) {
          const found = await get<WpPost[]>(type, { include: [id], _fields: 'id,comment_status' });
          if (found.data[0]) return found.data[0].comment_status;
        }
        return undefined;
      })().catch(() => undefined);
      statuses.set(id, status);
    }
    return status.then((s) => (s ? s != 'open' : undefined));
  }

  /** The thread's published total: X-WP-Total of every approved comment of the post. */
  const count = async (id: number) => (id ? total(await get('/comments', { post: id, per_page: 1, _fields: 'id' })) : 0);

  const byDate = (a: WpComment, b: WpComment) => (a.date_gmt < b.date_gmt ? -1 : a.date_gmt > b.date_gmt ? 1 : a.id - b.id);

  /**
   * Everything below `parents`, level by level, parents before children, oldest first within a
   * level: at least `want` comments (then `all` is false) or the whole subtree. A level is always
   * fetched whole, so where it is cut the order is the same on every call (replies() relies on it).
   */
  async function below(id: number, parents: number[], want: number) {
    const out: WpComment[] = [];
    const seen = new Set(parents);
    let level = parents;
    let last: WpComment[] = [];
    while (level.length && out.length <= want) {
      const found: WpComment[] = [];
      for (let i = 0; i < level.length; i += 100) {
        const parent = level.slice(i, i + 100);
        for (let offset = 0; ; ) {
          const page = await get<WpComment[]>('/comments', { post: id, parent, per_page: 100, offset, order: 'asc', orderby: 'date_gmt' });
          // Only true children, each once: a plugin or cache that ignores `parent` must not loop us.
          found.push(...page.data.filter((c) => parent.includes(c.parent) && !seen.has(c.id) && seen.add(c.id)));
          offset += page.data.length;
          if (!page.data.length || offset >= total(page)) break;
        }
      }
      last = found.sort(byDate);
      out.push(...last);
      level = last.map((c) => c.id);
    }
    return { out, last, all: !level.length };
  }

  // In-flight posts by key, so a double click sends one request.
  const sending = new Map<string, Promise<Posted>>();
  const slot = (key: string) => `parley:wp:${site}:${key}`;
  const recall = (key: string): Sent | null => {
    try {
      return JSON.parse(storage.getItem(slot(key)) ?? 'null') as Sent | null;
    } catch {
      return null;
    }
  };
  const remember = (key: string, sent: Sent) => {
    try {
      storage.setItem(slot(key), JSON.stringify(sent));
    } catch {
      // Storage full or refused: the post still happened; only a later retry loses its protection.
    }
  };

  async function send(input: NewComment): Promise<Posted> {
    const draft = normalizeDraft(input);
    const fields: Record<string, string> = {};
    const problems = checkDraft(draft);
    for (const field in problems) fields[field] = problemMessage(field as DraftField, problems[field as DraftField]!);
    const parentMissing = 'The comment you are replying to does not exist in this thread.';
    if (draft.parent && !/^\d+$/.test(draft.parent)) fields.parent = parentMissing;
    if (Object.keys(fields).length) throw new BackendError('invalid', FIX, { status: 400, fields });

    // A fingerprint, not the draft: the email stays out of storage.
    const b = hash(JSON.stringify([draft.thread, draft.parent || 0, draft.text, draft.name, draft.email, draft.website]));
    const before = recall(draft.idempotencyKey);
    if (before && before.b != b) {
      throw new BackendError('idempotency_conflict', 'This idempotency key was already used for a different comment.', { status: 409 });
    }
    if (before?.p) return before.p;

    const id = await postOf(draft.thread);
    if (!id) throw new BackendError('not_found', 'This page has no WordPress post to comment on.', { status: 404 });
    const parent = Number(draft.parent || 0);
    if (parent) {
      // WordPress itself would accept a parent from another post, or none at all.
      const found = await get<WpComment>(`/comments/${parent}`, { _fields: 'id,post' }).catch((e: BackendError) => {
        if (e.code == 'network' || e.retryable) throw e;
        return null;
      });
      if (found?.data.post != id) throw new BackendError('invalid', FIX, { status: 400, fields: { parent: parentMissing } });
    }

    remember(draft.idempotencyKey, { b });
    let created: WpComment;
    try {
      created = (
        await call<WpComment>('POST', '/comments', {}, {
          post: id,
          parent,
          content: escapeHtml(draft.text),
          author_name: escapeHtml(draft.name),
          author_email: draft.email,
          author_url: draft.website,
        })
      ).data;
    } catch (error) {
      // A retry of a post whose answer was lost: WordPress's duplicate check caught the second copy.
      // Take it as sent only if the first copy is there to show (approved, so publicly listed).
      if (!before || (error as BackendError).code != 'duplicate') throw error;
      const recent = await get<WpComment[]>('/comments', { post: id, parent: [parent], per_page: 100, order: 'desc', orderby: 'date_gmt' });
      // WordPress may have reworded the text (curly quotes, smilies), so compare letters and digits only.
      const bare = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, '');
      const same = recent.data.find((c) => bare(nameText(c.author_name)) == bare(draft.name) && bare(htmlToText(c.content.rendered)) == bare(draft.text));
      if (!same) throw error;
      created = same;
    }
    const status: Outcome = created.status == 'approved' ? 'published' : 'held';
    const posted: Posted = { comment: fromWp(created, draft.thread), status, editToken: `wp:${created.id}` };
    remember(draft.idempotencyKey, { b, p: posted });
    return posted;
  }

  return {
    // What a reader types arrives in WordPress as typed (bug 1 of issue 20), so formatting they
    // typed would show as the characters they typed: the form offers none.
    plainOnly: true,
    async list(thread: string, request: PageRequest = {}) {
      const id = await postOf(thread);
      // A page with no post takes no comments either: the widget shows that instead of a form that must fail.
      if (!id) return { thread: { id: thread, count: 0, closed: true }, comments: [], nextCursor: null };
      const limit = Math.min(clampLimit(request.limit), 100);
      const offset = readOffset(request.cursor);
      const order = request.sort == 'newest' ? 'desc' : 'asc';
      const [roots, n, closed] = await Promise.all([
        get<WpComment[]>('/comments', { post: id, parent: 0, per_page: limit, offset, order, orderby: 'date_gmt' }),
        count(id),
        closedOf(id),
      ]);
      const tops = roots.data;
      const { out, last, all } = await below(id, tops.map((c) => c.id), repliesPerPage);
      const replies = out.slice(0, repliesPerPage);
      const result: ThreadPage = {
        thread: closed === undefined ? { id: thread, count: n } : { id: thread, count: n, closed },
        comments: [...tops, ...replies].map((c) => fromWp(c, thread)),
        nextCursor: tops.length && offset + tops.length < total(roots) ? String(offset + tops.length) : null,
      };
      if (out.length > replies.length) {
        // Which roots were cut: those with a reply that did not fit, or (when the walk stopped early)
        // with a reply in the last level fetched, whose children were not asked for. Each gets the
        // number of its replies on this page, the cursor replies() counts from.
        const rootOf = new Map<number, number>(tops.map((c) => [c.id, c.id]));
        for (const c of out) rootOf.set(c.id, rootOf.get(c.parent)!);
        const more: Record<string, string> = {};
        for (const c of [...out.slice(replies.length), ...(all ? [] : last)]) more[rootOf.get(c.id)!] = '';
        for (const r in more) more[r] = String(replies.filter((c) => rootOf.get(c.id) == +r).length);
        result.more = more;
      }
      return result;
    },

    async replies(parent: string, page: { cursor?: string; thread?: string } = {}) {
      if (!/^\d+$/.test(parent)) throw new BackendError('not_found', 'That comment does not exist.', { status: 404 });
      const thread = page.thread ?? '';
      const id = thread ? await postOf(thread) : (await get<WpComment>(`/comments/${parent}`, { _fields: 'id,post' })).data.post;
      const skip = readOffset(page.cursor);
      const [{ out, all }, n] = await Promise.all([below(id, [+parent], skip + repliesPerPage), count(id)]);
      const end = skip + repliesPerPage;
      return {
        thread: { id: thread, count: n },
        comments: out.slice(skip, end).map((c) => fromWp(c, thread)),
        nextCursor: all && out.length <= end ? null : String(end),
      };
    },

    post(draft: NewComment) {
      const key = draft.idempotencyKey;
      let pending = sending.get(key);
      if (!pending) {
        pending = send(draft).finally(() => sending.delete(key));
        sending.set(key, pending);
      }
      return pending;
    },

    // One request per thread (X-WP-Total of a one-comment page): WordPress has no batch count.
    async counts(threads: string[]) {
      const counted = await Promise.all(threads.map(async (thread) => [thread, await count(await postOf(thread))] as const));
      return Object.fromEntries(counted);
    },
  };
}
