// The named actions of the first render: reading pages, the form, replying, posting. Each changes
// the state and re-renders. Editing and deleting one's own comment are the edit chunk's
// (../chunks/edit/actions.ts), loaded on first use.
import { BackendError } from '../../adapters/backend.ts';
import { checkDraft, normalizeDraft } from '../../core/checks.ts';
import { fill, problemMessage } from '../../core/strings.ts';
import type { DraftField, ThreadPage } from '../../core/types.ts';
import { loadChunk } from '../chunks/load.ts';
import { clearDraft, FIELDS, newIdempotencyKey, rememberAuthor, saveDraft, type Fields } from './drafts.ts';
import { SIGNED_KEY } from '../storage.ts';
import { rememberPosted, saveMine } from './mine.ts';
import { addPage, addPublished } from './thread.ts';
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
        if (first) actions.jumpToHash();
      },
      (failure) => {
        state.pending.load = { error: widget.reason(failure), retry: again };
        widget.update();
      },
    );
  };

  /** Mark the fields, announce the summary, focus the first marked field; the text stays. */
  const markInvalid = (errors: Record<string, string>, message: string) => {
    state.form = { errors, message };
    widget.update('p-' + FIELDS.find((k) => errors[k]));
  };

  const actions = {
    /** The first page, or the next one ("Show more comments"). */
    loadPage: (cursor?: string) => readPage(() => backend.list(thread, { cursor, limit: options.pageSize })),

    /** The rest of one root's replies ("Show more replies"). */
    loadReplies: (root: string) => readPage(() => backend.replies!(root, { cursor: state.thread.more[root], thread }), root),

    /** Typing re-renders nothing: the value is kept, and the next render passes it back. */
    typeField(field: DraftField, value: string) {
      draft.fields[field] = value;
      if (field == 'text') draft.key ||= newIdempotencyKey();
      saveDraft(widget.store, thread, draft);
    },

    setRemember(on: boolean) {
      draft.remember = on;
      if (!on) rememberAuthor(widget.store, draft, draft.fields);
    },

    setHoneypot: (value: string) => void (draft.honeypot = value),

    /**
     * The reader is about to write: fetch the form token (failures ignored), and the edit chunk,
     * so the Edit of the comment they are about to post opens with no request and no delay.
     */
    formFocused() {
      if (state.formFocused) return;
      state.formFocused = true;
      backend.formToken?.(thread).then((token) => (state.formToken = token), () => {});
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

    async submit() {
      const fields = normalizeDraft(draft.fields);
      const problems = checkDraft(fields);
      const errors: Record<string, string> = {};
      for (const k in problems) errors[k] = problemMessage(k as DraftField, problems[k as DraftField]!, strings);
      if (Object.keys(errors).length) return markInvalid(errors, strings.fixErrors);
      rememberAuthor(widget.store, draft, fields);
      draft.key ||= newIdempotencyKey();
      state.pending.post = { busy: true };
      state.form = { errors: {}, message: '' };
      widget.update();
      try {
        const { store } = widget;
        const posted = await backend.post({
          ...(fields as Fields),
          thread,
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
        saveMine(widget.store, thread, state.mine);
        if (mine.held) state.form.message = strings.held;
        else {
          addPublished(state.thread, comment);
          state.form.message = strings.posted;
        }
        clearDraft(draft);
        state.pending.post = undefined;
        widget.update('comment-' + comment.id);
        // Its Edit and Delete come with the edit chunk (usually fetched already, on focus).
        if (backend.edit) loadChunk('edit').then(() => widget.update(), () => {});
      } catch (failure) {
        const known = failure instanceof BackendError && failure;
        const fields = known && known.fields;
        state.pending.post = undefined;
        // Fields the form does not show (parent, thread) are worded in the summary instead.
        if (fields) return markInvalid(fields, [known.message, ...Object.keys(fields).filter((k) => !FIELDS.includes(k as DraftField)).map((k) => fields[k])].join(' '));
        const retry = !known || known.retryable;
        // The same key with a changed text is refused for good; a fresh key lets the reader go on.
        if (known && known.code == 'idempotency_conflict') draft.key = undefined;
        state.form.message = retry ? fill(strings.postFailed, { reason: widget.reason(failure) }) : known.message;
        state.pending.post = retry ? { error: state.form.message, retry: actions.submit } : undefined;
        widget.update();
      }
    },

    /** Drop the unsent draft after a failed post. */
    discard() {
      clearDraft(draft);
      state.form = { errors: {}, message: '' };
      state.pending.post = undefined;
      widget.update('p-text');
    },

    /**
     * Permalinks: the browser looks for #comment-ID in the document, never inside a shadow root,
     * so the widget finds its own target, on the first page and whenever the hash changes.
     */
    jumpToHash() {
      const target = widget.root.getElementById(decodeURIComponent(location.hash.slice(1)));
      target?.scrollIntoView();
      target?.focus();
    },
  };
  return actions;
}
