// Code chunks in Chromium (issue 12, "A split embed"): a page on another origin loads parley.js
// from the Parley server; the post and edit chunks are not part of the first render, are fetched
// when the reader first focuses the form (cross-origin, brotli, cached for a year), and after that
// posting and opening Edit make no chunk request at all. The minified post chunk's own paths (the
// checks' messages, the form token, the idempotency key) run here, as a reader's browser runs them.
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
    // Only the live chunk comes without an action, after the first page (issue 16, live updates).
    expect(requests.filter((r) => r.startsWith('/chunks/') && !r.startsWith('/chunks/live-'))).toEqual([]);

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
    // One request per chunk in the whole visit: the prefetch on focus.
    expect(requests.filter((r) => r.startsWith('/chunks/')).map((r) => r.replace(/-[A-Z0-9]{8}\.js$/, '')).sort()).toEqual(['/chunks/edit', '/chunks/live', '/chunks/post']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('posts with the minified post chunk: each empty field worded, then the form token and an idempotency key sent', async () => {
    const { page, problems, requests } = await openPage(browser, `${host.url}/cross`);
    await widgetReady(page);
    const w = page.locator('.parley');
    expect(requests.filter((r) => r.startsWith('/chunks/post-'))).toEqual([]);
    const chunk = page.waitForResponse((r) => /\/chunks\/post-[A-Z0-9]{8}\.js$/.test(r.url()));
    await w.getByRole('button', { name: 'Post Comment' }).click();
    expect((await chunk).status()).toBe(200);
    await w.getByText('Please correct the marked fields.').waitFor();
    const text = w.getByRole('textbox', { name: 'Comment required' });
    expect(await text.getAttribute('aria-invalid')).toBe('true');
    // Focus moved to the first marked field, and each field says what is wrong with it.
    expect(await text.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement == el)).toBe(true);
    expect(await w.locator('#p-namee').textContent()).toBe('Name is required.');
    await w.getByRole('textbox', { name: 'Email required' }).fill('not an address');
    await w.getByRole('textbox', { name: 'Website' }).fill('javascript:alert(1)');
    await w.getByRole('button', { name: 'Post Comment' }).click();
    await w.locator('#p-websitee').waitFor();
    expect(await w.locator('#p-emaile').textContent()).toBe('Enter an email address like name@example.com.');
    expect(await w.locator('#p-websitee').textContent()).toBe('Enter a web address starting with http:// or https://.');

    await text.fill('Posted by the minified chunk.');
    await w.getByRole('textbox', { name: 'Name required' }).fill('Ivy');
    await w.getByRole('textbox', { name: 'Email required' }).fill('ivy@example.com');
    await w.getByRole('textbox', { name: 'Website' }).fill('ivy.example');
    const post = page.waitForRequest((r) => r.method() == 'POST' && r.url().endsWith('/api/v1/comments'));
    await w.getByRole('button', { name: 'Post Comment' }).click();
    const body = (await post).postDataJSON();
    expect(body).toMatchObject({ thread: '/cross', text: 'Posted by the minified chunk.', name: 'Ivy', email: 'ivy@example.com', website: 'https://ivy.example', parent: null });
    expect(body.form.token).toEqual(expect.any(String));
    expect(body.idempotencyKey).toMatch(/^[\x20-\x7e]{1,128}$/);
    await w.getByRole('article', { name: 'Comment by Ivy' }).filter({ hasText: 'Posted by the minified chunk.' }).waitFor();
    // Issue 21: said on the new comment, which has the focus.
    await expect.poll(() => w.locator('article:focus > .n').textContent()).toBe('Your comment was posted.');
    expect(await text.inputValue()).toBe('');
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
