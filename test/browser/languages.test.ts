// Languages in Chromium (issue 8): the embed picks the page's language (data-lang, else <html lang>),
// fetches that one file from beside itself (dist/i18n/<lang>.js) and nothing for English, falls
// back to English when the file does not exist, and lays Arabic out right to left: the reply indent
// and its rule on the right, the avatar at the right end of the header. (docs/screenshot-rtl.png
// comes from `npm run screenshots`, not from a test: tests leave the tree as they found it.)
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../../src/core/i18n/ar.ts';
import { de } from '../../src/core/i18n/de.ts';
import { articlePage, removeDir, seed, startParley, type Parley } from '../helpers/site.ts';
import { chromiumAvailable, launchChromium, axeReport, openPage, runAxe, widgetReady } from '../helpers/browser.ts';

/** An article page in `lang` (its <html lang>), with extra attributes on the script tag. */
const page = (lang: string, attrs = '', title = 'Ferry news') =>
  articlePage({ title, scripts: [`<script src="/parley.js" data-target="#comments" data-thread="/ferry" ${attrs} async></script>`] }).replace('<html lang="en">', `<html lang="${lang}">`);

describe.skipIf(!chromiumAvailable())('languages in Chromium', () => {
  let browser: Browser;
  let parley: Parley;

  beforeAll(async () => {
    parley = await startParley({
      '/en': page('en'),
      '/ar': page('ar', '', 'العبّارة تعود'),
      '/de-by-attribute': page('en', 'data-lang="de"'),
      '/de-ch': page('de-CH'),
      '/unknown': page('xx'),
    });
    const ids = await seed(parley.url, '/ferry', [
      { key: 'a', name: 'سلمى حداد', email: 'salma@example.com', text: 'عادت العبّارة إلى العمل صباح اليوم.' },
      { key: 'b', parent: 'a', name: 'Omar', email: 'omar@example.com', text: 'شكراً على الخبر!' },
    ]);
    expect(ids.size).toBe(2);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    removeDir(parley);
  });

  /** Open a page, counting the requests for language files. */
  async function open(path: string) {
    const w = await openPage(browser, `${parley.url}${path}`);
    await widgetReady(w.page);
    return { ...w, asked: w.requests.filter((r) => r.startsWith('/i18n/')) };
  }

  it('asks for no language file on an English page', async () => {
    const { page: p, asked, problems } = await open('/en');
    expect(await p.locator('.parley h3').textContent()).toBe('Leave a Reply');
    expect(await p.locator('.parley').evaluate((el) => [el.getAttribute('lang'), el.getAttribute('dir')])).toEqual(['en', 'ltr']);
    expect(asked).toEqual([]);
    expect(problems).toEqual([]);
    await p.context().close();
  });

  it('fetches German once, by data-lang or by <html lang="de-CH">', async () => {
    for (const path of ['/de-by-attribute', '/de-ch']) {
      const { page: p, asked, problems } = await open(path);
      expect(await p.locator('.parley h3').textContent(), path).toBe(de.leaveReply);
      expect(asked, path).toEqual(['/i18n/de.js']);
      expect(problems).toEqual([]);
      await p.context().close();
    }
  });

  it('shows English when the language file does not exist', async () => {
    const { page: p, asked } = await open('/unknown');
    expect(await p.locator('.parley h3').textContent()).toBe('Leave a Reply');
    expect(asked).toEqual(['/i18n/xx.js']);
    await p.context().close();
  });

  it('renders an Arabic page right to left with the Arabic file, and passes axe', async () => {
    const { page: p, asked, problems } = await open('/ar');
    expect(asked).toEqual(['/i18n/ar.js']);
    const w = p.locator('.parley');
    expect(await w.evaluate((el) => [el.getAttribute('lang'), el.getAttribute('dir')])).toEqual(['ar', 'rtl']);
    expect(await w.locator('h3').textContent()).toBe(ar.leaveReply);
    expect(await w.getByRole('button', { name: ar.postComment }).count()).toBe(1);

    const layout = await w.evaluate((host) => {
      const root = host.shadowRoot!;
      const [parent, reply] = [...root.querySelectorAll('article')].map((a) => a.getBoundingClientRect());
      const nested = root.querySelector('ol ol')!;
      const st = getComputedStyle(nested);
      const head = root.querySelector('article header')!;
      const av = root.querySelector('.av')!.getBoundingClientRect();
      return {
        direction: getComputedStyle(root.querySelector('article')!).direction,
        // The reply is indented from the right: same left edge, right edge moved in.
        rightIndent: parent!.right - reply!.right,
        leftIndent: reply!.left - parent!.left,
        rule: [st.borderRightWidth, st.borderLeftWidth],
        avatarAtRight: Math.round(head.getBoundingClientRect().right - av.right),
      };
    });
    expect(layout.direction).toBe('rtl');
    expect(layout.rightIndent).toBeGreaterThan(10);
    expect(layout.leftIndent).toBe(0);
    expect(layout.rule).toEqual(['2px', '0px']);
    expect(layout.avatarAtRight).toBe(0);
    // Dates through Intl in Arabic.
    const date = await w.locator('time').first().textContent();
    expect(date).toMatch(/[\u0600-\u06ff]/);

    // Also WCAG 2.5.3 (label in name): each language's replyTo must contain its visible `reply`.
    const axe = await runAxe(p);
    expect(axe.violations, axeReport(axe)).toEqual([]);
    expect(problems).toEqual([]);
    await p.context().close();
  });
});
