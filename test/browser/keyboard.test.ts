// A reader with only a keyboard (Parley issue 4): posts a comment, replies to one, cancels a reply,
// and meets validation errors, using Tab, Shift+Tab, Enter and Escape and nothing else. Every stop
// inside the widget shows its focus ring (tabTo fails otherwise) and focus lands where a reader
// expects it: the comment field when replying, the Reply button after cancelling, the new comment
// after posting, the first wrong field after a failed check.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePage, listAll, removeDir, seed, startParley, type Parley } from '../helpers/site.ts';
import { chromiumAvailable, launchChromium, focused, openPage, tabTo, widgetReady } from '../helpers/browser.ts';

const status = (page: Page) => page.locator('.parley form [role=status]');
// Issue 21: "Your comment was posted." is said on the new comment, which has the focus.
const notice = (page: Page) => page.locator('.parley article:focus > .n');
const textarea = (page: Page) => page.locator('.parley textarea');

describe.skipIf(!chromiumAvailable())('the widget with the keyboard only', () => {
  let browser: Browser;
  let parley: Parley;

  beforeAll(async () => {
    parley = await startParley({ '/ferry': articlePage() });
    await seed(parley.url, '/ferry', [
      { key: 'g', name: 'Grace Hopper', email: 'grace@example.com', text: 'Does the early ferry still stop at the island?' },
      { key: 'a', parent: 'g', name: 'Alan Turing', email: 'alan@example.com', text: 'Only on weekdays, as far as I know.' },
      { key: 'k', name: 'Katherine Johnson', email: 'kj@example.com', text: 'The timetable page has not been updated yet.' },
    ]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    removeDir(parley);
  });

  it('posts a comment: Tab through the form, Enter on Post Comment, focus on the new comment', async () => {
    const { page, problems } = await openPage(browser, `${parley.url}/ferry`);
    await widgetReady(page);
    await tabTo(page, (f) => f.id === 'p-text');
    await page.keyboard.type('First line from the keyboard.\nSecond line.');
    // Preview (issue 16) sits on the hint's line under the comment box, next in the tab order.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Preview', focusVisible: true });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'p-name' });
    await page.keyboard.type('Ada Lovelace');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'p-email' });
    await page.keyboard.type('ada@example.com');
    const post = await tabTo(page, (f) => f.tag === 'button' && f.text === 'Post Comment');
    expect(post.focusVisible).toBe(true);
    await page.keyboard.press('Enter');

    await expect.poll(() => notice(page).textContent()).toBe('Your comment was posted.');
    const me = page.getByRole('article', { name: 'Comment by Ada Lovelace' });
    expect(await me.locator('p').last().innerText()).toBe('First line from the keyboard.\nSecond line.');
    const f = await focused(page);
    expect(f).toMatchObject({ tag: 'article', text: 'Comment by Ada Lovelace', focusVisible: true });
    expect(f!.ring).not.toBe('');
    expect(await page.locator('.parley h2').textContent()).toMatch(/^4 thoughts on/);
    expect(await textarea(page).inputValue()).toBe('');
    const { comments } = await listAll(parley.url, '/ferry');
    expect(comments.filter((c) => c.author.name === 'Ada Lovelace')).toHaveLength(1);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('replies to a comment: Enter on Reply moves the form under it and focus into the comment field', async () => {
    const { page, problems } = await openPage(browser, `${parley.url}/ferry`);
    await widgetReady(page);
    const reply = await tabTo(page, (f) => f.text === 'Reply to Katherine Johnson');
    expect(reply.focusVisible).toBe(true);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'p-text', focusVisible: true });
    expect(await page.getByRole('heading', { name: 'Replying to Katherine Johnson' }).count()).toBe(1);
    // The form sits inside Katherine's list item, right after her comment.
    expect(await page.locator('.parley li', { has: page.getByRole('article', { name: 'Comment by Katherine Johnson' }) }).locator('form').count()).toBe(1);
    await page.keyboard.type('It was updated this morning.');
    await tabTo(page, (f) => f.id === 'p-name');
    await page.keyboard.type('Mary Jackson');
    await page.keyboard.press('Tab');
    await page.keyboard.type('mary@example.com');
    await tabTo(page, (f) => f.text === 'Post Comment');
    await page.keyboard.press('Enter');

    await expect.poll(() => notice(page).textContent()).toBe('Your comment was posted.');
    expect(await focused(page)).toMatchObject({ tag: 'article', text: 'Comment by Mary Jackson', focusVisible: true });
    // Nested: Mary's comment is in a list inside Katherine's item; the form is back at the end.
    const nested = page.locator('.parley li', { has: page.getByRole('article', { name: 'Comment by Katherine Johnson' }) }).locator('ol article');
    expect(await nested.getAttribute('aria-label')).toBe('Comment by Mary Jackson');
    expect(await page.getByRole('heading', { name: 'Leave a Reply' }).count()).toBe(1);
    const { comments } = await listAll(parley.url, '/ferry');
    const k = comments.find((c) => c.author.name === 'Katherine Johnson')!;
    expect(comments.find((c) => c.author.name === 'Mary Jackson')).toMatchObject({ parent: k.id, text: 'It was updated this morning.' });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('cancels a reply with Escape and with the Cancel reply button: focus returns to Reply, the text stays', async () => {
    const { page, problems } = await openPage(browser, `${parley.url}/ferry`);
    await widgetReady(page);
    await tabTo(page, (f) => f.text === 'Reply to Grace Hopper');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Half a thought');
    await page.keyboard.press('Escape');
    const back = await focused(page);
    expect(back).toMatchObject({ tag: 'button', text: 'Reply to Grace Hopper', focusVisible: true });
    expect(back!.ring).not.toBe('');
    expect(await page.getByRole('heading', { name: 'Leave a Reply' }).count()).toBe(1);
    expect(await textarea(page).inputValue()).toBe('Half a thought');

    // Again, this time through the visible Cancel reply button.
    await tabTo(page, (f) => f.text === 'Reply to Alan Turing');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'p-text' });
    expect(await textarea(page).inputValue()).toBe('Half a thought');
    await tabTo(page, (f) => f.text === 'Cancel reply', { back: true });
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Reply to Alan Turing', focusVisible: true });
    expect(await page.getByRole('heading', { name: 'Leave a Reply' }).count()).toBe(1);
    expect(await textarea(page).inputValue()).toBe('Half a thought');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows and announces validation errors, focuses the first wrong field, and never loses the text', async () => {
    const { page, problems } = await openPage(browser, `${parley.url}/ferry`);
    await widgetReady(page);
    // The live region is in the page before anything is said in it, so screen readers watch it.
    expect(await status(page).count()).toBe(1);
    await tabTo(page, (f) => f.text === 'Post Comment');
    await page.keyboard.press('Enter');
    await expect.poll(() => status(page).textContent()).toContain('Please correct the marked fields.');
    expect(await focused(page)).toMatchObject({ id: 'p-text', focusVisible: true });
    const described = (id: string) =>
      page.locator(`.parley #${id}`).evaluate((el) => ({
        invalid: el.getAttribute('aria-invalid'),
        description: (el.getAttribute('aria-describedby') || '')
          .split(' ')
          .map((d) => (el.getRootNode() as ShadowRoot).getElementById(d)?.textContent)
          .join(' '),
      }));
    expect(await described('p-text')).toEqual({ invalid: 'true', description: 'Comment is required.' });
    expect(await described('p-name')).toEqual({ invalid: 'true', description: 'Name is required.' });
    expect(await described('p-email')).toEqual({ invalid: 'true', description: 'Email is required.' });
    expect((await described('p-website')).invalid).toBe('false');

    // Type the comment and a wrong email: the text stays, focus goes to the email field.
    await page.keyboard.type('A comment worth keeping.');
    await page.keyboard.press('Tab'); // Preview
    await page.keyboard.press('Tab');
    await page.keyboard.type('Dorothy');
    await page.keyboard.press('Tab');
    await page.keyboard.type('dorothy-at-example');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not a web address');
    await page.keyboard.press('Enter'); // Enter in a field submits the form
    await expect.poll(() => described('p-email')).toEqual({ invalid: 'true', description: 'Enter an email address like name@example.com.' });
    expect(await described('p-website')).toEqual({ invalid: 'true', description: 'Enter a web address starting with http:// or https://.' });
    expect(await described('p-text')).toMatchObject({ invalid: 'false' });
    expect(await focused(page)).toMatchObject({ id: 'p-email' });
    expect(await textarea(page).inputValue()).toBe('A comment worth keeping.');
    expect(await status(page).textContent()).toContain('Please correct the marked fields.');

    // Fix both; the post goes through with the kept text.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('dorothy@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await expect.poll(() => notice(page).textContent()).toBe('Your comment was posted.');
    expect(await page.getByRole('article', { name: 'Comment by Dorothy' }).locator('p').last().textContent()).toBe('A comment worth keeping.');
    expect(await page.locator('.parley [aria-invalid=true]').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
