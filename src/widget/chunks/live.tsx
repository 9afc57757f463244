// The live chunk (dist/chunks/live-HASH.js, issue 16 item 6): new published comments appear
// without a reload. Loaded after the first page when the backend has a live stream (`liveUrl`);
// the entry carries only that call.
// - The stream (Server-Sent Events) is open only while the tab is visible: browsers share six
//   HTTP/1.1 connections per host across tabs, and a hidden tab would hold one for nothing.
// - It reconnects with backoff (1 s doubling to a minute, ±20 %) when the server refuses or is gone;
//   a dropped connection the browser resumes by itself with Last-Event-ID, and a reopened one asks
//   for what it missed with `lastEventId`.
// - Comments are not inserted as they come: a button says "2 new comments" and inserts them when
//   pressed, so nothing moves under the reader's eyes. It sticks to the bottom of the widget's box
//   and takes its room at the end, below everything, so showing it moves no comment either.
// - Only comments that belong to what is loaded are offered: a new top-level comment once every
//   page is read, a reply where its parent is shown (and its root has no unread replies); others
//   come with the page that holds them.
import { LIVE_WORDS } from '../../core/i18n/live.ts';
import { plural, fill } from '../../core/strings.ts';
import type { PublicComment } from '../../core/types.ts';
import { addPublished, isPublic } from '../state/thread.ts';
import type { Widget } from '../state/widget.ts';

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;

// Its own rules (the entry's stylesheet does not carry them): `display:block` would beat the
// `hidden` attribute's default, so a hidden button is hidden again here.
const STYLE =
  '.live[hidden]{display:none}.live{position:sticky;bottom:1em;display:block;margin:1em auto 0;background:var(--parley-accent);color:var(--parley-on,#fff);border:0;border-radius:2em;padding:.5em 1.2em;font-weight:700;cursor:pointer}';

/** Starts live updates for this widget; the function returned stops them (unmount, tests). */
export function live(widget: Widget, { doc = document, EventSourceClass = globalThis.EventSource, random = Math.random } = {}): () => void {
  const { state, options } = widget;
  const { lang } = widget.strings;
  const words = LIVE_WORDS[lang.split('-')[0]!] ?? LIVE_WORDS.en!;
  const base = options.backend.liveUrl?.(options.thread);
  // Unmounted while the chunk loaded: nothing to start.
  if (!base || !EventSourceClass || !widget.root.host.isConnected) return () => {};
  const fresh: PublicComment[] = [];
  let source: EventSource | undefined;
  let last = '';
  let delay = FIRST_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const style = doc.createElement('style');
  style.textContent = STYLE;
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'live';
  button.hidden = true;

  /** The comments that can be shown where they belong now, not yet shown. */
  const ready = () => {
    const { thread } = state;
    return fresh.filter((c) => !isPublic(thread, c.id) && (c.parent ? isPublic(thread, c.parent) && !thread.more[c.parent] && !Object.keys(thread.more).length : !thread.nextCursor));
  };

  const show = () => {
    const n = ready().length;
    button.hidden = !n;
    if (n) button.textContent = fill(plural(words.newComments, n, lang), { n });
  };

  button.onclick = () => {
    const list = ready();
    fresh.length = 0;
    for (const comment of list) addPublished(state.thread, comment);
    button.hidden = true;
    widget.update();
    // The first of them gets the focus, so a keyboard or screen-reader user lands on what is new,
    // without scrolling: the page stays where the reader is (the browser's scroll anchoring keeps
    // the comment at the top of the window in place when replies are inserted above it).
    if (list[0]) widget.root.getElementById('comment-' + list[0].id)?.focus({ preventScroll: true });
  };

  const open = () => {
    if (stopped || source || doc.hidden) return;
    clearTimeout(timer);
    const es = new EventSourceClass(base + (last ? '&lastEventId=' + encodeURIComponent(last) : ''));
    source = es;
    // Where the thread was when the stream opened: a stream reopened later asks from there.
    es.addEventListener('ready', (event) => void (last ||= (event as MessageEvent<string>).lastEventId));
    es.addEventListener('comment', (event) => {
      const message = event as MessageEvent<string>;
      last = message.lastEventId || last;
      delay = FIRST_DELAY_MS;
      try {
        const comment = JSON.parse(message.data) as PublicComment;
        if (!fresh.some((c) => c.id == comment.id)) fresh.push(comment);
      } catch {
        return; // not a comment
      }
      show();
    });
    es.onerror = () => {
      // CONNECTING: the browser resumes by itself. CLOSED: refused (503 at the bound) or not a stream.
      if (es.readyState != 2) return;
      close();
      timer = setTimeout(open, delay * (0.8 + 0.4 * random()));
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    };
  };

  const close = () => {
    source?.close();
    source = undefined;
  };

  // What can be offered changes as the reader loads more pages: asked again after every render.
  const render = widget.update;
  widget.update = (focus) => {
    render(focus);
    show();
  };

  const visibility = () => (doc.hidden ? (close(), clearTimeout(timer)) : open());
  doc.addEventListener('visibilitychange', visibility);
  widget.root.append(style, button);
  open();
  return (widget.live = () => {
    stopped = true;
    close();
    clearTimeout(timer);
    doc.removeEventListener('visibilitychange', visibility);
    style.remove();
    button.remove();
    widget.update = render;
  });
}
