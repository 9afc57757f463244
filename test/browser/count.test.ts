// count.js on an index page in Chromium (issue 8, "Around the thread"): the built dist/count.js,
// served by the real server, fills every [data-parley-count] with one request to /api/v1/counts:
// the plural phrase by default, the number with data-parley-count-format="number", in the page's
// language when that language's file comes from beside count.js, and after a thread alias too.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import { removeDir, seed, startParley, type Parley } from '../helpers/site.ts';
import { chromiumAvailable, launchChromium, openPage } from '../helpers/browser.ts';

/** An index page in `lang` listing three threads, with count.js after them. */
const index = (lang: string) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Index</title></head><body><ul>
<li>Ferry <a href="/ferry#comments" id="ferry" data-parley-count="/ferry">Comments</a>
  <span id="ferry-n" data-parley-count="/ferry" data-parley-count-format="number">?</span></li>
<li>Bridge <a href="/bridge#comments" id="bridge" data-parley-count="/bridge">Comments</a></li>
<li>Old ferry <a href="/old-ferry#comments" id="old" data-parley-count="/old-ferry">Comments</a></li>
<li>Quiet <a href="/quiet#comments" id="quiet" data-parley-count="/quiet">Comments</a></li>
</ul><script src="/count.js" defer></script></body></html>`;

const text = (n: number) => ({ key: `c${n}`, name: `Reader ${n}`, email: `reader${n}@example.com`, text: `Comment number ${n} on this thread.` });

describe.skipIf(!chromiumAvailable())('count.js on an index page', () => {
  let browser: Browser;
  let parley: Parley;

  beforeAll(async () => {
    parley = await startParley({ '/en': index('en'), '/ru': index('ru') });
    await seed(parley.url, '/ferry', [1, 2, 3, 4, 5].map(text));
    await seed(parley.url, '/bridge', [text(1)]);
    // /old-ferry is an alias of /ferry (`parley alias`), set on the same database file.
    const store = createSqliteStore({ file: parley.db });
    await store.aliases.set('/old-ferry', '/ferry');
    await store.close();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    removeDir(parley);
  });

  async function open(path: string) {
    const w = await openPage(browser, `${parley.url}${path}`);
    // count.js writes every element at once, after its one request: the number stands for all.
    await w.page.waitForFunction(() => document.querySelector('#ferry-n')!.textContent != '?', null, { timeout: 10_000 });
    const read = (id: string) => w.page.locator(`#${id}`).textContent();
    return { ...w, asked: w.requests, read };
  }

  it('writes each thread’s published total as a phrase, or as a number, with one counts request', async () => {
    const { page, asked, read, problems } = await open('/en');
    expect([await read('ferry'), await read('ferry-n'), await read('bridge'), await read('old'), await read('quiet')]).toEqual([
      '5 comments',
      '5',
      'One comment',
      '5 comments',
      'No comments',
    ]);
    expect(asked.filter((p) => p.startsWith('/api/'))).toEqual(['/api/v1/counts?thread=%2Fferry&thread=%2Fbridge&thread=%2Fold-ferry&thread=%2Fquiet']);
    expect(asked.some((p) => p.startsWith('/i18n/'))).toBe(false);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('speaks the page’s language with its plural forms, fetching that one file', async () => {
    const { page, asked, read, problems } = await open('/ru');
    expect([await read('ferry'), await read('ferry-n'), await read('bridge'), await read('quiet')]).toEqual(['5 комментариев', '5', '1 комментарий', 'Нет комментариев']);
    expect(asked.filter((p) => p.startsWith('/i18n/'))).toEqual(['/i18n/ru.js']);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
