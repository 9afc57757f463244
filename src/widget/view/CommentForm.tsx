import type { PublicComment } from '../../core/types.ts';
import { fill } from '../../core/strings.ts';
import { loadedChunk } from '../chunks/load.ts';
import type { Widget } from '../state/widget.ts';
import { Button } from './Button.tsx';
import { CommentText } from './CommentText.tsx';
import { FormField } from './FormField.tsx';

/**
 * "Leave a Reply", WordPress's form field for field. Its values live in the state, so the form can
 * move under a comment and back without losing what the reader typed. noValidate: the core
 * checks, worded by the strings table, replace the browser's bubbles.
 */
export function CommentForm({ widget, replyingTo }: { widget: Widget; replyingTo?: PublicComment }) {
  const { state, strings, actions, options } = widget;
  const post = state.pending.post;
  const chunk = loadedChunk('post');
  return (
    <form
      noValidate
      onSubmit={(event) => (event.preventDefault(), actions.submit())}
      onKeyDown={(event) => event.key == 'Escape' && state.draft.parent && actions.cancelReply()}
      onFocusIn={actions.formFocused}
    >
      <h3>{replyingTo ? fill(strings.replyingTo, { name: replyingTo.author.name }) : strings.leaveReply}</h3>
      {replyingTo && <Button onClick={actions.cancelReply}>{strings.cancelReply}</Button>}
      <p>
        {strings.privacy} {strings.requiredNote} *
      </p>
      <FormField widget={widget} field="text" label={strings.comment} />
      {/* Issue 16: how to format, and Preview (the post chunk's, loaded on the form's first focus),
          unless the backend keeps plain text only (WordPress). The preview is the comment as the
          thread will show it: the same CommentText. */}
      {!options.backend.plainOnly && [
        <p class="h">
          {strings.formatHint} {chunk && <chunk.PreviewButton widget={widget} />}
        </p>,
        chunk && state.preview && (
          <chunk.PreviewBox widget={widget}>
            <CommentText text={state.draft.fields.text} format="markdown" />
          </chunk.PreviewBox>
        ),
      ]}
      <FormField widget={widget} field="name" label={strings.name} type="text" />
      <FormField widget={widget} field="email" label={strings.email} type="email" />
      <FormField widget={widget} field="website" label={strings.website} type="url" />
      {check('p-save', state.draft.remember, actions.setRemember, strings.saveDetails)}
      {/* Issue 17: only when the server mails readers (the GET answer's thread.mail); unticked until the reader ticks it. */}
      {state.thread.info?.mail && check('p-notify', state.draft.notify, (on) => (state.draft.notify = on), strings.notifyReplies)}
      {/* The honeypot: unseen, unannounced, out of the tab order; bots fill it in. */}
      <input class="vh" name="hp" tabIndex={-1} autoComplete="off" aria-hidden="true" onInput={(event) => actions.setHoneypot(event.currentTarget.value)} />
      <p role="status" class={state.form.message && !state.form.ok ? 'e' : undefined}>
        {state.form.message}{' '}
        {/* Retry and Discard after a failed post: the post chunk's (it made the post that failed). */}
        {chunk && post?.retry && <chunk.FailedPost widget={widget} retry={post.retry} />}
      </p>
      <button disabled={post?.busy}>{post?.busy ? strings.posting : strings.postComment}</button>
    </form>
  );
}

/** A box and its label: "Save my name…" and "Notify me of replies…" share this shape (one copy of it in the bytes). */
const check = (id: string, checked: boolean | undefined, set: (on: boolean) => void, label: string) => (
  <p>
    <input type="checkbox" id={id} checked={checked} onChange={(event) => set(event.currentTarget.checked)} /> <label for={id}>{label}</label>
  </p>
);
