import { fill } from '../../core/strings.ts';
import { buildTree } from '../../core/tree.ts';
import { loadedChunk } from '../chunks/load.ts';
import { isClosed, shownComments } from '../state/thread.ts';
import type { Widget as WidgetObject } from '../state/widget.ts';
import { css } from '../../core/styles.ts';
import { Button } from './Button.tsx';
import { CommentForm } from './CommentForm.tsx';
import { CommentList } from './CommentList.tsx';
import { CountHeading } from './CountHeading.tsx';
import { LoadStatus } from './LoadStatus.tsx';

/**
 * The whole widget: its styles, the count heading, the thread, "Show more comments", the loading
 * status and "Leave a Reply" (under the comment being replied to instead, when there is one), or
 * "Comments are closed." on a closed thread.
 */
export function Widget({ widget }: { widget: WidgetObject }) {
  const { state, strings, actions, options } = widget;
  const { thread } = state;
  const load = state.pending.load;
  const { all } = shownComments(thread, state.mine);
  const replyingTo = all.find((c) => c.id == state.draft.parent);
  // Webmentions (issue 18) are listed apart, under the comments, with their replies.
  const tree = buildTree(all, options.maxDepth);
  const mentions = tree.filter((node) => node.comment.kind);
  return [
    <style>{css}</style>,
    // Issue 16: the votes chunk's styles and the sort control, beside the heading (it floats there).
    loadedChunk('votes')?.head(widget),
    thread.info && <CountHeading widget={widget} />,
    thread.info && <CommentList widget={widget} nodes={tree.filter((node) => !node.comment.kind)} />,
    thread.nextCursor && <Button onClick={() => actions.loadPage(thread.nextCursor!)}>{strings.showMore}</Button>,
    mentions[0] && [<h3>{strings.mentions}</h3>, <CommentList widget={widget} nodes={mentions} />],
    load?.error ? (
      <LoadStatus text={fill(strings.loadFailed, { reason: load.error })} retry={load.retry} retryLabel={strings.retry} />
    ) : (
      !thread.info && <LoadStatus text={strings.loading} />
    ),
    isClosed(thread) ? <p class="closed">{strings.commentsClosed}</p> : !replyingTo && <CommentForm widget={widget} />,
  ];
}
