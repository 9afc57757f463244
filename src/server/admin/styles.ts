// The admin page's stylesheet (served as /admin/app.css; a TS string so the bundled server needs no
// files beside it at run time). Issue 21: light or dark as the system prefers, a phone's width, and
// colours that pass WCAG 2.2 AA (text 4.5:1, controls and focus 3:1) in both.
export const ADMIN_CSS = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1a1a1a; --line: #8a8a8a; --soft: #e4e4e7; --muted: #595959; --accent: #1d4ed8; --on-accent: #fff; --hold: #92400e; --spam: #b91c1c; --ok: #166534; --tint: #eff6ff; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #17181a; --fg: #ececec; --line: #8a8a8a; --soft: #3a3b3e; --muted: #b4b4b4; --accent: #8ab4f8; --on-accent: #17181a; --hold: #fbbf24; --spam: #fca5a5; --ok: #86efac; --tint: #1e2a3d; }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--fg); }
a { color: var(--accent); }
code, kbd { font-family: ui-monospace, monospace; font-size: 0.92em; }
kbd { border: 1px solid var(--line); border-radius: 4px; padding: 0 0.3em; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.top { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; padding: 0.75rem 1.25rem; border-bottom: 1px solid var(--line); }
.top h1 { font-size: 1.15rem; margin: 0; }
.top nav, .top-actions { display: flex; flex-wrap: wrap; gap: 0.4rem; }
.top nav [aria-current="page"] { background: var(--accent); color: var(--on-accent); border-color: var(--accent); }
main { max-width: 62rem; margin: 0 auto; padding: 1rem 1.25rem 5rem; }
button, input, select, textarea { font: inherit; color: inherit; }
button { min-height: 2rem; padding: 0.25rem 0.75rem; border: 1px solid var(--line); border-radius: 6px; background: transparent; cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--accent); }
button:disabled { opacity: 0.55; cursor: default; }
input, select, textarea { padding: 0.35rem 0.45rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
#signin { display: grid; gap: 0.5rem; max-width: 26rem; }
.error { color: var(--spam); min-height: 1.5em; }
.muted { color: var(--muted); }
.tabs { display: flex; gap: 0.25rem; border-bottom: 1px solid var(--line); margin-bottom: 0.75rem; overflow-x: auto; }
.tabs [role="tab"] { border: 0; border-bottom: 3px solid transparent; border-radius: 0; white-space: nowrap; }
.tabs [aria-selected="true"] { border-bottom-color: var(--accent); font-weight: 600; }
.tabs .n:not(:empty) { display: inline-block; min-width: 1.6em; padding: 0 0.35em; border-radius: 1em; background: var(--soft); font-size: 0.85em; text-align: center; }
#find { display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; align-items: end; margin-bottom: 0.5rem; }
#find p { margin: 0; display: flex; flex-direction: column; }
#find label { font-size: 0.85em; color: var(--muted); }
#find #q { min-width: 16rem; }
#find .find-actions { flex-direction: row; gap: 0.4rem; }
.toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.toolbar .all { margin-right: 0.5rem; }
#message { min-height: 1.5em; }
.list { list-style: none; margin: 0; padding: 0; }
.comment { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0.25rem 0.75rem; padding: 0.9rem 0.5rem; border-top: 1px solid var(--line); }
.comment:focus { outline: 3px solid var(--accent); outline-offset: -3px; background: var(--tint); }
.comment > input { margin-top: 0.3rem; }
.comment > .body { min-width: 0; }
.meta { display: flex; flex-wrap: wrap; gap: 0.1rem 0.9rem; color: var(--muted); font-size: 0.9em; }
.meta .author { color: var(--fg); font-weight: 600; }
.where { margin: 0.15rem 0; font-size: 0.9em; }
.text { margin: 0.35rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.parent { margin: 0.35rem 0; padding: 0.2rem 0.6rem; border-inline-start: 3px solid var(--soft); font-size: 0.92em; }
.parent summary { cursor: pointer; color: var(--muted); }
.parent p { margin: 0.3rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.history { margin: 0.2rem 0; font-size: 0.9em; color: var(--muted); }
.reasons { margin: 0.2rem 0; padding: 0; list-style: none; font-size: 0.9em; }
.reasons li { margin: 0.1rem 0; overflow-wrap: anywhere; }
.verdict { display: inline-block; min-width: 6.5em; font-weight: 600; text-transform: uppercase; font-size: 0.8em; }
.verdict.publish { color: var(--ok); }
.verdict.hold { color: var(--hold); }
.verdict.spam, .verdict.reject { color: var(--spam); }
.reason.moderator { font-style: italic; }
.rule { font-family: ui-monospace, monospace; margin-right: 0.4em; }
.actions { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-top: 0.4rem; }
.edit, .ban { display: grid; gap: 0.4rem; margin: 0.4rem 0; padding: 0.6rem; border: 1px solid var(--line); border-radius: 6px; }
.edit textarea { width: 100%; min-height: 7rem; }
.ban fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; }
.row-buttons { display: flex; flex-wrap: wrap; gap: 0.4rem; }
.empty { color: var(--muted); }
.banner { margin: 0 0 0.6rem; padding: 0.5rem 0.75rem; border: 1px solid var(--hold); border-radius: 6px; }
#more, #log-more { margin-top: 1rem; }
.toast { position: fixed; left: 50%; bottom: 1rem; transform: translateX(-50%); max-width: calc(100% - 2rem); display: flex; gap: 0.75rem; align-items: center; padding: 0.6rem 0.9rem; border-radius: 8px; background: var(--fg); color: var(--bg); box-shadow: 0 4px 16px #0005; }
.toast.quiet { opacity: 0; pointer-events: none; }
.toast button { color: var(--bg); border-color: var(--bg); font-weight: 600; }
dialog { max-width: 30rem; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--fg); }
dialog::backdrop { background: #0007; }
.keys { display: grid; grid-template-columns: auto 1fr; gap: 0.3rem 1rem; }
.keys dd { margin: 0; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1rem; }
fieldset label { display: block; }
.list-editor { margin: 0 0 1.5rem; }
.list-editor h3 { margin: 0 0 0.3rem; font-size: 1.05rem; }
.list-editor ul { list-style: none; margin: 0 0 0.5rem; padding: 0; }
.list-editor li { display: flex; flex-wrap: wrap; gap: 0.2rem 0.75rem; align-items: center; padding: 0.25rem 0; border-top: 1px solid var(--soft); overflow-wrap: anywhere; }
.list-editor .value { font-weight: 600; }
.list-editor form { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: end; }
.list-editor form p { margin: 0; display: flex; flex-direction: column; }
#log-table { width: 100%; border-collapse: collapse; font-size: 0.92em; }
#log-table th, #log-table td { text-align: left; padding: 0.35rem 0.5rem; border-top: 1px solid var(--soft); vertical-align: top; overflow-wrap: anywhere; }
@media (max-width: 40rem) {
  .top { padding: 0.6rem 0.75rem; }
  main { padding: 0.75rem 0.75rem 6rem; }
  #find #q { min-width: 0; width: 100%; }
  #find p { flex: 1 1 100%; }
  .comment { padding: 0.8rem 0.25rem; }
  .toast { flex-wrap: wrap; }
}
/* Issue 16 item 4: the owner's badge and pins, as readers see them; the owner's reply form. */
.meta .badge { padding: 0 0.5em; border-radius: 1em; background: var(--accent); color: var(--on-accent); font-weight: 600; font-size: 0.9em; }
.meta .pinned-mark { color: var(--ok); font-weight: 600; }
.reply { display: grid; gap: 0.4rem; margin: 0.4rem 0; padding: 0.6rem; border: 1px solid var(--line); border-radius: 6px; }
.reply textarea, .owner-post textarea { width: 100%; min-height: 6rem; }
.closing { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.closing h2 { font-size: 1rem; margin: 0; flex-basis: 100%; }
.closing p { margin: 0; flex-basis: 100%; }
.closing input { font: inherit; padding: 0.3rem; border: 1px solid var(--line); border-radius: 6px; min-width: 16rem; }
`;
