// The Parley server over HTTP (DESIGN "The HTTP API"): the default backend and the only one inside
// the one-file embed, so every byte here counts against its 10 KB. No retries here: the widget decides
// on Retry from `BackendError.retryable`, and a retried post is safe because it carries its idempotency key.
import { isApiErrorBody } from '../core/errors.ts';
import type { NewComment, PageRequest, Posted, PublicComment, ThreadPage } from '../core/types.ts';
import { BackendError, type Backend, type BackendErrorCode } from './backend.ts';

export interface HttpOptions {
  /** The server's origin or base URL (`https://comments.example.com`, `https://example.com/parley/`). */
  api: string;
  /** Injectable for tests (e.g. Hono's `app.request`) and for runtimes without a global fetch. */
  fetch?: typeof globalThis.fetch;
  /** A request that takes longer is aborted and reported as `network`. */
  timeoutMs?: number;
}

type Query = Record<string, string | number | undefined | string[]>;

/**
 * A Backend talking to a Parley server.
 *
 * @example
 * const backend = createHttpBackend({ api: 'https://comments.example.com' });
 * const page = await backend.list('/2024/05/putin-china');
 */
export function createHttpBackend({ api, fetch = globalThis.fetch, timeoutMs = 15_000 }: HttpOptions): Backend {
  // Tolerate a trailing slash and an address that already names the API root.
  const base = `${api.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}/api/v1`;

  async function call<T>(method: string, path: string, query?: Query | null, body?: unknown, token?: string): Promise<T> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) {
      for (const v of ([] as unknown[]).concat(value ?? [])) search.append(name, String(v));
    }
    const headers: Record<string, string> = {};
    if (body) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    // AbortController rather than AbortSignal.timeout(): the latter is missing from Safari before 16.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(base + path + (`${search}` ? `?${search}` : ''), {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        signal: abort.signal,
      });
      // Reading the body is inside the timeout too: a server can stall after the headers.
      text = await response.text();
    } catch {
      // A TypeError from fetch says nothing useful (offline, DNS, CORS and abort all look alike).
      throw new BackendError('network', 'The comment server could not be reached. Check your connection and try again.');
    } finally {
      clearTimeout(timer);
    }
    const { status } = response;
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: a proxy's error page, or an `api` address that points at an ordinary web page.
    }
    if (response.ok && (data !== undefined || status === 204)) return data as T;
    if (isApiErrorBody(data)) {
      const { code, message, fields } = data.error;
      const after = response.headers.get('retry-after');
      // Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3).
      const seconds = after ? (isNaN(+after) ? (Date.parse(after) - Date.now()) / 1000 : +after) : NaN;
      throw new BackendError(code, message, { status, fields, retryAfter: seconds >= 0 ? Math.ceil(seconds) : seconds < 0 ? 0 : undefined });
    }
    const code: BackendErrorCode = status === 429 ? 'rate_limited' : status === 404 ? 'not_found' : 'unavailable';
    throw new BackendError(
      code,
      response.ok || status === 404
        ? `The address ${base} did not answer like a Parley server (HTTP ${status}). Check the widget's data-api setting.`
        : `The comment server is not available right now (HTTP ${status}). Please try again in a moment.`,
      { status },
    );
  }

  const comment = (id: string) => `/comments/${encodeURIComponent(id)}`;

  return {
    list: (thread: string, page: PageRequest = {}) => call<ThreadPage>('GET', '/comments', { thread, ...page }),

    replies: (parent: string, page: { cursor?: string; thread?: string } = {}) =>
      call<ThreadPage>('GET', '/comments', { thread: page.thread, parent, cursor: page.cursor }),

    post: (draft: NewComment) => call<Posted>('POST', '/comments', null, draft),

    edit: (id: string, token: string, text: string) => call<PublicComment>('PATCH', comment(id), null, { text }, token),

    remove: (id: string, token: string) => call<void>('DELETE', comment(id), null, undefined, token),

    async counts(threads: string[]) {
      // The server answers at most 100 threads a call (DESIGN); a longer list is asked for in slices.
      const slices: string[][] = [];
      for (let i = 0; i < threads.length; i += 100) slices.push(threads.slice(i, i + 100));
      const answers = await Promise.all(slices.map((thread) => call<{ counts: Record<string, number> }>('GET', '/counts', { thread })));
      return Object.assign({}, ...answers.map((a) => a.counts)) as Record<string, number>;
    },

    formToken: async (thread: string) => (await call<{ token: string }>('GET', '/form', { thread })).token,
  };
}
