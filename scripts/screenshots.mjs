// `npm run screenshots`: the demo article with its thread in Debian's Chromium, photographed at
// desktop width in light and dark and at 375 px (a phone), in Arabic (right to left), a reader's
// vote and the thread best first, and a reader editing their own comment, into docs/screenshot-*.png for the README. Builds dist/ first when a source file is newer than the built embed or server. The demo
// runs on a free port with a throwaway SQLite file, seeded as `npm start` seeds it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

/** The newest modification time of any file under `dir`. */
const newest = (dir) =>
  Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
const built = ['dist/parley.js', 'dist/server/index.js'].map((f) => join(root, f));
if (!built.every(existsSync) || Math.min(...built.map((f) => statSync(f).mtimeMs)) < Math.max(newest(join(root, 'src')), newest(join(root, 'build')))) {
  console.log('Building dist/ first…');
  execFileSync(process.execPath, [join(root, 'build/build.mjs'), '--quiet'], { stdio: 'inherit' });
}
if (!existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium, or set PARLEY_CHROMIUM.`);
  process.exit(1);
}

// Imported after the build: the demo server uses dist/.
const { startDemo, DEMO_THREAD } = await import('../demo/demo-server.mjs');
const { chromium } = await import('playwright-core');

const dir = mkdtempSync(join(tmpdir(), 'parley-screenshots-'));
const demo = await startDemo({ port: 0, db: join(dir, 'demo.db') });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars'] });

const shots = [
  { file: 'docs/screenshot-light.png', viewport: { width: 1200, height: 900 }, colorScheme: 'light', deviceScaleFactor: 1 },
  { file: 'docs/screenshot-dark.png', viewport: { width: 1200, height: 900 }, colorScheme: 'dark', deviceScaleFactor: 1 },
  { file: 'docs/screenshot-mobile.png', viewport: { width: 375, height: 812 }, colorScheme: 'light', deviceScaleFactor: 2, isMobile: true, hasTouch: true },
];
try {
  for (const { file, ...options } of shots) {
    const context = await browser.newContext({ ...options, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${demo.url}${DEMO_THREAD}`);
    await page.locator('.parley h2').waitFor({ timeout: 15_000 });
    // The votes chunk's buttons and sort control (issue 16), which come just after the thread.
    await page.locator('.parley .vt').first().waitFor({ timeout: 15_000 });
    await page.evaluate(() => document.fonts.ready);
    // From the article's last lines to the end of the page: the comments and the form, with a
    // little of the article above so the widget is seen in its place.
    const { top, height } = await page.evaluate(() => {
      const paras = document.querySelectorAll('article p');
      const from = paras[paras.length - 1].getBoundingClientRect().top + scrollY - 24;
      return { top: Math.max(0, from), height: document.documentElement.scrollHeight - Math.max(0, from) };
    });
    await page.screenshot({ path: join(root, file), clip: { x: 0, y: top, width: options.viewport.width, height }, fullPage: true, animations: 'disabled', caret: 'hide' });
    console.log(`wrote ${file}`);
    await context.close();
  }
  // The same page in Arabic: its <html lang> rewritten on the way, so the embed fetches i18n/ar.js.
  {
    const context = await browser.newContext({ viewport: { width: 900, height: 900 }, colorScheme: 'light', reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.route(`${demo.url}${DEMO_THREAD}`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: (await response.text()).replace('<html lang="en">', '<html lang="ar">') });
    });
    await page.goto(`${demo.url}${DEMO_THREAD}`);
    await page.locator('.parley h2').waitFor({ timeout: 15_000 });
    await page.locator('.parley .vt').first().waitFor({ timeout: 15_000 });
    await page.locator('.parley').screenshot({ path: join(root, 'docs/screenshot-rtl.png'), animations: 'disabled', caret: 'hide' });
    console.log('wrote docs/screenshot-rtl.png');
    await context.close();
  }
  // Votes and sorting (issue 16): the reader has voted for Daniel Okafor's comment (pressed, counted
  // at once) and reads the thread best first, where it now leads; the heading, the control and the
  // first comments.
  {
    const context = await browser.newContext({ viewport: { width: 900, height: 900 }, colorScheme: 'light', reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${demo.url}${DEMO_THREAD}`);
    await page.locator('.parley .vt').first().waitFor({ timeout: 15_000 });
    await page.locator('.parley article', { hasText: 'Daniel Okafor' }).first().getByRole('button', { name: /^Vote up/ }).click();
    await page.locator('.parley .vt[aria-pressed=true]').waitFor();
    await page.locator('.parley').getByRole('group', { name: 'Sort by' }).getByRole('button', { name: 'Best' }).click();
    await page.locator('.parley ol > li:first-child > article', { hasText: 'Daniel Okafor' }).waitFor({ timeout: 15_000 });
    const box = await page.locator('.parley').boundingBox();
    const third = await page.locator('.parley article').nth(2).boundingBox();
    await page.screenshot({ path: join(root, 'docs/screenshot-votes.png'), clip: { x: box.x - 16, y: box.y - 8, width: box.width + 32, height: third.y - box.y - 8 }, animations: 'disabled', caret: 'hide' });
    console.log('wrote docs/screenshot-votes.png');
    await context.close();
  }
  // A reader's own comment, just posted, with its Edit box open (the token is in their localStorage).
  {
    const context = await browser.newContext({ viewport: { width: 900, height: 900 }, colorScheme: 'light', reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${demo.url}${DEMO_THREAD}`);
    await page.locator('.parley h2').waitFor({ timeout: 15_000 });
    await page.getByRole('textbox', { name: 'Comment required' }).fill('I was in Beijing last week; the preparations were visible everywhere.');
    await page.getByRole('textbox', { name: 'Name required' }).fill('Lena');
    await page.getByRole('textbox', { name: 'Email required' }).fill('lena@example.org');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: 'Edit your comment' }).waitFor();
    await page.locator('.parley article', { hasText: 'Lena' }).locator('xpath=..').screenshot({ path: join(root, 'docs/screenshot-edit.png'), animations: 'disabled', caret: 'hide' });
    console.log('wrote docs/screenshot-edit.png');
    await context.close();
  }
} finally {
  await browser.close();
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
}
