// Posting (DESIGN "The HTTP API": POST, and promise 2): the core checks before anything is sent,
// the idempotency key every retry reuses, and the answer: published, held, or a failure that
// keeps the text and offers Retry.
import { BackendError } from '../../../adapters/backend.ts';
import { checkDraft, normalizeDraft } from '../../../core/checks.ts';
import { fill, problemMessage } from '../../../core/strings.ts';
import type { DraftField } from '../../../core/types.ts';
import { clearDraft, FIELDS, newIdempotencyKey, rememberAuthor, type Fields } from '../../state/drafts.ts';
import { rememberPosted, saveMine } from '../../state/mine.ts';
import { addPublished } from '../../state/thread.ts';
import type { Widget } from '../../state/widget.ts';
import { SIGNED_KEY } from '../../storage.ts';
import { postWords } from './words.ts';

/** Mark the fields, announce the summary, focus the first marked field; the text stays. */
function markInvalid(widget: Widget, errors: Record<string, string>, message: string) {
  widget.state.form = { errors, message };
  widget.update('p-' + FIELDS.find((k) => errors[k]));
}

/** Check and send the draft. True once the server took it (published or held). */
export async function submit(widget: Widget): Promise<boolean> {
  const { state, options, store } = widget;
  const { draft } = state;
  const words = postWords(widget);
  const fields = normalizeDraft(draft.fields);
  const problems = checkDraft(fields);
  const errors: Record<string, string> = {};
  for (const k in problems) errors[k] = problemMessage(k as DraftField, problems[k as DraftField]!, words);
  if (Object.keys(errors).length) return markInvalid(widget, errors, words.fixErrors), false;
  rememberAuthor(store, draft, fields);
  draft.key ||= newIdempotencyKey();
  state.pending.post = { busy: true };
  state.form = { errors: {}, message: '' };
  widget.update();
  try {
    const posted = await options.backend.post({
      ...(fields as Fields),
      thread: options.thread,
      url: options.url,
      parent: draft.parent,
      idempotencyKey: draft.key,
      form: { hp: draft.honeypot, token: state.formToken },
      authorKey: store.get<string>(SIGNED_KEY) || undefined,
      notify: draft.notify ? 'replies' : undefined,
    });
    const { comment, authorKey } = posted;
    // The server's answer is the key to keep: the one sent, or a fresh one for a forged or foreign key.
    if (authorKey) store.set(SIGNED_KEY, authorKey);
    const mine = rememberPosted(state.mine, posted, options.now());
    saveMine(store, options.thread, state.mine);
    if (!mine.held) addPublished(state.thread, comment);
    // Issue 21: said on the new comment, where the focus goes, not by the Post button.
    state.notice = { id: comment.id, text: mine.held ? words.held : words.posted };
    clearDraft(draft);
    state.pending.post = undefined;
    widget.update('comment-' + comment.id);
    return true;
  } catch (failure) {
    const known = failure instanceof BackendError && failure;
    const fields = known && known.fields;
    state.pending.post = undefined;
    // Fields the form does not show (parent, thread) are worded in the summary instead.
    if (fields) return markInvalid(widget, fields, [known.message, ...Object.keys(fields).filter((k) => !FIELDS.includes(k as DraftField)).map((k) => fields[k])].join(' ')), false;
    const retry = !known || known.retryable;
    // The same key with a changed text is refused for good; a fresh key lets the reader go on.
    if (known && known.code == 'idempotency_conflict') draft.key = undefined;
    state.form.message = retry ? fill(words.postFailed, { reason: widget.reason(failure) }) : known.message;
    state.pending.post = retry ? { error: state.form.message, retry: widget.actions.submit } : undefined;
    widget.update();
    return false;
  }
}
