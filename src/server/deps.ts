// What createApp is given (AppOptions: the settings of options.ts, and every platform capability,
// STYLE convention 4) and what the routes and use cases share (Deps).
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { createAkismetClient, type AkismetClient } from './akismet/client.ts';
import { NO_METRICS, type MetricsSink } from './metrics.ts';
import type { Rule } from './moderation/moderate.ts';
import type { Notify } from './notify/events.ts';
import { adminToken } from './option-values.ts';
import { withDefaults, type AssetName, type PartSettings, type Settings } from './options.ts';
import type { Store } from './store/store.ts';

/**
 * Fetch a page and extract its main text (article.ts's `fetchArticle`; DESIGN "Moderation and
 * spam": allowed origins only, a timeout, a size cap, no redirect to another origin). A failure is
 * `{ ok: false, reason }` ("timeout after 3000 ms", "HTTP 404"), shown to the moderator.
 */
export type FetchArticle = (
  url: string,
  limits: { allowedOrigins: readonly string[]; timeoutMs: number; maxBytes: number },
) => Promise<{ ok: true; text: string; title?: string; publishedAt?: number | null } | { ok: false; reason: string }>;

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** The settings createApp reads: every one optional, a missing one is the table's default. */
export type AppSettings = PartSettings<'api' | 'moderation' | 'article' | 'akismet'>;

export interface AppOptions extends Partial<AppSettings> {
  store: Store;
  /** Fetches the thread's article for the echo rule; without it echo checks against the thread only. */
  fetchArticle?: FetchArticle;
  /** Milliseconds since the epoch. */
  now?: () => number;
  assets?: (name: AssetName) => Promise<{ body: string | Uint8Array; etag: string } | null>;
  /** The client's address, hashed before it is stored; default 'unknown' (no rate limit per client). */
  clientAddress?: (c: Context) => string;
  logger?: Logger;
  /** Moderation rules in order; default DEFAULT_RULES. */
  rules?: readonly Rule[];
  /**
   * Builds the webhook and mail jobs of a change (notify/events.ts's createNotifier): a new comment
   * (not an idempotent replay), an author's edit that makes a comment held, a moderator's approval.
   * The jobs are written in the same store transaction as the change, so a comment is never stored
   * without its notifications: when they cannot be queued, the request fails (503) with nothing
   * stored, and the reader's retry (same idempotency key) tries again.
   */
  notify?: Notify;
  /** Called after a write queued notification jobs, so a worker in this process delivers them now, not at its next poll. */
  onQueued?: () => void;
  /**
   * Reader mail is on (issue 17; main.ts: with --smtp): a post's `notify` is acted on, the GET
   * answer says so (`thread.mail`), and /my sends its links. Off, `notify` is accepted and ignored.
   */
  readerMail?: boolean;
  /** Counts posts by outcome and rule for GET /metrics (metrics.ts); default: counts nothing. */
  metrics?: MetricsSink;
  /**
   * The site this app serves when the server serves many (sites/dispatch.ts; its store is then the
   * site's view): its ETags and its /t links carry it. Absent on a single-site server.
   */
  site?: string;
}

/** What the use cases (comments/) are given: the settings, the store and the platform, no HTTP. */
export interface UseCaseDeps {
  /** Every setting, defaults applied. */
  settings: Settings;
  store: Store;
  now: () => number;
  secret: () => Promise<string>;
  logger: Logger;
  rules?: readonly Rule[];
  fetchArticle?: FetchArticle;
  notify?: Notify;
  onQueued?: () => void;
  readerMail: boolean;
  /** Akismet's client, when the owner turned it on (--akismet-key and --akismet-blog; issue 15). */
  akismet?: AkismetClient;
  metrics: MetricsSink;
}

/** What the routes share: the use cases' deps, resolved from AppOptions, and the request's client. */
export interface Deps extends UseCaseDeps {
  /** As given to createApp (the asset route reads `assets` from it). */
  options: AppOptions;
  clientAddress: (c: Context) => string;
}

/**
 * The routes' and use cases' deps from createApp's options: every missing setting is the options
 * table's default (as for `parley serve`), the secret is read once from the store unless given.
 *
 * @example const deps = createDeps({ store: createMemoryStore() }); await postComment(deps, { body, address: 'unknown' });
 */
export function createDeps(options: AppOptions): Deps {
  const { store } = options;
  const settings = withDefaults(options);
  // The same rule as `parley serve`'s: a short token is refused at start, not guessed later.
  if (settings.adminToken) adminToken(settings.adminToken, 'adminToken');
  return {
    options,
    settings,
    store,
    now: options.now ?? Date.now,
    secret: secretReader(store, settings.secret),
    clientAddress: clientAddressOf(options, settings.trustProxy),
    logger: options.logger ?? { info: () => {}, error: (message, error) => console.error(message, error) },
    rules: options.rules,
    fetchArticle: options.fetchArticle,
    notify: options.notify,
    onQueued: options.onQueued,
    readerMail: options.readerMail ?? false,
    akismet:
      settings.akismetKey && settings.akismetBlog
        ? createAkismetClient({ key: settings.akismetKey, blog: settings.akismetBlog, url: settings.akismetUrl, timeoutMs: settings.akismetTimeoutMs })
        : undefined,
    metrics: options.metrics ?? NO_METRICS,
  };
}

/**
 * The server secret as every part of the server reads it: `given` (PARLEY_SECRET), else the one
 * kept in the store, made on first use. Read once and kept: the secret only changes with a new
 * store. A failed read is retried later.
 */
export function secretReader(store: Store, given: string | undefined): () => Promise<string> {
  let secret: Promise<string> | undefined;
  return () =>
    (secret ??= (given ? Promise.resolve(given) : store.settings.secret(() => randomBytes(32).toString('base64url'))).catch((error: unknown) => {
      secret = undefined;
      throw error;
    }));
}

/**
 * The client address for rate limits and flood, before it is hashed. With trustProxy, the last
 * X-Forwarded-For hop: the one our proxy appended. Earlier hops were written by the client and
 * prove nothing.
 */
function clientAddressOf(options: AppOptions, trustProxy: boolean): (c: Context) => string {
  const socket = options.clientAddress ?? (() => 'unknown');
  if (!trustProxy) return socket;
  return (c) => {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
    return hops.at(-1) ?? socket(c);
  };
}
