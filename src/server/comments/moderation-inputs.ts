// What the rules need besides the post itself, gathered once per post so the rules stay pure
// functions of their context: the client's last post (flood), the thread's other comments and the
// article (echo). Everything comes from the store, so every instance sees the same (DESIGN "Scale").
import { prepareArticle, type ArticleIndex, type SourceIndex } from '../moderation/echo.ts';
import { ThreadIndex } from '../moderation/echo-thread.ts';
import type { EchoInputs } from '../moderation/moderate.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { Store } from '../store/store.ts';

/** A fetched article is trusted this long, then fetched again (the page may have been edited). */
const ARTICLE_TTL_MS = 60 * 60 * 1000;
/** A failed fetch is not retried for this long, so a page that is down costs one timeout a minute. */
const FAILURE_TTL_MS = 60 * 1000;
/** DESIGN: a size cap on the fetched page. */
const ARTICLE_MAX_BYTES = 2 * 1024 * 1024;
/** How many recent comments of each status the echo rule compares with. */
const THREAD_SAMPLE = 200;

/**
 * Seconds since this client's last post, or null when it has none inside `windowSeconds`.
 * Store.countByClient answers "how many since", so the time of the last post is found by halving
 * the window: one query when the client is quiet (nearly always), about log2(window) during a flood.
 */
export async function secondsSinceLastPost(store: Store, clientHash: string, now: number, windowSeconds: number): Promise<number | null> {
  // "Some post less than s+1 seconds ago", i.e. floor(age in seconds) <= s.
  const within = async (s: number) => (await store.history.countByClient(clientHash, now - (s + 1) * 1000 + 1)) > 0;
  let hi = windowSeconds - 1;
  if (hi < 0 || !(await within(hi))) return null;
  let lo = 0;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (await within(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The thread's recent comments by other authors, indexed for the echo rule: the newest 200 of each
 * of published, held and spam (bots copy each other), the poster's own (and, for an edit, the
 * comment itself) left out.
 *
 * Indexing ~600 comments on every post was most of a post's CPU (issue 5), so each process keeps
 * the index of its busiest threads (DESIGN "Scale": a derived cache checked against the thread
 * version) and brings it up to date from the store before each use: the comments added since, and
 * the thread version read with them. Each published insert bumps the version once; any other change
 * (an edit, a delete, a moderator's decision, on any instance) bumps it too, so when the version
 * moved by more than the published comments added, the index is rebuilt from the store. What the
 * rule sees is then exactly the sample it would get by reading the store on every post.
 */
export async function threadSources(store: Store, thread: string, email: string, exceptId?: string): Promise<SourceIndex> {
  // One sync per thread at a time: the next waits for it, then reads what came after.
  const prior = syncing.get(thread);
  const run = (prior ?? Promise.resolve()).catch(() => undefined).then(() => syncThread(store, thread));
  syncing.set(thread, run);
  try {
    return (await run).view(email, exceptId);
  } finally {
    if (syncing.get(thread) === run) syncing.delete(thread);
  }
}

/** How many threads' indexes a process keeps (least recently used goes first). */
const THREAD_INDEXES = 32;
/** More new comments than this since the last sync: rebuild instead of catching up. */
const SINCE_LIMIT = 3 * THREAD_SAMPLE;
const threadIndexes = new Map<string, { store: Store; index: ThreadIndex }>();
const syncing = new Map<string, Promise<ThreadIndex>>();

async function syncThread(store: Store, thread: string): Promise<ThreadIndex> {
  const cached = threadIndexes.get(thread);
  threadIndexes.delete(thread);
  let index: ThreadIndex | undefined;
  if (cached && cached.store === store) {
    const since = await store.history.textsSince(thread, cached.index.maxSeq, SINCE_LIMIT);
    const published = since.rows.filter((r) => r.status === 'published').length;
    if (since.rows.length < SINCE_LIMIT && since.version === cached.index.version + published) {
      index = cached.index;
      await index.addAll(since.rows);
      index.version = since.version;
      if (index.stale > THREAD_SAMPLE) index = index.compact();
    }
  }
  if (!index) {
    const recent = await store.history.recentTexts(thread, THREAD_SAMPLE);
    index = await ThreadIndex.build(recent.rows, recent.version, THREAD_SAMPLE);
  }
  threadIndexes.set(thread, { store, index });
  if (threadIndexes.size > THREAD_INDEXES) threadIndexes.delete(threadIndexes.keys().next().value!);
  return index;
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


const failureKey = (url: string) => `!failed ${url}`;

// Indexing an article takes a few milliseconds; the same cached text is indexed once per process.
// A derived value only (the text itself is in the store), so losing it costs nothing but time.
const indexes = new Map<string, ArticleIndex>();
function indexed(url: string, fetchedAt: number, text: string): ArticleIndex {
  const key = `${fetchedAt} ${url}`;
  let found = indexes.get(key);
  if (!found) {
    found = prepareArticle(text);
    if (indexes.size >= 64) indexes.delete(indexes.keys().next().value!);
    indexes.set(key, found);
  }
  return found;
}

/**
 * The article at `url` for the echo rule, from the store's cache or fetched (and then cached for
 * every instance). Never throws and never takes much longer than the fetch timeout: a page that is
 * down, slow or huge costs the echo rule its article, never the reader their post.
 */
export async function loadArticle(deps: UseCaseDeps, url: string | undefined): Promise<Pick<EchoInputs, 'article' | 'articleError'>> {
  const { store, settings, logger, fetchArticle } = deps;
  if (!url) return { article: null, articleError: 'no page address came with the comment' };
  if (!fetchArticle) return { article: null, articleError: 'article fetching is off on this server' };
  const page = url.split('#')[0]!;
  if (!settings.origins.length) return { article: null, articleError: 'no --origin is configured, so the article is not fetched' };
  if (!allowedArticleUrl(page, settings.origins)) return { article: null, articleError: 'the page is not on an allowed origin' };
  const now = deps.now();
  try {
    const cached = await store.articles.get(page);
    if (cached && now - cached.fetchedAt < ARTICLE_TTL_MS) return { article: indexed(page, cached.fetchedAt, cached.text), articleError: undefined };
    const failed = await store.articles.get(failureKey(page));
    if (failed && now - failed.fetchedAt < FAILURE_TTL_MS) return { article: null, articleError: failed.text };
  } catch (error) {
    logger.error('article cache read failed', error);
  }
  const timeoutMs = settings.articleTimeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    // fetchArticle has its own timeout; this one holds even if an injected fetcher ignores it.
    const result = await Promise.race([
      fetchArticle(page, { allowedOrigins: [...settings.origins], timeoutMs, maxBytes: ARTICLE_MAX_BYTES }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs + 250);
      }),
    ]);
    if (!result.ok) throw new Error(result.reason);
    const { text } = result;
    await store.articles.put(page, { text, fetchedAt: now }).catch((error: unknown) => logger.error('article cache write failed', error));
    return { article: indexed(page, now, text), articleError: undefined };
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : 'the fetch failed';
    await store.articles.put(failureKey(page), { text: reason, fetchedAt: now }).catch((e: unknown) => logger.error('article cache write failed', e));
    return { article: null, articleError: reason };
  } finally {
    clearTimeout(timer);
  }
}
