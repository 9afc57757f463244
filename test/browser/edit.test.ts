// Editing and deleting one's own comment in Chromium (issue 8): the built dist/parley.js against the
// real server on a SQLite file. The reader posts, edits, reloads (the edit token is in their
// localStorage, so Edit and Delete are still there), deletes, and the count drops; axe stays clean
// with the edit form and the delete question open. Another reader never gets the buttons.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePage, listAll, removeDir, seed, startParley, type Parley } from '../helpers/site.ts';
import { chromiumAvailable, launchChromium, axeReport, focused, openPage, runAxe, widgetReady } from '../helpers/browser.ts';

describe.skipIf(!chromiumAvailable())('editing and deleting one’s own comment in Chromium', () => {
  let browser: Browser;
  let parley: Parley;

  beforeAll(async () => {
    parley = await startParley({ '/ferry': articlePage() });
    await seed(parley.url, '/ferry', [{ key: 'olive', name: 'Olive', email: 'olive@example.com', text: 'The timetable is on the pier.' }]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    removeDir(parley);
  });

  it('posts, edits, keeps Edit over a reload, deletes; the server and the count agree', async () => {
    const { page, problems, dialogs } = await openPage(browser, `${parley.url}/ferry`);
    await widgetReady(page);
    const w = page.locator('.parley');
    expect(await w.getByRole('button', { name: 'Edit' }).count()).toBe(0); // Olive's comment is not ours

    await w.getByRole('textbox', { name: 'Comment required' }).fill('Teh ferry was late.');
    await w.getByRole('textbox', { name: 'Name required' }).fill('Ivy');
    await w.getByRole('textbox', { name: 'Email required' }).fill('ivy@example.com');
    await w.getByRole('button', { name: 'Post Comment' }).click();
    await expect.poll(() => w.locator('h2').textContent()).toBe('2 thoughts on “Ferry news”');
    const mine = w.getByRole('article', { name: 'Comment by Ivy' });

    // Edit: the text becomes a labelled textarea with the focus in it; Save sends a PATCH.
    await mine.getByRole('button', { name: 'Edit' }).click();
    const box = mine.getByRole('textbox', { name: 'Edit your comment' });
    expect(await box.inputValue()).toBe('Teh ferry was late.');
    expect((await focused(page))!.id).toBe('p-edit');
    const form = await runAxe(page);
    expect(form.violations, axeReport(form)).toEqual([]);
    await box.fill('The ferry was late.');
    await mine.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => mine.textContent()).toContain('The ferry was late.');
    expect(await mine.textContent()).toContain('(edited)');
    expect((await listAll(parley.url, '/ferry')).comments.map((c) => c.text)).toEqual(['The timetable is on the pier.', 'The ferry was late.']);

    // A reload: the token was kept in this browser, so the comment is still the reader's own.
    await page.reload();
    await widgetReady(page);
    expect(await mine.getByRole('button', { name: 'Edit' }).count()).toBe(1);
    expect(await w.getByRole('article', { name: 'Comment by Olive' }).getByRole('button', { name: 'Edit' }).count()).toBe(0);

    // Delete asks in place (no dialog), then removes it; the heading counts one again.
    await mine.getByRole('button', { name: 'Delete' }).click();
    await mine.getByRole('alert').waitFor();
    expect((await focused(page))!.text).toBe('Cancel');
    const ask = await runAxe(page);
    expect(ask.violations, axeReport(ask)).toEqual([]);
    await mine.getByRole('alert').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => w.locator('h2').textContent()).toBe('One thought on “Ferry news”');
    expect(await mine.count()).toBe(0);
    expect((await listAll(parley.url, '/ferry')).count).toBe(1);
    await page.reload();
    await widgetReady(page);
    expect(await w.locator('h2').textContent()).toBe('One thought on “Ferry news”');
    expect(await w.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('never offers Edit to another reader of the same comment', async () => {
    const one = await openPage(browser, `${parley.url}/ferry`);
    await widgetReady(one.page);
    const w = one.page.locator('.parley');
    await w.getByRole('textbox', { name: 'Comment required' }).fill('Mine alone to edit.');
    await w.getByRole('textbox', { name: 'Name required' }).fill('Ivy');
    await w.getByRole('textbox', { name: 'Email required' }).fill('ivy@example.com');
    await w.getByRole('button', { name: 'Post Comment' }).click();
    await w.getByRole('article', { name: 'Comment by Ivy' }).getByRole('button', { name: 'Edit' }).waitFor();

    const other = await openPage(browser, `${parley.url}/ferry`); // its own context: its own localStorage
    await widgetReady(other.page);
    const theirs = other.page.locator('.parley').getByRole('article', { name: 'Comment by Ivy' });
    expect(await theirs.textContent()).toContain('Mine alone to edit.');
    // Once the votes chunk has come (issue 16), another reader may vote on it, and reply; nothing more.
    await theirs.locator('.vt').waitFor();
    expect(await theirs.getByRole('button').allTextContents()).toEqual(['Vote up ▲ 0', 'Reply']);
    await one.page.context().close();
    await other.page.context().close();
  });
});
