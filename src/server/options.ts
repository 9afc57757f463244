// What createApp is given: every platform capability comes in here (STYLE convention 4).
import type { Context } from 'hono';
import type { ModerationMode, Rule } from './moderation/moderate.ts';
import type { Store } from './store/store.ts';

export type AssetName = 'parley.js' | 'count.js';

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
  /** Milliseconds since the epoch. */
  now?: () => number;
  assets?: (name: AssetName) => Promise<{ body: string | Uint8Array; etag: string } | null>;
  /** The client's address, hashed before it is stored; default 'unknown' (no rate limit per client). */
  clientAddress?: (c: Context) => string;
  logger?: Logger;
  /** Moderation rules in order; default DEFAULT_RULES. */
  rules?: readonly Rule[];
}

/** What routes share, resolved from AppOptions. */
export interface Deps {
  options: AppOptions;
  store: Store;
  now: () => number;
  secret: () => Promise<string>;
  clientAddress: (c: Context) => string;
  logger: Logger;
  rules?: readonly Rule[];
  postsPerMinute: number;
}
