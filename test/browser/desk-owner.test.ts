// The site owner's voice on the moderation desk (issue 16 item 4) in Chromium: a moderator replies
// to a reader as the owner and writes a new comment on a thread (both published at once with the
// owner's name and badge, as the public API then shows them), pins comments (the thread's first page
// shows them first; a fourth pin is refused with the server's sentence), unpins one, and the desk is
// axe clean (WCAG 2.2 AA) with the badge, the Pinned mark and the reply form on the page, in the
// light and the dark scheme. What the server stored is checked through the public API.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startParley, type Parley } from '../helpers/site.ts';
import { axeReport, chromiumAvailable, launchChromium, openPage, runAxe } from '../helpers/browser.ts';

const ADMIN = 'desk-owner-admin-token-for-tests';
let n = 0;

type Wire = { id: string; parent: string | null; text: string; author: { name: string; badge: string | null }; pinned?: true };

describe.skipIf(!chromiumAvailable())('the site owner’s voice on the desk, in Chromium', () => {
  let browser: Browser;
  let parley: Parley;

  async function comment(thread: string, text: string, name = 'Grace') {
    const res = await fetch(`${parley.url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ thread, text, name, email: 'grace@example.com', idempotencyKey: `owner-desk-${++n}-${Date.now()}` }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { comment: Wire }).comment;
  }

  /** The thread's first page as readers get it. */
  async function readerPage(thread: string): Promise<Wire[]> {
    const res = await fetch(`${parley.url}/api/v1/comments?thread=${encodeURIComponent(thread)}`);
    return ((await res.json()) as { comments: Wire[] }).comments;
  }

  async function signIn(options: BrowserContextOptions = {}): Promise<Page> {
    const { page } = await openPage(browser, `${parley.url}/admin`, options);
    await page.getByLabel('Moderator token').fill(ADMIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: /^Published/ }).click();
    await expect.poll(() => page.locator('#owner-as').textContent()).toContain('Olga Owner');
    return page;
  }

  /** The Published tab, searched down to one thread. */
  async function showThread(page: Page, thread: string) {
    await page.getByRole('textbox', { name: 'Thread', exact: true }).fill(thread);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('#message').textContent()).toMatch(/found\.$/);
  }

  const row = (page: Page, text: string) => page.locator('#list > .comment', { hasText: text });

  beforeAll(async () => {
    parley = await startParley({}, { adminToken: ADMIN, ownerName: 'Olga Owner', ownerBadge: 'Editor' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    removeDir(parley);
  });

  it('replies to a reader as the owner: published at once, with the owner’s name and badge', async () => {
    const asked = await comment('/ferry', 'Does the ferry run on Sundays?');
    const page = await signIn();
    await showThread(page, '/ferry');
    await row(page, 'Does the ferry run on Sundays?').getByRole('button', { name: 'Reply as owner to the comment by Grace' }).click();
    await page.getByLabel('Reply to Grace as Olga Owner (Editor)').fill('Yes, **every hour** from 9.');
    await page.getByRole('button', { name: 'Post reply' }).click();
    await expect.poll(() => page.locator('#toast-text').textContent()).toBe('Replied to Grace as Olga Owner.');
    // Listed under the comment it answers, with the badge.
    const reply = row(page, 'every hour');
    await reply.waitFor();
    expect(await reply.locator('.badge').textContent()).toBe('Editor');
    const shown = await readerPage('/ferry');
    expect(shown.map((c) => [c.parent, c.author.name, c.author.badge])).toEqual([
      [null, 'Grace', null],
      [asked.id, 'Olga Owner', 'Editor'],
    ]);
    await page.context().close();
  });

  it('writes a new comment on a thread as the owner', async () => {
    const page = await signIn();
    await page.getByLabel('Page to post on').fill('/rules');
    await page.getByLabel('Owner’s comment').fill('House rules: be kind.');
    await page.getByRole('button', { name: 'Post as the owner' }).click();
    await expect.poll(() => page.locator('#owner-message').textContent()).toBe('Posted on /rules as Olga Owner.');
    expect((await readerPage('/rules')).map((c) => [c.text, c.author.badge])).toEqual([['House rules: be kind.', 'Editor']]);
    await page.context().close();
  });

  it('pins up to three comments, shown first to readers in the order pinned; refuses a fourth; unpins', async () => {
    const made: Wire[] = [];
    for (const word of ['alpha', 'bravo', 'charlie', 'delta']) made.push(await comment('/pins', `Comment ${word}`));
    const page = await signIn();
    await showThread(page, '/pins');
    for (const word of ['delta', 'bravo', 'alpha']) {
      await row(page, `Comment ${word}`).getByRole('button', { name: 'Pin the comment by Grace', exact: true }).click();
      await row(page, `Comment ${word}`).locator('.pinned-mark').waitFor();
    }
    expect(await page.locator('#toast-text').textContent()).toBe('Pinned the comment by Grace: readers see it first on /pins.');
    const first = await readerPage('/pins');
    expect(first.map((c) => [c.text, c.pinned])).toEqual([
      ['Comment delta', true],
      ['Comment bravo', true],
      ['Comment alpha', true],
      ['Comment charlie', undefined],
    ]);
    await row(page, 'Comment charlie').getByRole('button', { name: 'Pin the comment by Grace', exact: true }).click();
    await expect.poll(() => page.locator('#toast-text').textContent()).toMatch(/^A thread can have at most 3 pinned comments/);
    expect(await row(page, 'Comment charlie').locator('.pinned-mark').count()).toBe(0);
    await row(page, 'Comment bravo').getByRole('button', { name: 'Unpin the comment by Grace' }).click();
    await expect.poll(() => page.locator('#toast-text').textContent()).toBe('Unpinned the comment by Grace.');
    // The Unpin button became Pin again, and has the focus.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Pin');
    expect((await readerPage('/pins')).filter((c) => c.pinned).map((c) => c.text)).toEqual(['Comment delta', 'Comment alpha']);
    await page.context().close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`is axe clean (WCAG 2.2 AA) in the ${scheme} scheme with the badge, a pin and the reply form open`, async () => {
      const reader = await comment(`/axe-${scheme}`, `Axe reads this (${scheme})`);
      const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
      await fetch(`${parley.url}/api/v1/admin/comments`, { method: 'POST', headers: admin, body: JSON.stringify({ thread: `/axe-${scheme}`, parent: reader.id, text: 'The owner answers.' }) });
      await fetch(`${parley.url}/api/v1/admin/comments/${reader.id}/pin`, { method: 'POST', headers: admin, body: JSON.stringify({ pinned: true }) });
      const page = await signIn({ colorScheme: scheme, bypassCSP: true });
      await showThread(page, `/axe-${scheme}`);
      await row(page, 'The owner answers.').locator('.badge').waitFor();
      await row(page, `Axe reads this (${scheme})`).locator('.pinned-mark').waitFor();
      await page.getByRole('button', { name: 'Reply as owner to the comment by Grace' }).click();
      const result = await runAxe(page);
      expect(result.violations, axeReport(result)).toEqual([]);
      await page.context().close();
    });
  }
});
