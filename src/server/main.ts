// The composition root: picks the store, reads the built assets, and listens. The only server
// file that touches the network and the file system outside the store.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createAppParts, type ReadStats } from './app.ts';
import { createFileAssets } from './assets.ts';
import { fetchArticle } from './article.ts';
import { createNotifier } from './notify/events.ts';
import { createMailSender, createSmtpTransport } from './notify/mail.ts';
import { createWebhookSender } from './notify/webhook.ts';
import { readerDeliverers } from './readers/deliver.ts';
import { readerSite } from './readers/site.ts';
import { createOutboxWorker, deliverers, PermanentError, type OutboxWorker } from './notify/worker.ts';
import { createDeps, secretReader, type Logger } from './deps.ts';
import { fetchSource, SOURCE_DEFAULTS } from './webmention/fetch-source.ts';
import { createWebmentionProcessor, type WebmentionJob } from './webmention/process.ts';
import { siteOfUrl } from './sites/config.ts';
import { siteOptions } from './sites/dispatch.ts';
import { AKISMET_JOB, createAkismetReporter, startClientPurge } from './akismet/reports.ts';
import { around } from './listener.ts';
import type { ServerLogger } from './log.ts';
import { articleResult, createMetrics } from './metrics.ts';
import { startCommentPurge } from './desk/purge.ts';
import { isPostgresUrl } from './option-values.ts';
import { withDefaults, type Settings } from './options.ts';
import { createPostgresStore } from './store/postgres.ts';
import { createSqliteStore } from './store/sqlite.ts';
import type { Job, Store } from './store/store.ts';

/**
 * startServer's options: every setting of the options table (options.ts), each optional (a missing
 * one is the table's default, as for `parley serve`), and what only code can pass.
 */
export interface ServerOptions extends Partial<Settings> {
  /** A ready store instead of `db` (tests, the demo's memory store). */
  store?: Store;
  /**
   * Where parley.js and count.js are. Default: the folder above this file, i.e. dist/ once the
   * server is bundled to dist/server/*.js.
   */
  assetsDir?: string;
  logger?: Logger;
  /**
   * Extra HTML pages to serve, URL path → file (the demo article). Read on each request; an
   * `<!--#include virtual="/t?…" -->` in one is replaced by that path's answer from this server, as
   * a web server's server-side include would (the demo includes its thread's fragment, issue 18).
   */
  pages?: Record<string, string>;
  /** How often the outbox is polled for retries and other instances' jobs, ms. Default 5000. */
  outboxIntervalMs?: number;
  /** Extra nodemailer SMTP options, merged last (tests: `{ ignoreTLS: true }`). */
  smtpOptions?: Record<string, unknown>;
  /**
   * Answer kept reads before Hono (fast-path.ts). Default true; false sends every request through
   * Hono, which the tests use to compare the two paths byte for byte.
   */
  fastReads?: boolean;
  /** The clock, ms since the epoch (tests: a thread closing by age). Default Date.now. */
  now?: () => number;
}

export { isPostgresUrl };

/**
 * A postgres:// or postgresql:// URL opens the PostgreSQL store (many instances on one database,
 * DESIGN "Scale"); anything else is a SQLite file path.
 *
 * @example const store = await openStore('postgres://parley@db:5432/parley', { poolSize: 10 });
 */
export async function openStore(db: string, options: { poolSize?: number; logger?: Logger } = {}): Promise<Store> {
  if (isPostgresUrl(db)) {
    const { logger } = options;
    return createPostgresStore({ url: db, poolSize: options.poolSize, onError: logger ? (message, error) => logger.error(message, error) : undefined });
  }
  return createSqliteStore({ file: db });
}

/**
 * Start the reference server.
 *
 * @example
 * const server = await startServer({ port: 0, host: '127.0.0.1', db: './data/demo.db' });
 * console.log(server.url); await server.close();
 */
export async function startServer(given: ServerOptions = {}): Promise<{ url: string; close(): Promise<void>; readStats(): ReadStats; inFlight(): number }> {
  // The same defaults as `parley serve`: one table (options.ts).
  const options = withDefaults(given);
  const { webhooks } = options;
  if (webhooks.length && !options.webhookSecret) throw new Error('Webhooks need a secret to sign their bodies: set webhookSecret (--webhook-secret).');
  const mail = Boolean(options.smtpUrl && options.notifyEmail);
  const store = options.store ?? (await openStore(options.db, { poolSize: options.poolSize, logger: options.logger }));
  // Created once the server listens (the links need its URL); a comment stored before that is
  // still queued and delivered by the worker's first pass.
  let worker: OutboxWorker | undefined;
  // Reader mail (issue 17) rides on owner mail: the same SMTP server, sender and public URL.
  const notify = webhooks.length || mail ? createNotifier({ webhooks, mail, readers: mail }) : undefined;
  // GET /metrics (metrics.ts); the read cache's numbers are read when scraped, once the app exists.
  let statsOf: () => ReadStats = () => ({ cache: { entries: 0, bytes: 0, maxBytes: 0, hits: 0, misses: 0 }, fastPath: { pages: 0, notModified: 0, counts: 0, assets: 0 } });
  const metrics = createMetrics({ store, readStats: () => statsOf() });
  const appOptions = {
    // Every setting as it is: createApp reads the ones of its parts (api, moderation, article).
    ...options,
    store,
    metrics,
    fetchArticle: async (url: string, limits: Parameters<typeof fetchArticle>[1]) => {
      const result = await fetchArticle(url, limits);
      metrics.articleFetch(articleResult(result));
      return result;
    },
    assets: createFileAssets(options.assetsDir ?? fileURLToPath(new URL('../', import.meta.url))),
    clientAddress: (c: Parameters<typeof getConnInfo>[0]) => getConnInfo(c).remote.address ?? 'unknown',
    logger: options.logger,
    notify,
    onQueued: () => worker?.poke(),
    readerMail: mail,
  };
  const { app, fastPath, readStats, live } = createAppParts(appOptions);
  statsOf = readStats;
  for (const [path, file] of Object.entries(options.pages ?? {})) {
    app.get(path, async (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.html(await withIncludes(await readFile(file, 'utf8'), async (virtual) => (await app.request(new URL(virtual, c.req.url).href)).text()));
    });
  }
  // As @hono/node-server's serve() makes it (its hostname stands in for a missing Host header).
  const hono = getRequestListener(app.fetch, { hostname: options.host });
  const requests = around({
    metrics,
    metricsToken: options.metricsToken,
    onRequest: (entry) => (options.logger as Partial<ServerLogger> | undefined)?.request?.(entry),
    inner: options.fastReads === false ? hono : withFastPath(fastPath, hono),
  });
  const server = createServer(requests.listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  const dkim = options.dkimDomain && options.dkimSelector && options.dkimKey ? { domainName: options.dkimDomain, keySelector: options.dkimSelector, privateKey: options.dkimKey } : undefined;
  const transport = mail ? createSmtpTransport(options.smtpUrl!, { ...(dkim && { dkim }), ...options.smtpOptions }) : undefined;
  // Received Webmentions (issue 18) are outbox jobs too: the worker always runs, and delivers
  // notifications only when they are configured.
  const deps = createDeps(appOptions);
  const { akismet } = deps;
  const fetchMention = (source: string) => fetchSource(source, { allowLoopback: options.allowPrivateSources, ...SOURCE_DEFAULTS });
  const mentions = createWebmentionProcessor(deps, fetchMention);
  // Many sites (issue 19): a mention is stored in its target's site, by that site's rules, as the
  // site's own app would store a comment (sites/dispatch.ts siteOptions).
  const siteMentions = new Map(options.sites.map((site) => [site.name, createWebmentionProcessor(createDeps(siteOptions(appOptions, site)), fetchMention)]));
  const deliverMention = async (job: Job) => {
    if (!options.sites.length) return void (await mentions(job));
    // A job queued before it carried its site goes by its target's origin.
    const { site = siteOfUrl(options.sites, (job.payload as WebmentionJob).target)?.name, target } = job.payload as WebmentionJob;
    const process = site === undefined ? undefined : siteMentions.get(site);
    if (!process) throw new PermanentError(site === undefined ? `no site of this server has the page ${target}` : `the Webmention is for the site "${site}", which this server no longer serves`);
    await process(job);
  };
  {
    const publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');
    // The same secret createApp reads (PARLEY_SECRET, else the one kept in the store): it signs the mail links.
    const serverSecret = secretReader(store, options.secret);
    const adminUrl = options.adminToken ? `${publicUrl}/admin` : undefined;
    const from = options.mailFrom ?? defaultMailFrom(options.publicUrl, options.smtpUrl ?? publicUrl);
    worker = createOutboxWorker({
      store,
      logger: options.logger,
      intervalMs: options.outboxIntervalMs,
      onSettled: (kind, result) => metrics.delivery(kind, result),
      ...deliverers({
        webmention: deliverMention,
        [AKISMET_JOB]: akismet ? createAkismetReporter({ store, client: akismet, logger: deps.logger }) : undefined,
        webhook: webhooks.length ? createWebhookSender({ secret: options.webhookSecret!, moderationUrl: adminUrl }) : undefined,
        mail: transport ? createMailSender({ transport, from, to: options.notifyEmail!, publicUrl, adminUrl, secret: serverSecret }) : undefined,
        ...(transport &&
          readerDeliverers({ store, transport, from, publicUrl, secret: serverSecret, batchMs: options.mailBatchSeconds * 1000, ...readerSite(options.origins, publicUrl, options.sites) })),
      }),
    });
    worker.start();
  }
  // Issue 15: the client details kept for Akismet's reports go with Akismet, and after 30 days.
  const stopPurge = startClientPurge({ store, on: Boolean(akismet), logger: deps.logger });
  // Issue 21: spam and deleted comments are erased after --purge-after-days.
  const stopCommentPurge = startCommentPurge({ store, days: deps.settings.purgeAfterDays, logger: deps.logger });
  if (akismet) {
    akismet.verifyKey().then(
      (valid) => valid || deps.logger.error('Akismet refused the key given with --akismet-key for --akismet-blog: every comment will be held until it is fixed.'),
      (error: unknown) => deps.logger.error('Akismet could not be asked to verify the key (comments it cannot check are held)', error),
    );
  }
  let closing: Promise<void> | undefined;
  return {
    url,
    readStats,
    inFlight: requests.inFlight,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        // Open live streams (issue 16) would hold close() until --shutdown-timeout: they are
        // finished first, and their connections then go as the answers below do.
        live.close();
        // Graceful (issue 19): no new connections; the requests in flight are answered, each
        // answer ending its connection; keep-alive connections with nothing in flight go now and
        // after each answer. Whatever is still open after --shutdown-timeout is cut.
        const cut = setTimeout(() => server.closeAllConnections(), options.shutdownSeconds * 1000);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        requests.drain(() => server.closeIdleConnections());
      })
        // The worker finishes the deliveries under way (bounded by their timeouts) before the store goes.
        .then(() => Promise.all([stopPurge(), stopCommentPurge(), worker?.stop()]))
        .then(() => {
          transport?.close?.();
          return store.close();
        })),
  };
}

/** A page with each `<!--#include virtual="PATH" -->` replaced by `get(PATH)`. */
async function withIncludes(html: string, get: (virtual: string) => Promise<string>): Promise<string> {
  const parts = html.split(/<!--#include virtual="([^"]+)" -->/);
  for (let i = 1; i < parts.length; i += 2) parts[i] = await get(parts[i]!.replace(/&amp;/g, '&'));
  return parts.join('');
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The request listener: the cached-read path first, Hono for everything it leaves. A lookup that
 * fails (the store down) leaves the request to Hono too, which answers it as it answers any store
 * failure (503).
 */
function withFastPath(fastPath: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>, hono: Listener): (req: IncomingMessage, res: ServerResponse, fastAnswered?: () => void) => void {
  const onFailure = (req: IncomingMessage, res: ServerResponse) => {
    if (res.headersSent) res.destroy();
    else hono(req, res);
  };
  return (req, res, fastAnswered) => {
    let done: boolean | Promise<boolean>;
    try {
      done = fastPath(req, res);
    } catch {
      return onFailure(req, res);
    }
    if (done === false) hono(req, res);
    else if (done === true) fastAnswered?.();
    else done.then((answered) => (answered ? fastAnswered?.() : hono(req, res)), () => onFailure(req, res));
  };
}

/** `Parley <parley@HOST>`: the public host when known (the owner's own domain), else the mail server's. */
export function defaultMailFrom(publicUrl: string | undefined, smtpUrl: string): string {
  const host = (publicUrl && URL.canParse(publicUrl) ? new URL(publicUrl) : new URL(smtpUrl)).hostname.replace(/^\[|\]$/g, '');
  return `Parley <parley@${host}>`;
}
