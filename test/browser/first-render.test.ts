// What the first render of a thread transfers, measured by Chromium itself (issue 12: "a Chromium
// test reports the bytes the first render transfers"): the Network domain's encodedDataLength of
// every response the page receives until the count heading is up, from the real server with the
// Accept-Encoding Chromium sends. The budgets are build/budget.json's; test/build/wire.test.ts
// checks the same files through app.request.
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliSize, readBudget } from '../../build/size.mjs';
import { articlePage, DEMO_PAGE, DEMO_THREAD, demoSeeds, DIST, removeDir, seed, startParley, type Parley } from '../helpers/site.ts';
import { chromiumAvailable, launchChromium, widgetReady } from '../helpers/browser.ts';

interface Transfer {
  path: string;
  type: string;
  encoding: string | null;
  /** Body bytes as they came over the wire (compressed), from Network.dataReceived. */
  body: number;
  /** Everything received for the request, headers included (Network.loadingFinished). */
  total: number;
}

/** Every response the page receives, with its wire sizes, as Chromium's DevTools protocol counts them. */
async function recordTransfers(cdp: CDPSession) {
  const byId = new Map<string, Transfer>();
  const done = new Set<string>();
  await cdp.send('Network.enable');
  cdp.on('Network.responseReceived', (e) => {
    const u = new URL(e.response.url);
    const encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() == 'content-encoding')?.[1] ?? null;
    byId.set(e.requestId, { path: u.pathname + u.search, type: e.type, encoding, body: 0, total: 0 });
  });
  cdp.on('Network.dataReceived', (e) => {
    const t = byId.get(e.requestId);
    if (t) t.body += e.encodedDataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const t = byId.get(e.requestId);
    if (t) t.total = e.encodedDataLength;
    done.add(e.requestId);
  });
  return () => [...byId].filter(([id]) => done.has(id)).map(([, t]) => t);
}

describe.skipIf(!chromiumAvailable())('bytes of the first render, in Chromium', () => {
  let browser: Browser;
  let parley: Parley;
  const budget = readBudget().groups;

  beforeAll(async () => {
    parley = await startParley({
      [DEMO_THREAD]: readFileSync(DEMO_PAGE, 'utf8'),
      '/uk': articlePage({ title: 'Пором', scripts: ['<script src="/parley.js" data-target="#comments" data-thread="/uk" data-lang="uk" async></script>'] }),
    });
    await seed(parley.url, DEMO_THREAD, demoSeeds());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    removeDir(parley);
  });

  async function firstRender(path: string) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const transfers = await recordTransfers(await context.newCDPSession(page));
    await page.goto(parley.url + path);
    await widgetReady(page);
    // What the widget asks for once the thread is on screen is not the first render: the live
    // chunk and its stream, and the votes chunk (issue 16), requested after the first page. They
    // may already be here by now, so they are left out by name.
    const after = (t: Transfer) => t.path.startsWith('/chunks/live-') || t.path.startsWith('/chunks/votes-') || t.path.startsWith('/api/v1/stream');
    const seen = transfers().filter((t) => !after(t));
    await context.close();
    // The page itself and the API answers are not the widget's code.
    const code = seen.filter((t) => t.type == 'Script');
    return { seen, code, body: code.reduce((n, t) => n + t.body, 0), total: code.reduce((n, t) => n + t.total, 0) };
  }

  it('an English thread downloads only parley.js, brotli, within 10,240 B, and one API call', async () => {
    const { seen, code, body, total } = await firstRender(DEMO_THREAD);
    console.log(`English first render in Chromium: ${code.map((t) => `${t.path} ${t.body} B (${t.encoding})`).join(', ')}; ${body} B of code, ${total} B with headers`);
    expect(code.map((t) => [t.path, t.encoding])).toEqual([['/parley.js', 'br']]);
    // Exactly the bytes the budget test counts: the brotli of dist/parley.js.
    expect(body).toBe(brotliSize(readFileSync(DIST + 'parley.js')));
    expect(body).toBeLessThanOrEqual(budget['English first render']!.max);
    // Two requests before the thread shows: the script and one API call (README "Size and speed").
    // (The browser's own /favicon.ico is not the widget's.)
    expect(seen.filter((t) => t.type != 'Document' && t.path != '/favicon.ico').map((t) => t.path.replace(/\?.*/, ''))).toEqual(['/parley.js', '/api/v1/comments']);
  });

  it('a Ukrainian thread adds its language file, within 11,776 B together', async () => {
    const { code, body, total } = await firstRender('/uk');
    console.log(`Ukrainian first render in Chromium: ${code.map((t) => `${t.path} ${t.body} B (${t.encoding})`).join(', ')}; ${body} B of code, ${total} B with headers`);
    expect(code.map((t) => [t.path, t.encoding])).toEqual([
      ['/parley.js', 'br'],
      ['/i18n/uk.js', 'br'],
    ]);
    expect(body).toBeLessThanOrEqual(budget['first render in another language']!.max);
  });
});
