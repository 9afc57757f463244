// Shared set-up for the widget's browser suites (Parley issue 4): the real reference server on a
// temporary SQLite file serving HTML pages and the built dist/parley.js on 127.0.0.1, comments
// seeded through the HTTP API, a "host site" server for pages on another origin, and the probes
// the suites share (focus inside shadow roots, axe-core, screenshot comparison).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startServer, type ServerOptions } from '../../src/server/main.ts';

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
export const DEMO_PAGE = fileURLToPath(new URL('../../demo/index.html', import.meta.url));
export const DEMO_THREAD = '/world/putin-to-visit-china';
export const DEMO_TITLE = 'Putin to visit China – Kremlin';
const require = createRequire(import.meta.url);

export interface Seed {
  key: string;
  parent?: string;
  minutesAgo?: number;
  name: string;
  email: string;
  website?: string;
  text: string;
}

/** demo/seed-comments.json: six comments, two with nested replies (three levels deep). */
export const demoSeeds = (): Seed[] => JSON.parse(readFileSync(fileURLToPath(new URL('../../demo/seed-comments.json', import.meta.url)), 'utf8'));

export interface Parley {
  url: string;
  port: number;
  /** The SQLite file, kept across restart(). */
  db: string;
  dir: string;
  close(): Promise<void>;
  /** Start again on the same port and database (after close(): "the server returns"). */
  restart(): Promise<void>;
}

/**
 * The reference server on 127.0.0.1, a fresh SQLite file in a temp dir, serving dist/ and `pages`
 * (URL path → HTML text). The spam rules that would get in the way of scripted posts are off
 * (rate limit, link count); moderation publishes.
 */
export async function startParley(pages: Record<string, string> = {}, over: Partial<ServerOptions> = {}): Promise<Parley> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-browser-'));
  const db = join(dir, 'parley.db');
  const files: Record<string, string> = {};
  for (const [path, html] of Object.entries(pages)) {
    const file = join(dir, `page-${Object.keys(files).length}.html`);
    writeFileSync(file, html);
    files[path] = file;
  }
  const options = (port: number): ServerOptions => ({
    port,
    host: '127.0.0.1',
    db,
    origins: [],
    moderation: 'publish',
    editWindowSeconds: 900,
    postsPerMinute: 0,
    // Scripted readers post at once and again: no form-token time, no flood gap.
    minSubmitSeconds: 0,
    floodSeconds: 0,
    maxLinks: 1_000_000,
    assetsDir: DIST,
    pages: files,
    logger: { info: () => {}, error: () => {} },
    ...over,
  });
  let server = await startServer(options(0));
  const port = Number(new URL(server.url).port);
  let closed = false;
  return {
    url: server.url,
    port,
    db,
    dir,
    async close() {
      if (!closed) await server.close();
      closed = true;
    },
    async restart() {
      server = await startServer(options(port));
      closed = false;
    },
  };
}

/** Remove a startParley() temp dir (after close()). */
export const removeDir = (p: Parley | undefined) => p && rmSync(p.dir, { recursive: true, force: true });

/** Post comments through the public API, in order; `parent` names an earlier seed's key. Returns key → id. */
export async function seed(url: string, thread: string, seeds: Seed[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const s of seeds) {
    const res = await fetch(`${url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        thread,
        parent: s.parent ? ids.get(s.parent) : undefined,
        text: s.text,
        name: s.name,
        email: s.email,
        website: s.website,
        idempotencyKey: `browser-seed:${thread}:${s.key}`,
      }),
    });
    const json = (await res.json()) as { comment: { id: string }; status: string };
    if (!res.ok || json.status !== 'published') throw new Error(`seeding ${s.key}: ${res.status} ${JSON.stringify(json)}`);
    ids.set(s.key, json.comment.id);
  }
  return ids;
}

/** Every comment of a thread as the public API lists it (all pages). */
export async function listAll(url: string, thread: string): Promise<{ count: number; comments: { id: string; text: string; parent: string | null; author: { name: string; website: string | null } }[] }> {
  const comments = [];
  let cursor: string | null = null;
  let count = 0;
  do {
    const q = new URLSearchParams({ thread, limit: '200', ...(cursor ? { cursor } : {}) });
    const json = (await (await fetch(`${url}/api/v1/comments?${q}`)).json()) as any;
    count = json.thread.count;
    comments.push(...json.comments);
    cursor = json.nextCursor;
  } while (cursor);
  return { count, comments };
}

/**
 * A "host site" on its own origin: serves the given pages, dist/parley.js, and dist/parley.esm.js
 * (a site that bundles Parley itself, as a single-page app would), nothing else.
 */
export async function startHostSite(pages: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/parley.js' || path === '/parley.esm.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
      return res.end(readFileSync(join(DIST, path.slice(1))));
    }
    const html = pages[path];
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An article page that loads Parley with the given script-tag attributes. */
export function articlePage({ title = 'Ferry news', head = '', body = '', scripts = [`<script src="/parley.js" data-target="#comments" data-thread="/ferry" async></script>`] } = {}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>${head}</head>
<body><main><article><h1>${title}</h1><p>The ferry runs again from Monday, twice a day.</p></article>${body}
<section id="comments" aria-label="Comments">${scripts.join('\n')}</section></main></body></html>`;
}

export interface Watched {
  page: Page;
  /** Console errors, page errors and dialogs seen so far. */
  problems: string[];
  dialogs: string[];
  /** Every request the page made, as path and query (`/i18n/ar.js`, `/api/v1/counts?thread=…`). */
  requests: string[];
}

/** A new page (own context, so localStorage is its own) that records errors and dismisses dialogs. */
export async function openPage(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    requests.push(u.pathname + u.search);
  });
  // The browser's own /favicon.ico request 404s on these bare pages; that is not the widget's.
  page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && problems.push(`${m.text()} ${m.location().url}`));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  if (url) await page.goto(url);
  return { page, problems, dialogs, requests };
}

/** Wait until the widget has loaded its thread (the count heading is up). */
export const widgetReady = (page: Page, nth = 0) => page.locator('.parley').nth(nth).locator('h2').waitFor({ timeout: 10_000 });

/** The focused element, looking through open shadow roots, and whether its focus ring shows. */
export function focused(page: Page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return null;
    const st = getComputedStyle(a);
    return {
      tag: a.tagName.toLowerCase(),
      id: a.id,
      text: (a.getAttribute('aria-label') || a.textContent || '').trim().slice(0, 80),
      inShadow: a.getRootNode() instanceof ShadowRoot,
      focusVisible: a.matches(':focus-visible'),
      ring: st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2 ? `${st.outlineWidth} ${st.outlineStyle} ${st.outlineColor}` : '',
    };
  });
}

/**
 * Press Tab (or Shift+Tab) until the focused element matches, as a keyboard user would; fails
 * after `max` presses. Every stop on the way inside the widget must show its focus ring.
 */
export async function tabTo(page: Page, match: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, { back = false, max = 80 } = {}) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (!f) continue;
    seen.push(`${f.tag}#${f.id} ${f.text}`);
    if (f.inShadow && !f.ring) throw new Error(`focus on ${f.tag}#${f.id} "${f.text}" has no visible ring`);
    if (match(f)) return f;
  }
  throw new Error(`Tab never reached the element; stops: ${seen.join(' | ')}`);
}

export interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: unknown; failureSummary: string }[] }[];
  passes: number;
  incomplete: string[];
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core, injected into the page and run over the whole document (open shadow roots included). */
export async function runAxe(page: Page, context: unknown = null): Promise<AxeResult> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  }
  return page.evaluate(
    async ([ctx, tags]) => {
      const axe = (window as any).axe;
      const r = await axe.run(ctx ?? document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return {
        violations: r.violations.map((v: any) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n: any) => ({ target: n.target, failureSummary: n.failureSummary })),
        })),
        passes: r.passes.length,
        incomplete: r.incomplete.map((v: any) => v.id),
      };
    },
    [context, WCAG_TAGS] as const,
  );
}

/** A readable summary of axe violations for an assertion message. */
export const axeReport = (r: AxeResult) => r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`).join('\n  ')}`).join('\n');

/**
 * Pixels that differ between two PNG screenshots (decoded and compared in the browser, since no
 * PNG decoder ships with the project). Different sizes count as every pixel differing.
 */
export async function pixelDiff(page: Page, a: Buffer, b: Buffer): Promise<{ width: number; height: number; differing: number; sameSize: boolean }> {
  return page.evaluate(
    async ([a64, b64]) => {
      const load = async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, c.width, c.height);
      };
      const [x, y] = await Promise.all([load(a64), load(b64)]);
      if (x.width !== y.width || x.height !== y.height) return { width: x.width, height: x.height, differing: x.width * x.height, sameSize: false };
      let differing = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        if (Math.abs(x.data[i] - y.data[i]) + Math.abs(x.data[i + 1] - y.data[i + 1]) + Math.abs(x.data[i + 2] - y.data[i + 2]) > 24) differing++;
      }
      return { width: x.width, height: x.height, differing, sameSize: true };
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}
