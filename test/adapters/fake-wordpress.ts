// A tiny in-memory WordPress REST API for the wordpress adapter's tests: its unit suite calls
// `fetch` directly, and the browser suite (test/browser/wordpress.test.ts) serves the same `fetch`
// over HTTP, so the built embed talks to it from a real page.
import { createHash } from 'node:crypto';
import type { WpComment } from '../../src/adapters/wordpress.ts';

/** A comment as WordPress answers it (the adapter's WpComment and the rest a real answer carries). */
export interface WpRow extends WpComment {
  date: string;
  link: string;
  type: string;
  author_avatar_urls: Record<string, string>;
  /** Kept by the fake like WordPress's database; never in a `view` answer. */
  author_email?: string;
}

export interface FakeOptions {
  /** Hold every new comment (Discussion: "Comment must be manually approved"). */
  holdAll?: boolean;
  /** The site has add_filter( 'rest_allow_anonymous_comments', '__return_true' ). Default true. */
  anonymous?: boolean;
  /** Comments to start with (the fixture). */
  seed?: WpRow[];
  /** Posts by id → slug. */
  posts?: Record<number, string>;
  /** Posts whose comment_status is `closed` (WordPress refuses their comments with rest_comment_closed). */
  closed?: number[];
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=UTF-8', ...headers } });
export const wpError = (code: string, message: string, status: number, extra: object = {}) => json({ code, message, data: { status, ...extra } }, status);

/**
 * Roughly what WordPress's comment_text filters make of a comment's content, which it takes as HTML
 * (wpautop: paragraphs and line breaks). Tags pass as they are: the real kses is in the suite against
 * a real WordPress (test/wordpress/).
 */
export const render = (html: string) =>
  html
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.replace(/\n/g, '<br />\n')}</p>\n`)
    .join('');

/**
 * A tiny in-memory WordPress REST API: posts and pages by slug, comments with WordPress's paging
 * (per_page ≤ 100, offset, X-WP-Total / X-WP-TotalPages), parent filters, approved-only reads for
 * visitors, the `view` context (no email) with Gravatar URLs, the duplicate check (409) and the
 * anonymous-comments switch.
 */
export function fakeWordPress(options: FakeOptions = {}) {
  const rows: WpRow[] = (options.seed ?? []).map((r) => ({ ...r }));
  const posts = new Map<number, string>(Object.entries(options.posts ?? {}).map(([id, slug]) => [Number(id), slug]));
  const closed = new Set(options.closed ?? []);
  for (const r of rows) if (!posts.has(r.post)) posts.set(r.post, `post-${r.post}`);
  let nextId = Math.max(100, ...rows.map((r) => r.id)) + 1;
  const seen: { method: string; url: URL; body?: Record<string, unknown> }[] = [];
  /** Throw away the answer of the next POST after storing it (a lost response). */
  let loseNextAnswer = false;
  /** Answer every request with this instead. */
  let outage: (() => Response | Promise<Response>) | null = null;

  const view = (r: WpRow) => {
    const { author_email: _, ...rest } = r;
    return rest;
  };
  const approved = (r: WpRow) => r.status === 'approved';
  const list = (url: URL) => {
    const q = url.searchParams;
    const perPage = Number(q.get('per_page') ?? 10);
    if (!(perPage >= 1 && perPage <= 100)) {
      return wpError('rest_invalid_param', 'Invalid parameter(s): per_page', 400, { params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } });
    }
    if (q.get('orderby') && !['date', 'date_gmt', 'id', 'include', 'post', 'parent', 'type'].includes(q.get('orderby')!)) {
      return wpError('rest_invalid_param', 'Invalid parameter(s): orderby', 400);
    }
    const postIds = [...q.getAll('post'), ...q.getAll('post[]')].flatMap((v) => v.split(',')).map(Number);
    const parents = [...q.getAll('parent'), ...q.getAll('parent[]')].flatMap((v) => v.split(',')).map(Number);
    let found = rows.filter((r) => approved(r) && (!postIds.length || postIds.includes(r.post)) && (!parents.length || parents.includes(r.parent)));
    // WP_Comment_Query: date_gmt, then comment_ID the same way, so equal dates sort deterministically.
    const sign = q.get('order') === 'asc' ? 1 : -1;
    found = found.sort((a, b) => sign * (a.date_gmt.localeCompare(b.date_gmt) || a.id - b.id));
    const offset = q.has('offset') ? Number(q.get('offset')) : perPage * (Number(q.get('page') ?? 1) - 1);
    const page = found.slice(offset, offset + perPage);
    const fields = q.get('_fields')?.split(',');
    const shaped = page.map((r) => (fields ? Object.fromEntries(fields.map((f) => [f, (view(r) as Record<string, unknown>)[f]])) : view(r)));
    return json(shaped, 200, { 'x-wp-total': String(found.length), 'x-wp-totalpages': String(Math.ceil(found.length / perPage)) });
  };

  const create = (body: Record<string, unknown>) => {
    if (options.anonymous === false) return wpError('rest_comment_login_required', 'Sorry, you must be logged in to comment.', 401);
    const postId = Number(body.post);
    if (!postId || !posts.has(postId)) return wpError('rest_comment_invalid_post_id', 'Sorry, you are not allowed to create this comment without a post.', 403);
    if (closed.has(postId)) return wpError('rest_comment_closed', 'Sorry, comments are closed for this item.', 403);
    const email = String(body.author_email ?? '');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      return wpError('rest_invalid_param', 'Invalid parameter(s): author_email', 400, { params: { author_email: 'Invalid email address.' } });
    }
    const content = String(body.content ?? '').trim();
    if (!content) return wpError('rest_comment_content_invalid', 'Invalid comment content.', 400);
    const name = String(body.author_name ?? '');
    // wp_allow_comment(): same post, same author (name or email), same content.
    if (rows.some((r) => r.post === postId && (r.author_name === name || r.author_email === email) && r.content.rendered === render(content))) {
      return wpError('comment_duplicate', 'Duplicate comment detected; it looks as though you’ve already said that!', 409);
    }
    const id = nextId++;
    const gravatar = createHash('md5').update(email.toLowerCase()).digest('hex');
    const row: WpRow = {
      id,
      post: postId,
      parent: Number(body.parent ?? 0),
      author: 0,
      author_name: name,
      author_url: String(body.author_url ?? ''),
      // Every comment in the same second: the id breaks the tie, as in WordPress.
      date: '2024-05-01T12:00:00',
      date_gmt: '2024-05-01T10:00:00',
      content: { rendered: render(content) },
      link: `https://blog.example.org/?p=${postId}#comment-${id}`,
      status: options.holdAll ? 'hold' : 'approved',
      type: 'comment',
      author_avatar_urls: { '48': `https://secure.gravatar.com/avatar/${gravatar}?s=48&d=mm&r=g` },
      author_email: email,
    };
    rows.push(row);
    return json(view(row), 201);
  };

  async function route(method: string, url: URL, body?: Record<string, unknown>): Promise<Response> {
    // A route is a path under /wp-json/ (pretty permalinks) or ?rest_route= (any permalinks).
    const p = (url.searchParams.get('rest_route') ?? url.pathname.replace(/^\/wp-json/, '')).replace(/^\/wp\/v2/, '');
    if (method === 'GET' && (p === '/posts' || p === '/pages')) {
      // Every post of the fake is a post, none a page; by slug or by include[]=ID.
      const slug = url.searchParams.get('slug');
      const include = url.searchParams.getAll('include[]').map(Number);
      const found =
        p === '/posts'
          ? [...posts].filter(([id, s]) => (slug === null || s === slug) && (!include.length || include.includes(id))).map(([id]) => ({ id, comment_status: closed.has(id) ? 'closed' : 'open' }))
          : [];
      return json(found, 200, { 'x-wp-total': String(found.length), 'x-wp-totalpages': found.length ? '1' : '0' });
    }
    if (method === 'GET' && p === '/comments') return list(url);
    const one = /^\/comments\/(\d+)$/.exec(p);
    if (method === 'GET' && one) {
      const row = rows.find((r) => r.id === Number(one[1]));
      if (!row) return wpError('rest_comment_invalid_id', 'Invalid comment ID.', 404);
      if (!approved(row)) return wpError('rest_cannot_read', 'Sorry, you are not allowed to read this comment.', 401);
      return json(view(row));
    }
    if (method === 'POST' && p === '/comments') return create(body ?? {});
    return wpError('rest_no_route', 'No route was found matching the URL and request method.', 404);
  }

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    seen.push({ method, url, body });
    if (outage) return outage();
    const response = await route(method, url, body);
    if (method === 'POST' && loseNextAnswer) {
      loseNextAnswer = false;
      throw new TypeError('Failed to fetch');
    }
    return response;
  };

  return {
    rows,
    posts,
    seen,
    fetch: fetch as typeof globalThis.fetch,
    /** A post per thread, made on first sight: what a site whose every article is a post looks like. */
    postFor(thread: string) {
      for (const [id, slug] of posts) if (slug === thread) return id;
      const id = nextId++;
      posts.set(id, thread);
      return id;
    },
    loseNextAnswer: () => (loseNextAnswer = true),
    outage: (respond: (() => Response | Promise<Response>) | null) => (outage = respond),
  };
}

/** A Web Storage double (sessionStorage of one tab). */
export function fakeStorage() {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

