// The node:http request listener around the API (issue 19): GET /metrics; every request timed,
// counted by route and logged (json) whether the fast path or Hono answered it; and what a
// graceful shutdown needs: how many requests are in flight, and keep-alive ended once they are
// answered.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { routePath } from 'hono/route';
import type { RequestEntry } from './log.ts';
import type { Metrics } from './metrics.ts';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** The route Hono matched, kept per node:http response for the listener to read when it finishes. */
const routes = new WeakMap<object, string>();

/** A route pattern as a label: `{…}` constraints dropped (`/chunks/:file`), a catch-all as `unmatched`. */
const label = (pattern: string) => (pattern.endsWith('*') || !pattern ? 'unmatched' : pattern.replace(/\{[^}]*\}/g, ''));

/**
 * Hono middleware (app.ts, first): after the handler ran, note its route on the node:http response
 * (@hono/node-server's `c.env.outgoing`). Under app.request() there is none, and nothing happens.
 */
export async function noteRoute(c: Context, next: () => Promise<void>): Promise<void> {
  await next();
  const outgoing = (c.env as { outgoing?: object } | undefined)?.outgoing;
  if (outgoing) routes.set(outgoing, label(routePath(c)));
}

/** The route of a read the fast path answered: the same label Hono's route for it gets. */
function fastRoute(url: string | undefined): string {
  const target = url ?? '/';
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  if (path === '/api/v1/comments' || path === '/api/v1/counts' || path === '/parley.js' || path === '/count.js') return path;
  if (path.startsWith('/chunks/')) return '/chunks/:file';
  return '/:dir/:file';
}

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Who may read /metrics: a scraper on this machine talking to Parley directly (a loopback socket
 * and no proxy header: behind a reverse proxy on the same host every request comes from
 * loopback, but carries X-Forwarded-For or Forwarded), or anyone with `Bearer <metrics token>`.
 */
export function metricsAllowed(req: IncomingMessage, token: string | undefined): boolean {
  const auth = req.headers.authorization;
  if (token && auth?.startsWith('Bearer ')) {
    const given = Buffer.from(auth.slice(7));
    const wanted = Buffer.from(token);
    if (given.length === wanted.length && timingSafeEqual(given, wanted)) return true;
  }
  const proxied = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined || req.headers['x-real-ip'] !== undefined;
  return !proxied && LOOPBACK.test(req.socket.remoteAddress ?? '');
}

export interface AroundOptions {
  metrics: Metrics;
  metricsToken?: string;
  /** Each answered request (the logger's `request`). */
  onRequest: (entry: RequestEntry) => void;
  /** The fast path, then Hono (main.ts). */
  inner: (req: IncomingMessage, res: ServerResponse, fastAnswered: () => void) => void;
}

export interface Around {
  listener: Listener;
  /** Requests received and not yet answered. */
  inFlight(): number;
  /** From now on every answer ends its connection; `whenIdle` runs each time one is answered. */
  drain(whenIdle: () => void): void;
}

export function around({ metrics, metricsToken, onRequest, inner }: AroundOptions): Around {
  let inFlight = 0;
  let draining: (() => void) | undefined;
  /** Counts and logs an answered request. */
  const finished = (req: IncomingMessage, res: ServerResponse, route: string, started: number) => {
    const ms = performance.now() - started;
    const method = req.method ?? 'GET';
    metrics.request(route, method, res.statusCode, ms / 1000);
    onRequest({ method, route, url: req.url, status: res.statusCode, ms: Math.round(ms * 10) / 10 });
  };
  const listener: Listener = (req, res) => {
    const started = performance.now();
    if (draining) res.shouldKeepAlive = false;
    const url = req.url ?? '/';
    if (url.startsWith('/metrics') && (url.length === 8 || url[8] === '?') && (req.method === 'GET' || req.method === 'HEAD')) {
      track(req, res, started, '/metrics');
      if (!metricsAllowed(req, metricsToken)) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
        res.end('Metrics are served to this machine (a loopback address, not through a proxy) or with Authorization: Bearer <--metrics-token>.\n');
        return;
      }
      metrics.render().then(
        (text) => {
          res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
          res.end(req.method === 'HEAD' ? undefined : text);
        },
        () => {
          res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
          res.end('The metrics could not be collected (is the database reachable?).\n');
        },
      );
      return;
    }
    let fast: string | undefined;
    inner(req, res, () => (fast = fastRoute(req.url)));
    // Answered before inner() returned, every byte handed to the socket: done, counted now. No
    // 'close' listener a request (an allocation and an event a kept read paid for); never in
    // flight, so a graceful shutdown has nothing of it to wait for.
    if (fast !== undefined && res.writableFinished) finished(req, res, fast, started);
    else track(req, res, started, () => fast ?? routes.get(res) ?? 'unmatched');
  };
  /** In flight until its response closes, then counted and logged. */
  const track = (req: IncomingMessage, res: ServerResponse, started: number, route: string | (() => string)) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      finished(req, res, typeof route === 'string' ? route : route(), started);
      draining?.();
    });
  };
  return {
    listener,
    inFlight: () => inFlight,
    drain(whenIdle) {
      draining = whenIdle;
      whenIdle();
    },
  };
}
