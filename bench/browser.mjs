// The widget in Chromium (issue 5, items 2, 3 and 6; issue 12): the first render of a small thread
// (the demo's six comments) and of a 1,000-comment thread, each the median of several fresh visits;
// the embed loading a 10,000-comment thread (time to the first page rendered, and which requests it
// took); and the JS heap with 1,000 comments rendered. Debian's Chromium through
// test/helpers/browser.ts.
import { importTs } from './lib.mjs';

/** The host page: an article with the script tag, served by the bench's own page server. */
export function widgetPage(parleyUrl, thread) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bench article</title></head><body>
<article><h1>Bench article</h1><p>Some text.</p></article>
<div id="comments"></div>
<script src="${parleyUrl}/parley.js" data-target="#comments" data-thread="${thread}" async></script>
</body></html>`;
}

/**
 * Milliseconds from navigation start until `articles` comments are on screen, in a fresh context
 * (nothing cached: the script and the API answer come over the wire, compressed as served). The
 * median and the range of `runs` visits, so one slow visit on a shared machine does not decide it.
 */
async function firstRender(browser, url, articles, runs = 7) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    const done = await page.waitForFunction(
      (n) => ((document.querySelector('.parley')?.shadowRoot?.querySelectorAll('article').length ?? 0) >= n ? performance.now() : false),
      articles,
      { polling: 'raf', timeout: 30_000 },
    );
    times.push(await done.jsonValue());
    await context.close();
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1], runs };
}

export async function browserBench({ pageUrl, bigPath, bigFirstPage, thousandPath, thousandFirstPage, demoPath, demoCount, log }) {
  const { chromiumAvailable, launchChromium } = await importTs('test/helpers/browser.ts');
  if (!chromiumAvailable()) return null;
  const browser = await launchChromium();
  try {
    log('  chromium: first render of the demo-sized thread and of the 1,000-comment thread …');
    const demo = await firstRender(browser, pageUrl + demoPath, demoCount);
    const thousand = await firstRender(browser, pageUrl + thousandPath, thousandFirstPage);

    // A 10,000-comment thread: the first page, and every request the page makes after its own HTML.
    log('  chromium: first page of the 10,000-comment thread …');
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests = [];
    page.on('request', (req) => {
      if (req.url() !== pageUrl + bigPath) requests.push(`${req.method()} ${req.url().replace(/^https?:\/\/[^/]+/, '')}`);
    });
    await page.goto(pageUrl + bigPath);
    // performance.now() is milliseconds since navigation start: the time to the first page on screen.
    const rendered = await page.waitForFunction(
      (n) => {
        const found = document.querySelector('.parley')?.shadowRoot?.querySelectorAll('article').length ?? 0;
        return found >= n ? performance.now() : false;
      },
      bigFirstPage,
      { polling: 'raf', timeout: 30_000 },
    );
    const ms = await rendered.jsonValue();
    await page.waitForTimeout(300); // anything late (a font, a second call) would show up now
    await context.close();

    // 1,000 comments: two pages of 50 roots with 450 replies each ("Show more comments" once).
    log('  chromium: heap with 1,000 comments rendered …');
    const c2 = await browser.newContext();
    const p2 = await c2.newPage();
    const cdp = await c2.newCDPSession(p2);
    await p2.goto(pageUrl + thousandPath);
    await p2.waitForFunction(() => (document.querySelector('.parley')?.shadowRoot?.querySelectorAll('article').length ?? 0) >= 500, null, { timeout: 30_000 });
    await p2.getByRole('button', { name: 'Show more comments' }).click();
    await p2.waitForFunction(() => (document.querySelector('.parley')?.shadowRoot?.querySelectorAll('article').length ?? 0) >= 1000, null, { timeout: 30_000 });
    const shown = await p2.evaluate(() => document.querySelector('.parley').shadowRoot.querySelectorAll('article').length);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const nodes = await p2.evaluate(() => document.querySelector('.parley').shadowRoot.querySelectorAll('*').length);
    await c2.close();

    // The same page without the widget, for scale.
    const c3 = await browser.newContext();
    const p3 = await c3.newPage();
    const cdp3 = await c3.newCDPSession(p3);
    await p3.setContent('<!doctype html><title>empty</title><p>Nothing</p>');
    await cdp3.send('HeapProfiler.collectGarbage');
    const empty = await cdp3.send('Runtime.getHeapUsage');
    await c3.close();
    return { firstPageMs: ms, requests, heapUsed: heap.usedSize, emptyHeapUsed: empty.usedSize, shown, nodes, version: browser.version(), demo, thousand };
  } finally {
    await browser.close();
  }
}
