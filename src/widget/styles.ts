// The widget's whole stylesheet, rendered into its shadow root (DESIGN promise 7), so bare element
// selectors are safe: nothing outside the root matches them, and they match nothing outside.
// A template string rather than a .css file, so esbuild and vitest load it the same way.
// Every byte counts against the embed's 10 KB: no resets beyond what the layout needs.
//
// Colours: each default passes 4.5:1 on its background in both themes (muted #5c5c5c on #fff is
// 6.7:1, #b0b0b0 on #1b1b1b 7.9:1); the border #8a8a8a is ≥ 3:1 on both backgrounds, as WCAG
// 1.4.11 asks of field outlines, so one value serves both. A site overrides any of them on the
// host element (`.parley { --parley-accent: … }`): page rules beat `:host` rules.
// Nothing here moves (no transitions, no smooth scrolling), so prefers-reduced-motion has nothing
// to turn off. Fonts are the system's: nothing is downloaded.
const dark = '--parley-bg:#1b1b1b;--parley-fg:#eee;--parley-muted:#b0b0b0;--parley-accent:#8ab4f8;--parley-error:#f28b82';

// One line in the embed: the rules are joined without newlines.
export const css = [`:host{--parley-bg:#fff;--parley-fg:#1a1a1a;--parley-muted:#5c5c5c;--parley-accent:#0b57d0;--parley-border:#8a8a8a;--parley-error:#b3261e;--parley-font:system-ui,sans-serif;--parley-radius:6px;display:block;color:var(--parley-fg);background:var(--parley-bg);font:1rem/1.5 var(--parley-font);overflow-wrap:anywhere}`,
  `:host([data-theme=dark]){${dark}}`,
  `@media(prefers-color-scheme:dark){:host([data-theme=auto]){${dark}}}`,
  `*{font:inherit;color:inherit}`,
  `ol{list-style:none;padding:0}`,
  `ol ol{padding-left:.7em;border-left:2px solid var(--parley-border)}`,
  `.av{display:inline-block;width:2em;line-height:2em;text-align:center;border-radius:50%;color:#fff;margin-right:.5em}`,
  `a{color:var(--parley-accent)}`,
  `time{color:var(--parley-muted)}`,
  `input,textarea,button{padding:.4em;margin-right:.5em;border:1px solid var(--parley-border);border-radius:var(--parley-radius);background:var(--parley-bg)}`,
  `input,textarea{display:block;width:100%;box-sizing:border-box}`,
  `[type=checkbox]{display:inline;width:auto}`,
  `.e,[aria-invalid=true]{color:var(--parley-error);border-color:currentColor}`,
  `:focus-visible{outline:3px solid var(--parley-accent)}`,
  `.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}`,
].join('');
