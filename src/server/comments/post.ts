// Posting a comment (POST /api/v1/comments): idempotency, the checks, the thread's alias, the
// parent, moderation (cheapest rules first; the thread and the article are gathered only if the
// echo rule runs), and the insert with its notifications, in that order. A function of
// (deps, input) → result: the route only reads the request and writes the answer.
import { nanoid } from 'nanoid';
import { isIdempotencyKey } from '../../core/checks.ts';
import type { Outcome } from '../../core/types.ts';
import { authorAvatar, authorKeyHash, clientHash, editToken, makeAuthorKey, mintedAuthorKeyId, readAuthorKey } from '../crypto.ts';
import type { UseCaseDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { moderate, type FloodCount } from '../moderation/moderate.ts';
import { bodyFingerprint, parseBody, postSchema } from '../schema.ts';
import type { StoredComment } from '../store/store.ts';
import { moderationContext } from './context.ts';
import { loadArticle } from './article-cache.ts';
import { closingOf } from './closing.ts';
import { threadSources } from './moderation-inputs.ts';
import { onPosted } from './notifications.ts';
import { announcePublished } from '../live/announce.ts';
import { askForMail } from '../readers/ask.ts';
import { keepForAkismet } from '../akismet/reports.ts';
import { learnedModel } from '../learning/filter.ts';
import { editableUntil } from './owned.ts';
import { outcomeOf, statusOf } from './statuses.ts';
import { resolveThread } from './thread-aliases.ts';
import { isOwner, isTrusted } from './trust.ts';

export interface PostInput {
  /** The request body as sent (JSON): a retry is recognised before it is validated. */
  body: unknown;
  /** The client's address (hashed before anything keeps it, but for Akismet while it is on), or 'unknown'. */
  address: string;
  /** The request's User-Agent and Referer headers: only Akismet is told them (issue 15). */
  userAgent?: string;
  referrer?: string;
}

export interface PostResult {
  comment: StoredComment;
  outcome: Outcome;
  editToken: string;
  editableUntil: string;
  /**
   * The author key to keep for this author's next posts (issue 14): the genuine one the post
   * came with, else a fresh one. Absent only on a retry of a comment no key of this request names.
   */
  authorKey?: string;
  /** True for a retry answered with the comment its first attempt stored (HTTP 200, not 201). */
  replay: boolean;
}

/** The flood rule's count (flood.ts): this browser's posts since `since`, or its address's without a key. */
async function recentPosts(store: UseCaseDeps['store'], { clientHash, authorKey, since }: { clientHash: string; authorKey: string | null; since: number }): Promise<FloodCount> {
  if (authorKey) return { posts: await store.history.countByClientAndAuthor(clientHash, authorKey, since), by: 'browser' };
  return { posts: await store.history.countByClient(clientHash, since), by: 'address' };
}

/**
 * 403 thread_closed for a thread closed by hand or by age (closing.ts). With --close-after-days and
 * nothing yet known of the thread's age (no comment, no article read), its article is read first
 * (the echo rule reads it anyway, from the same cache), so the first comment under an old article
 * is refused like the others.
 */
async function refuseClosed(deps: UseCaseDeps, page: { thread: string; asked: string; url: string | undefined }): Promise<void> {
  let facts = await deps.store.threads.closing(page.thread);
  if (deps.settings.closeAfterDays > 0 && facts.closedAt === null && facts.publishedAt === null && facts.firstAt === null && page.url) {
    await loadArticle(deps, { url: page.url, thread: page.thread, asked: page.asked });
    facts = await deps.store.threads.closing(page.thread);
  }
  if (closingOf(facts, deps.settings.closeAfterDays, deps.now()).closed) throw new ApiError('thread_closed', 'Comments are closed on this page.');
}

/**
 * @example
 * const { comment, outcome, replay } = await postComment(deps, { body: { thread: '/a', text: 'Hi', name: 'Ada', email: 'ada@example.com', idempotencyKey: 'k1' }, address: '203.0.113.9' });
 */
export async function postComment(deps: UseCaseDeps, { body: raw, address, userAgent = '', referrer = '' }: PostInput): Promise<PostResult> {
  const { store } = deps;
  const secret = await deps.secret();
  const print = bodyFingerprint(raw);
  // The author key the post came with, if it is one of ours (a forged or foreign one is ignored
  // and replaced, so old clients and keys from another server keep working).
  const givenKey = readAuthorKey(secret, (raw as { authorKey?: unknown } | null)?.authorKey);
  /** The key to answer with: the one that wrote this comment, the given one or the one minted for it. */
  const keyOf = (comment: StoredComment) =>
    [givenKey, mintedAuthorKeyId(secret, comment.id)].find((id) => id && authorKeyHash(secret, id) === comment.authorKey) ?? undefined;
  const result = (comment: StoredComment, replay: boolean): PostResult => {
    const keyId = keyOf(comment);
    return {
      comment,
      outcome: outcomeOf(comment.status),
      editToken: editToken(secret, comment.id),
      editableUntil: editableUntil(deps, comment),
      ...(keyId && { authorKey: makeAuthorKey(secret, keyId) }),
      replay,
    };
  };
  /** A retry: the same key with the same body gets the same answer; another body is a conflict. */
  const replay = (row: StoredComment) => {
    if (row.fingerprint !== print) {
      throw new ApiError('idempotency_conflict', 'This idempotency key was already used for a different comment; start a new draft with a new key.');
    }
    return result(row, true);
  };

  // DESIGN: the key is looked up before any other rule, so a retry never meets a rule (rate
  // limit, duplicate) that its first attempt already passed.
  const key = (raw as { idempotencyKey?: unknown } | null)?.idempotencyKey;
  if (isIdempotencyKey(key)) {
    const existing = await store.comments.getByIdempotencyKey(key);
    if (existing) return replay(existing);
  }
  const body = parseBody(postSchema, raw);
  // A post to an alias (`parley alias OLD NEW`) is stored in, and checked against, NEW.
  const thread = await resolveThread(store, body.thread);
  await refuseClosed(deps, { thread, asked: body.thread, url: body.url });
  const parent = body.parent ? await store.comments.get(body.parent) : null;
  if (body.parent && (!parent || parent.status !== 'published' || parent.thread !== thread)) {
    throw new ApiError('invalid', 'Please correct the marked fields.', { parent: 'The comment you are replying to does not exist in this thread.' });
  }

  const now = deps.now();
  const hash = clientHash(secret, address);
  const id = nanoid();
  // Who writes: the browser's author key, or one minted for this comment (crypto.ts).
  const author = authorKeyHash(secret, givenKey ?? mintedAuthorKeyId(secret, id));
  const owner = isOwner(secret, deps.settings.ownerKeys, givenKey);
  const { floodSeconds } = deps.settings;
  const draft = { thread, text: body.text, name: body.name, email: body.email, website: body.website, url: body.url, form: body.form };
  const decision = await moderate(
    moderationContext(deps, secret, {
      kind: 'post',
      draft,
      clientHash: hash,
      now,
      // Only a key the browser brought can have earned trust; a minted one is new.
      trusted: () => (givenKey ? isTrusted(store, { authorKey: author, owner }) : Promise.resolve(false)),
      owner,
      // An unknown address is one key for everybody: flood would hold every reader's comments.
      // A browser's posts (its key and address together), or an address's for a post without a key:
      // readers sharing an address are not held for each other (issue 14, flood.ts).
      flood: floodSeconds > 0 && address !== 'unknown' ? await recentPosts(store, { clientHash: hash, authorKey: givenKey ? author : null, since: now - floodSeconds * 1000 }) : null,
      // Only the echo rule calls this, last: a post refused by a cheaper rule fetches and reads
      // nothing. The thread and the article side by side; the fetch is bounded and never throws.
      echo: async () => {
        const [others, article] = await Promise.all([threadSources(store, thread, body.email), loadArticle(deps, { url: body.url, thread, asked: body.thread })]);
        return { ...article, others };
      },
      learned: () => learnedModel(store),
      // Only with Akismet on (deps.akismet), and only a browser's post: a Webmention has no sender to tell about.
      akismet: deps.akismet
        ? () =>
            deps.akismet!.check({
              address,
              userAgent,
              referrer,
              permalink: body.url,
              type: parent ? 'reply' : 'comment',
              author: body.name,
              email: body.email,
              website: body.website ?? '',
              text: body.text,
              createdAt: now,
            })
        : undefined,
    }),
    deps.rules,
  );
  if (decision.verdict === 'reject') {
    // A retry racing its own first attempt (two instances, a double submit) meets the duplicate
    // rule once the first has been stored: answer it as the retry it is, not with 409.
    const first = await store.comments.getByIdempotencyKey(body.idempotencyKey);
    if (first) return replay(first);
  }
  // Counted once judged (metrics.ts): a replay above was counted when it was first posted.
  if (decision.verdict === 'reject') deps.metrics.posted('rejected', decision.reasons);
  const status = statusOf(decision);
  deps.metrics.posted(status as 'published' | 'pending' | 'spam', decision.reasons);
  // Queued in the same transaction as the comment, and only when it is created, not on a replay.
  // If they cannot be queued nothing is stored, the reader gets 503 and retries with the same key.
  const outbox = onPosted(deps, body.url);
  const { comment, created } = await store.comments.insert(
    {
      id,
      thread,
      parent: parent?.id ?? null,
      root: parent?.root ?? id,
      status,
      name: body.name,
      email: body.email,
      website: body.website || null,
      // DESIGN: the stable look comes from the author key, never from the email.
      avatar: authorAvatar(secret, givenKey ?? mintedAuthorKeyId(secret, id)),
      text: body.text,
      format: body.format,
      createdAt: now,
      editedAt: null,
      clientHash: hash,
      authorKey: author,
      reasons: decision.reasons,
      idempotencyKey: body.idempotencyKey,
      fingerprint: print,
    },
    outbox.write,
  );
  // Another request with the same key won the race to the unique index: answer as a retry.
  if (!created) return replay(comment);
  outbox.committed();
  await announcePublished(deps, [comment]);
  if (deps.akismet) await keepForAkismet(deps, comment.id, { address, userAgent, referrer }, now);
  // Issue 17: the reader asked for mail. A comment judged spam asks for nothing. A failure here
  // must not fail a stored comment (the reader would retry, and the retry is a replay): logged.
  if (body.notify && deps.readerMail && comment.status !== 'spam') {
    const follow = body.notify === 'thread' ? { kind: 'thread' as const, target: comment.thread } : { kind: 'replies' as const, target: comment.id };
    await askForMail(deps, { email: body.email, follow, keyHash: author, clientHash: hash }).catch((error: unknown) => deps.logger.error(`reader mail for comment ${comment.id} could not be asked for`, error));
  }
  return result(comment, false);
}
