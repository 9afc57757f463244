// The programmatic entry: one call puts a whole widget, styles included, inside any element.
import { render } from 'preact';
import type { Backend } from '../adapters/backend.ts';
import type { Strings } from '../core/i18n/en.ts';
import type { Sort } from '../core/types.ts';
import { startWidget } from './start.tsx';

export interface MountOptions {
  backend: Backend;
  /** The thread id (see core `threadIdFromUrl`). */
  thread: string;
  /** The article title, for the count heading. */
  title: string;
  /** The page's address, sent with a new comment so the server can read the article. */
  url?: string;
  /** `auto` (default) follows the host page: dark where the page's text is light (read at mount). */
  theme?: 'light' | 'dark' | 'auto';
  /** Deepest displayed nesting level; deeper replies are shown at this level. Default 5. */
  maxDepth?: number;
  /** Any reader-visible words to replace (keys of core/i18n/en.ts). */
  strings?: Partial<Strings>;
  /** Where drafts, opt-in details and held comments are kept; default localStorage, null for nowhere. */
  storage?: Storage | null;
  /**
   * The order of the thread (issue 16): `oldest` first (default, as WordPress), `newest`, or `best`
   * (by votes). The reader's own choice in the widget's control, kept in localStorage, wins over it.
   */
  sort?: Sort;
  /** Top-level comments per page; default: the backend's (50 on the Parley server). */
  pageSize?: number;
  /** Milliseconds since the epoch; injectable for tests of the edit window. */
  now?: () => number;
}

/**
 * Render a Parley widget at the end of `el`, inside an open shadow root so the page's CSS and the
 * widget's cannot touch each other. Any number of widgets may share a page.
 *
 * @example
 * import { mount } from 'parley/widget';
 * import { createHttpBackend } from 'parley/adapters';
 * const unmount = mount(document.querySelector('#comments')!, {
 *   backend: createHttpBackend({ api: 'https://comments.example.com' }),
 *   thread: '/2024/05/putin-china',
 *   title: 'Putin to visit China – Kremlin',
 * });
 * // later: unmount() removes the widget and everything it added.
 * @returns a function that removes the widget.
 */
export function mount(el: Element, options: MountOptions): () => void {
  const host = el.ownerDocument.createElement('div');
  const t = options.theme;
  // `auto` follows the page, which shows through the widget: light text where it mounts means a
  // dark page, so the dark theme (r + g + b of the text colour above half of 765). Read once.
  const rgb: string[] = getComputedStyle(el).color.match(/\d+/g) || [];
  host.className = 'parley';
  host.dataset.theme = t && t != 'auto' ? t : +rgb[0] + +rgb[1] + +rgb[2] > 384 ? 'dark' : 'light';
  // The thread as the server rendered it (GET /t?fragment=1, issue 18) stays until the widget has
  // its first page, then the widget takes its place in one step, at the same size (the fragment
  // wears the widget's stylesheet), so nothing on the page moves. If the page cannot be loaded
  // the fragment stays: the comments are still there to read.
  const ssr = el.querySelector('[data-parley-ssr]');
  if (!ssr) el.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const stop = startWidget(options, root, ssr && (() => ssr.replaceWith(host)));
  return () => {
    stop();
    render(null, root);
    host.remove();
  };
}
