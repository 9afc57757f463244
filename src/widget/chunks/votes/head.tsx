import type { Sort } from '../../../core/types.ts';
import type { Widget } from '../../state/widget.ts';
import { sortBy, votesOf } from './state.ts';
import { voteWords } from './words.ts';

// The chunk's own rules (the entry's stylesheet does not carry them), in the entry's terms:
// - the sort control floats at the end of the count heading's line (it comes just before the
//   heading), top-aligned with it, so it takes no line of its own where there is room;
// - a pressed vote is filled with the accent, as Post Comment is (its colours pass 4.5:1 in both
//   themes); the badge is a small outlined pill in the accent, "Pinned" muted, as the date.
const STYLE =
  '.so{float:inline-end;margin:1.35em 0 0;margin-inline-start:1em}.so~ol{clear:both}' +
  'select{border:1px solid var(--parley-border);border-radius:var(--parley-radius);background:var(--parley-bg);padding:.2em;margin-inline-start:.4em}' +
  '.vt[aria-pressed=true]{background:var(--parley-accent);color:var(--parley-on,#fff);border-color:var(--parley-accent)}' +
  '.bd{color:var(--parley-accent);border:1px solid;border-radius:2em;padding:0 .5em;font-size:.75em;font-weight:700}' +
  '.pin{color:var(--parley-muted);font-size:.875em}';

/**
 * Before the count heading: the chunk's styles, and "Sort by" Oldest / Newest / Best (Best only where
 * the thread has votes) once there are two comments to order. The choice reads the first page again
 * in that order (state.ts, sortBy).
 */
export function head(widget: Widget) {
  const { state, options } = widget;
  const info = state.thread.info;
  const words = voteWords(widget);
  const votes = info?.votes && info.votes != 'off';
  const sorts: Sort[] = votes ? ['oldest', 'newest', 'best'] : ['oldest', 'newest'];
  const { sortError } = votesOf(widget);
  return [
    <style>{STYLE}</style>,
    info && info.count > 1 && (
      <p class="so">
        <label for="p-sort">{words.sort}</label>
        <select id="p-sort" onChange={(event) => sortBy(widget, event.currentTarget.value as Sort)}>
          {sorts.map((sort) => (
            <option value={sort} selected={sort == (options.sort || 'oldest')}>
              {words[sort]}
            </option>
          ))}
        </select>
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
