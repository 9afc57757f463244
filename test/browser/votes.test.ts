// Votes and sorting in Chromium (issue 16 items 2 and 3), on the demo article with the real server
// (--votes updown): a reader votes, reloads and sees the server's count and their vote pressed; takes
// it back; switches the order and sees it change, and again after a reload (the choice kept in the
// browser); Best puts the best-liked first; the widget is axe clean with all of it shown, light and dark.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeReport, chromiumAvailable, openPage, runAxe, widgetReady } from '../helpers/browser.ts';
import { useDemoSuite } from '../helpers/demo-suite.ts';
import { DEMO_THREAD, demoSeeds } from '../helpers/site.ts';

/** The thread's top-level comments, in the order shown. */
const roots = (page: Page) =>
  page.locator('.parley').evaluate((host) => [...host.shadowRoot!.querySelector('ol')!.children].map((li) => li.querySelector('article')!.id.slice('comment-'.length)));

/** The widget is there with the votes chunk: its buttons are shown. */
const votesReady = async (page: Page) => {
  await widgetReady(page);
  await page.locator('.parley .vt').first().waitFor({ timeout: 10_000 });
};

/** The server's counts of a comment, as any reader's GET gets them. */
async function serverVotes(url: string, id: string) {
  const page = (await (await fetch(`${url}/api/v1/comments?thread=${encodeURIComponent(DEMO_THREAD)}`)).json()) as { comments: { id: string; votes: { up: number; down: number } }[] };
  return page.comments.find((c) => c.id == id)!.votes;
}

describe.skipIf(!chromiumAvailable())('votes and sorting in Chromium', () => {
  const suite = useDemoSuite({ votes: 'updown' });

  it('counts a vote at once, and after a reload shows the server’s count with the vote pressed; a second press takes it back', async () => {
    const { page, problems } = await openPage(suite.browser, `${suite.parley.url}${DEMO_THREAD}`);
    await votesReady(page);
    const id = suite.ids.get(demoSeeds()[1]!.key)!;
    const up = () => page.locator(`.parley #comment-${id}`).getByRole('button', { name: /^Vote up/ });
    const down = () => page.locator(`.parley #comment-${id}`).getByRole('button', { name: /^Vote down/ });
    expect(await up().getAttribute('aria-pressed')).toBe('false');
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/v1/comments/${id}/vote`));
    await up().click();
    expect(await up().getAttribute('aria-pressed')).toBe('true');
    expect(await up().textContent()).toBe('Vote up ▲ 1');
    expect((await answered).status()).toBe(200);
    expect(await serverVotes(suite.parley.url, id)).toEqual({ up: 1, down: 0 });
    const voter = await page.evaluate(() => JSON.parse(localStorage.getItem('parley:voter')!));
    expect(voter).toMatch(/^[!-~]{16,64}$/);

    await page.reload();
    await votesReady(page);
    expect(await up().getAttribute('aria-pressed')).toBe('true');
    expect(await up().textContent()).toBe('Vote up ▲ 1');
    expect(await down().getAttribute('aria-pressed')).toBe('false');

    // Up to down in one press, then back to nothing.
    await down().click();
    await expect.poll(() => serverVotes(suite.parley.url, id)).toEqual({ up: 0, down: 1 });
    await down().click();
    await expect.poll(() => serverVotes(suite.parley.url, id)).toEqual({ up: 0, down: 0 });
    await page.reload();
    await votesReady(page);
    expect(await up().textContent()).toBe('Vote up ▲ 0');
    expect(await up().getAttribute('aria-pressed')).toBe('false');
    expect(await down().getAttribute('aria-pressed')).toBe('false');
    // One voter key for the browser, kept.
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('parley:voter')!))).toBe(voter);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('switches the order, keeps the choice over a reload, and puts the best-liked first under Best', async () => {
    const { page, problems, requests } = await openPage(suite.browser, `${suite.parley.url}${DEMO_THREAD}`);
    await votesReady(page);
    const oldest = await roots(page);
    expect(oldest.length).toBeGreaterThan(1);
    const chosen = () => page.locator('.parley .so [aria-pressed=true]').textContent();
    const sortBy = page.locator('.parley').getByRole('group', { name: 'Sort by' });
    expect(await chosen()).toBe('Oldest');
    await sortBy.getByRole('button', { name: 'Newest' }).click();
    await expect.poll(() => roots(page)).toEqual([...oldest].reverse());
    expect(requests.some((r) => r.startsWith('/api/v1/comments?') && r.includes('sort=newest'))).toBe(true);

    await page.reload();
    await votesReady(page);
    expect(await roots(page)).toEqual([...oldest].reverse());
    expect(await chosen()).toBe('Newest');

    // The last comment gets two votes (this browser's and another's): best first, it leads.
    const last = oldest.at(-1)!;
    await page.locator(`.parley #comment-${last}`).getByRole('button', { name: /^Vote up/ }).click();
    await expect.poll(() => serverVotes(suite.parley.url, last)).toEqual({ up: 1, down: 0 });
    const other = await fetch(`${suite.parley.url}/api/v1/comments/${last}/vote`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: 1, voter: 'another-readers-voter-key' }) });
    expect(other.status).toBe(200);
    await sortBy.getByRole('button', { name: 'Best' }).click();
    await expect.poll(async () => (await roots(page))[0]).toBe(last);
    await page.reload();
    await votesReady(page);
    expect((await roots(page))[0]).toBe(last);
    expect(await page.locator(`.parley #comment-${last}`).getByRole('button', { name: /^Vote up/ }).textContent()).toBe('Vote up ▲ 2');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('offers no vote on a comment the reader just posted', async () => {
    const { page } = await openPage(suite.browser, `${suite.parley.url}${DEMO_THREAD}`);
    await votesReady(page);
    const w = page.locator('.parley');
    await w.getByRole('textbox', { name: 'Comment required' }).fill('My own view, not for my own vote.');
    await w.getByRole('textbox', { name: 'Name required' }).fill('Ivy');
    await w.getByRole('textbox', { name: 'Email required' }).fill('ivy@example.com');
    await w.getByRole('button', { name: 'Post Comment' }).click();
    const mine = w.getByRole('article', { name: 'Comment by Ivy' });
    await mine.getByRole('button', { name: 'Reply' }).waitFor();
    expect(await mine.locator('.vt').count()).toBe(0);
    expect(await w.locator('.vt').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`is axe clean in ${colorScheme} with the vote buttons (one pressed), the down votes and the sort control shown`, async () => {
      const { page, problems } = await openPage(suite.browser, `${suite.parley.url}${DEMO_THREAD}`, { colorScheme });
      await votesReady(page);
      await page.locator('.parley .vt').first().click();
      await page.locator('.parley .vt[aria-pressed=true]').first().waitFor();
      expect(await page.locator('.parley').getByRole('group', { name: 'Sort by' }).getByRole('button').count()).toBe(3);
      expect(await page.locator('.parley').getByRole('button', { name: /^Vote down/ }).count()).toBeGreaterThan(0);
      const report = await runAxe(page);
      expect(report.violations, axeReport(report)).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }
});
