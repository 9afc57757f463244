// One widget's whole state and what every part of it is handed: the state, the named actions, the
// words, the options. Views read it and call actions; actions change the state and re-render
// (update). A chunk (../chunks) gets the same object, so what it adds works on the same state.
//
// Size, measured (`npm run build -- --analyze`, brotli): names are for readers. Local variables and
// parameters are renamed by the minifier whatever they are called; what costs is property names,
// which it cannot shorten (`widget.state.draft.fields`). This layout (named state, one component per
// view file, `widget` passed as a prop) measured about 350 B brotli more than the one closure of
// one-letter variables it replaced, with edit and delete moved out to their chunk in the same step;
// renaming the properties back to letters would win some of it and cost every reader of this code.
import type { Strings } from '../../core/i18n/en.ts';
import type { MountOptions } from '../mount.ts';
import type { Store } from '../storage.ts';
import type { Actions } from './actions.ts';
import type { DraftState } from './drafts.ts';
import type { Mine } from './mine.ts';
import type { ThreadState } from './thread.ts';

/** An action under way, or failed with the reader's reason and a way to try again. */
export interface Pending {
  busy?: boolean;
  error?: string;
  retry?: () => void;
}

export interface WidgetState {
  thread: ThreadState;
  draft: DraftState;
  mine: Mine[];
  /**
   * The form's marked fields (field → message) and its status line, an error unless `ok` (issue 21:
   * errors wear the error style; "Your comment was deleted." does not).
   */
  form: { errors: Record<string, string>; message: string; ok?: boolean };
  /**
   * Issue 21: "Your comment was posted." / "Your changes were saved." belong where the reader's eyes
   * are, under the comment that the focus moves to, not by the Post button far above or below it.
   */
  notice?: { id: string; text: string };
  /**
   * Actions under way or failed, by name: `load` (any page), `post` (the form), `own` (an edit or
   * a delete, from the edit chunk). A later action (a vote, a notification opt-in) adds its name.
   */
  pending: { load?: Pending; post?: Pending; own?: Pending };
  /** The edit chunk's place in the thread: the comment being edited or asked about, and the edited text. */
  own: { editing: string | null; removing: string | null; text: string };
  /** The form token (DESIGN "Moderation"), asked for once, when the reader first focuses the form. */
  formToken?: string;
  /** The reader has focused the form once: the token and the edit chunk are on their way. */
  formFocused?: boolean;
  /** The form shows its Preview (issue 16), which follows the text as the reader types. */
  preview?: boolean;
  /** The votes chunk's part (issue 16): the reader's votes, a vote under way or failed, a failed sort. */
  votes?: VotesState;
}

/** The reader's own vote on a comment: up, down, or `own` (the server said the comment is theirs). */
export type MyVote = 1 | -1 | 'own';

/** The votes chunk's part of the state (issue 16, chunks/votes/state.ts). */
export interface VotesState {
  /** The reader's votes on this thread's comments, as kept in `parley:votes:<thread>`. */
  mine: Record<string, MyVote>;
  /** Comments whose vote is on its way: a second press waits for the answer. */
  busy: Record<string, boolean>;
  /** Why the last vote on this comment was not counted. */
  error?: { id: string; text: string };
  /** Why the thread could not be read in the order chosen. */
  sortError?: string;
}

export interface Widget {
  state: WidgetState;
  actions: Actions;
  /** The page's language over English (a language file may bring more keys than the entry's `en`). */
  strings: Strings;
  options: MountOptions & { now: () => number };
  store: Store;
  /** The shadow root the widget renders into. */
  root: ShadowRoot;
  /** Re-render, then move focus to the element with this id (the DOM is current after render). */
  update(focus?: string): void;
  /** A failure as the reader reads it: the server's own words, or "could not be reached" in theirs. */
  reason(failure: unknown): string;
  /** Stops the live updates (the live chunk sets it; unmount calls it). */
  live?: () => void;
}
