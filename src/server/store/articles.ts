// The article cache part of the store: the echo rule's fetched pages, kept for every instance.

export interface CachedArticle {
  text: string;
  fetchedAt: number;
}

export interface ArticlesPart {
  get(url: string): Promise<CachedArticle | null>;
  put(url: string, article: CachedArticle): Promise<void>;
}
