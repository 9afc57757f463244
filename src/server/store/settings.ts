// The settings part of the store: values kept for every instance. Today the server secret, which
// edit tokens, avatar seeds, client hashes, form tokens and ETags derive from.

export interface SettingsPart {
  /** The server secret: the stored one, or `create()`'s value stored atomically if there is none. */
  secret(create: () => string): Promise<string>;
}
