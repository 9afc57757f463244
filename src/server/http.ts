// The HTTP plumbing every route shares: DESIGN's error shape, JSON bodies with size limits,
// bearer tokens, and the origin rules for CORS and writes.
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERROR_STATUS, errorBody } from '../core/errors.ts';
import { LIMITS } from '../core/limits.ts';
import { ApiError } from './errors.ts';

export function errorResponse(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
  return c.json(errorBody(error.code, error.message, error.fields), ERROR_STATUS[error.code] as ContentfulStatusCode);
}

/** The request's media type, lower-case, without parameters ("application/json"). */
export const mediaType = (c: Context): string => (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * The request body as text, or null when it is larger than `maxBytes`: judged by the declared
 * Content-Length first and by the bytes actually read (a chunked body declares none), reading no
 * further than the limit.
 */
export async function readBodyText(c: Context, maxBytes: number): Promise<string | null> {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = c.req.raw.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The deepest nesting a request body may have. The API's deepest body is two levels (a post's
 * `form` object); a body nested thousands of levels deep overflowed the stack of every recursive
 * walk after the parse (the idempotency fingerprint, zod) and answered 503 (issue 14).
 */
export const MAX_JSON_DEPTH = 32;

/**
 * True when `text` opens more than `max` arrays or objects inside each other. One pass over the
 * characters, no recursion; brackets inside strings (and escaped quotes) do not count.
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // a backslash: the next character is escaped
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > max) return true;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return false;
}

/**
 * Read a JSON request body: JSON only (415), at most LIMITS.bodyBytes (413), and well-formed and
 * at most MAX_JSON_DEPTH levels deep (400 invalid_json).
 */
export async function readJson(c: Context, maxBytes: number = LIMITS.bodyBytes): Promise<unknown> {
  if (mediaType(c) !== 'application/json') throw new ApiError('unsupported_media_type', 'Send the request body as JSON, with Content-Type: application/json.');
  const text = await readBodyText(c, maxBytes);
  if (text === null) throw new ApiError('too_large', `The request body is too large: at most ${maxBytes} bytes.`);
  if (nestedDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new ApiError('invalid_json', `The request body is nested too deeply: at most ${MAX_JSON_DEPTH} levels of arrays and objects.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
}

/** The token of an `Authorization: Bearer <token>` header, or ''. */
export function bearer(c: Context): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return match ? match[1]! : '';
}

/**
 * Who sent a post: the client address (deps.clientAddress), and the User-Agent and Referer headers,
 * which only Akismet is told, while it is on (issue 15). Capped: a header is no place for a novel.
 */
export function sender(deps: { clientAddress: (c: Context) => string }, c: Context): { address: string; userAgent: string; referrer: string } {
  return { address: deps.clientAddress(c), userAgent: (c.req.header('user-agent') ?? '').slice(0, 512), referrer: (c.req.header('referer') ?? '').slice(0, 2048) };
}

const WRITES = new Set(['POST', 'PATCH', 'DELETE', 'PUT']);

/** What the origin rules make of a request's Origin header. */
export type OriginVerdict = 'none' | 'allowed' | 'same-host' | 'refused';

/**
 * DESIGN "CORS" as one decision, used by the Hono middleware below and by the cached-read path
 * (fast-path.ts) alike: a configured origin is `allowed` (it gets CORS headers), the server's own
 * host is `same-host` (no CORS headers needed), any other is `refused` and logged once; a request
 * without Origin (a server, a script) is `none`. `host` is the request's Host header.
 */
export function createOriginRules(origins: readonly string[], logger?: { info(message: string): void }) {
  const allowed = new Set(origins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  const refused = refusedOriginLog(origins, logger);
  return (origin: string | undefined, host: string | undefined): OriginVerdict => {
    if (origin === undefined) return 'none';
    if (allowed.has(origin.toLowerCase())) return 'allowed';
    if (sameHost(origin, host)) return 'same-host';
    refused(origin);
    return 'refused';
  };
}

/** The CORS headers an allowed origin's GET answer carries (besides `Vary: Origin`, which every answer carries). */
export const CORS_EXPOSE_HEADERS = 'ETag, Retry-After';

/**
 * CORS headers only for configured origins, and the write guard: a browser write from any other
 * origin is refused (DESIGN "CORS"). Requests without Origin (servers, scripts) pass. The server's
 * own origin is recognised by host alone, because behind a TLS-terminating proxy the request URL
 * says http:// while the page says https://.
 */
export function originGuard(verdictOf: ReturnType<typeof createOriginRules>): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const verdict = verdictOf(origin, hostOf(c));
    const known = verdict === 'allowed';
    if (known) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
    }
    // Responses differ by Origin, so shared caches must key on it.
    c.header('Vary', 'Origin');
    if (c.req.method === 'OPTIONS') {
      if (known) {
        c.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, OPTIONS');
        c.header('Access-Control-Allow-Headers', 'Content-Type, Authorization, If-None-Match');
        c.header('Access-Control-Max-Age', '600');
      }
      // Without the headers above the browser refuses the real request; nothing else to say.
      return c.body(null, 204);
    }
    if (verdict === 'refused' && WRITES.has(c.req.method)) {
      throw new ApiError('origin_not_allowed', `Posting from ${origin} is not allowed; the server owner can add it with --origin.`);
    }
    await next();
  };
}

/**
 * Whether a browser page at `origin` may use the API (issue 14 item 9, GET /api/v1/origin): a
 * configured origin or the server's own; a request without Origin is not a page's.
 */
export function originAllowed(origins: readonly string[], origin: string | undefined, c: Context): boolean {
  if (origin === undefined) return true;
  return origins.some((o) => o.replace(/\/+$/, '').toLowerCase() === origin.toLowerCase()) || sameHost(origin, hostOf(c));
}

/** At most this many refused origins are remembered (and logged) per process. */
const REFUSED_ORIGINS_LOGGED = 1000;

/**
 * Logs each refused origin once per process (issue 14 item 9): a site owner whose page is on
 * www. or http:// while --origin says otherwise sees the cause in the log, not only an empty
 * widget. Bounded, so a client inventing origins cannot grow it.
 */
function refusedOriginLog(origins: readonly string[], logger?: { info(message: string): void }): (origin: string) => void {
  const seen = new Set<string>();
  const configured = origins.length ? `--origin: ${origins.join(', ')}` : 'no --origin is set, so only pages this server serves may use it';
  return (origin) => {
    if (!logger || seen.has(origin) || seen.size >= REFUSED_ORIGINS_LOGGED) return;
    seen.add(origin);
    logger.info(`Refused browser requests from ${origin}: it is not an allowed origin (${configured}). If it is your site, add it with --origin ${origin}.`);
  };
}

const hostOf = (c: Context): string => c.req.header('host') ?? new URL(c.req.url).host;

function sameHost(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * Headers of a page whose URL carries a token (a moderation link, a reader's /my or /notify link): its
 * own CSP, never cached, never indexed or framed, and no page it links to sees the token.
 */
export function tokenPageHeaders(csp: () => string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp());
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex, nofollow');
    c.header('X-Frame-Options', 'DENY');
    c.header('X-Content-Type-Options', 'nosniff');
  };
}
