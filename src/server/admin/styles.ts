// The admin page's stylesheet (served as /admin/app.css; a TS string so the bundled server needs no
// files beside it at run time).
export const ADMIN_CSS = `
:root { color-scheme: light dark; --line: #8884; --muted: #777; --accent: #2563eb; --hold: #b45309; --spam: #b91c1c; --ok: #15803d; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.top { display: flex; align-items: center; justify-content: space-between; padding: 0.75rem 1.25rem; border-bottom: 1px solid var(--line); }
.top h1 { font-size: 1.15rem; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
button { font: inherit; padding: 0.3rem 0.75rem; border: 1px solid var(--line); border-radius: 6px; background: transparent; color: inherit; cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--accent); }
button:disabled { opacity: 0.5; cursor: default; }
button:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
#signin { display: grid; gap: 0.5rem; max-width: 24rem; }
#signin input { font: inherit; padding: 0.4rem; border: 1px solid var(--line); border-radius: 6px; }
.error { color: var(--spam); min-height: 1.5em; }
.tabs { display: flex; gap: 0.25rem; border-bottom: 1px solid var(--line); margin-bottom: 0.75rem; }
.tabs [role="tab"] { border: 0; border-bottom: 3px solid transparent; border-radius: 0; }
.tabs [aria-selected="true"] { border-bottom-color: var(--accent); font-weight: 600; }
.toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.toolbar .all { margin-right: 0.5rem; }
#message { min-height: 1.5em; color: var(--muted); }
.list { list-style: none; margin: 0; padding: 0; }
.comment { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 0.75rem; padding: 0.9rem 0; border-top: 1px solid var(--line); }
.comment > input { margin-top: 0.3rem; }
.meta { display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; color: var(--muted); font-size: 0.9em; }
.meta .author { color: inherit; font-weight: 600; }
.text { grid-column: 2; margin: 0.25rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.reasons { grid-column: 2; margin: 0; padding: 0; list-style: none; font-size: 0.9em; }
.reasons li { margin: 0.1rem 0; }
.verdict { display: inline-block; min-width: 6.5em; font-weight: 600; text-transform: uppercase; font-size: 0.8em; }
.verdict.publish { color: var(--ok); }
.verdict.hold { color: var(--hold); }
.verdict.spam, .verdict.reject { color: var(--spam); }
.rule { font-family: ui-monospace, monospace; margin-right: 0.4em; }
.actions { grid-column: 2; display: flex; gap: 0.4rem; margin-top: 0.4rem; }
.empty { color: var(--muted); }
.banner { margin: 0 0 0.6rem; padding: 0.5rem 0.75rem; border: 1px solid var(--hold); border-radius: 6px; }
#more { margin-top: 1rem; }
`;
