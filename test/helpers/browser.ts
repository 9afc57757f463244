// Browser pages for the suites: Debian's Chromium through playwright-core (never a downloaded
// browser build; under CI=true a missing Chromium is a failure, elsewhere the suites skip and say
// why), a page that records its errors, dialogs and requests, and the probes the suites share
// (focus inside shadow roots, axe-core, screenshot comparison). The site it opens: helpers/site.ts.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

/** True when the browser suites can run here. Throws under CI, where they must run. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`Chromium is required under CI=true but ${CHROMIUM} does not exist: apt-get install -y chromium`);
  }
  console.warn(`[parley] skipping browser tests: ${CHROMIUM} not found (apt-get install -y chromium to run them)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
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
