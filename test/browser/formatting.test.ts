// Formatting in Chromium (issue 16 item 1): a reader types markdown, opens Preview, sees it as the
// thread will show it, posts, and the thread shows it formatted: the format tree's elements only,
// each block dir="auto", links http(s) with rel="nofollow ugc noopener", the HTML they typed as text.
// axe finds no WCAG A/AA violation with the preview open, in light and in dark.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePage, listAll, removeDir, startParley, type Parley } from '../helpers/site.ts';
import { axeReport, chromiumAvailable, launchChromium, openPage, runAxe, widgetReady } from '../helpers/browser.ts';

const TYPED = [
  '**Bold claim**, with *some* `code` and <b>a tag</b> typed.',
  '',
  '> The article said this.',
  '',
  '- first point',
  '- second point',
  '',
  '2. numbered from two',
  '',
  '```',
  'let x = a < b;',
  '```',
  '',
  'See [the source](https://example.org/source) and [not this](javascript:alert(1)).',
].join('\n');

describe.skipIf(!chromiumAvailable())('formatting in Chromium', () => {
  let browser: Browser;
  let parley: Parley;

  beforeAll(async () => {
    parley = await startParley({ '/ferry': articlePage() });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    removeDir(parley);
  });

  it('previews what the reader typed, posts it as typed, and shows it formatted in the thread and after a reload', async () => {
    const { page, problems, dialogs } = await openPage(browser, `${parley.url}/ferry`);
    await widgetReady(page);
    const w = page.locator('.parley');
    const box = w.getByRole('textbox', { name: 'Comment required' });
    // The hint is under the comment box before anything is focused; Preview comes on focus.
    await expect.poll(() => w.locator('p.h').textContent()).toContain('**bold**, *italic*, `code`, > quote, - list, [link](https://…)');
    await box.fill(TYPED);
    const preview = w.getByRole('button', { name: 'Preview' });
    expect(await preview.getAttribute('aria-pressed')).toBe('false');
    await preview.click();
    expect(await preview.getAttribute('aria-pressed')).toBe('true');
    const region = w.getByRole('region', { name: 'Preview' });
    await region.waitFor();
    expect(await region.locator('strong').first().textContent()).toBe('Bold claim');
    expect(await region.locator('blockquote').textContent()).toBe('The article said this.');
    // Typing with the preview open updates it.
    await box.press('End');
    await box.pressSequentially(' *more*');
    await expect.poll(() => region.locator('p em').last().textContent()).toBe('more');

    await w.getByRole('textbox', { name: 'Name required' }).fill('Fran');
    await w.getByRole('textbox', { name: 'Email required' }).fill('fran@example.com');
    await w.getByRole('button', { name: 'Post Comment' }).click();
    const mine = w.getByRole('article', { name: 'Comment by Fran' });
    await mine.waitFor();

    // Stored exactly as typed, with its format.
    const { comments } = await listAll(parley.url, '/ferry');
    expect(comments.map((c) => [c.text, (c as { format?: string }).format])).toEqual([[`${TYPED} *more*`, 'markdown']]);

    for (const round of ['posted', 'reloaded']) {
      if (round == 'reloaded') {
        await page.reload();
        await widgetReady(page);
      }
      const shown = await mine.evaluate((article) => ({
        strong: article.querySelector('p strong')?.textContent,
        em: article.querySelector('p em')?.textContent,
        code: article.querySelector('p code')?.textContent,
        quote: article.querySelector('blockquote')?.textContent,
        bullets: [...article.querySelectorAll('ul li')].map((li) => li.textContent),
        start: article.querySelector('ol')?.getAttribute('start'),
        pre: article.querySelector('pre code')?.textContent,
        links: [...article.querySelectorAll('p a')].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')]),
        dirs: [...article.querySelectorAll('p, blockquote, ul, ol, li, pre')].filter((el) => el.closest('header, .n') == null).map((el) => el.getAttribute('dir')),
        text: article.textContent,
        tags: [...new Set([...article.querySelectorAll('*')].map((el) => el.tagName.toLowerCase()))].sort(),
      }));
      expect(shown, round).toMatchObject({
        strong: 'Bold claim',
        em: 'some',
        code: 'code',
        quote: 'The article said this.',
        bullets: ['first point', 'second point'],
        start: '2',
        pre: 'let x = a < b;',
        links: [['the source', 'https://example.org/source', 'nofollow ugc noopener']],
      });
      expect(new Set(shown.dirs), round).toEqual(new Set(['auto']));
      expect(shown.text).toContain('<b>a tag</b>');
      expect(shown.text).toContain('[not this](javascript:alert(1))');
      // Only the header's and the tree's own elements: nothing made from the text's HTML.
      for (const tag of shown.tags) expect(['a', 'article', 'b', 'blockquote', 'button', 'code', 'em', 'header', 'li', 'ol', 'p', 'pre', 'span', 'strong', 'time', 'ul'], `${round} ${tag}`).toContain(tag);
      expect(await mine.locator('b').filter({ hasText: 'a tag' }).count()).toBe(0);
    }
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds no WCAG A/AA violation with the preview open, in ${colorScheme}`, async () => {
      const { page, problems } = await openPage(browser, `${parley.url}/ferry`, { colorScheme });
      await widgetReady(page);
      const w = page.locator('.parley');
      await w.getByRole('textbox', { name: 'Comment required' }).fill('> quoted\n\n**bold** and `code`\n\n- a\n- b\n\n```\nblock\n```\n\n[a link](https://example.org)');
      await w.getByRole('button', { name: 'Preview' }).click();
      await w.getByRole('region', { name: 'Preview' }).locator('blockquote').waitFor();
      const result = await runAxe(page);
      expect(result.violations, axeReport(result)).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }
});
