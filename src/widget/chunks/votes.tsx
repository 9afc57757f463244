// The votes chunk (dist/chunks/votes-HASH.js, issue 16 items 2–4): what a thread shows around its
// comments once they are on the page: the vote buttons with their counts, the sort control beside
// the count heading, "Pinned" and the site owner's badge beside a name; and the permalinks' jump
// (votes/permalinks.ts). Loaded right after the first page that has a comment (state/actions.ts,
// readPage); the entry carries only that call, the three calls of `head`, `marks` and `buttons` in
// its views, and the `sort` of its page requests. Until it is here nothing is shown for them and no
// room is kept: they appear with the chunk, a moment after the comments (README "Votes and sorting").
import type { Widget } from '../state/widget.ts';
import { permalinks } from './votes/permalinks.ts';

export { buttons } from './votes/buttons.tsx';
export { head } from './votes/head.tsx';
export { marks } from './votes/marks.tsx';

/** The chunk is here: show what it adds, then go to the comment the address names. */
export function start(widget: Widget) {
  widget.update();
  permalinks(widget);
}
