// The main text of an article page (DESIGN "Moderation and spam"), from its HTML: `<article>` or
// `<main>`, else the densest block of paragraphs, without navigation, header, footer, asides,
// scripts, forms or comment sections. Synchronous and CPU-bound (a deeply nested 300 KB page takes
// over half a second, a 1.9 MB one 20 s), so the server runs it in a worker thread
// (article-worker.ts, by article.ts's readInWorker) and never on the thread that answers requests.
import { pageTitle as titleOf } from '../core/page-title.ts';
import { parseHTML } from 'linkedom';

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
export interface ExtractedArticle {
  title: string;
  text: string;
  /** The page's `article:published_time` (Open Graph), ms since the epoch; null without a readable one. */
  publishedAt: number | null;
}

export function extractArticleText(html: string): ExtractedArticle {
  const { document } = parseHTML(html);
  const published = Date.parse(document.querySelector('meta[property="article:published_time"]')?.getAttribute('content') ?? '');
  const publishedAt = Number.isFinite(published) ? published : null;
  // Issue 21: the <title> less a trailing site name, for a page whose article has no <h1>.
  const site = document.querySelector('meta[property="og:site_name"]')?.getAttribute('content');
  const pageTitle = titleOf(textOf(document.querySelector('title') ?? document.createElement('title')), site);
  for (const el of [...document.querySelectorAll(NOISE)]) el.remove();
  for (const el of [...document.querySelectorAll('[id],[class]')]) {
    const tag = el.tagName.toLowerCase();
    // <body class="… comments-open"> (WordPress) is the whole page, not a comment section.
    if (tag !== 'html' && tag !== 'body' && el.isConnected && mentionsComment(el)) el.remove();
  }
  const container = pickContainer(document);
  if (!container) return { title: pageTitle, text: '', publishedAt };
  const blocks = [...container.querySelectorAll(BLOCKS)]
    // Only the innermost blocks: a <li> holding a <p> would repeat the paragraph's text.
    .filter((el) => !el.querySelector(BLOCKS))
    .map(textOf)
    .filter(Boolean);
  const text = (blocks.length ? blocks : [textOf(container)]).join('\n\n');
  const h1 = container.querySelector('h1') ?? document.querySelector('h1');
  return { title: h1 ? textOf(h1) : pageTitle, text, publishedAt };
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
