// What createApp is given (AppOptions: the settings of options.ts, and every platform capability,
// STYLE convention 4) and what the routes and use cases share (Deps).
import type { Context } from 'hono';
import type { Rule } from './moderation/moderate.ts';
import type { Notify } from './notify/events.ts';
import type { AssetName, PartSettings, Settings } from './options.ts';
import type { Store } from './store/store.ts';

/**
 * Fetch a page and extract its main text (article.ts's `fetchArticle`; DESIGN "Moderation and
 * spam": allowed origins only, a timeout, a size cap, no redirect to another origin). A failure is
 * `{ ok: false, reason }` ("timeout after 3000 ms", "HTTP 404"), shown to the moderator.
 */
export type FetchArticle = (
  url: string,
  limits: { allowedOrigins: readonly string[]; timeoutMs: number; maxBytes: number },
) => Promise<{ ok: true; text: string } | { ok: false; reason: string }>;

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** The settings createApp reads: every one optional, a missing one is the table's default. */
export type AppSettings = PartSettings<'api' | 'moderation' | 'article'>;

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
}

/** What routes and use cases share, resolved from AppOptions. */
export interface Deps {
  /** As given to createApp (the asset route reads `assets` from it). */
  options: AppOptions;
  /** Every setting, defaults applied. */
  settings: Settings;
  store: Store;
  now: () => number;
  secret: () => Promise<string>;
  clientAddress: (c: Context) => string;
  logger: Logger;
  rules?: readonly Rule[];
  fetchArticle?: FetchArticle;
  notify?: Notify;
  onQueued?: () => void;
}
