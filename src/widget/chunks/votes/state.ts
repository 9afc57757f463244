// What the votes chunk keeps per widget (widget.state.votes) and in the browser:
// - `parley:voter`: one voter key per browser (README "Votes and sorting"), 32 random hex characters
//   (128 bits, as a nanoid's 126), made on the first vote. It says nothing about the reader; the
//   server keeps it only as a keyed hash, one vote per voter and comment.
// - `parley:votes:<thread>`: the reader's own vote per comment (1 up, -1 down), so the button shows
//   pressed after a reload, and `own` for a comment the server refused as the reader's own (their
//   comment after its edit window, when the widget no longer lists it as theirs: state/mine.ts).
import type { Sort, Votes } from '../../../core/types.ts';
import { fill } from '../../../core/strings.ts';
import type { BackendError } from '../../../adapters/backend.ts';
import { addPage } from '../../state/thread.ts';
import type { MyVote, VotesState, Widget } from '../../state/widget.ts';
import { SIGNED_KEY, SORT_KEY } from '../../storage.ts';
import { voteWords } from './words.ts';

export const VOTER_KEY = 'parley:voter';
export const votesKey = (thread: string) => `parley:votes:${thread}`;
/** What the server takes as a voter key (src/server/comments/votes.ts). */
const VOTER = /^[!-~]{16,64}$/;

/** The chunk's state of this widget, read from the browser the first time. */
export function votesOf(widget: Widget): VotesState {
  return (widget.state.votes ||= { mine: widget.store.get(votesKey(widget.options.thread)) || {}, busy: {} });
}

/** The browser's voter key, made and kept the first time it is needed. */
export function voterKey(widget: Widget): string {
  const { store } = widget;
  let key = store.get<string>(VOTER_KEY);
  if (typeof key != 'string' || !VOTER.test(key)) {
    key = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => (b + 256).toString(16).slice(1)).join('');
    store.set(VOTER_KEY, key);
  }
  return key;
}

/** The reader is the author: a comment they posted from this browser and still list as theirs, or one the server said was. */
export const isOwn = (widget: Widget, id: string) => votesOf(widget).mine[id] == 'own' || widget.state.mine.some((m) => m.comment.id == id);

/** A comment's counts with one voter's vote moved from `from` to `to`. */
export function moved({ up, down }: Votes, from: number, to: number): Votes {
  return { up: up - +(from == 1) + +(to == 1), down: down - +(from == -1) + +(to == -1) };
}

const setVotes = (widget: Widget, id: string, votes: Votes) => {
  const { thread } = widget.state;
  thread.comments = thread.comments.map((c) => (c.id == id ? { ...c, votes } : c));
};

const remember = (widget: Widget, id: string, vote: MyVote | 0) => {
  const state = votesOf(widget);
  if (vote) state.mine[id] = vote;
  else delete state.mine[id];
  widget.store.set(votesKey(widget.options.thread), state.mine);
};

/**
 * The reader pressed a vote button: a press on the pressed one takes the vote back (0). The count
 * and the pressed state change at once and are kept; the server's answer sets the true count (others
 * vote too); a failure puts both back and says why, beside the buttons.
 */
export function cast(widget: Widget, id: string, pressed: 1 | -1) {
  const state = votesOf(widget);
  const comment = widget.state.thread.comments.find((c) => c.id == id);
  if (!comment?.votes || state.busy[id]) return;
  const mine = state.mine[id];
  const before = mine == 1 || mine == -1 ? mine : 0;
  const value = before == pressed ? 0 : pressed;
  const old = comment.votes;
  setVotes(widget, id, moved(old, before, value));
  remember(widget, id, value);
  state.busy[id] = true;
  state.error = undefined;
  widget.update();
  const authorKey = widget.store.get<string>(SIGNED_KEY) || undefined;
  widget.options.backend.vote!(id, { value, voter: voterKey(widget), authorKey }).then(
    ({ votes }) => {
      state.busy[id] = false;
      setVotes(widget, id, votes);
      widget.update();
    },
    (failure) => {
      state.busy[id] = false;
      setVotes(widget, id, old);
      // Their own comment (the server knows it by the author key): no buttons on it from now on.
      remember(widget, id, (failure as BackendError).code == 'own_comment' ? 'own' : before);
      state.error = { id, text: fill(voteWords(widget).voteFailed, { reason: widget.reason(failure) }) };
      widget.update();
    },
  );
}

/**
 * The reader chose an order: the thread's first page read again in it, and the choice kept for the
 * whole site (it wins over data-sort) once that page is here. The comments shown stay until then, so
 * the list does not collapse meanwhile; a failure says why beside the control and goes back to the
 * order shown.
 */
export function sortBy(widget: Widget, sort: Sort) {
  const { options, store } = widget;
  const state = votesOf(widget);
  const before = options.sort;
  options.sort = sort;
  state.sortError = undefined;
  widget.update();
  options.backend.list(options.thread, { limit: options.pageSize, sort }).then(
    (page) => {
      // A later choice's page is the one to show.
      if (options.sort != sort) return;
      store.set(SORT_KEY, sort);
      const { thread } = widget.state;
      thread.comments = [];
      thread.more = {};
      addPage(thread, page);
      widget.update();
    },
    (failure) => {
      if (options.sort != sort) return;
      options.sort = before;
      state.sortError = fill(widget.strings.loadFailed, { reason: widget.reason(failure) });
      widget.update();
    },
  );
}
