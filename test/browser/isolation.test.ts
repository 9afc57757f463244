// The widget and its host page leave each other alone (Parley issue 4, DESIGN promise 7): two
// widgets share a page without crossing; a page with hostile CSS (`* { all: unset }`,
// `div { display: none }`, huge fonts, !important rules on button, input and a) neither breaks nor
// restyles the widget, compared pixel by pixel with a plain page; and the widget changes no
// computed style of any host element.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PAGE, DEMO_THREAD, demoSeeds, listAll, removeDir, seed, startParley, type Parley } from '../helpers/site.ts';
import { chromiumAvailable, launchChromium, openPage, pixelDiff, widgetReady } from '../helpers/browser.ts';

const HOSTILE_CSS = `
  * { all: unset; }
  head, script, style, title { display: none !important; }
  div { display: none; padding: 3em !important; border: 9px solid red !important; }
  html, body { font-size: 48px !important; line-height: 3 !important; font-family: "Comic Sans MS", cursive !important;
    color: #f0f !important; letter-spacing: 4px !important; text-transform: uppercase !important; text-align: right !important;
    visibility: visible; white-space: pre !important; word-spacing: 2em !important; }
  button, input, textarea, a { all: unset !important; display: none !important; font-size: 60px !important; color: yellow !important; background: red !important; }
  a { text-decoration: line-through !important; }
  ol, ul, li, p, h2, h3, form, article, label { margin: 5em !important; list-style: square !important; font-weight: 100 !important; }
  :focus { outline: none !important; }
`;

// The same container, same place, opaque, in both pages, so the two screenshots can be compared.
const container = (thread: string) =>
  `<section id="c" style="position:absolute;left:0;top:0;z-index:1;width:640px;display:block;background:#ffffff;padding:0;margin:0">` +
  `<script src="/parley.js" data-target="#c" data-thread="${thread}" data-title="Ferry news" data-theme="light" async></script></section>`;

const plainPage = (thread: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain</title></head>
<body><main><h1>Ferry news</h1><p>The ferry runs again.</p>${container(thread)}</main></body></html>`;

const hostilePage = (thread: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile</title><style>${HOSTILE_CSS}</style></head>
<body><main><h1>Ferry news</h1><p>The ferry runs <a href="/x">again</a>.</p><button>Host button</button><input aria-label="Host input">
<div><p>Inside a hidden div</p></div>${container(thread)}</main></body></html>`;

const twoWidgets = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two threads</title></head>
<body><main><h1>Two threads on one page</h1>
<section id="one" aria-label="Comments on the ferry"><script src="/parley.js" data-target="#one" data-thread="/one" data-title="Ferry" async></script></section>
<section id="two" aria-label="Comments on the bridge"><script src="/parley.js" data-target="#two" data-thread="/two" data-title="Bridge" async></script></section>
</main></body></html>`;

/** Computed styles of every light-DOM element except the widget's host, keyed by its path. */
function hostStyles(page: Page) {
  return page.evaluate(() => {
    // Sizes follow the content (the comments container grows with the widget, and an absolutely
    // placed one reports its resolved bottom); everything else must not move.
    const skip = new Set(['height', 'block-size', 'perspective-origin', 'transform-origin', 'bottom', 'inset-block-end']);
    const out: Record<string, Record<string, string>> = {};
    const path = (el: Element): string => (el.parentElement ? `${path(el.parentElement)} > ${el.tagName.toLowerCase()}:nth-child(${[...el.parentElement.children].indexOf(el) + 1})` : el.tagName.toLowerCase());
    for (const el of document.querySelectorAll('*')) {
      if (el.classList.contains('parley') || el.tagName === 'SCRIPT') continue;
      const st = getComputedStyle(el);
      const props: Record<string, string> = {};
      for (let i = 0; i < st.length; i++) if (!skip.has(st[i])) props[st[i]] = st.getPropertyValue(st[i]);
      out[path(el)] = props;
    }
    return { out, sheets: document.styleSheets.length, adopted: document.adoptedStyleSheets.length };
  });
}

describe.skipIf(!chromiumAvailable())('the widget and its host page in Chromium', () => {
  let browser: Browser;
  let parley: Parley;
  const demo = readFileSync(DEMO_PAGE, 'utf8');

  beforeAll(async () => {
    parley = await startParley({
      '/plain': plainPage('/ferry'),
      '/hostile': hostilePage('/ferry'),
      '/plain-post': plainPage('/hostile-posts'),
      '/hostile-post': hostilePage('/hostile-posts'),
      '/two': twoWidgets,
      [DEMO_THREAD]: demo,
      // Without Parley: neither its script nor the server-rendered thread it takes over (issue 18).
      '/demo-without-widget': demo.replace(/<script src="\/parley\.js"[^>]*><\/script>/, '').replace(/<!--#include virtual="[^"]*" -->/, ''),
    });
    await seed(parley.url, '/ferry', [
      { key: 'g', name: 'Grace Hopper', email: 'grace@example.com', website: 'https://grace.example', text: 'Does the early ferry still stop at the island? See https://ferry.example/timetable' },
      { key: 'a', parent: 'g', name: 'Alan Turing', email: 'alan@example.com', text: 'Only on weekdays.' },
    ]);
    await seed(parley.url, '/one', [{ key: '1', name: 'Olive', email: 'o@example.com', text: 'About the ferry.' }]);
    await seed(parley.url, '/two', [{ key: '2', name: 'Tess', email: 't@example.com', text: 'About the bridge.' }]);
    await seed(parley.url, DEMO_THREAD, demoSeeds());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    removeDir(parley);
  });

  it('runs two widgets on one page, each with its own thread, form and focus', async () => {
    const { page, problems } = await openPage(browser, `${parley.url}/two`);
    await widgetReady(page, 0);
    await widgetReady(page, 1);
    const [one, two] = [page.locator('.parley').nth(0), page.locator('.parley').nth(1)];
    expect(await one.locator('h2').textContent()).toBe('One thought on “Ferry”');
    expect(await two.locator('h2').textContent()).toBe('One thought on “Bridge”');
    expect(await one.getByRole('article').getAttribute('aria-label')).toBe('Comment by Olive');
    expect(await two.getByRole('article').getAttribute('aria-label')).toBe('Comment by Tess');

    // A reply in the second widget: its form moves, the first widget's form stays put.
    await two.getByRole('button', { name: 'Reply to Tess' }).click();
    expect(await two.getByRole('heading', { name: 'Replying to Tess' }).count()).toBe(1);
    expect(await one.getByRole('heading', { name: 'Leave a Reply' }).count()).toBe(1);
    await one.getByRole('textbox', { name: 'Comment required' }).fill('Draft in the first widget.');
    await two.getByRole('textbox', { name: 'Comment required' }).fill('A reply about the bridge.');
    await two.getByRole('textbox', { name: 'Name required' }).fill('Ivy');
    await two.getByRole('textbox', { name: 'Email required' }).fill('ivy@example.com');
    await two.getByRole('button', { name: 'Post Comment' }).click();
    await expect.poll(() => two.locator('article:focus > .n').textContent()).toBe('Your comment was posted.');
    expect(await two.locator('h2').textContent()).toBe('2 thoughts on “Bridge”');
    expect(await one.locator('h2').textContent()).toBe('One thought on “Ferry”');
    expect(await one.getByRole('textbox', { name: 'Comment required' }).inputValue()).toBe('Draft in the first widget.');
    expect(await one.locator('article > .n').count()).toBe(0);
    expect((await listAll(parley.url, '/two')).comments.map((c) => c.text)).toEqual(['About the bridge.', 'A reply about the bridge.']);
    expect((await listAll(parley.url, '/one')).count).toBe(1);

    // Each widget keeps its own draft over a reload (drafts are per thread).
    await page.reload();
    await widgetReady(page, 0);
    expect(await page.locator('.parley').nth(0).getByRole('textbox', { name: 'Comment required' }).inputValue()).toBe('Draft in the first widget.');
    expect(await page.locator('.parley').nth(1).getByRole('textbox', { name: 'Comment required' }).inputValue()).toBe('');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('looks the same on a page with hostile CSS as on a plain page (screenshots compared)', async () => {
    const shots: Buffer[] = [];
    const boxes: unknown[] = [];
    // The third shot, a plain page with another accent colour, shows the comparison can tell.
    for (const path of ['/plain', '/hostile', '/plain']) {
      const { page, problems } = await openPage(browser, `${parley.url}${path}`);
      if (shots.length === 2) await page.addStyleTag({ content: '.parley { --parley-accent: #c00000; }' });
      await widgetReady(page);
      const host = page.locator('.parley');
      expect(await host.isVisible()).toBe(true);
      boxes.push(await host.boundingBox());
      shots.push(await host.screenshot({ animations: 'disabled', caret: 'hide' }));
      expect(problems).toEqual([]);
      await page.context().close();
    }
    expect(boxes[1]).toEqual(boxes[0]);
    const { page } = await openPage(browser, 'about:blank');
    const diff = await pixelDiff(page, shots[0], shots[1]);
    const recoloured = await pixelDiff(page, shots[0], shots[2]);
    await page.context().close();
    expect(diff).toMatchObject({ sameSize: true, differing: 0 });
    expect(recoloured.sameSize).toBe(true);
    expect(recoloured.differing).toBeGreaterThan(100);
  });

  it('works on the hostile page: keyboard focus is visible and a comment posts', async () => {
    const { page, problems } = await openPage(browser, `${parley.url}/hostile-post`);
    await widgetReady(page);
    const host = page.locator('.parley');
    await host.getByRole('textbox', { name: 'Comment required' }).focus();
    await page.keyboard.type('Posted from the hostile page.');
    // The Preview button comes with the form's first keystrokes; on a loaded machine a Tab pressed
    // before it is drawn skipped it and typed the name into the Email box.
    await host.getByRole('button', { name: 'Preview' }).waitFor();
    await page.keyboard.press('Tab'); // Preview (issue 16)
    await page.keyboard.press('Tab');
    await page.keyboard.type('Hedy');
    await page.keyboard.press('Tab');
    await page.keyboard.type('hedy@example.com');
    expect(await host.getByRole('textbox', { name: 'Email required' }).inputValue()).toBe('hedy@example.com');
    const ring = await host.getByRole('textbox', { name: 'Email required' }).evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(ring).toBe('solid');
    await page.keyboard.press('Enter');
    await expect.poll(() => host.locator('article:focus > .n').textContent()).toBe('Your comment was posted.');
    expect(await host.getByRole('article', { name: 'Comment by Hedy' }).isVisible()).toBe(true);
    const postButton = await host.getByRole('button', { name: 'Post Comment' }).evaluate((el) => {
      const st = getComputedStyle(el);
      return { display: st.display, fontSize: st.fontSize, color: st.color };
    });
    expect(postButton.display).not.toBe('none');
    expect(postButton.fontSize).not.toBe('60px');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('still takes its theme from --parley-* custom properties set by the page', async () => {
    const { page } = await openPage(browser, `${parley.url}/plain`);
    await page.addStyleTag({ content: '.parley { --parley-accent: #8a1c1c; --parley-fg: #123456; }' });
    await widgetReady(page);
    const look = await page.locator('.parley').evaluate((host) => {
      const root = host.shadowRoot!;
      return { link: getComputedStyle(root.querySelector('article a')!).color, text: getComputedStyle(root.querySelector('article p')!).color };
    });
    expect(look).toEqual({ link: 'rgb(138, 28, 28)', text: 'rgb(18, 52, 86)' });
    await page.context().close();
  });

  for (const [name, withWidget, without] of [
    ['the demo page', DEMO_THREAD, '/demo-without-widget'],
    ['the hostile page', '/hostile', null],
  ] as const) {
    it(`changes no computed style of ${name}'s own elements`, async () => {
      const a = await openPage(browser, `${parley.url}${withWidget}`);
      await widgetReady(a.page);
      const styled = await hostStyles(a.page);
      const b = await openPage(browser, '', {});
      if (without) await b.page.goto(`${parley.url}${without}`);
      else {
        // Without a second copy of the page: block the script so the widget never mounts.
        await b.page.route('**/parley.js', (r) => r.abort());
        await b.page.goto(`${parley.url}${withWidget}`);
      }
      const bare = await hostStyles(b.page);
      expect(Object.keys(styled.out)).toEqual(Object.keys(bare.out));
      const changed: string[] = [];
      for (const [el, props] of Object.entries(bare.out)) {
        for (const [p, v] of Object.entries(props)) if (styled.out[el][p] !== v) changed.push(`${el} ${p}: ${v} → ${styled.out[el][p]}`);
      }
      expect(changed).toEqual([]);
      expect(styled.sheets).toBe(bare.sheets);
      expect(styled.adopted).toBe(0);
      await a.page.context().close();
      await b.page.context().close();
    });
  }
});
