import { avatarHue, initials } from '../../core/avatar.ts';
import { fill } from '../../core/strings.ts';
import { formatDate } from '../../core/time.ts';
import type { TreeNode } from '../../core/tree.ts';
import { CommentText } from './CommentText.tsx';
import { Thread, type ThreadCtx } from './Thread.tsx';

/** One comment, then (when replying to it) the form, its replies, and "Show more replies". */
export function CommentItem({ n: { comment: m, children }, c }: { n: TreeNode; c: ThreadCtx }) {
  const { s } = c;
  const { id, author: a } = m;
  const held = c.held.includes(m);
  return (
    <>
      {/* tabIndex -1: focus lands here after "Show more" and after posting, to keep the reader's place. */}
      <article id={'comment-' + id} tabIndex={-1} aria-label={m.deleted ? s.deleted : fill(s.commentBy, { name: a.name })}>
        {m.deleted ? (
          <p>{s.deleted}</p>
        ) : (
          <>
            <header>
              <span class="av" aria-hidden="true" style={`background:hsl(${avatarHue(a.avatar)} 50% 30%)`}>
                {initials(a.name)}
              </span>
              {/* Only an http(s) website becomes a link: a stored javascript: URL stays text. */}
              {/^https?:\/\//i.test(a.website || '') ? (
                <a href={a.website!} rel="nofollow ugc noopener">
                  {a.name}
                </a>
              ) : (
                <b>{a.name}</b>
              )}
              <a href={'#comment-' + id}>
                <time dateTime={m.createdAt}>{formatDate(m.createdAt)}</time>
              </a>
              {m.editedAt && <small>{s.edited}</small>}
            </header>
            {held && (
              <p>
                <em>{s.awaiting}</em>
              </p>
            )}
            <CommentText text={m.text} />
            {/* A held comment cannot be replied to: the server takes published parents only. */}
            {!held && (
              <button type="button" id={'r-' + id} aria-label={fill(s.replyTo, { name: a.name })} onClick={() => c.onReply(id)}>
                {s.reply}
              </button>
            )}
          </>
        )}
      </article>
      {c.reply == id && c.form}
      {children.length > 0 && <Thread nodes={children} c={c} />}
      {c.more[id] && (
        <button type="button" onClick={() => c.onMore(id)}>
          {s.showMoreReplies}
        </button>
      )}
    </>
  );
}
