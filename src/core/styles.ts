// The widget's whole stylesheet (in core so the server-rendered thread, routes/thread-page.ts, wears the
// same rules, scoped to its own element), rendered into its shadow root (DESIGN promise 7), so bare element
// selectors are safe: nothing outside the root matches them, and they match nothing outside.
// A template string rather than a .css file, so esbuild and vitest load it the same way.
// Every byte counts against the embed's 10 KB: no resets beyond what the layout needs.
//
// Colours: the widget paints no background of its own, so it sits on the host page; `auto` picks
// the theme from the page (mount.ts). Each default text colour passes 4.5:1 on a page of its
// theme (muted #5c5c5c on #fff is 6.7:1, #b0b0b0 on #1b1b1b 7.9:1; axe checks the demo page in
// both themes); the border #8a8a8a is ≥ 3:1 on both, as WCAG 1.4.11 asks of field outlines, so one
// value serves both. `--parley-bg` is the fields' background, `--parley-on` the text on the accent.
// A site overrides any of them on the host element (`.parley { --parley-accent: … }`): page rules
// beat `:host` rules. Nothing else of the page gets in (DESIGN promise 7): `all:initial!important`
// on :host, because an !important rule of the shadow tree beats even the page's !important ones
// (CSS Cascade 4, "context"), so `* { all: unset }`, `div { display: none }` or a 48px body font
// change nothing; font-size `medium` is the reader's default size, not the page's rem.
// Nothing here moves (no transitions, no smooth scrolling), so prefers-reduced-motion has nothing
// to turn off. Fonts are the system's: nothing is downloaded.
export const dark = '--parley-bg:#1b1b1b;--parley-fg:#eee;--parley-muted:#b0b0b0;--parley-accent:#8ab4f8;--parley-on:#1b1b1b;--parley-error:#f28b82';

// One line in the embed: the rules are joined without newlines.
export const css = [`:host{all:initial!important;display:block!important;--parley-bg:#fff;--parley-fg:#1a1a1a;--parley-muted:#5c5c5c;--parley-accent:#0b57d0;--parley-border:#8a8a8a;--parley-error:#b3261e;--parley-font:system-ui,sans-serif;--parley-radius:6px;color:var(--parley-fg)!important;font:medium/1.5 var(--parley-font)!important}`,
  `:host([data-theme=dark]){${dark}}`,
  `*{font:inherit;color:inherit;overflow-wrap:anywhere}`,
  // Real headings, sized like a blog theme's comment headings (the count h2, "Leave a Reply" h3).
  `h2,h3{font-weight:700;line-height:1.25}`,
  `h2{font-size:1.5em}`,
  `h3{font-size:1.25em;margin-top:2em}`,
  `ol{list-style:none;padding:0}`,
  `li{margin-top:1.5em}`,
  // Logical sides: in a right-to-left language (dir on the host) the indent and its rule are on the right.
  // A comment's quotes (issue 16) are ruled the same way.
  `ol ol,blockquote{padding-inline-start:1em;border-inline-start:2px solid var(--parley-border)}`,
  // Avatar, name (bold) and date in one spaced row that wraps on a narrow screen.
  `header{display:flex;flex-wrap:wrap;align-items:center;gap:.2em .6em}`,
  `header>:nth-child(2){font-weight:700}`,
  `header a{text-decoration:none}`,
  `.av{width:2em;line-height:2em;text-align:center;border-radius:50%;color:#fff}`,
  `a{color:var(--parley-accent)}`,
  // The date, and the formatting hint under the comment box (.h, issue 16).
  `time,.h{color:var(--parley-muted);font-size:.875em}`,
  `p{margin:.6em 0}`,
  `input,textarea,button{padding:.4em;margin-inline-end:.5em;border:1px solid var(--parley-border);border-radius:var(--parley-radius);background:var(--parley-bg)}`,
  `input,textarea{display:block;width:100%;box-sizing:border-box}`,
  `[type=checkbox]{display:inline;width:auto}`,
  // One style per kind (issue 21). Every secondary action (Reply, Edit, Delete, Retry, Cancel reply, Show
  // more; the Button component's type=button) is a small outlined pill in the accent colour (≥ 24px
  // high, WCAG 2.5.8); Post Comment, the form's submit button, is filled.
  `[type=button]{color:var(--parley-accent);border-color:currentColor;background:none;font-size:.875em;padding:.2em .9em;border-radius:2em}`,
  `form>button:last-child{background:var(--parley-accent);color:var(--parley-on,#fff);border-color:transparent;font-weight:700;padding:.6em 1.2em}`,
  `.e,[aria-invalid=true]{color:var(--parley-error);border-color:currentColor}`,
  // Issue 21: a load or post error is more than its colour (WCAG 1.4.1): a bar at its start. (A warning
  // sign before it too cost 23 B of the shared first render; the bar and the words carry it.)
  `p.e{border-inline-start:3px solid;padding-inline-start:.5em}`,
  // "Your comment is awaiting moderation." and "Your comment was posted.": set apart, as WordPress does,
  // in a grey see-through box, so it reads in both themes on any page background.
  `.n{font-style:italic;padding:.4em;background:#8883}`,
  // The offset keeps the ring visible around the filled button, whose colour it shares.
  `:focus-visible{outline:3px solid var(--parley-accent);outline-offset:2px}`,
  `.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}`,
  // A comment's formatting (issue 16, core/format): its lists numbered and bulleted again, unlike the
  // thread's own ol; code in the system's monospace, a long line scrolling rather than widening.
  `article ol,article ul{list-style:revert;padding-inline-start:1.5em;border:0}`,
  `blockquote,article li{margin:.3em 0}`,
  `pre,code{font-family:monospace}`,
  `pre{overflow-x:auto}`,
].join('');
