// The widget's rough edges from issue 21, as Chromium renders them: the notice where the reader's
// eyes are, the awaiting-moderation box set apart in both themes, errors that are more than a colour,
// one button style per kind, and a heading without the site's name.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePage, removeDir, startParley, type Parley } from '../helpers/site.ts';
import { chromiumAvailable, launchChromium, openPage, runAxe, axeReport, widgetReady } from '../helpers/browser.ts';

const script = (thread: string, extra = '') => `<script src="/parley.js" data-target="#comments" data-thread="${thread}"${extra} async></script>`;

/** A page with no og:title, whose <title> ends in the site's name, and an <h1> that is the article's. */
const untitled = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour bridge repairs – The Riverside Gazette</title>
</head><body><header><p>The Riverside Gazette</p></header><main><h1>Harbour bridge repairs</h1><p>The bridge closes in June.</p>
<section id="comments">${script('/bridge')}</section></main></body></html>`;

async function post(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Comment required' }).fill(text);
  await page.getByRole('textbox', { name: 'Name required' }).fill('Ann Lee');
  await page.getByRole('textbox', { name: 'Email required' }).fill('ann@example.com');
  await page.getByRole('button', { name: 'Post Comment' }).click();
}

/** Computed styles of the first element a selector finds inside the widget (and of its ::before). */
const styleOf = (page: Page, selector: string) =>
  page.locator('.parley').evaluate((host, sel) => {
    const el = host.shadowRoot!.querySelector(sel)!;
    const s = getComputedStyle(el);
    return {
      color: s.color,
      background: s.backgroundColor,
      fontStyle: s.fontStyle,
      borderStart: `${s.borderLeftWidth} ${s.borderLeftStyle} ${s.borderLeftColor}`,
      radius: s.borderTopLeftRadius,
      height: el.getBoundingClientRect().height,
      error: getComputedStyle(host).getPropertyValue('--parley-error'),
    };
  }, selector);

describe.skipIf(!chromiumAvailable())('the widget’s rough edges (issue 21) in Chromium', () => {
  let browser: Browser;
  let parley: Parley;
  let held: Parley;

  beforeAll(async () => {
    const pages = {
      '/ferry': articlePage({ scripts: [script('/ferry')] }),
      // The dark theme is for a dark page.
      '/ferry-dark': articlePage({ head: '<style>body{background:#1b1b1b;color:#eee}</style>', scripts: [script('/ferry-dark', ' data-theme="dark"')] }),
      '/bridge': untitled,
    };
    parley = await startParley(pages);
    held = await startParley(pages, { moderation: 'all' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    await held?.close();
    removeDir(parley);
    removeDir(held);
  });

  it('says “posted” on the new comment, which takes the focus, in a tinted italic box', async () => {
    const { page, problems } = await openPage(browser, `${parley.url}/ferry`);
    await widgetReady(page);
    await post(page, 'Glad it runs again.');
    const notice = page.locator('.parley article:focus > .n');
    await expect.poll(() => notice.textContent()).toBe('Your comment was posted.');
    const focused = page.locator('.parley article:focus');
    expect(await focused.getAttribute('aria-describedby')).toBe(await notice.getAttribute('id'));
    const box = await styleOf(page, 'article > .n');
    expect(box.fontStyle).toBe('italic');
    expect(box.background).not.toBe('rgba(0, 0, 0, 0)');
    // Nothing by the Post button any more.
    expect((await page.locator('.parley form [role=status]').textContent())!.trim()).toBe('');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  for (const [what, path] of [
    ['light', '/ferry'],
    ['dark', '/ferry-dark'],
  ] as const) {
    it(`sets “awaiting moderation” apart in the ${what} theme, and axe finds nothing`, async () => {
      const { page } = await openPage(browser, `${held.url}${path}`, { colorScheme: what });
      await widgetReady(page);
      await post(page, `Held in the ${what} theme.`);
      const notice = page.locator('.parley article:focus > .n');
      await expect.poll(() => notice.textContent()).toBe('Your comment was sent and is awaiting moderation.');
      const box = await styleOf(page, 'article > .n');
      expect(box.fontStyle).toBe('italic');
      expect(box.background).not.toBe('rgba(0, 0, 0, 0)');
      const axe = await runAxe(page, { include: [['.parley']] });
      expect(axe.violations, axeReport(axe)).toEqual([]);
      // After a reload the box says it still waits.
      await page.reload();
      await widgetReady(page);
      await expect.poll(() => page.locator('.parley article > .n').textContent()).toBe('Your comment is awaiting moderation.');
      await page.context().close();
    });
  }

  it('styles a post error as an error: its colour and a bar at its start, with pill Retry and Discard', async () => {
    const { page } = await openPage(browser, `${parley.url}/ferry`);
    await widgetReady(page);
    await page.route('**/api/v1/comments', (route) => (route.request().method() === 'POST' ? route.abort() : route.continue()));
    await post(page, 'Lost in the post.');
    const status = page.locator('.parley form [role=status]');
    await expect.poll(() => status.textContent()).toContain('Your comment was not sent.');
    const error = await styleOf(page, 'form [role=status]');
    expect(error.borderStart).toMatch(/^3px solid /);
    expect(error.borderStart.endsWith(error.color)).toBe(true);
    // One style per kind: Retry and Discard are pills like Reply, and as high.
    const reply = await styleOf(page, 'article button');
    const retry = await styleOf(page, 'form [role=status] button');
    expect(reply.radius).not.toBe('0px');
    expect(retry.radius).toBe(reply.radius);
    expect(retry.height).toBe(reply.height);
    await page.context().close();
  });

  it('makes “Cancel reply” a pill like Reply', async () => {
    const { page } = await openPage(browser, `${parley.url}/ferry`);
    await widgetReady(page);
    await post(page, 'Something to reply to.');
    await page.locator('.parley article:focus > .n').waitFor();
    await page.getByRole('button', { name: 'Reply to Ann Lee' }).first().click();
    const reply = await styleOf(page, 'article button');
    const cancel = await page.locator('.parley').evaluate((host) => {
      const b = [...host.shadowRoot!.querySelectorAll('button')].find((x) => x.textContent == 'Cancel reply')!;
      return { radius: getComputedStyle(b).borderTopLeftRadius, height: b.getBoundingClientRect().height };
    });
    expect(cancel).toEqual({ radius: reply.radius, height: reply.height });
    await page.context().close();
  });

  it('titles the heading with the article’s <h1>, not the <title> that ends in the site name', async () => {
    const { page } = await openPage(browser, `${parley.url}/bridge`);
    await widgetReady(page);
    expect(await page.locator('.parley h2').textContent()).toBe('No comments yet');
    await post(page, 'First!');
    await expect.poll(() => page.locator('.parley h2').textContent()).toBe('One thought on “Harbour bridge repairs”');
    await page.context().close();
  });
});
