// The learning filter's view on the admin page in Chromium (issue 15, item 2; src/server/admin/
// filter-view.ts): shown once signed in, it says what the filter learnt from the moderator's
// decisions taken on the page, and its reset forgets them. Skips without Chromium, except under
// CI=true where chromiumAvailable() fails instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/main.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';

const TOKEN = 'browser-filter-token';

describe.skipIf(!chromiumAvailable())('the learning filter on the admin page, in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-filter-'));
    server = await startServer({ port: 0, host: '127.0.0.1', db: join(dir, 'parley.db'), adminToken: TOKEN, moderation: 'all', minSubmitSeconds: 0, floodSeconds: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows what the decisions taught it, and resets it', async () => {
    for (const [n, text] of [
      [1, 'Great article, thanks for sharing! Bookmarked.'],
      [2, 'The night bus on Harlow Road has been late all week.'],
    ] as const) {
      await fetch(`${server.url}/api/v1/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ thread: '/bus', text, name: `Reader ${n}`, email: `r${n}@example.com`, idempotencyKey: `filter-${n}` }),
      });
    }
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${server.url}/admin`);
    // Hidden until signed in.
    expect(await page.locator('#filter').isHidden()).toBe(true);
    await page.getByLabel('Moderator token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const filter = page.getByRole('region', { name: 'Learning filter' });
    await expect.poll(() => filter.textContent()).toContain('0 approved and 0 spam decisions so far; it judges once it has 20 of each.');

    await page.getByRole('button', { name: 'Approve the comment by Reader 2' }).click();
    await expect.poll(() => page.locator('#toast-text').textContent()).toBe('Approved 1 comment.');
    await page.getByRole('button', { name: 'Spam the comment by Reader 1' }).click();
    await expect.poll(() => page.locator('#toast-text').textContent()).toBe('Marked 1 comment as spam.');
    await filter.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => filter.textContent()).toContain('1 approved and 1 spam decisions so far');

    page.once('dialog', (d) => void d.accept());
    await filter.getByRole('button', { name: 'Reset what it learnt' }).click();
    await expect.poll(() => filter.textContent()).toContain('The filter was reset.');
    expect(await filter.textContent()).toContain('0 approved and 0 spam decisions so far');
    expect(problems).toEqual([]);
    await page.close();
  });
});
