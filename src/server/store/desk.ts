// The moderation desk's part of the store (issue 21): named moderator tokens (kept as hashes), the
// log of moderator actions, the moderation lists the owner edits on the desk (hold and spam words,
// blocked link domains, bans) and the desk's own settings. Kept in the store, so every instance
// behind a load balancer sees the same (DESIGN "Scale").

/** A named moderator token. The token itself is shown once (`parley token add`) and never stored. */
export interface ModeratorToken {
  name: string;
  /** sha256 of the token, hex (crypto.ts tokenHash). */
  hash: string;
  createdAt: number;
  /** The one site it moderates (`parley token add NAME --site S`); absent or null: every site. */
  site?: string | null;
}

/** One moderator action, as the log keeps it (90 days; README "Privacy"). */
export interface LogEntry {
  /** Assigned by the store, increasing. */
  id: number;
  at: number;
  /** A token's name, or "mail link" for the owner's mailed links. */
  who: string;
  /** approve, spam, delete, undo, edit, ban, unban, list … */
  action: string;
  /** The comments it touched (none for a list change). */
  ids: string[];
  /** What undo needs, or what was changed: JSON, read only by the use case that wrote it. */
  detail: string | null;
}

export type NewLogEntry = Omit<LogEntry, 'id'>;

/**
 * The lists: words and phrases that hold or mark as spam, link domains that mark as spam, and the
 * bans (an address, a client hash, a website's domain). Each entry may end (`until`) or not (null).
 */
export const LIST_NAMES = ['hold-words', 'spam-words', 'blocked-domains', 'ban-email', 'ban-client', 'ban-domain'] as const;
export type ListName = (typeof LIST_NAMES)[number];

export interface ListEntry {
  list: ListName;
  value: string;
  /** ms since the epoch, or null: for ever. */
  until: number | null;
  createdAt: number;
  /** A few words for the moderator ("from the comment by Ann"), or null. */
  note: string | null;
}

export interface DeskPart {
  /** Adds a token; false when the name is taken (nothing changes then). */
  addToken(token: ModeratorToken): Promise<boolean>;
  /** Every token, by name. */
  tokens(): Promise<ModeratorToken[]>;
  tokenByHash(hash: string): Promise<ModeratorToken | null>;
  /** False when there was no token of that name. */
  revokeToken(name: string): Promise<boolean>;

  /** Appends to the log; resolves with the entry's id. */
  log(entry: NewLogEntry): Promise<number>;
  logEntry(id: number): Promise<LogEntry | null>;
  /** Newest first, ids below `beforeId`, at most `limit`. */
  logEntries(page: { beforeId?: number; limit: number }): Promise<LogEntry[]>;
  /** Deletes entries older than `before` (ms); resolves with how many went. */
  pruneLog(before: number): Promise<number>;

  /** Every entry of one list (or all lists), by list then value; ended ones (until ≤ now) included. */
  listEntries(list?: ListName): Promise<ListEntry[]>;
  /** Adds an entry, or replaces the one with the same list and value. */
  putListEntry(entry: ListEntry): Promise<void>;
  /** False when there was no such entry. */
  removeListEntry(list: ListName, value: string): Promise<boolean>;

  /** A desk setting ("ban-action": "refuse" | "spam"), or null when never set. */
  setting(name: string): Promise<string | null>;
  setSetting(name: string, value: string): Promise<void>;
}
