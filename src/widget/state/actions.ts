// The named actions of the first render: reading pages, the form, replying. Each changes the state
// and re-renders. Posting is the post chunk's (../chunks/post/submit.ts), loaded when the reader
// first focuses the form; editing and deleting one's own comment are the edit chunk's
// (../chunks/edit/actions.ts), loaded on first use.
import type { DraftField, ThreadPage } from '../../core/types.ts';
import { loadChunk } from '../chunks/load.ts';
import { newIdempotencyKey, rememberAuthor, saveDraft } from './drafts.ts';
import { addPage } from './thread.ts';
import type { Widget } from './widget.ts';

export type Actions = ReturnType<typeof createActions>;

export function createActions(widget: Widget) {
  const { state, options, strings } = widget;
  const { backend, thread } = options;
  const { draft } = state;

  /** Fetch a page and append it; `root` marks a "Show more replies" page of that root. */
  const readPage = (request: () => Promise<ThreadPage>, root?: string) => {
    const again = () => readPage(request, root);
    state.pending.load = { busy: true };
    widget.update();
    request().then(
      (page) => {
        const first = !state.thread.info;
        const fresh = addPage(state.thread, page, root);
        state.pending.load = undefined;
        // Keep the reader's place: focus the first new comment (not on the first load).
        widget.update(!first && fresh ? 'comment-' + fresh.id : '');
        if (first) {
          // New comments without a reload (issue 16): the live chunk, where the backend has a stream.
          if (backend.liveUrl) loadChunk('live').then((chunk) => chunk.live(widget), () => {});
          // Votes, the sort control, "Pinned" and the owner's badge (issue 16), and the permalinks:
          // the votes chunk, once there is a comment to show them on.
          if (page.comments[0]) loadChunk('votes').then((chunk) => chunk.start(widget), () => {});
        }
      },
      (failure) => {
        state.pending.load = { error: widget.reason(failure), retry: again };
        widget.update();
      },
    );
  };

  const actions = {
    /** The first page, or the next one ("Show more comments"). */
    loadPage: (cursor?: string) => readPage(() => backend.list(thread, { cursor, limit: options.pageSize, sort: options.sort })),

    /** The rest of one root's replies ("Show more replies"). */
    loadReplies: (root: string) => readPage(() => backend.replies!(root, { cursor: state.thread.more[root], thread }), root),

    /** Typing re-renders nothing (the value is kept, and the next render passes it back), but an open preview. */
    typeField(field: DraftField, value: string) {
      draft.fields[field] = value;
      if (field == 'text') draft.key ||= newIdempotencyKey();
      saveDraft(widget.store, thread, draft);
      if (state.preview) widget.update();
    },

    setRemember(on: boolean) {
      draft.remember = on;
      if (!on) rememberAuthor(widget.store, draft, draft.fields);
    },

    setHoneypot: (value: string) => void (draft.honeypot = value),

    /**
     * The reader is about to write: fetch the form token (failures ignored), the post chunk, and
     * the edit chunk, so Post Comment, and the Edit of the comment they are about to post, work
     * with no request and no delay.
     */
    formFocused() {
      if (state.formFocused) return;
      state.formFocused = true;
      backend.formToken?.(thread).then((token) => (state.formToken = token), () => {});
      // Rendered again once it is here: the form's Preview is the post chunk's.
      loadChunk('post').then(() => widget.update(), () => {});
      if (backend.edit) loadChunk('edit').catch(() => {});
    },

    startReply(id: string) {
      draft.parent = id;
      widget.update('p-text');
    },

    cancelReply() {
      const id = draft.parent;
      draft.parent = null;
      widget.update('r-' + id);
    },

    /**
     * Post Comment: the post chunk checks and sends (usually fetched already, on focus). If it
     * cannot load, nothing was sent: the reader is told, the text stays, and Post Comment tries again.
     */
    submit: (): Promise<unknown> =>
      loadChunk('post').then(
        // The comment just posted gets its Edit and Delete from the edit chunk (fetched on focus too).
        (post) => post.submit(widget).then((posted) => void (posted && backend.edit && loadChunk('edit').then(() => widget.update(), () => {}))),
        () => {
          state.form.message = strings.networkError;
          widget.update();
        },
      ),

  };
  return actions;
}
