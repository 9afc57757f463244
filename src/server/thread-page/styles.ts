// The server-rendered thread's stylesheet (issue 18): the widget's own (core/styles.ts), scoped to
// the fragment's element, because the fragment lives in the host page's light DOM, where a bare
// `h2` or `*` would restyle the whole page. Same rules, same sizes: when the widget takes the
// fragment's place (widget/mount.ts), what the reader already sees does not move.
import { css } from '../../core/styles.ts';

export const SSR_CLASS = 'parley-ssr';

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
].join('');

/** The fragment's and the page's stylesheet. */
export const SSR_CSS = scopeCss(css + EXTRA);
