// The site owner's voice in the widget, end to end (issue 16 item 4): the owner answers from the
// admin API and pins a comment with the real server; a reader's Chromium then shows the pinned
// comment first, marked "Pinned", whatever order the reader chose, and the owner's reply with the
// owner's badge beside the name; nobody else's comment has either. axe clean, light and dark. The
// /t page (no JavaScript) shows the same marks.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeReport, chromiumAvailable, openPage, runAxe, widgetReady } from '../helpers/browser.ts';
import { useDemoSuite } from '../helpers/demo-suite.ts';
import { DEMO_THREAD, demoSeeds } from '../helpers/site.ts';

const TOKEN = 'owner-voice-suite-admin-token-0123456789';

/** The thread's top-level comments, in the order shown. */
const roots = (page: Page) =>
  page.locator('.parley').evaluate((host) => [...host.shadowRoot!.querySelector('ol')!.children].map((li) => li.querySelector('article')!.id.slice('comment-'.length)));

describe.skipIf(!chromiumAvailable())('the site owner’s voice in Chromium', () => {
  const suite = useDemoSuite({ adminToken: TOKEN, ownerName: 'Olga Owner', ownerBadge: 'Editor' });
  const admin = (path: string, body: unknown) =>
    fetch(`${suite.parley.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });

  /** Once per suite: the owner answers the first seed comment and pins the thread's last top-level comment. */
  let setUp: Promise<{ reply: string; pinned: string; first: string }> | undefined;
  const ownerActs = () =>
    (setUp ??= (async () => {
      const first = suite.ids.get(demoSeeds()[0]!.key)!;
      const answered = await admin('/api/v1/admin/comments', { thread: DEMO_THREAD, parent: first, text: 'Thanks, **good point**: we will add the timetable.' });
      expect(answered.status).toBe(201);
      const reply = ((await answered.json()) as { comment: { id: string } }).comment.id;
      const page = (await (await fetch(`${suite.parley.url}/api/v1/comments?thread=${encodeURIComponent(DEMO_THREAD)}`)).json()) as { comments: { id: string; parent: string | null }[] };
      const pinned = page.comments.filter((c) => c.parent === null).at(-1)!.id;
      expect((await admin(`/api/v1/admin/comments/${pinned}/pin`, { pinned: true })).status).toBe(200);
      return { reply, pinned, first };
    })());

  it('shows the pinned comment first and marked, under Oldest and Newest alike, and the owner’s reply with the badge', async () => {
    const { reply, pinned, first } = await ownerActs();
    const { page, problems } = await openPage(suite.browser, `${suite.parley.url}${DEMO_THREAD}`);
    await widgetReady(page);
    const w = page.locator('.parley');
    const pin = w.locator(`#comment-${pinned}`).getByText('Pinned', { exact: true });
    await pin.waitFor({ timeout: 10_000 });
    expect((await roots(page))[0]).toBe(pinned);
    // Only that one is pinned; only the owner's reply has the badge, in the owner's word.
    expect(await w.getByText('Pinned', { exact: true }).count()).toBe(1);
    const owners = w.locator(`#comment-${reply}`);
    expect(await owners.getByText('Editor', { exact: true }).isVisible()).toBe(true);
    expect(await owners.textContent()).toContain('Olga Owner');
    expect(await w.getByText('Editor', { exact: true }).count()).toBe(1);
    expect(await w.locator(`#comment-${first}`).getByText('Editor', { exact: true }).count()).toBe(0);
    // The reply sits under the comment it answers, its formatting rendered.
    expect(await owners.locator('strong').textContent()).toBe('good point');

    await w.getByRole('group', { name: 'Sort by' }).getByRole('button', { name: 'Newest' }).click();
    await expect.poll(async () => (await roots(page)).length).toBeGreaterThan(1);
    await expect.poll(() => w.locator('.so [aria-pressed=true]').textContent()).toBe('Newest');
    expect((await roots(page))[0]).toBe(pinned);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`shows the badge and Pinned on the /t page without JavaScript too, axe clean in ${colorScheme}`, async () => {
      const { reply, pinned } = await ownerActs();
      // The page runs no script of its own (its CSP forbids any); axe is let in past the CSP.
      const context = await suite.browser.newContext({ bypassCSP: true, colorScheme, viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${suite.parley.url}/t?thread=${encodeURIComponent(DEMO_THREAD)}&title=Ferry`);
      const first = page.locator('main ol > li > article').first();
      expect(await first.getAttribute('id')).toBe(`comment-${pinned}`);
      expect(await first.locator('header').getByText('Pinned', { exact: true }).isVisible()).toBe(true);
      expect(await page.locator(`#comment-${reply} header`).getByText('Editor', { exact: true }).isVisible()).toBe(true);
      expect(await page.getByText('Pinned', { exact: true }).count()).toBe(1);
      expect(await page.getByText('Editor', { exact: true }).count()).toBe(1);
      const report = await runAxe(page);
      expect(report.violations, axeReport(report)).toEqual([]);
      expect(report.passes).toBeGreaterThan(10);
      await context.close();
    });

    it(`is axe clean in ${colorScheme} with the badge and the Pinned mark shown`, async () => {
      const { pinned } = await ownerActs();
      const { page, problems } = await openPage(suite.browser, `${suite.parley.url}${DEMO_THREAD}`, { colorScheme });
      await widgetReady(page);
      await page.locator(`.parley #comment-${pinned}`).getByText('Pinned', { exact: true }).waitFor({ timeout: 10_000 });
      const report = await runAxe(page);
      expect(report.violations, axeReport(report)).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }
});
