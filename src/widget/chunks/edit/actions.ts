// The named actions of editing and deleting one's own comment (DESIGN: PATCH and DELETE with the
// edit token, inside the edit window; an edit is moderated again).
import type { BackendError } from '../../../adapters/backend.ts';
import { checkText } from '../../../core/checks.ts';
import { enPost } from '../../../core/i18n/en.ts';
import { fill, problemMessage } from '../../../core/strings.ts';
import type { PublicComment } from '../../../core/types.ts';
import { saveMine, type Mine } from '../../state/mine.ts';
import { applyEdited, applyRemoved, isPublic } from '../../state/thread.ts';
import type { Widget } from '../../state/widget.ts';
import { editWords } from './words.ts';

/** Open the edit box in place of the comment's text, with the focus in it. */
export function openEdit(widget: Widget, mine: Mine) {
  const { own } = widget.state;
  own.editing = mine.comment.id;
  own.removing = null;
  own.text = mine.comment.text;
  widget.update('p-edit');
}

/** Ask "Delete your comment?" in place, focusing Cancel, the harmless answer. */
export function askRemove(widget: Widget, mine: Mine) {
  const { own } = widget.state;
  own.removing = mine.comment.id;
  own.editing = null;
  widget.update('p-no');
}

/** Typing re-renders nothing; the text is kept for the next render and for a failed save. */
export const typeEdit = (widget: Widget, text: string) => void (widget.state.own.text = text);

/** Close the edit box or the question, back to the element with id `focus`. */
export function closeOwn(widget: Widget, focus: string) {
  const { state } = widget;
  state.own.editing = state.own.removing = null;
  state.pending.own = undefined;
  widget.update(focus);
}

// The failure of an edit or a delete, worded under the comment; a closed window also takes the
// comment's Edit and Delete away (the server's 403 is the authority, whatever the widget's clock).
function failed(widget: Widget, mine: Mine, failure: unknown) {
  widget.state.pending.own = { error: fill(editWords(widget).editFailed, { reason: widget.reason(failure) }) };
  if ((failure as BackendError).code == 'edit_window_closed') mine.until = 0;
  widget.update();
}

/** Save an edit: the core check first, then the server, which moderates it again. */
export async function saveEdit(widget: Widget, mine: Mine) {
  const { state, options } = widget;
  const text = state.own.text.trim();
  const problem = checkText(text);
  if (problem) {
    state.pending.own = { error: problemMessage('text', problem, { ...enPost, ...widget.strings }) };
    return widget.update('p-edit');
  }
  state.pending.own = { busy: true };
  widget.update();
  try {
    const comment: PublicComment & { status?: string } = await options.backend.edit!(mine.comment.id, mine.editToken, text);
    // The server says whether the edit was held (`status`, as a POST does).
    const wasPublic = isPublic(state.thread, comment.id);
    mine.held = comment.status == 'held';
    mine.comment = comment;
    applyEdited(state.thread, comment, wasPublic, mine.held);
    saveMine(widget.store, options.thread, state.mine);
    // Said under the comment the focus returns to; a held edit also says it awaits moderation.
    state.notice = { id: comment.id, text: editWords(widget).saved + (mine.held ? ' ' + widget.strings.awaiting : '') };
    closeOwn(widget, 'comment-' + comment.id);
  } catch (failure) {
    failed(widget, mine, failure);
  }
}

/** Delete after the reader confirmed; a published comment with replies stays as "deleted". */
export async function removeOwn(widget: Widget, mine: Mine) {
  const { state, options } = widget;
  state.pending.own = { busy: true };
  widget.update();
  try {
    await options.backend.remove!(mine.comment.id, mine.editToken);
    applyRemoved(state.thread, mine.comment.id);
    state.mine = state.mine.filter((m) => m != mine);
    saveMine(widget.store, options.thread, state.mine);
    state.form = { errors: {}, message: editWords(widget).removed, ok: true };
    closeOwn(widget, 'p-text');
  } catch (failure) {
    failed(widget, mine, failure);
  }
}
