// Live updates in Chromium (issue 16 item 6), on the demo article with the real server: a comment
// another reader posts shows up as a "One new comment" button without a reload; pressing it inserts
// the comment (and a reply above the window) while the comment at the top of the window moves by at
// most 1 px; the widget is axe clean with the button shown; a hidden tab closes its stream.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeReport, chromiumAvailable, openPage, runAxe, widgetReady } from '../helpers/browser.ts';
import { useDemoSuite } from '../helpers/demo-suite.ts';
import { DEMO_THREAD, demoSeeds } from '../helpers/site.ts';

let keys = 0;
async function postAs(url: string, over: Record<string, unknown>) {
  const res = await fetch(`${url}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread: DEMO_THREAD, name: 'Other Reader', email: 'other@example.com', idempotencyKey: `live-browser-${++keys}`, ...over }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { comment: { id: string } }).comment.id;
}

/** The comment nearest the top of the window, and where it is. */
const topComment = (page: Page) =>
  page.locator('.parley').evaluate((host) => {
    const articles = [...host.shadowRoot!.querySelectorAll('article')];
    const first = articles.find((a) => a.getBoundingClientRect().top >= 0)!;
    return { id: first.id, top: first.getBoundingClientRect().top };
  });

describe.skipIf(!chromiumAvailable())('live updates in Chromium', () => {
  const suite = useDemoSuite();

  it('offers a comment posted meanwhile with a button, and inserts it and a reply above the window without moving what the reader reads', async () => {
    const { page, problems } = await openPage(suite.browser, `${suite.parley.url}${DEMO_THREAD}`, { viewport: { width: 800, height: 600 } });
    await widgetReady(page);
    // The stream is open once the live chunk has run: its button is in the shadow root.
    await page.locator('.parley button.live').waitFor({ state: 'attached' });
    // Read from the middle of the thread: the third comment at the top of the window.
    await page.locator('.parley article').nth(2).evaluate((a) => window.scrollBy(0, a.getBoundingClientRect().top));
    const before = await topComment(page);

    const firstRoot = suite.ids.get(demoSeeds()[0]!.key)!;
    const reply = await postAs(suite.parley.url, { parent: firstRoot, text: 'A reply to the first comment, posted while you read.' });
    const root = await postAs(suite.parley.url, { text: 'A new comment at the end of the thread.' });
    const live = page.getByRole('button', { name: '2 new comments' });
    await live.waitFor({ timeout: 10_000 });
    expect(await page.locator(`.parley #comment-${root}`).count()).toBe(0);
    const shown = await runAxe(page);
    expect(shown.violations, axeReport(shown)).toEqual([]);

    await live.click();
    await page.locator(`.parley #comment-${root}`).waitFor();
    await page.locator(`.parley #comment-${reply}`).waitFor();
    const after = await topComment(page);
    expect(after.id).toBe(before.id);
    expect(Math.abs(after.top - before.top)).toBeLessThanOrEqual(1);
    // The focus is on the first of them, and the button is gone.
    expect(await page.locator('.parley').evaluate((h) => h.shadowRoot!.activeElement?.id)).toBe(`comment-${reply}`);
    expect(await live.count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('closes the stream while the tab is hidden and opens it again when it is shown', async () => {
    const { page } = await openPage(suite.browser, `${suite.parley.url}${DEMO_THREAD}`);
    const streams: string[] = [];
    page.on('request', (r) => void (r.url().includes('/api/v1/stream') && streams.push(r.url())));
    await widgetReady(page);
    await expect.poll(() => streams.length, { timeout: 10_000 }).toBe(1);
    const setHidden = async (hidden: boolean) => {
      // What the browser does when the tab goes to the background, as the page sees it.
      await page.evaluate((h) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    };
    await setHidden(true);
    const id = await postAs(suite.parley.url, { text: 'Posted while the tab was hidden.' });
    await setHidden(false);
    await expect.poll(() => streams.length, { timeout: 10_000 }).toBe(2);
    // Resumed from where it was (the stream's `ready` event said how far the thread had got): the
    // comment posted while hidden comes on the new stream.
    expect(streams[1]).toMatch(/&lastEventId=\d+$/);
    await page.getByRole('button', { name: 'One new comment' }).waitFor({ timeout: 10_000 });
    expect(await page.locator(`.parley #comment-${id}`).count()).toBe(0);
    await page.close();
  });
});
