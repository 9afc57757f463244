import type { PublicComment } from '../../../core/types.ts';
import type { Widget } from '../../state/widget.ts';
import { voteWords } from './words.ts';

/**
 * Beside the author's name (issue 16 item 4): the site owner's badge, its label as the server sends
 * it ("Author", or the owner's own word: no language file has it), and "Pinned" on a comment the
 * owner pinned. Pinned comments come first on the first page in the server's order; the widget
 * never sorts, so they stay there.
 */
export function marks(widget: Widget, { author, pinned }: PublicComment) {
  return [
    author.badge && <span class="bd">{author.badge}</span>,
    pinned && <span class="pin">{voteWords(widget).pinned}</span>,
  ];
}
