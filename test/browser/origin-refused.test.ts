// Issue 14 item 9: a page whose origin the server does not allow (here: the article on its own
// host site, the Parley server started without that origin). The browser hides the refusal's
// reason, so the widget asks GET /api/v1/origin, the one answer any page may read, and says that
// this page's address is not allowed, instead of "The comment server could not be reached".
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, openPage } from '../helpers/browser.ts';
import { articlePage, removeDir, startHostSite, startParley, type Parley } from '../helpers/site.ts';

describe.skipIf(!chromiumAvailable())('a page on an origin the server does not allow', () => {
  let browser: Browser;
  let parley: Parley;
  let site: Awaited<ReturnType<typeof startHostSite>>;
  const logged: string[] = [];

  beforeAll(async () => {
    const pages: Record<string, string> = {};
    site = await startHostSite(pages);
    // The owner configured their other address (www vs bare, http vs https, a port …).
    parley = await startParley({}, { origins: ['https://blog.example'], logger: { info: (m) => void logged.push(m), error: () => {} } });
    pages['/ferry'] = articlePage({ scripts: [`<script src="/parley.js" data-target="#comments" data-thread="/ferry" data-api="${parley.url}" async></script>`] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    await site?.close();
    removeDir(parley);
  });

  it('says this page’s address is not allowed, and the server logs the origin once', async () => {
    const { page } = await openPage(browser, `${site.url}/ferry`);
    await expect.poll(() => page.locator('.parley').evaluate((el) => el.shadowRoot?.textContent ?? ''), { timeout: 10_000 }).toContain('is not allowed');
    const text = await page.locator('.parley').evaluate((el) => el.shadowRoot!.textContent!);
    expect(text).toContain(`This page’s address (${site.url}) is not allowed on the comment server; the site’s owner can add it with --origin.`);
    expect(text).not.toContain('could not be reached');
    expect(logged.filter((line) => line.startsWith(`Refused browser requests from ${site.url}:`))).toHaveLength(1);
    await page.close();
  });
});
