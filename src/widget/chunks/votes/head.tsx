import type { Sort } from '../../../core/types.ts';
import type { Widget } from '../../state/widget.ts';
import { Button } from '../../view/Button.tsx';
import { sortBy, votesOf } from './state.ts';
import { voteWords } from './words.ts';

// The chunk's own rules (the entry's stylesheet does not carry them), in the entry's terms (exported
// for test/reliability/hostile-render.test.tsx, which knows every <style> the widget writes):
// - the sort control is a row of toggle buttons, the widget's pills, joined. Where the widget has
//   room (40em and more) it floats at the end of the count heading's line, top-aligned with it, so
//   it takes no line of its own and moves nothing when it comes; on a narrower screen it is a line
//   of its own above the heading, at its end, in the room of the heading's top margin (which it
//   takes over), so what it moves down moves by less than its height. (A <select> would be smaller, but the embed's Preact
//   leaves out what <select> and <option> need: build/preact-trim.json, form-quirks.)
// - a pressed vote and the chosen order are filled with the accent, as Post Comment is (its colours
//   pass 4.5:1 in both themes); the badge is a small outlined pill in the accent, "Pinned" muted, as
//   the date.
export const STYLE =
  '.so{margin:0;text-align:end}.so+h2{margin-top:.2em}.so~ol{clear:both}.so button{margin:0;margin-inline-start:-1px;border-radius:0}' +
  '.so button:first-of-type{border-start-start-radius:2em;border-end-start-radius:2em;margin-inline-start:.5em}.so button:last-of-type{border-start-end-radius:2em;border-end-end-radius:2em}' +
  '@media (min-width:40em){.so{float:inline-end;margin:1.35em 0 0;margin-inline-start:1em}.so+h2{margin-top:.83em}}' +
  '.so [aria-pressed=true],.vt[aria-pressed=true]{background:var(--parley-accent);color:var(--parley-on,#fff);border-color:var(--parley-accent)}' +
  '.bd{color:var(--parley-accent);border:1px solid;border-radius:2em;padding:0 .5em;font-size:.75em;font-weight:700}' +
  '.pin{color:var(--parley-muted);font-size:.875em}';

/**
 * Before the count heading: the chunk's styles, and "Sort by" Oldest / Newest / Best (Best only where
 * the thread has votes) once there are two comments to order: a group of toggle buttons, the chosen
 * one pressed. A choice reads the first page again in that order (state.ts, sortBy).
 */
export function head(widget: Widget) {
  const { state, options } = widget;
  const info = state.thread.info;
  const words = voteWords(widget);
  const sorts: Sort[] = info?.votes && info.votes != 'off' ? ['oldest', 'newest', 'best'] : ['oldest', 'newest'];
  const chosen = options.sort || 'oldest';
  const { sortError } = votesOf(widget);
  return [
    <style>{STYLE}</style>,
    info && info.count > 1 && (
      <p class="so" role="group" aria-labelledby="p-sort">
        <span id="p-sort">{words.sort}</span>
        {sorts.map((sort) => (
          <Button id={'p-sort-' + sort} aria-pressed={String(sort == chosen) as 'true'} onClick={() => sort != chosen && sortBy(widget, sort)}>
            {words[sort]}
          </Button>
        ))}
        {sortError && (
          <span role="alert" class="e">
            {' '}
            {sortError}
          </span>
        )}
      </p>
    ),
  ];
}
