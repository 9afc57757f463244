// The moderation desk (issue 21) in Chromium, as an owner uses it: a named token made with the CLI,
// search, undo, keyboard shortcuts (and turning them off), a ban that really refuses the author's
// next comment, a moderator's edit, bulk delete that asks first, a phone's width, and axe (WCAG 2.2
// AA) in the light and the dark scheme. Statuses are checked by asking the API, never right after a
// toast appears (an earlier version raced there).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startParley, type Parley } from '../helpers/site.ts';
import { axeReport, chromiumAvailable, launchChromium, openPage, runAxe } from '../helpers/browser.ts';

const CLI = fileURLToPath(new URL('../../dist/server/cli.js', import.meta.url));
const ADMIN = 'desk-admin-token-for-tests';
let n = 0;

describe.skipIf(!chromiumAvailable())('the moderation desk in Chromium', () => {
  let browser: Browser;
  let parley: Parley;
  let annToken: string;

  /** Posts a comment through the public API; resolves with its id and the status the server gave. */
  async function comment(over: Record<string, unknown> = {}) {
    const res = await fetch(`${parley.url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ thread: '/ferry', text: `Comment number ${++n}`, name: 'Grace', email: 'grace@example.com', idempotencyKey: `desk-${n}-${Date.now()}`, ...over }),
    });
    return { status: res.status, body: (await res.json()) as { comment: { id: string } } };
  }

  /** A comment's stored status, as the admin API reports it. */
  async function statusOf(id: string): Promise<string | undefined> {
    for (const status of ['pending', 'spam', 'published', 'deleted']) {
      const res = await fetch(`${parley.url}/api/v1/admin/comments?status=${status}&limit=200`, { headers: { authorization: `Bearer ${ADMIN}` } });
      const body = (await res.json()) as { comments: { id: string }[] };
      if (body.comments.some((c) => c.id === id)) return status;
    }
    return undefined;
  }

  async function signIn(options: BrowserContextOptions = {}, token = annToken): Promise<Page> {
    const { page } = await openPage(browser, `${parley.url}/admin`, options);
    await page.getByLabel('Moderator token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: /^Pending/ }).waitFor();
    await expect.poll(() => page.locator('#message').textContent()).not.toBe('Loading…');
    return page;
  }

  const row = (page: Page, text: string) => page.locator('#list > .comment', { hasText: text });

  beforeAll(async () => {
    parley = await startParley({}, { adminToken: ADMIN, moderation: 'all' });
    browser = await launchChromium();
    // A moderator of their own, made as the README says: parley token add NAME.
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'token', 'add', 'ann', '--db', parley.db]);
    annToken = stdout.trim().split('\n').at(-1)!;
    expect(annToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    removeDir(parley);
  });

  it('signs in with a named token, finds comments by text, address and thread, and counts the tabs', async () => {
    await comment({ text: 'Where can I buy a ferry ticket?', name: 'Finder One', email: 'one@finder.example', thread: '/find-a' });
    await comment({ text: 'The timetable moved', name: 'Finder Two', email: 'two@finder.example', thread: '/find-b' });
    const page = await signIn();
    expect(await page.getByRole('tab', { name: /^Pending/ }).textContent()).toMatch(/^Pending \d+$/);
    await page.getByRole('searchbox', { name: 'Search' }).fill('TICKET');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('#list > .comment').count()).toBe(1);
    expect(await page.locator('#list > .comment').textContent()).toContain('Finder One');
    await page.getByRole('searchbox', { name: 'Search' }).fill('two@finder');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('#list > .comment .author').allTextContents()).toEqual(['Finder Two']);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Thread').fill('/find-a');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('#list > .comment .author').allTextContents()).toEqual(['Finder One']);
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => page.locator('#list > .comment').count()).toBeGreaterThan(1);
    // The action log names the token's owner.
    await row(page, 'The timetable moved').getByRole('button', { name: 'Spam the comment by Finder Two' }).click();
    await expect.poll(() => page.locator('#toast-text').textContent()).toBe('Marked 1 comment as spam.');
    await page.getByRole('button', { name: 'Action log' }).click();
    await expect.poll(() => page.locator('#log-table tbody tr').first().textContent()).toMatch(/annmarked as spam 1 comment/);
    await page.context().close();
  });

  it('undoes an approval from the toast, and the comment is pending again', async () => {
    const { body } = await comment({ text: 'Undo me, please' });
    const page = await signIn();
    await row(page, 'Undo me, please').getByRole('button', { name: 'Approve the comment by Grace' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Approved 1 comment.' });
    await toast.waitFor();
    await expect.poll(() => statusOf(body.comment.id)).toBe('published');
    expect(await row(page, 'Undo me, please').count()).toBe(0);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('#toast-text').textContent()).toBe('Undone: 1 comment is back as before.');
    await expect.poll(() => statusOf(body.comment.id)).toBe('pending');
    expect(await row(page, 'Undo me, please').count()).toBe(1);
    await page.context().close();
  });

  it('moves with j and k, approves with a, spams with s, undoes with u, lists the keys under ?, and can turn single keys off', async () => {
    const first = await comment({ text: 'Keyboard one' });
    const second = await comment({ text: 'Keyboard two' });
    const page = await signIn();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Keyboard');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('#list > .comment').count()).toBe(2);
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Keyboard two');
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Keyboard one');
    await page.keyboard.press('k');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Keyboard two');
    await page.keyboard.press('a');
    await expect.poll(() => statusOf(second.body.comment.id)).toBe('published');
    // The focus moved on to the next comment: s marks it as spam.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Keyboard one');
    await page.keyboard.press('s');
    await expect.poll(() => statusOf(first.body.comment.id)).toBe('spam');
    // The store can say spam before the page has the answer that carries the undo: u works once the
    // toast offers Undo for this action.
    await expect.poll(() => page.locator('#toast-text').textContent()).toBe('Marked 1 comment as spam.');
    await page.keyboard.press('u');
    await expect.poll(() => statusOf(first.body.comment.id)).toBe('pending');
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('approve');
    await dialog.getByLabel(/Single-key shortcuts/).uncheck();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await row(page, 'Keyboard one').focus();
    await page.keyboard.press('d');
    await page.keyboard.press('j');
    // Nothing happened: still pending, and still there with the focus.
    expect(await statusOf(first.body.comment.id)).toBe('pending');
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Keyboard one');
    // The choice is kept in this browser.
    await page.reload();
    await page.getByRole('tab', { name: /^Pending/ }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('parley-admin-single-keys'))).toBe('off');
    await page.evaluate(() => localStorage.removeItem('parley-admin-single-keys'));
    await page.context().close();
  });

  it('bans an author’s address from their comment, and their next comment is refused', async () => {
    await comment({ text: 'Buy my pills', name: 'Pill Seller', email: 'pills@spam.example' });
    const page = await signIn();
    const pills = row(page, 'Buy my pills');
    await pills.getByRole('button', { name: 'Ban the author of the comment by Pill Seller' }).click();
    await pills.getByLabel('the address pills@spam.example').check();
    await pills.getByLabel('For').selectOption({ label: 'ever' });
    await pills.getByRole('button', { name: 'Ban', exact: true }).click();
    await expect.poll(() => page.locator('#toast-text').textContent()).toBe('Banned pills@spam.example for ever. Lists and bans shows every ban.');
    const again = await comment({ text: 'More pills', name: 'Pill Seller', email: 'PILLS@spam.example' });
    expect(again.status).toBe(400);
    await page.getByRole('button', { name: 'Lists and bans' }).click();
    await expect.poll(() => page.locator('#list-ban-email + p + ul').textContent()).toContain('pills@spam.example');
    // The owner may send banned authors to spam instead.
    await page.getByLabel('kept, straight in Spam').check();
    await expect.poll(() => page.locator('#toast-text').textContent()).toBe('Comments from banned authors now go straight to Spam.');
    const kept = await comment({ text: 'Pills once more', name: 'Pill Seller', email: 'pills@spam.example' });
    expect(kept.status).toBe(201);
    await expect.poll(() => statusOf(kept.body.comment.id)).toBe('spam');
    // A hold word added on the desk holds the next comment that uses it.
    await page.getByLabel('Word or phrase').first().fill('refund');
    await page.getByRole('button', { name: 'Add to hold words' }).click();
    await expect.poll(() => page.locator('#toast-text').textContent()).toBe('Added refund to hold words.');
    await page.context().close();
  });

  it('edits a comment as a moderator, and the page says so', async () => {
    const { body } = await comment({ text: 'Call me at 555 0100' });
    const page = await signIn();
    const mine = row(page, 'Call me at 555 0100');
    await mine.getByRole('button', { name: 'Edit the comment by Grace' }).click();
    await page.getByLabel(/Text of the comment by Grace/).fill('Call me [number removed]');
    await page.getByRole('button', { name: 'Save' }).click();
    const edited = row(page, 'Call me [number removed]');
    await edited.waitFor();
    expect(await edited.textContent()).toContain('Edited by a moderator.');
    const list = await fetch(`${parley.url}/api/v1/admin/comments?status=pending&q=number%20removed`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(((await list.json()) as { comments: { id: string }[] }).comments.map((c) => c.id)).toEqual([body.comment.id]);
    await page.context().close();
  });

  it('asks before deleting several comments, and deletes nothing when told no', async () => {
    const a = await comment({ text: 'Bulk delete A' });
    const b = await comment({ text: 'Bulk delete B' });
    const page = await signIn();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Bulk delete');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('#list > .comment').count()).toBe(2);
    await page.getByLabel('Select all').check();
    // openPage dismisses every dialog; here the test answers it.
    page.removeAllListeners('dialog');
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('button', { name: 'Delete selected' }).click();
    expect(await page.locator('#list > .comment').count()).toBe(2);
    expect(await statusOf(a.body.comment.id)).toBe('pending');
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await page.getByRole('button', { name: 'Delete selected' }).click();
    await expect.poll(() => statusOf(b.body.comment.id)).toBe('deleted');
    expect(asked).toBe('Delete 2 comments? You can undo it for 10 seconds afterwards.');
    expect(await statusOf(a.body.comment.id)).toBe('deleted');
    await page.context().close();
  });

  it('fits a phone’s width: nothing overflows, and every button is big enough to hit', async () => {
    await comment({ text: 'A long comment to wrap on a small screen: ' + 'wrapping '.repeat(40) + 'https://example.com/a/very/long/address/that/must/wrap/somewhere/too' });
    const page = await signIn({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button:not([hidden])')].map((b) => b.getBoundingClientRect()).filter((r) => r.width > 0 && (r.width < 24 || r.height < 24)).length,
    );
    expect(small).toBe(0);
    await page.getByRole('button', { name: 'Lists and bans' }).click();
    await page.locator('#list-editors h3').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`is axe clean (WCAG 2.2 AA) in the ${scheme} scheme: sign-in, comments, lists, log and the shortcuts`, async () => {
      await comment({ text: `Axe looks at this one (${scheme})` });
      // bypassCSP: axe is injected as an inline script, which the page's CSP (rightly) refuses.
      const { page } = await openPage(browser, `${parley.url}/admin`, { colorScheme: scheme, bypassCSP: true });
      await page.getByLabel('Moderator token').waitFor();
      const check = async (where: string) => {
        const result = await runAxe(page);
        expect(result.violations, `${where}: ${axeReport(result)}`).toEqual([]);
      };
      await check('sign-in');
      await page.getByLabel('Moderator token').fill(annToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await row(page, `Axe looks at this one (${scheme})`).waitFor();
      await row(page, `Axe looks at this one (${scheme})`).getByRole('button', { name: /^Ban the author/ }).click();
      await check('comments');
      await row(page, `Axe looks at this one (${scheme})`).getByRole('button', { name: /^Spam the comment/ }).click();
      await page.locator('#toast-undo:not([hidden])').waitFor();
      await check('the toast');
      await page.getByRole('button', { name: 'Lists and bans' }).click();
      await page.locator('#list-editors h3').first().waitFor();
      await check('lists');
      await page.getByRole('button', { name: 'Action log' }).click();
      await page.locator('#log-table tbody tr').first().waitFor();
      await check('log');
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await check('shortcuts');
      await page.context().close();
    });
  }
});
