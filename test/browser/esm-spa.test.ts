// dist/parley.esm.js in a single-page app, in Chromium (issue 12, item 5: the ESM mount() must not
// regress with the split embed): a site imports the library as a module, mounts a widget per
// "route", unmounts it when the route changes, and mounts again. The chunks are inside the ESM
// library, so Edit needs no request of its own there.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, seed, startHostSite, startParley, type Parley } from '../helpers/site.ts';
import { chromiumAvailable, launchChromium, openPage } from '../helpers/browser.ts';

describe.skipIf(!chromiumAvailable())('the ESM library in a single-page app, in Chromium', () => {
  let browser: Browser;
  let parley: Parley;
  let host: Awaited<ReturnType<typeof startHostSite>>;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    host = await startHostSite(pages);
    parley = await startParley({}, { origins: [host.url] });
    await seed(parley.url, '/spa/one', [{ key: 'a', name: 'Ada', email: 'ada@example.com', text: 'First route, first comment.' }]);
    await seed(parley.url, '/spa/two', [{ key: 'b', name: 'Bo', email: 'bo@example.com', text: 'Second route here.' }]);
    pages['/app'] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An app</title></head>
<body><main><h1 id="title">An app</h1><div id="comments"></div></main>
<script type="module">
  import { mount, createHttpBackend } from '/parley.esm.js';
  const backend = createHttpBackend({ api: ${JSON.stringify(parley.url)} });
  let unmount = null;
  window.route = (thread) => {
    unmount?.();
    unmount = thread ? mount(document.querySelector('#comments'), { backend, thread, title: thread }) : null;
  };
  window.route('/spa/one');
</script></body></html>`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    await host?.close();
    removeDir(parley);
  });

  it('mounts, unmounts and mounts again per route, and edits with no chunk request', async () => {
    const { page, problems, requests } = await openPage(browser, `${host.url}/app`);
    const w = page.locator('.parley');
    await w.getByText('First route, first comment.').waitFor();
    expect(await w.locator('h2').textContent()).toBe('One thought on “/spa/one”');

    await page.evaluate(() => (window as any).route('/spa/two'));
    await w.getByText('Second route here.').waitFor();
    expect(await page.locator('.parley').count()).toBe(1);
    expect(await w.getByText('First route, first comment.').count()).toBe(0);

    await w.getByRole('textbox', { name: 'Comment required' }).fill('Posted inside the app.');
    await w.getByRole('textbox', { name: 'Name required' }).fill('Ivy');
    await w.getByRole('textbox', { name: 'Email required' }).fill('ivy@example.com');
    await w.getByRole('button', { name: 'Post Comment' }).click();
    const mine = w.getByRole('article', { name: 'Comment by Ivy' });
    await mine.getByRole('button', { name: 'Edit' }).click();
    expect(await mine.getByRole('textbox', { name: 'Edit your comment' }).inputValue()).toBe('Posted inside the app.');
    expect(requests.filter((r) => r.includes('/chunks/'))).toEqual([]);

    // Leaving the route removes the widget and everything it added.
    await page.evaluate(() => (window as any).route(null));
    expect(await page.locator('#comments').evaluate((el) => el.childElementCount)).toBe(0);
    await page.evaluate(() => (window as any).route('/spa/one'));
    await w.getByText('First route, first comment.').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
