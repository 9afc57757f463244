// The wordpress backend from a real page (Parley issue 8, "Other backends"): the built embed with
// dist/adapters/wordpress.js, `data-backend="wordpress" data-api="…/wp-json"`, against a local
// fake of the documented REST API (test/adapters/fake-wordpress.ts: X-WP-Total paging, the
// `view` context, `rest_*` error bodies, anonymous comments refused by default with
// 401 rest_comment_login_required). The fixture is WordPress core's own GET /wp/v2/comments answer.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeWordPress, type WpRow } from '../adapters/fake-wordpress.ts';
import { fixture } from '../reliability/helpers.ts';
import { articlePage, DIST } from '../helpers/site.ts';
import { chromiumAvailable, launchChromium, openPage, widgetReady } from '../helpers/browser.ts';

const SAMPLE = JSON.parse(readFileSync(fixture('wordpress/rest-comments-sample.json'), 'utf8')) as WpRow[];

/** One origin serving the article page, the built scripts and the fake site's /wp-json routes. */
async function startWordPressSite(anonymous: boolean) {
  const wp = fakeWordPress({ seed: SAMPLE, posts: { 4: 'hello-world' }, anonymous });
  let base = '';
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname.startsWith('/wp-json/')) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
      const answer = await wp.fetch(url, { method: req.method, body });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      return res.end(await answer.text());
    }
    if (url.pathname === '/parley.js' || url.pathname === '/adapters/wordpress.js' || /^\/chunks\/[a-z-]+-[A-Z0-9]{8}\.js$/.test(url.pathname)) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
      return res.end(readFileSync(join(DIST, url.pathname)));
    }
    if (url.pathname === '/hello-world') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(
        articlePage({
          title: 'Hello world!',
          scripts: [
            '<script src="/adapters/wordpress.js"></script>',
            `<script src="/parley.js" data-target="#comments" data-backend="wordpress" data-api="${base}/wp-json" async></script>`,
          ],
        }),
      );
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    wp,
    url: base,
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

describe.skipIf(!chromiumAvailable())('the wordpress backend in Chromium', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startWordPressSite>> | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });
  afterAll(async () => {
    await browser?.close();
  });

  const fillForm = async (page: import('playwright-core').Page, text: string) => {
    await page.getByRole('textbox', { name: 'Comment required' }).fill(text);
    await page.getByRole('textbox', { name: 'Name required' }).fill('Grace');
    await page.getByRole('textbox', { name: 'Email required' }).fill('grace@example.com');
    await page.getByRole('button', { name: 'Post Comment' }).click();
  };

  it("shows the site's comments as plain text, without Gravatar or email hash", async () => {
    site = await startWordPressSite(true);
    const { page, problems } = await openPage(browser, `${site.url}/hello-world`);
    await widgetReady(page);
    const widget = page.locator('.parley');
    await expect(widget.locator('h2').textContent()).resolves.toBe('One thought on “Hello world!”');
    const comment = widget.locator('article').first();
    await expect(comment.locator('p').first().textContent()).resolves.toBe('This is a comment');
    await expect(comment.getByRole('link', { name: 'Internet of something or other' }).getAttribute('href')).resolves.toBe('http://lights.example.org/');
    const html = await widget.evaluate((el) => el.shadowRoot!.innerHTML);
    expect(html).not.toMatch(/gravatar|bd7c2b505bcf39cc71cfee564c614956|<p>This is a comment<\/p>\s*<\/p>/);
    expect(problems).toEqual([]);
  });

  it('says clearly that the site must allow anonymous REST comments, and keeps the text', async () => {
    site = await startWordPressSite(false);
    const { page } = await openPage(browser, `${site.url}/hello-world`);
    await widgetReady(page);
    await fillForm(page, 'Does this reach WordPress?');
    const status = page.locator('.parley form [role=status]');
    await expect.poll(() => status.textContent()).toContain('takes comments only from logged-in users');
    expect(await status.textContent()).toContain('rest_allow_anonymous_comments');
    await expect(page.getByRole('textbox', { name: 'Comment required' }).inputValue()).resolves.toBe('Does this reach WordPress?');
    expect(site.wp.rows).toHaveLength(1);
  });

  it('posts through /wp/v2/comments when the site allows it, and the comment appears', async () => {
    site = await startWordPressSite(true);
    const { page } = await openPage(browser, `${site.url}/hello-world`);
    await widgetReady(page);
    await fillForm(page, 'Posted from Parley to WordPress.');
    const widget = page.locator('.parley');
    await expect.poll(() => widget.locator('h2').textContent()).toBe('2 thoughts on “Hello world!”');
    await expect(widget.getByText('Posted from Parley to WordPress.')).toBeTruthy();
    const stored = site.wp.rows.at(-1)!;
    expect(stored).toMatchObject({ post: 4, author_name: 'Grace', author_email: 'grace@example.com', status: 'approved' });
    expect(stored.content.rendered).toContain('Posted from Parley to WordPress.');
  });
});
