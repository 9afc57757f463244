// Code chunks in Chromium (issue 12, "A split embed"): a page on another origin loads parley.js
// from the Parley server; the edit chunk is not part of the first render, is fetched when the
// reader first focuses the form (cross-origin, brotli, cached for a year), and after that opening
// Edit makes no request at all.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startHostSite, startParley, type Parley } from '../helpers/site.ts';
import { chromiumAvailable, launchChromium, openPage, widgetReady } from '../helpers/browser.ts';

describe.skipIf(!chromiumAvailable())('code chunks in Chromium', () => {
  let browser: Browser;
  let parley: Parley;
  let host: Awaited<ReturnType<typeof startHostSite>>;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    host = await startHostSite(pages);
    parley = await startParley({}, { origins: [host.url] });
    pages['/cross'] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cross-origin article</title></head>
<body><main><h1>Cross-origin article</h1><p>Comments come from another origin.</p>
<div id="comments"></div><script src="${parley.url}/parley.js" data-target="#comments" data-thread="/cross" async></script></main></body></html>`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    await host?.close();
    removeDir(parley);
  });

  it('prefetches the edit chunk on first focus, cross-origin, so opening Edit makes no request', async () => {
    const { page, problems, requests } = await openPage(browser, `${host.url}/cross`);
    await widgetReady(page);
    const w = page.locator('.parley');
    expect(requests.filter((r) => r.startsWith('/chunks/'))).toEqual([]);

    const chunk = page.waitForResponse((r) => /\/chunks\/edit-[A-Z0-9]{8}\.js$/.test(r.url()));
    await w.getByRole('textbox', { name: 'Comment required' }).click();
    const response = await chunk;
    expect(response.status()).toBe(200);
    const headers = await response.allHeaders();
    expect([headers['content-encoding'], headers['cache-control'], headers['access-control-allow-origin']]).toEqual(['br', 'public, max-age=31536000, immutable', '*']);
    expect(new URL(response.url()).origin).toBe(parley.url.replace('localhost', '127.0.0.1'));

    await w.getByRole('textbox', { name: 'Comment required' }).fill('From another origin.');
    await w.getByRole('textbox', { name: 'Name required' }).fill('Ivy');
    await w.getByRole('textbox', { name: 'Email required' }).fill('ivy@example.com');
    await w.getByRole('button', { name: 'Post Comment' }).click();
    const mine = w.getByRole('article', { name: 'Comment by Ivy' });
    await mine.getByRole('button', { name: 'Edit' }).waitFor();

    const before = requests.length;
    await mine.getByRole('button', { name: 'Edit' }).click();
    await mine.getByRole('textbox', { name: 'Edit your comment' }).waitFor();
    expect(await mine.getByRole('textbox', { name: 'Edit your comment' }).inputValue()).toBe('From another origin.');
    expect(requests.slice(before)).toEqual([]);
    // Only one chunk request in the whole visit: the prefetch.
    expect(requests.filter((r) => r.startsWith('/chunks/'))).toHaveLength(1);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('loads the edit chunk at once for a reader who comes back with a comment still editable', async () => {
    const { page, problems } = await openPage(browser, `${host.url}/cross`);
    await widgetReady(page);
    const w = page.locator('.parley');
    await w.getByRole('textbox', { name: 'Comment required' }).fill('Back again soon.');
    await w.getByRole('textbox', { name: 'Name required' }).fill('Ivy');
    await w.getByRole('textbox', { name: 'Email required' }).fill('ivy@example.com');
    await w.getByRole('button', { name: 'Post Comment' }).click();
    const mine = w.getByRole('article', { name: 'Comment by Ivy' }).filter({ hasText: 'Back again soon.' });
    await mine.getByRole('button', { name: 'Edit' }).waitFor();
    await page.reload();
    await widgetReady(page);
    // No focus, no click: the buttons come with the chunk the widget loads because it is needed.
    await mine.getByRole('button', { name: 'Edit' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
