// One widget's life: its state, its actions, its first render, the thread's first page, and the
// clean-up. mount.ts gives it a shadow root.
import { render } from 'preact';
import { BackendError } from '../adapters/backend.ts';
import { en, type Strings } from '../core/i18n/en.ts';
import { fill } from '../core/strings.ts';
import { loadChunk } from './chunks/load.ts';
import type { MountOptions } from './mount.ts';
import { createActions } from './state/actions.ts';
import { loadDraft, saveDraft } from './state/drafts.ts';
import { hasEditable, loadMine } from './state/mine.ts';
import { emptyThread } from './state/thread.ts';
import type { Widget } from './state/widget.ts';
import { createStore, SORT_KEY } from './storage.ts';
import { Widget as WidgetView } from './view/Widget.tsx';

/**
 * Start one widget in `root`: it renders at once, loads the thread, and re-renders on every change.
 * `takeOver` puts the widget in the page in place of a server-rendered fragment, once the first
 * page is rendered (mount.ts).
 */
export function startWidget(options: MountOptions, root: ShadowRoot, takeOver?: (() => void) | null): () => void {
  const { thread, backend } = options;
  const now = options.now ?? Date.now;
  const store = createStore(options.storage);
  // A language file's words (and a site's overrides) over English. The edit words are the edit
  // chunk's (chunks/edit/words.ts) and the count script's are count.js's: a language file brings
  // both, English has them where they are used.
  const strings = { ...en, ...options.strings } as Strings;
  // Right to left for Arabic and Hebrew: the host's `dir` sets the direction inside the shadow root,
  // and styles.ts uses logical properties (padding-inline-start…), so the indent follows it.
  Object.assign(root.host, { lang: strings.lang, dir: strings.dir });
  const widget: Widget = {
    state: {
      thread: emptyThread(),
      draft: loadDraft(store, thread),
      mine: loadMine(store, thread, now()),
      form: { errors: {}, message: '' },
      pending: {},
      own: { editing: null, removing: null, text: '' },
    },
    actions: undefined!,
    strings,
    // The reader's chosen order (the votes chunk's control) over the site's data-sort.
    options: { ...options, now, sort: store.get(SORT_KEY) || options.sort },
    store,
    root,
    update(focus) {
      render(<WidgetView widget={widget} />, root);
      if (takeOver && widget.state.thread.info) takeOver = void takeOver();
      saveDraft(store, thread, widget.state.draft);
      if (focus) root.getElementById(focus)?.focus();
    },
    // "Could not be reached" is the widget's own sentence, in the page's language; any other
    // failure is worded by the server (or adapter) that answered.
    // A refused origin (issue 14) in the reader's language too, naming this page's address.
    reason: (failure) =>
      failure instanceof BackendError && failure.code != 'network'
        ? failure.code == 'origin_not_allowed'
          ? fill(strings.originNotAllowed, { origin: location.origin })
          : failure.message
        : strings.networkError,
  };
  widget.actions = createActions(widget);
  // The reader has a comment they may still edit: its Edit and Delete come with the edit chunk.
  if (backend.edit && hasEditable(widget.state.mine, now())) loadChunk('edit').then(() => widget.update(), () => {});
  widget.actions.loadPage();
  return () => {
    widget.live?.();
  };
}
