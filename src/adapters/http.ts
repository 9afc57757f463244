// The Parley server over HTTP (DESIGN "The HTTP API"): the default backend and the only one inside
// the embed's first render, so every byte here counts against its 10,240 B. No retries here: the
// widget decides on Retry from `BackendError.retryable`, and a retried post is safe because it
// carries its idempotency key.
// Size: every method goes through one `call`, and the messages are short sentences a reader can act on.
import { isApiErrorBody } from '../core/errors.ts';
import { en } from '../core/i18n/en.ts';
import type { NewComment, PageRequest, Posted, PublicComment, ThreadPage, Vote, Votes } from '../core/types.ts';
import { BackendError, type Backend } from './backend.ts';

export interface HttpOptions {
  /** The server's origin or base URL (`https://comments.example.com`, `https://example.com/parley/`). */
  api: string;
  /** Injectable for tests (e.g. Hono's `app.request`) and for runtimes without a global fetch. */
  fetch?: typeof globalThis.fetch;
  /** A request that takes longer is aborted and reported as `network`. */
  timeoutMs?: number;
  /**
   * The site, on a server that serves many (README "Many sites on one server"): sent as `site=`
   * with every request, never guessed by the server from the page's origin.
   */
  site?: string;
}

/** Query parameters; an array repeats its name, an undefined value is left out. */
type Query = Record<string, string | number | undefined | string[]>;

type Call = ((path: string, query?: Query, method?: string, body?: object, token?: string) => Promise<any>) & { base: string; url: (path: string, query?: Query) => string };

/** One request helper for every method: URL, JSON, timeout, and errors as BackendError. */
function client({ api, fetch = globalThis.fetch, timeoutMs = 15_000, site }: HttpOptions): Call {
  // Tolerate a trailing slash and an address that already names the API root.
  const base = api.replace(/\/+$/, '').replace(/\/api\/v1$/, '') + '/api/v1';

  // Every request's address: the site first (when there is one), then the query.
  const url = (path: string, query: Query = {}) => {
    const search = new URLSearchParams(site && { site });
    for (const name in query) for (const v of [query[name]].flat()) if (v != null) search.append(name, v as string);
    return base + path + (`${search}` ? '?' + search : '');
  };

  async function call(path: string, query?: Query, method = 'GET', body?: object, token?: string): Promise<any> {
    // Only a body gets a content type, so a GET stays a "simple" request: no CORS preflight.
    const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
    if (token) headers.authorization = 'Bearer ' + token;
    // AbortController rather than AbortSignal.timeout(): the latter is missing from Safari before 16.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url(path, query), { method, headers, body: body && JSON.stringify(body), signal: abort.signal });
      // Reading the body is inside the timeout too: a server can stall after the headers.
      text = await response.text();
    } catch {
      // A TypeError from fetch says nothing useful (offline, DNS, CORS and abort all look alike).
      // A page on an origin the server refuses is told apart by the server's one answer any page
      // may read (GET /origin, issue 14); anything else is "could not be reached".
      // (Not after our own timeout: the server is slow, not refusing.)
      throw (!abort.signal.aborted && (await refusal(fetch, base))) || new BackendError('network', en.networkError);
    } finally {
      clearTimeout(timer);
    }
    const { status, ok } = response;
    let data: any;
    try {
      data = JSON.parse(text);
    } catch {
      // Empty, or not JSON: a proxy's error page, or an `api` address that points at an ordinary web page.
    }
    if (ok && (data !== undefined || status == 204)) return data;
    if (isApiErrorBody(data)) {
      const after = response.headers.get('retry-after');
      // Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3).
      const seconds = after ? (isNaN(+after) ? (Date.parse(after) - Date.now()) / 1000 : +after) : NaN;
      throw new BackendError(data.error.code, data.error.message, {
        status,
        fields: data.error.fields,
        retryAfter: seconds >= 0 ? Math.ceil(seconds) : seconds < 0 ? 0 : undefined,
      });
    }
    throw new BackendError(
      status == 429 ? 'rate_limited' : status == 404 ? 'not_found' : 'unavailable',
      ok || status == 404 ? `${base} did not answer like a Parley server (HTTP ${status}); check data-api.` : `The comment server is not available (HTTP ${status}).`,
      { status },
    );
  }

  // The API root, for what is not a fetch (the live stream's EventSource).
  call.base = base;
  call.url = url;
  return call;
}

/** The server's word that this page's origin is not allowed, or nothing (it could not be asked, or it allows it). */
const refusal = (fetch: typeof globalThis.fetch, base: string) =>
  fetch(base + '/origin').then(
    (r) => r.json().then((o) => o.allowed === false && new BackendError('origin_not_allowed', o.message, { status: 403 })),
    () => 0 as const,
  ).catch(() => 0 as const);

const comment = (id: string) => '/comments/' + encodeURIComponent(id);

/** What a reader's widget uses: read a thread, post, the form token, and edit or delete one's own. */
const reading = (call: Call) => ({
    list: (thread: string, page?: PageRequest): Promise<ThreadPage> => call('/comments', { thread, ...page }),

    replies: (parent: string, page: { cursor?: string; thread?: string } = {}): Promise<ThreadPage> =>
      call('/comments', { thread: page.thread, parent, cursor: page.cursor }),

    post: (draft: NewComment): Promise<Posted> => call('/comments', {}, 'POST', draft),

    formToken: async (thread: string) => (await call('/form', { thread })).token,

    // The answer is a PublicComment; a server that says whether the edit was held adds `status`.
    edit: (id: string, token: string, text: string): Promise<PublicComment & { status?: 'published' | 'held' }> =>
      call(comment(id), {}, 'PATCH', { text }, token),

    remove: (id: string, token: string): Promise<void> => call(comment(id), {}, 'DELETE', undefined, token),

    // Issue 16: the body as the API takes it, the answer as it gives it (no mapping: bytes of the entry).
    vote: (id: string, vote: Vote): Promise<{ votes: Votes }> => call(comment(id) + '/vote', {}, 'POST', vote),

    liveUrl: (thread: string) => call.url('/stream', { thread }),
});

/**
 * The embed's http backend: only what the widget calls (list, replies, post, formToken, edit,
 * remove, vote), without counts, which no widget uses (dist/count.js has its own request).
 * `window.Parley.createHttpBackend` in parley.js is this one; the ESM build has the full one.
 */
export const createReaderHttpBackend = (options: HttpOptions): Backend => reading(client(options));

/**
 * A Backend talking to a Parley server.
 *
 * @example
 * const backend = createHttpBackend({ api: 'https://comments.example.com' });
 * const page = await backend.list('/2024/05/putin-china');
 */
export function createHttpBackend(options: HttpOptions): Backend {
  const call = client(options);
  return {
    ...reading(call),
    async counts(threads: string[]) {
      // The server answers at most 100 threads a call (DESIGN); a longer list is asked for in slices.
      const asks = [];
      for (let i = 0; i < threads.length; i += 100) asks.push(call('/counts', { thread: threads.slice(i, i + 100) }));
      // A null-prototype object, so a thread named "__proto__" is a key like any other.
      return Object.assign(Object.create(null), ...(await Promise.all(asks)).map((a) => a.counts));
    },
  };
}
