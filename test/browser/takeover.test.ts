// The open web in Chromium (issue 18): a page that includes the server-rendered fragment shows the
// comments before any script, and the widget takes its place without moving the page (cumulative
// layout shift ≤ 0.01, measured by the browser's own layout-shift entries); with JavaScript off a
// reader reads the thread and posts through the /t page's plain form; the /t page is axe clean.
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeReport, chromiumAvailable, launchChromium, openPage, runAxe, widgetReady } from '../helpers/browser.ts';
import { readFileSync } from 'node:fs';
import { articlePage, DEMO_PAGE, DEMO_THREAD, demoSeeds, removeDir, seed, startParley, type Parley } from '../helpers/site.ts';
import { FORM_HEIGHT } from '../../src/server/thread-page/render.ts';

const INCLUDE = '<!--#include virtual="/t?thread=/ferry&fragment=1&title=Ferry%20news" -->';

/** Sums the layout shifts of the page's whole life (none after input), from before the first paint. */
const CLS_PROBE = `window.__cls = 0; new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });`;

/** A page with the fragment and a footer under it, so any change of height would move something visible. */
const page = (extra = '') =>
  articlePage({
    body: extra,
    scripts: [INCLUDE, '<script src="/parley.js" data-target="#comments" data-thread="/ferry" async></script>'],
  }).replace('</main>', '</main><footer style="height:300px;background:#eee">The footer of the site</footer>');

describe.skipIf(!chromiumAvailable())('the server-rendered thread in Chromium', () => {
  let browser: Browser;
  let parley: Parley;
  let ids: Map<string, string>;

  beforeAll(async () => {
    parley = await startParley({ '/article': page(), '/plain': articlePage({ scripts: [INCLUDE] }), [DEMO_THREAD]: readFileSync(DEMO_PAGE, 'utf8') }, { origins: [] });
    ids = await seed(parley.url, '/ferry', demoSeeds());
    await seed(parley.url, DEMO_THREAD, demoSeeds());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    removeDir(parley);
  });

  /** Opens `path`, holding the thread's API answer until the fragment has been seen on screen. */
  async function takeOver(path: string, viewport = { width: 1100, height: 900 }, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; cls: number; fragmentTop: number; widgetTop: number; fragmentColor: string }> {
    const { page: p, problems } = await openPage(browser, '', { viewport, colorScheme });
    await p.addInitScript(CLS_PROBE);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await p.route('**/api/v1/comments?*', async (route: Route) => {
      await held;
      await route.continue();
    });
    await p.goto(`${parley.url}${path}`);
    // Before the widget has its page: the comments are there, as the server wrote them.
    const fragment = p.locator('[data-parley-ssr]');
    await fragment.locator('article').first().waitFor();
    expect(await fragment.locator('article').count()).toBe(demoSeeds().length);
    const fragmentTop = await fragment.evaluate((el) => el.getBoundingClientRect().top + scrollY);
    const fragmentColor = await fragment.locator('article').first().evaluate((el) => getComputedStyle(el).color);
    release();
    await widgetReady(p);
    await p.locator('.parley').locator('form').waitFor();
    // What comes a moment after the thread (issue 16: the votes chunk's buttons and sort control)
    // counts too: nothing it adds may move the page more than the bound either.
    await p.locator('.parley .vt').first().waitFor();
    // Two frames: a shift is reported after the frame that makes it.
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await p.locator('[data-parley-ssr]').count()).toBe(0);
    const widgetTop = await p.locator('.parley').evaluate((el) => el.getBoundingClientRect().top + scrollY);
    const cls = await p.evaluate(() => (window as unknown as { __cls: number }).__cls);
    expect(problems).toEqual([]);
    return { page: p, cls, fragmentTop, widgetTop, fragmentColor };
  }

  it('shows the fragment first and the widget takes its place with a layout shift of at most 0.01, seen from the comments', async () => {
    const { page: p, cls, fragmentTop, widgetTop } = await takeOver('/article#comments');
    expect(widgetTop).toBe(fragmentTop);
    expect(cls).toBeLessThanOrEqual(0.01);
    console.log(`[takeover] cumulative layout shift ${cls.toFixed(4)}`);
    // The widget works where the fragment was: its form is there, Reply opens it under a comment.
    await p.locator('.parley').getByRole('button', { name: 'Reply to Chen Wei' }).click();
    await p.locator('.parley').getByRole('heading', { name: 'Replying to Chen Wei' }).waitFor();
    await p.context().close();
  });

  for (const width of [1100, 375]) {
    it(`moves nothing on a screen ${width}px wide and tall enough to show the article, the whole thread and the footer at once`, async () => {
      // With everything in view and nothing scrolled, any change of the thread's height would move the
      // footer on screen, and count (a smaller screen can hide a shift below its edge).
      const height = 4000;
      const { page: p, cls } = await takeOver('/article', { width, height });
      const footer = await p.locator('footer').evaluate((el) => el.getBoundingClientRect().bottom);
      expect(footer).toBeLessThan(height);
      console.log(`[takeover] cumulative layout shift, all in view at ${width}px: ${cls.toFixed(4)}`);
      expect(cls).toBeLessThanOrEqual(0.01);
      await p.context().close();
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`takes over the fragment the demo article includes, in ${colorScheme}, with the fragment in the widget's colours`, async () => {
      const { page: p, cls, fragmentColor } = await takeOver(DEMO_THREAD, { width: 1100, height: 4000 }, colorScheme);
      console.log(`[takeover] demo article, ${colorScheme}: cumulative layout shift ${cls.toFixed(4)}`);
      expect(cls).toBeLessThanOrEqual(0.01);
      const fg = await p.locator('.parley article').first().evaluate((el) => getComputedStyle(el).color);
      expect(fg).toBe(colorScheme === 'dark' ? 'rgb(238, 238, 238)' : 'rgb(26, 26, 26)');
      expect(fragmentColor).toBe(fg);
      await p.context().close();
    });
  }

  it('keeps a linked comment where the reader was sent (#comment-ID), on a phone-sized screen too', async () => {
    for (const viewport of [{ width: 1100, height: 900 }, { width: 375, height: 700 }]) {
      const id = ids.get(demoSeeds()[3]!.key)!;
      const { page: p, cls } = await takeOver(`/article#comment-${id}`, viewport);
      expect(cls, `${viewport.width}px`).toBeLessThanOrEqual(0.01);
      await p.context().close();
    }
  });

  it('keeps the place of the widget\'s form free in the fragment, at the form\'s own height', async () => {
    const { page: p } = await takeOver('/article#comments');
    const form = await p.locator('.parley').evaluate((host) => {
      const f = host.shadowRoot!.querySelector('form')!;
      return f.getBoundingClientRect().height / parseFloat(getComputedStyle(f).fontSize);
    });
    console.log(`[takeover] the widget's form is ${form.toFixed(2)}em high`);
    // FORM_HEIGHT (render.ts) is the form's height in ems, to a third of an em.
    expect(Math.abs(form - parseFloat(FORM_HEIGHT)), `form is ${form.toFixed(2)}em`).toBeLessThan(0.3);
    await p.context().close();
  });

  it('lets a reader without JavaScript read the included thread, go to its page, and post there', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
    const p = await context.newPage();
    await p.goto(`${parley.url}/plain`);
    await expect(p.locator('[data-parley-ssr] h2').textContent()).resolves.toBe('6 thoughts on “Ferry news”');
    expect(await p.locator('[data-parley-ssr] article').count()).toBe(demoSeeds().length);
    await p.getByRole('link', { name: 'Leave a Reply' }).click();
    await p.waitForURL(/\/t\?thread=%2Fferry/);
    await p.locator('#p-text').fill('Posted with JavaScript off.\n\nTwo paragraphs, and a link: https://example.org/x');
    await p.locator('#p-name').fill('Noscript Reader');
    await p.locator('#p-email').fill('noscript@example.com');
    await p.getByRole('button', { name: 'Post Comment' }).click();
    await p.waitForURL(/#comment-/);
    const id = new URL(p.url()).hash.slice(1);
    const mine = p.locator(`article#${id}`);
    await expect(mine.getByRole('link', { name: 'https://example.org/x' }).getAttribute('rel')).resolves.toBe('nofollow ugc noopener');
    expect(await mine.locator('p').count()).toBe(2);
    // A reply, from the comment's own Reply link.
    await p.getByRole('link', { name: 'Reply to Noscript Reader' }).click();
    await p.getByRole('heading', { name: 'Replying to Noscript Reader' }).waitFor();
    await p.locator('#p-text').fill('And a reply to it.');
    await p.locator('#p-name').fill('Second Reader');
    await p.locator('#p-email').fill('second@example.com');
    await p.getByRole('button', { name: 'Post Comment' }).click();
    await p.waitForURL(/#comment-/);
    await expect(p.locator(`article#${id} + ol article`).getAttribute('aria-label')).resolves.toBe('Comment by Second Reader');
    // A mistake comes back marked, with the text kept.
    await p.locator('#p-text').fill('Kept words');
    await p.locator('#p-name').fill('X');
    await p.locator('#p-email').fill('not-an-address@');
    await p.locator('form').evaluate((f) => f.setAttribute('novalidate', ''));
    await p.getByRole('button', { name: 'Post Comment' }).click();
    await expect(p.locator('#p-text').inputValue()).resolves.toBe('Kept words');
    await expect(p.locator('#p-emaile').textContent()).resolves.toBe('Enter an email address like name@example.com.');
    await context.close();
  });

  it('finds no WCAG A/AA violation on the /t page, nor with the errors of a failed post shown', async () => {
    // The page runs no script of its own (its CSP forbids any); axe is let in past the CSP.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    const p = await context.newPage();
    await p.goto(`${parley.url}/t?thread=/ferry&title=Ferry%20news`);
    const clean = await runAxe(p);
    expect(clean.violations, axeReport(clean)).toEqual([]);
    expect(clean.passes).toBeGreaterThan(10);
    await p.locator('form').evaluate((f) => f.setAttribute('novalidate', ''));
    await p.getByRole('button', { name: 'Post Comment' }).click();
    await p.locator('#p-texte').waitFor();
    const errors = await runAxe(p);
    expect(errors.violations, axeReport(errors)).toEqual([]);
    await context.close();
  });
});
