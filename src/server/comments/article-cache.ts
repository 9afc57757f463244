// The echo rule's article (DESIGN "Moderation and spam"), fetched at most once per thread and
// kept in the store for every instance (issue 14 item 2):
// - keyed by the thread, and fetched only from the page whose thread it is (the page's canonical
//   URL, which the widget sends as `url`), so a post naming some other path or query on the origin
//   fetches and stores nothing;
// - at most ARTICLE_TEXT_MAX characters a thread and ARTICLES_KEPT entries in all, the oldest
//   pruned after each write;
// - read by fetchArticle in a worker thread (article.ts), within the fetch's timeout;
// - a failed fetch remembered a minute (one timeout a minute for a page that is down), logged once
//   per thread and reason, and listed for the admin page's banner (failedArticles) until a later
//   fetch succeeds (issue 14 item 10).
import { threadIdFromUrl } from '../../core/thread-id.ts';
import type { UseCaseDeps } from '../deps.ts';
import { prepareArticle, type ArticleIndex } from '../moderation/echo.ts';
import type { EchoInputs } from '../moderation/moderate.ts';

/** A fetched article is trusted this long, then fetched again (the page may have been edited). */
const ARTICLE_TTL_MS = 60 * 60 * 1000;
/** A failed fetch is not retried for this long, so a page that is down costs one timeout a minute. */
const FAILURE_TTL_MS = 60 * 1000;
/** DESIGN: a size cap on the fetched page. */
const ARTICLE_MAX_BYTES = 2 * 1024 * 1024;
/** The most text kept for one thread: about 9,000 words, a long read; what follows is not compared. */
export const ARTICLE_TEXT_MAX = 60_000;
/** The most entries kept (articles and failures): with the cap above, at most 30 M characters in all. */
export const ARTICLES_KEPT = 500;

const FAILED = '!failed ';
/** Issue 21: the article's title, beside its text, for the feed's title and the moderation desk. */
const TITLE = '!title ';

/** A thread's failed fetch, as the admin page's banner shows it. */
export interface FailedArticle {
  thread: string;
  url: string;
  reason: string;
  /** When it failed last, ms since the epoch. */
  at: number;
}

/**
 * True when the page may be fetched: only on a configured origin. With none configured nothing is
 * fetched: the server's own name would have to come from the Host header, which the poster writes
 * (Host: 169.254.169.254 would turn the fetch against the cloud metadata service).
 */
export function allowedArticleUrl(url: string, origins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!/^https?:$/.test(parsed.protocol)) return false;
  return origins.some((o) => o.replace(/\/+$/, '').toLowerCase() === parsed.origin.toLowerCase());
}

/**
 * True when `url` is the page of thread `asked` (the id the post named, before any alias): its
 * thread id is that id, as the widget derives it from the page's canonical URL. A thread the site
 * names itself (`data-thread="post-42"`, not a path) has no address of its own: its page is
 * whatever the widget sends, and it too gets one entry at most.
 */
export const pageOfThread = (url: string, asked: string): boolean => !asked.startsWith('/') || threadIdFromUrl(url) === asked;

// Indexing an article takes a few milliseconds; the same cached text is indexed once per process.
// A derived value only (the text itself is in the store), so losing it costs nothing but time.
const indexes = new Map<string, ArticleIndex>();
function indexed(thread: string, fetchedAt: number, text: string): ArticleIndex {
  const key = `${fetchedAt} ${thread}`;
  let found = indexes.get(key);
  if (!found) {
    found = prepareArticle(text);
    if (indexes.size >= 64) indexes.delete(indexes.keys().next().value!);
    indexes.set(key, found);
  }
  return found;
}

/**
 * The article of `thread` for the echo rule, from the store's cache or fetched from `url` (and
 * then cached for every instance). `asked` is the thread the post named (an alias's OLD). Never
 * throws and never takes much longer than the fetch timeout: a page that is down, slow or huge
 * costs the echo rule its article, never the reader their post.
 */
export async function loadArticle(
  deps: UseCaseDeps,
  { url, thread, asked = thread }: { url: string | undefined; thread: string; asked?: string },
): Promise<Pick<EchoInputs, 'article' | 'articleError'>> {
  const { store, settings, logger, fetchArticle } = deps;
  if (!url) return { article: null, articleError: 'no page address came with the comment' };
  if (!fetchArticle) return { article: null, articleError: 'article fetching is off on this server' };
  const page = url.split('#')[0]!;
  if (!settings.origins.length) return { article: null, articleError: 'no --origin is configured, so the article is not fetched' };
  if (!allowedArticleUrl(page, settings.origins)) return { article: null, articleError: 'the page is not on an allowed origin' };
  if (!pageOfThread(page, asked)) return { article: null, articleError: 'the page address is not the thread’s own, so it is not fetched' };
  const now = deps.now();
  let failedBefore: string | undefined;
  try {
    const cached = await store.articles.get(thread);
    if (cached && now - cached.fetchedAt < ARTICLE_TTL_MS) return { article: indexed(thread, cached.fetchedAt, cached.text), articleError: undefined };
    const failed = await store.articles.get(FAILED + thread);
    failedBefore = failed ? readFailure(thread, failed.text, failed.fetchedAt).reason : undefined;
    if (failed && now - failed.fetchedAt < FAILURE_TTL_MS) return { article: null, articleError: failedBefore };
  } catch (error) {
    logger.error('article cache read failed', error);
  }
  const timeoutMs = settings.articleTimeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = async (work: () => Promise<unknown>) => {
    try {
      await work();
      await store.articles.prune(ARTICLES_KEPT);
    } catch (error) {
      logger.error('article cache write failed', error);
    }
  };
  try {
    // fetchArticle has its own timeout; this one holds even if an injected fetcher ignores it.
    const result = await Promise.race([
      fetchArticle(page, { allowedOrigins: [...settings.origins], timeoutMs, maxBytes: ARTICLE_MAX_BYTES }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs + 250);
      }),
    ]);
    if (!result.ok) throw new Error(result.reason);
    const text = result.text.slice(0, ARTICLE_TEXT_MAX);
    await write(async () => {
      await store.articles.put(thread, { text, fetchedAt: now });
      if (result.title) await store.articles.put(TITLE + thread, { text: result.title.slice(0, 300), fetchedAt: now });
      // Closing by age (issue 16 item 5) counts from the page's own date when it has one.
      if (result.publishedAt !== undefined) await store.threads.setPublishedAt(thread, result.publishedAt);
      if (failedBefore !== undefined) await store.articles.remove(FAILED + thread);
    });
    return { article: indexed(thread, now, text), articleError: undefined };
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : 'the fetch failed';
    // Once per thread and reason (the failure is retried every minute, on any instance).
    if (reason !== failedBefore) {
      logger.info(`The article of thread ${thread} could not be fetched from ${page} (${reason}); its comments are checked against the thread only until it can be. The admin page shows this too.`);
    }
    await write(() => store.articles.put(FAILED + thread, { text: JSON.stringify({ reason, url: page }), fetchedAt: now }));
    return { article: null, articleError: reason };
  } finally {
    clearTimeout(timer);
  }
}

function readFailure(thread: string, text: string, at: number): FailedArticle {
  try {
    const { reason, url } = JSON.parse(text) as { reason: string; url: string };
    return { thread, url, reason, at };
  } catch {
    return { thread, url: '', reason: text, at };
  }
}

/** The threads whose article could not be fetched at their last try, newest first (the admin page's banner). */
export async function failedArticles(deps: Pick<UseCaseDeps, 'store'>, limit = 50): Promise<FailedArticle[]> {
  const rows = await deps.store.articles.listPrefix(FAILED, limit);
  return rows.map((row) => readFailure(row.key.slice(FAILED.length), row.text, row.fetchedAt));
}

/** The titles of the articles of these threads, as last fetched (threads without one are left out). */
export async function articleTitles(deps: Pick<UseCaseDeps, 'store'>, threads: readonly string[]): Promise<Record<string, string>> {
  const found = await Promise.all([...new Set(threads)].map(async (thread) => [thread, (await deps.store.articles.get(TITLE + thread))?.text] as const));
  return Object.fromEntries(found.filter((pair): pair is readonly [string, string] => !!pair[1]));
}
