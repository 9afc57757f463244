import { avatarHue, initials } from '../../core/avatar.ts';
import { fill } from '../../core/strings.ts';
import { formatDate } from '../../core/time.ts';
import type { TreeNode } from '../../core/tree.ts';
import { loadedChunk } from '../chunks/load.ts';
import { isClosed, isPublic } from '../state/thread.ts';
import type { Widget } from '../state/widget.ts';
import { Button } from './Button.tsx';
import { CommentForm } from './CommentForm.tsx';
import { CommentList } from './CommentList.tsx';
import { CommentText } from './CommentText.tsx';

/** One comment, then (when replying to it) the form, its replies, and "Show more replies". */
export function CommentItem({ widget, node }: { widget: Widget; node: TreeNode }) {
  const { state, strings, actions, options } = widget;
  const { comment, children } = node;
  const { id, author } = comment;
  const mine = state.mine.find((m) => m.comment.id == id);
  const heldMine = mine?.held && !isPublic(state.thread, id);
  const closed = isClosed(state.thread);
  // Issue 21: what the reader just did to this comment ("Your comment was posted."), else whether it
  // awaits moderation: one tinted box under the header, which also describes the focused comment.
  const note = state.notice?.id == id ? state.notice.text : heldMine && strings.awaiting;
  // The reader's own comment inside the edit window gets the edit chunk's tools (Edit and Delete,
  // which need backend.edit); an open edit box or question stays after the window closed, to show
  // why and keep the text.
  const edit = loadedChunk('edit');
  // Issue 16: the votes chunk's marks ("Pinned", the owner's badge) and vote buttons, once it is here.
  const votes = loadedChunk('votes');
  const own = edit && options.backend.edit && !comment.deleted && mine && (options.now() < mine.until || id == state.own.editing || id == state.own.removing) ? mine : undefined;
  return (
    <li>
      {/* tabIndex -1: focus lands here after "Show more" and after posting, to keep the reader's place. */}
      <article
        id={'comment-' + id}
        tabIndex={-1}
        aria-label={comment.deleted ? strings.deleted : fill(strings.commentBy, { name: author.name })}
        aria-describedby={note ? 'n-' + id : undefined}
      >
        {comment.deleted ? (
          <p>{strings.deleted}</p>
        ) : (
          [
            <header>
              <span class="av" aria-hidden="true" style={`background:hsl(${avatarHue(author.avatar)} 50% 30%)`}>
                {initials(author.name)}
              </span>
              {/* Only an http(s) website becomes a link: a stored javascript: URL stays text. */}
              {/^https?:\/\//i.test(author.website || '') ? (
                <a href={author.website!} rel="nofollow ugc noopener">
                  {author.name}
                </a>
              ) : (
                <b>{author.name}</b>
              )}
              {votes?.marks(widget, comment)}
              {/* A mention's date links to the page that mentioned this one (http(s) only, as a website). */}
              <a href={/^https?:\/\//i.test(comment.source || '') ? comment.source : '#comment-' + id}>
                <time dateTime={comment.createdAt}>{formatDate(comment.createdAt, strings.lang)}</time>
              </a>
              {comment.editedAt && <small>{strings.edited}</small>}
            </header>,
            note && (
              <p id={'n-' + id} class="n">
                {note}
              </p>
            ),
            edit && own && state.own.editing == id ? <edit.EditBox widget={widget} mine={own} /> : <CommentText text={comment.text} format={comment.format} />,
            votes?.buttons(widget, comment),
            // A held comment cannot be replied to (the server takes published parents only), nor any
            // comment of a closed thread.
            !heldMine && !closed && (
              <Button id={'r-' + id} aria-label={fill(strings.replyTo, { name: author.name })} onClick={() => actions.startReply(id)}>
                {strings.reply}
              </Button>
            ),
            edit && own && state.own.editing != id && <edit.OwnCommentActions widget={widget} mine={own} />,
          ]
        )}
      </article>
      {state.draft.parent == id && !closed && <CommentForm widget={widget} replyingTo={comment} />}
      {children.length > 0 && <CommentList widget={widget} nodes={children} />}
      {state.thread.more[id] && <Button onClick={() => actions.loadReplies(id)}>{strings.showMoreReplies}</Button>}
    </li>
  );
}
