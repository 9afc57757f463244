// Hostile input through the real form (Parley issue 4, DESIGN promise 3 as README's design notes
// restate it for issue 16's formatting): 50 entries of
// ../shared/fixtures/xss/payloads.txt, spread over the file, typed into the widget as comment
// text, name and website and posted. No dialog opens, no script runs, and no element or attribute
// from a payload is live in the DOM, neither right after posting nor after a reload that renders
// the stored thread. (test/reliability covers all 2,000 payloads through the API.)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { checkName, checkText, checkWebsite, normalizeDraft } from '../../src/core/checks.ts';
import { parse, renderHtml } from '../../src/core/format/index.ts';
import { articlePage, listAll, removeDir, startParley, type Parley } from '../helpers/site.ts';
import { chromiumAvailable, launchChromium, openPage, widgetReady } from '../helpers/browser.ts';

const lines = readFileSync(fileURLToPath(new URL('../../../shared/fixtures/xss/payloads.txt', import.meta.url)), 'utf8').split('\n');
/** 50 payloads spread over the file (every 40th line, skipping blank ones). */
const PAYLOADS = Array.from({ length: 50 }, (_, i) => lines.slice(i * 40).find((l) => l.trim() !== '')!);

// A script in a payload that ran would set this flag (or open a dialog, which is recorded).
const TRAP = `<script>window.__ran = []; for (const f of ['alert', 'confirm', 'prompt', 'print']) { const o = window[f]; window[f] = (...a) => { window.__ran.push(f); return o.apply(window, a); }; }</script>`;

const FORMAT_TAGS = ['p', 'br', 'strong', 'em', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a'];
/** The paragraphs' text of a markdown comment, as the format tree renders it (core/format). */
const paragraphsOf = (text: string) =>
  [...parseHTML(`<article>${renderHtml(parse(text, 'markdown'))}</article>`).document.querySelectorAll('p[dir=auto]')].map((p) => p.textContent).join('\n');

/** Everything in the document and in open shadow roots that a payload could have planted. */
function audit(page: Page) {
  return page.evaluate(() => {
    const tags = new Set<string>();
    const attrs = new Set<string>();
    const bad: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        tags.add(el.tagName.toLowerCase());
        for (const a of el.attributes) {
          attrs.add(a.name);
          if (/^on/i.test(a.name)) bad.push(`${el.tagName} ${a.name}`);
          if (a.name === 'href' && !/^(https?:\/\/|#comment-|\/)/i.test(a.value)) bad.push(`${el.tagName} href=${a.value}`);
          if (a.name === 'src' && el.tagName !== 'SCRIPT') bad.push(`${el.tagName} src=${a.value}`);
          if (a.name === 'style' && !(el.classList.contains('av') && /^background: ?(hsl|rgb)\([\d., %]+\);?$/.test(a.value))) bad.push(`${el.tagName} style=${a.value}`);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return { tags: [...tags].sort(), attrs: [...attrs].sort(), bad, ran: (window as any).__ran as string[] };
  });
}

describe.skipIf(!chromiumAvailable())('XSS payloads posted through the form', () => {
  let browser: Browser;
  let parley: Parley;

  beforeAll(async () => {
    parley = await startParley({ '/ferry': articlePage({ head: TRAP }) });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    removeDir(parley);
  });

  it('renders 50 payloads as text, name and website: no dialog, no script, nothing from a payload live', { timeout: 60_000 }, async () => {
    const { page, dialogs, problems } = await openPage(browser, `${parley.url}/ferry`);
    await widgetReady(page);
    const w = page.locator('.parley');
    const field = (name: string) => w.getByRole('textbox', { name });
    const text = field('Comment required');

    // The baseline: what the widget itself puts in the DOM, with an ordinary comment showing a
    // website link and a link in its text.
    await text.fill('A plain comment with a link: https://ferry.example/timetable');
    await field('Name required').fill('Baseline');
    await field('Email required').fill('base@example.com');
    await field('Website').fill('https://baseline.example');
    await w.getByRole('button', { name: 'Post Comment' }).click();
    await expect.poll(() => text.inputValue()).toBe('');
    const baseline = await audit(page);
    expect(baseline.bad).toEqual([]);

    const expected: { name: string; text: string }[] = [];
    let held = 0;
    for (const [i, payload] of PAYLOADS.entries()) {
      const name = [...payload].slice(0, 100).join('');
      const draft = normalizeDraft({ text: payload, name, email: `x${i}@example.com`, website: payload });
      await text.fill(payload);
      await field('Name required').fill(name);
      await field('Email required').fill(`x${i}@example.com`);
      await field('Website').fill(payload);
      await w.getByRole('button', { name: 'Post Comment' }).click();
      const refused = checkText(draft.text) || checkName(draft.name) || checkWebsite(draft.website!);
      if (refused) {
        // Refused by the form's checks: an error is shown and the text typed is kept.
        await w.locator('[aria-invalid=true]').first().waitFor();
        expect(await text.inputValue()).toBe(payload);
        if (checkName(draft.name)) await field('Name required').fill(`Reader ${i}`);
        // The payload inside a well-formed address (no spaces or controls), or no website at all.
        const site = `https://xss.example/?q=${payload.replace(/[\s\u0000-\u001f\u007f-\u009f]/g, '')}`.slice(0, 300);
        await field('Website').fill(checkWebsite(site) ? '' : site);
        await w.getByRole('button', { name: 'Post Comment' }).click();
      }
      await expect.poll(() => text.inputValue(), { timeout: 5_000 }).toBe('');
      const said = await w.locator('article:focus > .n').textContent();
      expect(said).toMatch(/Your comment was (posted|sent and is awaiting moderation)\./);
      // The spam rules may hold a payload (it looks like spam); its author still sees it.
      if (said!.includes('awaiting')) held++;
      expected.push({ name: checkName(draft.name) ? `Reader ${i}` : draft.name, text: draft.text });
    }

    const check = async () => {
      const after = await audit(page);
      expect(after.ran).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(after.bad).toEqual([]);
      // Only the widget's own elements and attributes: the baseline's, plus <em> for "awaiting
      // moderation" when the spam rules hold a payload for its author, and the format tree's own
      // (issue 16: a payload's backticks or stars are markdown, and make code or emphasis).
      expect(after.tags.filter((t) => !baseline.tags.includes(t) && !FORMAT_TAGS.includes(t))).toEqual([]);
      // The votes chunk's sort group and toggles (issue 16: aria-labelledby, aria-pressed) come with
      // the first page that has comments, so after a reload, not in the baseline of a new thread.
      expect(after.attrs.filter((a) => !baseline.attrs.includes(a) && a !== 'start' && a !== 'aria-labelledby' && a !== 'aria-pressed')).toEqual([]);
      // Each payload shows as the text the reader typed, read as markdown: the article's name, and
      // its paragraphs' text as the server's rendering of the same tree gives it.
      const shown = await w.locator('article').evaluateAll((els) =>
        els.map((a) => ({ label: a.getAttribute('aria-label'), text: [...a.querySelectorAll('p[dir=auto]')].map((p) => p.textContent).join('\n') })),
      );
      for (const e of expected) expect(shown).toContainEqual({ label: `Comment by ${e.name}`, text: paragraphsOf(e.text) });
    };
    await check();

    // The stored thread, rendered fresh from the server (held ones from the author's own storage).
    const { count } = await listAll(parley.url, '/ferry');
    expect(count).toBe(51 - held);
    await page.reload();
    await widgetReady(page);
    await expect.poll(() => w.locator('article').count()).toBe(51);
    await check();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
