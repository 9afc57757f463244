// The desk's listing (issue 21 items 1 and 2): one tab's comments, found by text, name, address,
// website or thread, by thread and by rule, newest or oldest first, with the counts on the tabs and,
// for each comment, what a moderator decides by: the article's title and the comment's place on
// its page, the comment it replies to, and the author's history by address and by client.
import { clampLimit } from '../../core/limits.ts';
import { cutPage } from '../../core/paging.ts';
import type { AdminComment, Status } from '../../core/types.ts';
import { articleTitles } from '../comments/article-cache.ts';
import type { UseCaseDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { decodeCursor, encodeCursor, toAdmin } from '../present.ts';
import { threadPage } from '../routes/feeds.ts';
import { STATUSES } from '../store/rows.ts';
import type { StoredComment } from '../store/store.ts';

/** Counts on the tabs stop here ("Published 1000+"): each reads at most this many index entries. */
export const COUNT_CAP = 1000;

/** What a moderator sees of a comment on the desk. */
export interface DeskComment extends AdminComment {
  /** The article's title, when its page was fetched (for the echo rule), else null: the thread id stands in. */
  title: string | null;
  /** The comment on its page (`…#comment-ID`), when the thread id is a path on the first --origin. */
  link: string | null;
  /** The comment it replies to, to be shown folded. */
  replyTo: { id: string; name: string; text: string; status: Status } | null;
  /** "3 published, 1 spam": the author's comments by address (any case), and by client when it is known. */
  history: { email: Record<Status, number>; client: Record<Status, number> | null };
}

export interface DeskPage {
  comments: DeskComment[];
  nextCursor: string | null;
  /** Each tab's count, capped at COUNT_CAP. */
  counts: Record<Status, number>;
}

const text = (value: string | undefined, max: number) => {
  const v = (value ?? '').trim();
  return v ? v.slice(0, max) : undefined;
};

/** GET /api/v1/admin/comments?status=&q=&thread=&rule=&sort=newest|oldest&cursor=&limit= */
export async function searchDesk(deps: Pick<UseCaseDeps, 'store' | 'settings'>, query: Record<string, string | undefined>): Promise<DeskPage> {
  const status = (query.status ?? 'pending') as Status;
  if (!STATUSES.includes(status)) {
    throw new ApiError('invalid', 'status must be pending, spam, published or deleted.', { status: 'Use pending, spam, published or deleted.' });
  }
  const order = query.sort ?? 'newest';
  if (order !== 'newest' && order !== 'oldest') throw new ApiError('invalid', 'sort must be newest or oldest.', { sort: 'Use newest or oldest.' });
  const cursor = decodeCursor(query.cursor);
  if (cursor === null) throw new ApiError('invalid', 'The cursor is not one this server gave out.', { cursor: 'Unknown cursor.' });
  const limit = clampLimit(query.limit);
  const { store } = deps;
  const rows = await store.comments.search({
    status,
    order,
    cursor,
    thread: text(query.thread, 2000),
    query: text(query.q, 200)?.toLowerCase(),
    rule: text(query.rule, 40),
    limit: limit + 1,
  });
  const { shown, nextCursor } = cutPage(rows, limit, (last) => encodeCursor(last.seq));
  const [comments, counts] = await Promise.all([describe(deps, shown), store.comments.statusCounts({ cap: COUNT_CAP })]);
  return { comments, nextCursor, counts };
}

/** The desk's view of some comments: titles, links, the comments they reply to and their authors' histories. */
export async function describe(deps: Pick<UseCaseDeps, 'store' | 'settings'>, rows: StoredComment[]): Promise<DeskComment[]> {
  const { store } = deps;
  const origin = deps.settings.origins[0];
  const site = origin ? new URL(origin).origin : undefined;
  // One read per distinct title, parent, address and client on the page, at once.
  const once = <T>(make: (key: string) => Promise<T>) => {
    const seen = new Map<string, Promise<T>>();
    return (key: string) => {
      let found = seen.get(key);
      if (!found) seen.set(key, (found = make(key)));
      return found;
    };
  };
  const parentOf = once((id) => store.comments.get(id));
  const byEmail = once((email) => store.comments.statusCounts({ email }));
  const byClient = once((clientHash) => store.comments.statusCounts({ clientHash }));
  const titles = await articleTitles(deps, rows.map((r) => r.thread));
  return Promise.all(
    rows.map(async (row) => {
      const [parent, email, client] = await Promise.all([
        row.parent ? parentOf(row.parent) : null,
        byEmail(row.email.toLowerCase()),
        row.clientHash ? byClient(row.clientHash) : null,
      ]);
      const page = threadPage(site, row.thread);
      return {
        ...toAdmin(row, deps.settings.ownerBadge),
        title: titles[row.thread] ?? null,
        link: page ? `${page}#comment-${encodeURIComponent(row.id)}` : null,
        replyTo: parent ? { id: parent.id, name: parent.name, text: parent.text, status: parent.status } : null,
        history: { email, client },
      };
    }),
  );
}
