// Accessibility in Chromium (Parley issue 4): axe-core, run in the page and looking inside the
// widget's open shadow root, finds no WCAG 2.0/2.1/2.2 A or AA violation on the demo article with
// its thread, in light and dark, with the form open as a reply and with validation errors shown.
// Then the things axe cannot judge alone: prefers-reduced-motion, 200% zoom and a 320 px screen.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePage, DEMO_PAGE, DEMO_THREAD, demoSeeds, removeDir, seed, startParley, type Parley } from '../helpers/site.ts';
import { chromiumAvailable, launchChromium, axeReport, openPage, runAxe, widgetReady } from '../helpers/browser.ts';

/** What a reader would see overflowing: widget elements wider than the widget, or a page wider than the screen. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector('.parley')!;
    const box = host.getBoundingClientRect();
    const out: string[] = [];
    for (const el of host.shadowRoot!.querySelectorAll('*')) {
      if (el.tagName === 'STYLE' || el.classList.contains('vh')) continue;
      const r = el.getBoundingClientRect();
      if (r.width && (r.right > box.right + 0.5 || r.left < box.left - 0.5)) out.push(`${el.tagName.toLowerCase()}#${el.id} ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) out.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    return out;
  });
}

describe.skipIf(!chromiumAvailable())('accessibility of the widget in Chromium', () => {
  let browser: Browser;
  let parley: Parley;

  beforeAll(async () => {
    const fixed = (bg: string, fg: string) =>
      articlePage({ head: `<style>body{background:${bg};color:${fg};font:18px/1.6 Georgia,serif}</style>`, scripts: ['<script src="/parley.js" data-target="#comments" data-thread="/ferry" async></script>'] });
    parley = await startParley({ [DEMO_THREAD]: readFileSync(DEMO_PAGE, 'utf8'), '/light-only': fixed('#ffffff', '#222222'), '/dark-only': fixed('#111111', '#dddddd') });
    await seed(parley.url, DEMO_THREAD, demoSeeds());
    await seed(parley.url, '/ferry', demoSeeds().slice(3, 5)); // a comment with a reply and links
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    removeDir(parley);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds no WCAG A/AA violations in ${colorScheme}: the thread, a reply form, validation errors`, async () => {
      const { page, problems } = await openPage(browser, `${parley.url}${DEMO_THREAD}`, { colorScheme });
      await widgetReady(page);
      // The widget follows the theme (auto) and the host page's own dark mode.
      const fg = await page.locator('.parley article').first().evaluate((el) => getComputedStyle(el).color);
      expect(fg).toBe(colorScheme === 'dark' ? 'rgb(238, 238, 238)' : 'rgb(26, 26, 26)');

      const thread = await runAxe(page);
      expect(thread.violations, axeReport(thread)).toEqual([]);
      expect(thread.passes).toBeGreaterThan(10);

      await page.getByRole('button', { name: 'Reply to Chen Wei' }).click();
      await page.getByRole('heading', { name: 'Replying to Chen Wei' }).waitFor();
      const reply = await runAxe(page);
      expect(reply.violations, axeReport(reply)).toEqual([]);

      await page.getByRole('textbox', { name: 'Email required' }).fill('not-an-email');
      await page.getByRole('button', { name: 'Post Comment' }).click();
      await page.locator('.parley [aria-invalid=true]').first().waitFor();
      expect(await page.locator('.parley [aria-invalid=true]').count()).toBe(3);
      const errors = await runAxe(page);
      expect(errors.violations, axeReport(errors)).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }

  // A site without a dark mode read by someone whose system is dark, and the reverse: the widget
  // has no background of its own, so its text must follow the page it sits on, not the system.
  for (const [what, page, colorScheme, expected] of [
    ['a light-only page read with a dark system theme', '/light-only', 'dark', 'rgb(26, 26, 26)'],
    ['a dark-only page read with a light system theme', '/dark-only', 'light', 'rgb(238, 238, 238)'],
  ] as const) {
    it(`keeps its text readable on ${what}`, async () => {
      const { page: p } = await openPage(browser, `${parley.url}${page}`, { colorScheme });
      await widgetReady(p);
      expect(await p.locator('.parley article').first().evaluate((el) => getComputedStyle(el).color)).toBe(expected);
      const r = await runAxe(p);
      expect(r.violations, axeReport(r)).toEqual([]);
      await p.context().close();
    });
  }

  it('has the structure screen readers need: lists, named articles, labelled and required fields, a live region', async () => {
    const { page } = await openPage(browser, `${parley.url}${DEMO_THREAD}`);
    await widgetReady(page);
    const tree = await page.locator('.parley').evaluate((host) => {
      const root = host.shadowRoot!;
      const fields = [...root.querySelectorAll('textarea, input:not([type=checkbox]):not([aria-hidden=true])')] as HTMLInputElement[];
      return {
        lists: root.querySelectorAll('ol').length,
        nestedLists: root.querySelectorAll('li ol').length,
        articles: [...root.querySelectorAll('article')].map((a) => a.getAttribute('aria-label') || a.querySelector('h1,h2,h3,h4,h5,h6')?.textContent),
        fields: fields.map((f) => ({ id: f.id, label: f.labels?.[0]?.textContent, placeholder: f.placeholder, required: f.required, ariaRequired: f.getAttribute('aria-required') })),
        status: root.querySelectorAll('[role=status]').length,
        honeypot: (root.querySelector('[name=hp]') as HTMLElement).tabIndex,
      };
    });
    expect(tree.lists).toBe(4); // the thread, and the replies of Marta, Chen and Daniel
    expect(tree.nestedLists).toBe(3);
    expect(tree.articles.every((n) => n && /^Comment by /.test(n))).toBe(true);
    expect(tree.fields).toEqual([
      { id: 'p-text', label: 'Comment * required', placeholder: '', required: true, ariaRequired: 'true' },
      { id: 'p-name', label: 'Name * required', placeholder: '', required: true, ariaRequired: 'true' },
      { id: 'p-email', label: 'Email * required', placeholder: '', required: true, ariaRequired: 'true' },
      { id: 'p-website', label: 'Website', placeholder: '', required: false, ariaRequired: 'false' },
    ]);
    expect(tree.status).toBeGreaterThanOrEqual(1);
    expect(tree.honeypot).toBe(-1);
    // The accessibility tree, as a screen reader gets it.
    expect(await page.getByRole('textbox', { name: 'Comment required' }).count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'Save my name, email, and website in this browser for the next time I comment.' }).count()).toBe(1);
    await page.context().close();
  });

  it('respects prefers-reduced-motion: nothing in the widget animates or transitions', async () => {
    const { page } = await openPage(browser, `${parley.url}${DEMO_THREAD}`, { reducedMotion: 'reduce' });
    await widgetReady(page);
    await page.getByRole('button', { name: 'Reply to Aiko Tanaka' }).click();
    const moving = await page.locator('.parley').evaluate((host) => {
      const all = [host, ...host.shadowRoot!.querySelectorAll('*')];
      return all
        .map((el) => ({ el: el.tagName, st: getComputedStyle(el) }))
        .filter(({ st }) => parseFloat(st.transitionDuration) > 0 || st.animationName !== 'none' || st.scrollBehavior === 'smooth')
        .map(({ el, st }) => `${el}: ${st.transitionDuration} ${st.animationName} ${st.scrollBehavior}`);
    });
    expect(moving).toEqual([]);
    expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
    await page.context().close();
  });

  for (const [what, options] of [
    ['at 200% zoom (1280 px window)', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }],
    ['320 px wide', { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true }],
  ] as const) {
    it(`is usable ${what}: nothing overflows and a reply can be posted`, async () => {
      const { page, problems } = await openPage(browser, `${parley.url}${DEMO_THREAD}`, options);
      await widgetReady(page);
      expect(await overflow(page)).toEqual([]);
      await page.getByRole('button', { name: 'Reply to Marta Kowalczyk' }).last().click();
      expect(await overflow(page)).toEqual([]);
      await page.getByRole('textbox', { name: 'Comment required' }).fill(`A reply from a small screen (${what}).`);
      await page.getByRole('textbox', { name: 'Name required' }).fill('Small Screen');
      await page.getByRole('textbox', { name: 'Email required' }).fill('small@example.com');
      await page.getByRole('button', { name: 'Post Comment' }).click();
      await expect.poll(() => page.locator('.parley article:focus > .n').textContent()).toBe('Your comment was posted.');
      expect(await overflow(page)).toEqual([]);
      // The buttons are big enough to hit (WCAG 2.2 target size minimum, 24 by 24 CSS px); a hidden
      // one (the live updates' button while nothing is new) is no target.
      const small = await page.locator('.parley').evaluate((host) =>
        [...host.shadowRoot!.querySelectorAll('button')].filter((b) => !b.hidden).map((b) => b.getBoundingClientRect()).filter((r) => r.width < 24 || r.height < 24).length,
      );
      expect(small).toBe(0);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }
});
