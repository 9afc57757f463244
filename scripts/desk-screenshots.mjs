// The moderation desk and the widget's notices (issue 21) in Debian's Chromium, for the README:
// docs/desk-*.png (the pending queue, a phone in the dark scheme, lists and bans, the action log,
// the keyboard shortcuts) and docs/screenshot-held.png / screenshot-error.png (the awaiting box on
// the reader's new comment; a post that failed). Run by `npm run screenshots` after screenshots.mjs,
// which builds dist/ first when it is stale. The demo runs on a free port with a throwaway SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const TOKEN = 'screenshots-admin-token-1234';

const { startDemo, DEMO_THREAD } = await import('../demo/demo-server.mjs');
const { chromium } = await import('playwright-core');

const dir = mkdtempSync(join(tmpdir(), 'parley-desk-shots-'));
// A port of its own (not 0): the demo then names it as its --origin, so the echo rule fetches the
// article and the desk shows its title.
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const demo = await startDemo({ port, db: join(dir, 'demo.db'), adminToken: TOKEN, moderation: 'all', postsPerMinute: 1000 });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars'] });
const api = (path, init = {}) =>
  fetch(`${demo.url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...(init.headers ?? {}) } }).then((r) => r.json());

let key = 0;
const post = (over) =>
  api('/api/v1/comments', {
    method: 'POST',
    body: JSON.stringify({ thread: DEMO_THREAD, url: `${demo.url}${DEMO_THREAD}`, name: 'Reader', email: 'reader@example.com', idempotencyKey: `desk-shot-${++key}`, ...over }),
  });

try {
  // A queue worth moderating: a reply, link spam, an echo of the article, a regular.
  const published = (await api(`/api/v1/comments?thread=${encodeURIComponent(DEMO_THREAD)}`)).comments;
  await post({ text: 'Which airport will he land at? The article does not say.', name: 'Tomás Ruiz', email: 'tomas@example.org', website: 'https://tomas.example.org' });
  await post({ parent: published[0].id, text: 'I disagree: the visit was planned months ago, long before the talks.', name: 'Ingrid Holm', email: 'ingrid@example.net' });
  await post({ text: 'Great post! Cheap flights to Beijing at https://cheap-flights.example and https://visa-fast.example and https://hotels.example', name: 'Best Deals', email: 'deals@spam.example', website: 'https://cheap-flights.example' });
  const echo = await post({ text: 'Putin to visit China, the Kremlin said. Very interesting article, thank you for sharing.', name: 'Anna', email: 'anna.k@example.com' });
  await api('/api/v1/admin/comments/actions', { method: 'POST', body: JSON.stringify({ action: 'spam', ids: [echo.comment.id] }) });
  await api('/api/v1/admin/lists', { method: 'POST', body: JSON.stringify({ list: 'spam-words', value: 'cheap flights' }) });
  await api('/api/v1/admin/lists', { method: 'POST', body: JSON.stringify({ list: 'blocked-domains', value: 'visa-fast.example' }) });
  await api(`/api/v1/admin/comments/${encodeURIComponent(echo.comment.id)}/ban`, { method: 'POST', body: JSON.stringify({ kind: 'email', days: 30 }) });

  const signIn = async (options) => {
    const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
    const page = await context.newPage();
    await page.goto(`${demo.url}/admin`);
    await page.getByLabel('Moderator token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#list > .comment').first().waitFor();
    return { context, page };
  };
  const shoot = async (page, file) => {
    await page.screenshot({ path: join(root, file), fullPage: true, animations: 'disabled', caret: 'hide' });
    console.log(`wrote ${file}`);
  };

  {
    const { context, page } = await signIn({ viewport: { width: 1200, height: 900 }, colorScheme: 'light' });
    await page.locator('#list > .comment details').first().evaluate((d) => (d.open = true));
    await page.locator('#list > .comment').first().focus();
    await shoot(page, 'docs/desk-comments.png');
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await page.getByRole('dialog').waitFor();
    await page.screenshot({ path: join(root, 'docs/desk-keys.png'), animations: 'disabled', caret: 'hide' });
    console.log('wrote docs/desk-keys.png');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Lists and bans' }).click();
    await page.locator('#list-editors h3').first().waitFor();
    await shoot(page, 'docs/desk-lists.png');
    await page.getByRole('button', { name: 'Action log' }).click();
    await page.locator('#log-table tbody tr').first().waitFor();
    await shoot(page, 'docs/desk-log.png');
    await context.close();
  }
  {
    const { context, page } = await signIn({ viewport: { width: 375, height: 812 }, colorScheme: 'dark', deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await page.locator('#list > .comment').first().getByRole('button', { name: /^Spam the comment/ }).click();
    await page.locator('#toast-undo:not([hidden])').waitFor();
    await page.screenshot({ path: join(root, 'docs/desk-phone-dark.png'), animations: 'disabled', caret: 'hide' });
    console.log('wrote docs/desk-phone-dark.png');
    await context.close();
  }
  // The reader's side: a held comment, said on the comment itself; a post that failed.
  for (const [file, fail] of [
    ['docs/screenshot-held.png', false],
    ['docs/screenshot-error.png', true],
  ]) {
    const context = await browser.newContext({ viewport: { width: 900, height: 900 }, colorScheme: 'light', reducedMotion: 'reduce' });
    const page = await context.newPage();
    if (fail) await page.route('**/api/v1/comments', (route) => (route.request().method() === 'POST' ? route.abort() : route.continue()));
    await page.goto(`${demo.url}${DEMO_THREAD}`);
    await page.locator('.parley h2').waitFor({ timeout: 15_000 });
    await page.getByRole('textbox', { name: 'Comment required' }).fill('Will the talks be broadcast? I would like to follow them.');
    await page.getByRole('textbox', { name: 'Name required' }).fill('Lena');
    await page.getByRole('textbox', { name: 'Email required' }).fill('lena@example.org');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    if (fail) {
      const status = page.locator('.parley form [role=status]');
      await status.filter({ hasText: 'not sent' }).waitFor();
      await page.locator('.parley form').screenshot({ path: join(root, file), animations: 'disabled', caret: 'hide' });
    } else {
      const mine = page.locator('.parley article', { hasText: 'Will the talks be broadcast?' });
      await mine.locator('.n').waitFor();
      await mine.locator('xpath=..').screenshot({ path: join(root, file), animations: 'disabled', caret: 'hide' });
    }
    console.log(`wrote ${file}`);
    await context.close();
  }
} finally {
  await browser.close();
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
}
