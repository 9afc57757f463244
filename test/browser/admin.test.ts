// The admin page in Chromium: sign in with the admin token, approve a held comment, and see it
// published on the article page (loading the built dist/parley.js). Skips without Chromium, except
// under CI=true where chromiumAvailable() fails instead.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/main.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const TOKEN = 'browser-admin-token';
const TEXT = 'Held for the moderator: the ferry timetable changed last week.';

const ARTICLE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ferry news</title></head>
<body><main><article><h1>Ferry news</h1><p>The ferry runs again.</p></article>
<section id="comments"><script src="/parley.js" data-target="#comments" data-thread="/ferry" async></script></section></main></body></html>`;

describe.skipIf(!chromiumAvailable())('admin page in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let dir: string;
  // The owner's blog, whose /gone page answers 404 (issue 14 item 10).
  let blog: Server;
  let blogUrl: string;

  beforeAll(async () => {
    blog = createServer((req, res) => {
      res.writeHead(req.url === '/gone' ? 404 : 200, { 'content-type': 'text/html' });
      res.end('<html><body><article><p>Nothing here.</p></article></body></html>');
    });
    await new Promise<void>((resolve) => blog.listen(0, '127.0.0.1', resolve));
    blogUrl = `http://127.0.0.1:${(blog.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'parley-admin-'));
    writeFileSync(join(dir, 'ferry.html'), ARTICLE);
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      db: join(dir, 'parley.db'),
      origins: [blogUrl],
      adminToken: TOKEN,
      moderation: 'all',
      editWindowSeconds: 900,
      postsPerMinute: 100,
      minSubmitSeconds: 0,
      floodSeconds: 0,
      assetsDir: DIST,
      pages: { '/ferry': join(dir, 'ferry.html') },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    blog?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in, approves a held comment, and the article page shows it published', async () => {
    const res = await fetch(`${server.url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ thread: '/ferry', text: TEXT, name: 'Grace', email: 'grace@example.com', idempotencyKey: 'browser-admin-1' }),
    });
    expect(await res.json()).toMatchObject({ status: 'held' });

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(`${server.url}/admin`);
    await page.getByLabel('Moderator token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#signin-error').textContent()).toContain('not accepted');

    await page.getByLabel('Moderator token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const row = page.locator('.comment', { hasText: TEXT });
    await row.waitFor();
    expect(await row.textContent()).toContain('grace@example.com');
    expect(await row.locator('.reason', { hasText: 'Every comment on this site waits for a moderator.' }).count()).toBe(1);

    await row.getByRole('button', { name: 'Approve the comment by Grace' }).click();
    await expect.poll(() => page.locator('#toast-text').textContent()).toBe('Approved 1 comment.');
    expect(await page.locator('.comment').count()).toBe(0);

    await page.getByRole('tab', { name: 'Published' }).click();
    await page.locator('.comment', { hasText: TEXT }).waitFor();
    // The CSP let the page's own script, style and API calls through (the 401 above is expected).
    expect(problems.filter((p) => !/401/.test(p))).toEqual([]);

    const article = await browser.newPage();
    await article.goto(`${server.url}/ferry`);
    await article.getByText(TEXT).waitFor({ timeout: 10_000 });
    await article.close();
    await page.close();
  });

  it('applies bulk actions to the selected comments', async () => {
    for (const n of [1, 2]) {
      await fetch(`${server.url}/api/v1/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ thread: '/ferry', text: `Bulk spam number ${n}`, name: 'Bot', email: `bot${n}@example.com`, idempotencyKey: `browser-bulk-${n}` }),
      });
    }
    const page = await browser.newPage();
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('Moderator token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.comment', { hasText: 'Bulk spam number 2' }).waitFor();
    await page.getByLabel('Select all').check();
    await page.getByRole('button', { name: 'Mark selected as spam' }).click();
    // Issue 21: English word order.
    await expect.poll(() => page.locator('#toast-text').textContent()).toBe('Marked 2 comments as spam.');
    await page.getByRole('tab', { name: 'Spam' }).click();
    await page.locator('.comment', { hasText: 'Bulk spam number 1' }).waitFor();
    expect(await page.locator('.comment').count()).toBe(2);
    await page.close();
  });

  it('shows a banner, with the reason, for a thread whose article could not be fetched', async () => {
    const res = await fetch(`${server.url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ thread: '/gone', url: `${blogUrl}/gone`, text: 'A comment under a page that is gone.', name: 'Ann', email: 'ann@example.com', idempotencyKey: 'browser-banner-1' }),
    });
    expect(res.status).toBe(201);
    const page = await browser.newPage();
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('Moderator token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const banner = page.getByRole('alert').filter({ hasText: 'could not be fetched' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(new RegExp(`^The article of /gone could not be fetched from ${blogUrl.replace(/\./g, '\\.')}/gone \\(HTTP 404, .+\\): its comments are checked against the thread only\\.`));
    await page.close();
  });
});
