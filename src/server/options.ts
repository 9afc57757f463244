// What createApp is given: every platform capability comes in here (STYLE convention 4).
import type { Context } from 'hono';
import type { ModerationMode, Rule, RuleSettings } from './moderation/moderate.ts';
import type { Notify } from './notify/events.ts';
import type { Store } from './store/store.ts';

/** The browser scripts the server hands out: the embed, the count script, and the optional extras. */
export type AssetName = 'parley.js' | 'count.js' | `adapters/${string}.js` | `i18n/${string}.js`;

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

export interface AppOptions {
  store: Store;
  /** Overrides the secret kept in the store (PARLEY_SECRET). */
  secret?: string;
  /** Origins whose pages may call the API from a browser, e.g. 'https://blog.example'. */
  origins: string[];
  /** Bearer token of the admin API; without one the admin API answers 404. */
  adminToken?: string;
  moderation: ModerationMode;
  /** How long an author may edit or delete, from posting (DESIGN: 15 minutes). */
  editWindowSeconds: number;
  /** Posts per client a minute before 429; 0 turns the limit off. Default 5. */
  postsPerMinute?: number;
  /**
   * Form-token rule: posts without a genuine form token, or sent sooner than this after the form
   * was opened, are held. Default 0 (off) here, so scripts and tests that post through the API are
   * not held; the CLI's default is 3.
   */
  minSubmitSeconds?: number;
  /** Flood rule: a client's next post sooner than this is held. Default 0 (off) here; the CLI's is 15. */
  floodSeconds?: number;
  /** More links than this (text and website) hold a comment. Default 2. */
  maxLinks?: number;
  /** Words or phrases that hold a comment for a moderator (whole words, any case). */
  holdWords?: readonly string[];
  /** Words or phrases that send a comment to spam. */
  spamWords?: readonly string[];
  /**
   * Behind a reverse proxy: the client address is the last X-Forwarded-For hop (the one the
   * trusted proxy appended), not the socket's. Never set this without a proxy that appends it:
   * anyone could then choose their own address.
   */
  trustProxy?: boolean;
  /** Fetches the thread's article for the echo rule; without it echo checks against the thread only. */
  fetchArticle?: FetchArticle;
  /** The article fetch gives up after this long; a post is never delayed more. Default 3000. */
  articleTimeoutMs?: number;
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

/** What routes share, resolved from AppOptions. */
export interface Deps extends RuleSettings {
  options: AppOptions;
  store: Store;
  now: () => number;
  secret: () => Promise<string>;
  clientAddress: (c: Context) => string;
  logger: Logger;
  rules?: readonly Rule[];
  articleTimeoutMs: number;
}
