// The article cache part of the store: the echo rule's fetched pages, kept for every instance,
// one entry per thread (comments/moderation-inputs.ts), a bounded number of them (issue 14).

export interface CachedArticle {
  text: string;
  fetchedAt: number;
}

export interface ArticlesPart {
  get(key: string): Promise<CachedArticle | null>;
  put(key: string, article: CachedArticle): Promise<void>;
  remove(key: string): Promise<void>;
  /** Keeps the `keep` most recently fetched entries and deletes the rest; resolves with how many went. */
  prune(keep: number): Promise<number>;
  /** The entries whose key starts with `prefix`, most recently fetched first, at most `limit`. */
  listPrefix(prefix: string, limit: number): Promise<({ key: string } & CachedArticle)[]>;
}
