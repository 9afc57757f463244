import type { Widget } from '../../state/widget.ts';

/**
 * Permalinks: the browser looks for #comment-ID in the document, never inside a shadow root, so the
 * widget finds its own target: once the first page is shown (with this chunk's buttons and control
 * in place, so the comment does not move after the jump) and whenever the hash changes (a comment's
 * date is its permalink). In this chunk since issue 16, which needed the first render's bytes for
 * votes and sorting (49 B brotli); a thread without comments has no comment to link to and never
 * loads it. The listener goes with the widget: the first hash change after an unmount removes it.
 */
export function permalinks(widget: Widget) {
  const jump = () => {
    if (!widget.root.host.isConnected) return removeEventListener('hashchange', jump);
    const target = widget.root.getElementById(decodeURIComponent(location.hash.slice(1)));
    target?.scrollIntoView();
    target?.focus();
  };
  addEventListener('hashchange', jump);
  jump();
}
