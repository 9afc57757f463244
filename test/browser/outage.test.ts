// The comment server goes away in the middle of a post (Parley issue 4, DESIGN promise 2). The
// article lives on its own host site, so it still loads while the Parley server is down. The post
// reaches the server and is stored, then the server dies before it can answer: the reader sees a
// clear error; a reload brings the draft back; with the server back, Retry publishes the comment
// exactly once (the retry carries the draft's idempotency key).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePage, listAll, removeDir, startHostSite, startParley, type Parley } from '../helpers/site.ts';
import { chromiumAvailable, launchChromium, openPage, widgetReady } from '../helpers/browser.ts';

const TEXT = 'Posted while the comment server was going down.';

describe.skipIf(!chromiumAvailable())('the server goes away mid-post', () => {
  let browser: Browser;
  let parley: Parley;
  let site: Awaited<ReturnType<typeof startHostSite>>;

  beforeAll(async () => {
    // The host site needs the Parley server's address and the server needs the site's origin.
    const pages: Record<string, string> = {};
    site = await startHostSite(pages);
    parley = await startParley({}, { origins: [site.url] });
    pages['/ferry'] = articlePage({ scripts: [`<script src="/parley.js" data-target="#comments" data-thread="/ferry" data-api="${parley.url}" async></script>`] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    await site?.close();
    removeDir(parley);
  });

  it('shows a clear error, keeps the draft over a reload, and Retry publishes exactly one comment', async () => {
    const { page } = await openPage(browser, `${site.url}/ferry`);
    await widgetReady(page);
    const form = page.locator('.parley form');
    await page.getByRole('textbox', { name: 'Comment required' }).fill(TEXT);
    await page.getByRole('textbox', { name: 'Name required' }).fill('Grace');
    await page.getByRole('textbox', { name: 'Email required' }).fill('grace@example.com');
    await page.getByLabel('Save my name').check();

    // The POST gets to the server and is stored; then the server stops and the answer never comes.
    let stored = 0;
    await page.route('**/api/v1/comments', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const res = await route.fetch();
      stored = res.status();
      await parley.close();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await expect.poll(() => form.locator('[role=status]').textContent()).toContain('Your comment was not sent. The comment server could not be reached.');
    expect(stored).toBe(201);
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'Comment required' }).inputValue()).toBe(TEXT);
    await page.unroute('**/api/v1/comments');

    // Reload while the server is still down: the thread cannot load, the draft is back.
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'The comments could not be loaded.' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Comment required' }).inputValue()).toBe(TEXT);
    expect(await page.getByRole('textbox', { name: 'Name required' }).inputValue()).toBe('Grace');
    expect(await page.getByRole('textbox', { name: 'Email required' }).inputValue()).toBe('grace@example.com');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await expect.poll(() => form.locator('[role=status]').textContent()).toContain('Your comment was not sent.');

    // The server returns; Retry sends the same draft with the same key: one comment, not two.
    await parley.restart();
    await form.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => page.locator('.parley article:focus > .n').textContent()).toBe('Your comment was posted.');
    const { count, comments } = await listAll(parley.url, '/ferry');
    expect(count).toBe(1);
    expect(comments.map((c) => c.text)).toEqual([TEXT]);
    expect(await page.getByRole('textbox', { name: 'Comment required' }).inputValue()).toBe('');
    // The thread's load failure has its own Retry; after it the page shows the one comment once.
    await page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
    await widgetReady(page);
    expect(await page.locator('.parley h2').textContent()).toMatch(/^One thought on/);
    expect(await page.getByRole('article', { name: 'Comment by Grace' }).count()).toBe(1);

    // And a fresh visit finds no stale draft.
    await page.reload();
    await widgetReady(page);
    expect(await page.getByRole('textbox', { name: 'Comment required' }).inputValue()).toBe('');
    expect(await page.getByRole('article', { name: 'Comment by Grace' }).count()).toBe(1);
    await page.context().close();
  });
});
