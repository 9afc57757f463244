// The server-rendered thread's stylesheet (issue 18): the widget's own (core/styles.ts), scoped to
// the fragment's element, because the fragment lives in the host page's light DOM, where a bare
// `h2` or `*` would restyle the whole page. Same rules, same sizes: when the widget takes the
// fragment's place (widget/mount.ts), what the reader already sees does not move.
import { css, dark } from '../../core/styles.ts';

export const SSR_CLASS = 'parley-ssr';

/** The badge, a small outlined pill in the accent, and "Pinned", muted as the date: as in the widget. */
export const MARKS_CSS =
  '.bd{color:var(--parley-accent);border:1px solid;border-radius:2em;padding:0 .5em;font-size:.75em;font-weight:700}' + '.pin{color:var(--parley-muted);font-size:.875em}';

/** `:host` → `.parley-ssr`, every other selector → `.parley-ssr <selector>`. */
export function scopeCss(source: string, scope = `.${SSR_CLASS}`): string {
  return source
    .split('}')
    .filter((rule) => rule.includes('{'))
    .map((rule) => {
      const [selectors, body] = rule.split('{') as [string, string];
      const scoped = selectors
        .split(',')
        .map((s) => s.trim())
        .map((s) => (s.startsWith(':host(') ? scope + s.slice(6, -1) : s === ':host' ? scope : `${scope} ${s}`))
        .join(',');
      return `${scoped}{${body}}`;
    })
    .join('');
}

// What only the server's markup has: links where the widget has buttons (Reply, Show more: no
// script, so they are links to the thread's page), looking like those buttons; and the place the
// widget's form will take, kept free in the fragment so nothing under it moves at the takeover.
// `article .reply` is `article button`'s look (core/styles.ts), with the UA button's inline-block.
const EXTRA = [
  `.reply,.more{display:inline-block;text-decoration:none;border:1px solid;border-radius:var(--parley-radius);padding:.4em;margin-inline-end:.5em}`,
  `.more{border-color:var(--parley-border)}`,
  `article .reply{font-size:.875em;padding:.2em .9em;border-radius:2em}`,
  `.notice{padding:.6em;border:1px solid var(--parley-border);border-radius:var(--parley-radius)}`,
  // The owner's badge and "Pinned" (issue 16 item 4): the widget's votes chunk writes these two rules
  // with its own markup (chunks/votes/head.tsx STYLE, which the server may not import);
  // test/server/thread-page.test.ts holds the two copies equal.
  MARKS_CSS,
].join('');

/**
 * The height of the widget's "Leave a Reply" form (CommentForm.tsx) in its own font size: its
 * heading, note, four fields (a six-row textarea), the formatting hint under it (issue 16), the
 * remember box and the button; taller where the widget is narrow and the note, the hint and the
 * remember box wrap. Measured in Chromium (system-ui font) by test/browser/takeover.test.ts, which
 * fails when the form and this drift apart: 37.34em from 44em wide, 38.84em at 38–42em, 40.34em at
 * 26–36em, 41.65em at 23–25em, 43.15em at 21em, 44.65em at 19–20em. The steps follow the screen's
 * width (a size container would follow the thread's own, but its layout containment keeps the
 * heading's margin inside, and the widget then sits 4 px lower than the fragment did).
 */
export const FORM_HEIGHT = '37.35em';
const FORM_RESERVE = [
  // data-theme="auto" (the /t page's default, a fragment's with &theme=auto): the reader's system
  // theme, where the widget follows the page's text colour (mount.ts), which a page without script cannot read.
  `@media (prefers-color-scheme:dark){.${SSR_CLASS}[data-theme=auto]{${dark}}}`,
  `.${SSR_CLASS} .form{min-height:${FORM_HEIGHT}}`,
  `@media (max-width:43em){.${SSR_CLASS} .form{min-height:38.85em}}`,
  `@media (max-width:37em){.${SSR_CLASS} .form{min-height:40.35em}}`,
  `@media (max-width:25.5em){.${SSR_CLASS} .form{min-height:41.65em}}`,
  `@media (max-width:21.5em){.${SSR_CLASS} .form{min-height:44em}}`,
].join('');

/** The fragment's and the page's stylesheet. */
export const SSR_CSS = scopeCss(css + EXTRA) + FORM_RESERVE;
