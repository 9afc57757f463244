// Parley issue 7 in a real browser: the built dist/parley.js, served by the built server, renders
// xss payloads posted as text, name and website, and no script runs: no alert/confirm/prompt
// dialog opens and the window.__xss canary stays 0, even after hovering, focusing and scrolling
// every comment. Debian's Chromium through playwright-core; skipped with a message when it is
// missing, except under CI=true (test/browser/chromium.ts).
import { parseHTML } from 'linkedom';
import { parse, renderHtml } from '../../src/core/format/index.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/core/i18n/en.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { http, killAll, startServer, xssPayloads, type Server } from './helpers.ts';

const available = chromiumAvailable();
const THREAD = '/hostile';

// 50 from the fixture, the ones with markup or a script URL, spread over the file, plus payloads
// written for this test that would set the canary if any of them ran.
const fromFixture = (() => {
  const all = xssPayloads().filter((p) => /[<]|javascript:|on\w+=/i.test(p));
  const step = Math.floor(all.length / 50);
  return Array.from({ length: 50 }, (_, i) => all[i * step]!);
})();
const canaries = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"></svg>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '"><img src=x onerror=window.__xss=1>',
  '<a href="javascript:window.__xss=1">click</a>',
  '<details open ontoggle="window.__xss=1">',
  '<input autofocus onfocus="window.__xss=1">',
  'https://ok.example/"><script>window.__xss=1</script>',
  '<style>@import "javascript:window.__xss=1"</style>',
];
const websites = ['javascript:window.__xss=1', 'data:text/html,<script>parent.__xss=1</script>', 'https://ok.example/?q="><script>window.__xss=1</script>', 'https://ok.example/a'];

describe.skipIf(!available)('xss payloads in Chromium through the built embed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-xss-browser-'));
  let server: Server;
  let browser: Browser;
  let published = 0;

  beforeAll(async () => {
    server = await startServer(path.join(dir, 'xss.db'));
    let k = 0;
    const send = async (over: Record<string, unknown>) => {
      const res = await http(server.url, 'POST', '/api/v1/comments', {
        thread: THREAD,
        text: `Plain words ${k}`,
        name: `Reader ${k}`,
        email: 'xss-browser@example.com',
        idempotencyKey: `xss-browser-${++k}`,
        ...over,
      });
      expect(res.status).toBeLessThan(500);
      if (res.status === 201) published++;
    };
    for (const payload of [...fromFixture, ...canaries]) {
      await send({ text: payload });
      await send({ name: payload, text: `Name payload ${k}` });
    }
    for (const website of websites) await send({ website, text: `Website payload ${k}` });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders them all as text and runs none of them', async () => {
    expect(published).toBeGreaterThan(100);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.addInitScript(() => {
      (window as unknown as { __xss: number }).__xss = 0;
    });
    // Anything but the Parley server is refused, so a payload cannot even fetch.
    await page.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
    // The article page is fulfilled here, on the server's own origin (Chromium's private-network
    // rules would stop a made-up public origin from calling 127.0.0.1); the embed and API are real.
    await page.route(`${server.url}/article`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html><head><title>Hostile &lt;b&gt;</title></head><body><h1>Article</h1>
<script src="${server.url}/parley.js" data-api="${server.url}" data-thread="${THREAD}" async></script></body></html>`,
      }),
    );
    await page.goto(`${server.url}/article`);
    await page.waitForFunction(
      (n) => (document.querySelector('.parley')?.shadowRoot?.querySelectorAll('article').length ?? 0) >= n,
      Math.min(published, 50),
      { timeout: 20_000 },
    );
    // The embed shows 50 top-level comments a page; "Show more comments" loads the rest.
    for (let i = 0; i < 10; i++) {
      const shown = await page.evaluate(() => document.querySelector('.parley')!.shadowRoot!.querySelectorAll('article').length);
      if (shown >= published) break;
      await page.locator('.parley button', { hasText: en.showMore }).click({ timeout: 5_000 });
      await page.waitForFunction((n) => document.querySelector('.parley')!.shadowRoot!.querySelectorAll('article').length > n, shown, { timeout: 10_000 });
    }
    // Give event-handler payloads every chance: hover and scroll every comment, tab through the widget.
    const handles = await page.evaluateHandle(() => [...document.querySelector('.parley')!.shadowRoot!.querySelectorAll('article, article a, article b')]);
    const list = await handles.getProperties();
    for (const handle of list.values()) {
      const el = handle.asElement();
      if (!el) continue;
      await el.hover({ timeout: 300, force: true }).catch(() => {});
    }
    for (let i = 0; i < 30; i++) await page.keyboard.press('Tab');
    await page.waitForTimeout(300);

    const report = await page.evaluate(() => {
      const root = document.querySelector('.parley')!.shadowRoot!;
      const all = [...root.querySelectorAll('*')];
      return {
        articles: root.querySelectorAll('article').length,
        xss: (window as unknown as { __xss: number }).__xss,
        tags: [...new Set(all.map((e) => e.tagName))].sort(),
        onAttrs: all.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
        hrefs: all.filter((e) => e.hasAttribute('href')).map((e) => e.getAttribute('href')!),
        texts: [...root.querySelectorAll('article > p[dir="auto"]')].map((p) => p.textContent),
        names: [...root.querySelectorAll('article header > a, article header > b')].map((p) => p.textContent),
        url: location.href,
      };
    });
    expect(report.articles).toBe(published);
    expect(dialogs).toEqual([]);
    expect(report.xss).toBe(0);
    expect(report.url).toBe(`${server.url}/article`);
    expect(report.onAttrs).toEqual([]);
    // The widget's own elements, the format tree's among them (issue 16).
    const allowed = ['A', 'ARTICLE', 'B', 'BLOCKQUOTE', 'BR', 'BUTTON', 'CODE', 'DIV', 'EM', 'FORM', 'H2', 'H3', 'HEADER', 'INPUT', 'LABEL', 'LI', 'OL', 'P', 'PRE', 'SMALL', 'SPAN', 'STRONG', 'STYLE', 'TEXTAREA', 'TIME', 'UL'];
    expect(report.tags.filter((t) => !allowed.includes(t))).toEqual([]);
    for (const href of report.hrefs) expect(href).toMatch(/^(https?:\/\/|#comment-)/);
    // The payloads are there, as text the reader can read, as posted (trimmed) and read as markdown
    // (issue 16): each paragraph as the server's rendering of the same tree shows it.
    for (const payload of [...fromFixture, ...canaries]) {
      const reference = parseHTML(`<article>${renderHtml(parse(payload.trim(), 'markdown'))}</article>`).document;
      for (const p of reference.querySelectorAll('article > p[dir="auto"]')) expect(report.texts, payload).toContain(p.textContent);
    }
    expect(report.names).toContain('<script>window.__xss=1</script>');
    expect(errors).toEqual([]);
    // Control: markup that does reach this page's DOM trips the canary, so the zero above means something.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="/nothing-here" onerror="window.__xss=1">'));
    await page.waitForFunction(() => (window as unknown as { __xss: number }).__xss === 1, null, { timeout: 5_000 });
    await page.close();
  }, 60_000);
});
