// Fetches the article at a thread's URL and extracts its main text, for the echo rule (DESIGN.md
// "Moderation and spam", issue 3). The server fetches a URL that a *poster* sent, so this is the
// SSRF guard: only http(s) on an allowed origin, redirects followed by hand and only while they stay
// on an allowed origin, a timeout over the whole exchange, a size cap while reading, HTML only.
// A failure is a value with a reason, never a throw: the post goes on without the article.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { extractArticleText, type ExtractedArticle } from './article-extract.ts';

export { extractArticleText };

export type ArticleResult = { ok: true; text: string; title: string; publishedAt?: number | null } | { ok: false; reason: string };

export interface FetchArticleOptions {
  /** Origins the server may fetch, e.g. ['https://blog.example']. Anything else is refused. */
  allowedOrigins: readonly string[];
  fetch?: typeof globalThis.fetch;
  /** For the whole exchange: every redirect and the body. */
  timeoutMs?: number;
  /** Bytes of body read at most; a larger page is refused. */
  maxBytes?: number;
  maxRedirects?: number;
  /**
   * Reads the page's main text from its HTML. Default: in a worker thread (readInWorker), so the
   * event loop never waits for it; given the abort signal of the fetch's timeout.
   */
  read?: (html: string, signal: AbortSignal) => Promise<ExtractedArticle>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function originOf(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * Fetches a thread's article page and returns its main text.
 * @example
 *   const page = await fetchArticle('https://blog.example/posts/1', { allowedOrigins: ['https://blog.example'] });
 *   const article = page.ok ? prepareArticle(page.text) : null;
 *   echoRule({ text, article, articleError: page.ok ? undefined : page.reason, others });
 */
export async function fetchArticle(url: string, options: FetchArticleOptions): Promise<ArticleResult> {
  const { allowedOrigins, fetch = globalThis.fetch, timeoutMs = 3000, maxBytes = 1_000_000, maxRedirects = 3, read = readInWorker } = options;
  const allowed = new Set(allowedOrigins.map(originOf).filter((o): o is string => o !== null));
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The race, not only the signal, makes the timeout hold even if a fetch ignores its signal.
  const timeout = new Promise<ArticleResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, reason: `timeout after ${timeoutMs} ms` });
    }, timeoutMs);
  });
  try {
    return await Promise.race([fetchGuarded(url, allowed, fetch, controller.signal, maxBytes, maxRedirects, read), timeout]);
  } catch (err) {
    return { ok: false, reason: controller.signal.aborted ? `timeout after ${timeoutMs} ms` : `fetch failed (${(err as Error).message})` };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function fetchGuarded(
  url: string,
  allowed: Set<string>,
  fetch: typeof globalThis.fetch,
  signal: AbortSignal,
  maxBytes: number,
  maxRedirects: number,
  read: NonNullable<FetchArticleOptions['read']>,
): Promise<ArticleResult> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const origin = originOf(current);
    if (!origin) return { ok: false, reason: `not an http(s) URL: ${current.slice(0, 100)}` };
    if (!allowed.has(origin)) {
      return { ok: false, reason: hop === 0 ? `origin not allowed: ${origin}` : `redirect to another origin refused: ${origin}` };
    }
    const res = await fetch(current, { redirect: 'manual', signal, headers: { accept: 'text/html' } });
    if (REDIRECTS.has(res.status)) {
      await res.body?.cancel();
      const location = res.headers.get('location');
      if (!location) return { ok: false, reason: `HTTP ${res.status} without a location` };
      if (hop >= maxRedirects) return { ok: false, reason: `more than ${maxRedirects} redirects` };
      current = new URL(location, current).href;
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, reason: `HTTP ${res.status}` };
    }
    const type = res.headers.get('content-type') ?? '';
    if (!/^\s*(?:text\/html|application\/xhtml\+xml)\b/i.test(type)) {
      await res.body?.cancel();
      return { ok: false, reason: `not HTML (${type || 'no content type'})` };
    }
    const declared = Number(res.headers.get('content-length'));
    if (declared > maxBytes) {
      await res.body?.cancel();
      return { ok: false, reason: `too large (${declared} bytes, limit ${maxBytes})` };
    }
    const body = await readCapped(res, maxBytes);
    if (body === null) return { ok: false, reason: `too large (over ${maxBytes} bytes)` };
    const charset = /charset=["']?([\w-]+)/i.exec(type)?.[1] ?? 'utf-8';
    let html: string;
    try {
      html = new TextDecoder(charset).decode(body);
    } catch {
      html = new TextDecoder('utf-8').decode(body);
    }
    const { text, title, publishedAt } = await read(html, signal);
    if (!text) return { ok: false, reason: 'no article text found on the page' };
    return { ok: true, text, title, publishedAt };
  }
}

/** Reads the body, giving up (null) as soon as it passes `maxBytes`. */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}


/** Where the built worker is: beside this file once bundled (dist/server/); absent when run from source. */
const WORKER = new URL('./article-worker.js', import.meta.url);

/**
 * extractArticleText in a worker thread (article-worker.ts), ended when `signal` aborts (the
 * fetch's timeout), so a page that takes seconds to read costs a thread that is then stopped,
 * never the event loop. Run from source (the TypeScript tests, where no built worker exists), it
 * reads in this thread instead; test/server/article-worker.test.ts runs the built server's.
 */
export function readInWorker(html: string, signal: AbortSignal): Promise<ExtractedArticle> {
  if (!existsSync(fileURLToPath(WORKER))) return Promise.resolve(extractArticleText(html));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: html, resourceLimits: { maxOldGenerationSizeMb: 512 } });
    const stop = () => {
      void worker.terminate();
      reject(new Error('reading the page took too long'));
    };
    signal.addEventListener('abort', stop, { once: true });
    const done = () => signal.removeEventListener('abort', stop);
    worker.once('message', (result: ExtractedArticle) => {
      done();
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      done();
      reject(error);
    });
  });
}
