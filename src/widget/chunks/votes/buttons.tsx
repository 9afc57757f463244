import type { PublicComment } from '../../../core/types.ts';
import { isPublic } from '../../state/thread.ts';
import type { Widget } from '../../state/widget.ts';
import { Button } from '../../view/Button.tsx';
import { cast, isOwn, votesOf } from './state.ts';
import { voteWords } from './words.ts';

/**
 * A comment's vote buttons, before its Reply: ▲ and the up count, and ▼ and the down count where the
 * server takes down votes (`thread.votes` is `updown`). Each is a toggle (aria-pressed) named by its
 * word and its count ("Vote up 3"); the arrows are for the eye. None where the server takes no votes,
 * on a deleted or held comment, or on the reader's own.
 */
export function buttons(widget: Widget, comment: PublicComment) {
  const { state } = widget;
  const mode = state.thread.info?.votes;
  const { id, votes } = comment;
  if (!votes || !mode || mode == 'off' || comment.deleted || !isPublic(state.thread, id) || isOwn(widget, id)) return null;
  const words = voteWords(widget);
  const { mine, error } = votesOf(widget);
  const button = (value: 1 | -1, label: string, n: number) => (
    <Button class="vt" aria-pressed={String(mine[id] == value) as 'true'} onClick={() => cast(widget, id, value)}>
      <span class="vh">{label} </span>
      <span aria-hidden="true">{value > 0 ? '▲' : '▼'}</span> {n}
    </Button>
  );
  return [
    button(1, words.up, votes.up),
    mode == 'updown' && button(-1, words.down, votes.down),
    error?.id == id && (
      <span role="alert" class="e">
        {error.text}{' '}
      </span>
    ),
  ];
}
