// Fetches the article at a thread's URL and extracts its main text, for the echo rule (DESIGN.md
// "Moderation and spam", issue 3). The server fetches a URL that a *poster* sent, so this is the
// SSRF guard: only http(s) on an allowed origin, redirects followed by hand and only while they stay
// on an allowed origin, a timeout over the whole exchange, a size cap while reading, HTML only.
// A failure is a value with a reason, never a throw: the post goes on without the article.

import { parseHTML } from 'linkedom';

export type ArticleResult = { ok: true; text: string; title: string } | { ok: false; reason: string };

export interface FetchArticleOptions {
  /** Origins the server may fetch, e.g. ['https://blog.example']. Anything else is refused. */
  allowedOrigins: readonly string[];
  fetch?: typeof globalThis.fetch;
  /** For the whole exchange: every redirect and the body. */
  timeoutMs?: number;
  /** Bytes of body read at most; a larger page is refused. */
  maxBytes?: number;
  maxRedirects?: number;
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
  const { allowedOrigins, fetch = globalThis.fetch, timeoutMs = 3000, maxBytes = 1_000_000, maxRedirects = 3 } = options;
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
    return await Promise.race([fetchGuarded(url, allowed, fetch, controller.signal, maxBytes, maxRedirects), timeout]);
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
    const { text, title } = extractArticleText(html);
    if (!text) return { ok: false, reason: 'no article text found on the page' };
    return { ok: true, text, title };
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

// Never article text. Comment sections are matched by id/class below, as themes name them freely.
const NOISE = [
  'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'canvas', 'nav', 'header', 'footer', 'aside', 'form',
  'button', 'select', 'textarea', 'dialog', '[role="navigation"]', '[role="banner"]', '[role="contentinfo"]',
  '[role="complementary"]', '[aria-hidden="true"]', '[hidden]',
].join(',');
const COMMENTISH = /comment|disqus|respond/i;
const BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,blockquote,pre,figcaption,dd,dt,td';

type El = Element;

function textOf(el: El): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function mentionsComment(el: El): boolean {
  return COMMENTISH.test(`${el.getAttribute('id') ?? ''} ${el.getAttribute('class') ?? ''}`);
}

/**
 * The main text of an article page: `<article>` or `<main>`, else the block with the most paragraph
 * text, without navigation, header, footer, asides, scripts, styles, forms or comment sections.
 * Paragraphs are separated by blank lines.
 */
export function extractArticleText(html: string): { title: string; text: string } {
  const { document } = parseHTML(html);
  const pageTitle = textOf(document.querySelector('title') ?? document.createElement('title'));
  for (const el of [...document.querySelectorAll(NOISE)]) el.remove();
  for (const el of [...document.querySelectorAll('[id],[class]')]) {
    const tag = el.tagName.toLowerCase();
    // <body class="… comments-open"> (WordPress) is the whole page, not a comment section.
    if (tag !== 'html' && tag !== 'body' && el.isConnected && mentionsComment(el)) el.remove();
  }
  const container = pickContainer(document);
  if (!container) return { title: pageTitle, text: '' };
  const blocks = [...container.querySelectorAll(BLOCKS)]
    // Only the innermost blocks: a <li> holding a <p> would repeat the paragraph's text.
    .filter((el) => !el.querySelector(BLOCKS))
    .map(textOf)
    .filter(Boolean);
  const text = (blocks.length ? blocks : [textOf(container)]).join('\n\n');
  const h1 = container.querySelector('h1') ?? document.querySelector('h1');
  return { title: h1 ? textOf(h1) : pageTitle, text };
}

function pickContainer(document: Document): El | null {
  const longest = (els: El[]) =>
    els.reduce<El | null>((best, el) => (best && textOf(best).length >= textOf(el).length ? best : el), null);
  const article = longest([...document.querySelectorAll('article')]);
  if (article && textOf(article).length > 0) return article;
  const main = longest([...document.querySelectorAll('main,[role="main"]')]);
  if (main && textOf(main).length > 0) return main;
  // The densest text block: the element whose own paragraphs hold the most text.
  const scores = new Map<El, number>();
  for (const p of document.querySelectorAll('p')) {
    const parent = p.parentElement;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + textOf(p).length);
  }
  let best: El | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) if (score > bestScore) [best, bestScore] = [el, score];
  return best ?? document.body ?? null;
}
