// POST, PATCH and DELETE /api/v1/comments: posting with idempotency and moderation, and the
// author's own edit and delete with the edit token inside the edit window.
import { Hono, type Context } from 'hono';
import { nanoid } from 'nanoid';
import { isIdempotencyKey } from '../../core/checks.ts';
import type { Outcome, Status, Verdict } from '../../core/types.ts';
import { avatarSeed, clientHash, editToken, sameSecret } from '../crypto.ts';
import { ApiError, bearer, readJson } from '../http.ts';
import { moderate, type ModerationContext } from '../moderation/moderate.ts';
import { outboxWrite } from '../notify/outbox.ts';
import type { Deps } from '../deps.ts';
import { toPublic } from '../present.ts';
import { loadArticle, secondsSinceLastPost, threadSources } from './moderation-inputs.ts';
import { resolveThread } from './thread-aliases.ts';
import { bodyFingerprint, editSchema, parseBody, postSchema } from '../schema.ts';
import type { StoredComment } from '../store/store.ts';

const STATUS_OF: Record<Exclude<Verdict, 'reject'>, Status> = { publish: 'published', hold: 'pending', spam: 'spam' };
const outcome = (status: Status): Outcome => (status === 'pending' || status === 'spam' ? 'held' : 'published');
const RANK: Partial<Record<Status, number>> = { published: 0, pending: 1, spam: 2 };

function decide(decision: Awaited<ReturnType<typeof moderate>>): Status {
  if (decision.verdict === 'reject') {
    const found = decision.rejected!;
    throw new ApiError(found.code ?? 'invalid', found.message, undefined, found.headers);
  }
  return STATUS_OF[decision.verdict];
}

export function commentsWriteRoutes(deps: Deps): Hono {
  const { store } = deps;
  const app = new Hono();

  // `editableUntil` (issue 8): the widget shows Edit and Delete for as long as this server's
  // --edit-window allows, not for a window it has to guess.
  const posted = (c: Context, row: StoredComment, secret: string, status: 200 | 201) =>
    c.json(
      {
        comment: toPublic(row),
        status: outcome(row.status),
        editToken: editToken(secret, row.id),
        editableUntil: new Date(row.createdAt + deps.settings.editWindowSeconds * 1000).toISOString(),
      },
      status,
    );

  /** A retry: the same key with the same body gets the same answer; another body is a conflict. */
  const replay = (c: Context, row: StoredComment, print: string, secret: string) => {
    if (row.fingerprint !== print) {
      throw new ApiError('idempotency_conflict', 'This idempotency key was already used for a different comment; start a new draft with a new key.');
    }
    return posted(c, row, secret, 200);
  };

  app.post('/comments', async (c) => {
    const raw = await readJson(c);
    const secret = await deps.secret();
    const print = bodyFingerprint(raw);
    // DESIGN: the key is looked up before any other rule, so a retry never meets a rule (rate
    // limit, duplicate) that its first attempt already passed.
    const key = (raw as { idempotencyKey?: unknown } | null)?.idempotencyKey;
    if (isIdempotencyKey(key)) {
      const existing = await store.comments.getByIdempotencyKey(key);
      if (existing) return replay(c, existing, print, secret);
    }
    const body = parseBody(postSchema, raw);
    // A post to an alias (`parley alias OLD NEW`) is stored in, and checked against, NEW.
    body.thread = await resolveThread(store, body.thread);
    const parent = body.parent ? await store.comments.get(body.parent) : null;
    if (body.parent && (!parent || parent.status !== 'published' || parent.thread !== body.thread)) {
      throw new ApiError('invalid', 'Please correct the marked fields.', { parent: 'The comment you are replying to does not exist in this thread.' });
    }
    const now = deps.now();
    const address = deps.clientAddress(c);
    const hash = clientHash(secret, address);
    const draft = { thread: body.thread, text: body.text, name: body.name, email: body.email, website: body.website, url: body.url, form: body.form };
    // An unknown address is one key for everybody: flood would hold every reader's comments.
    const secondsSince = deps.settings.floodSeconds > 0 && address !== 'unknown' ? await secondsSinceLastPost(store, hash, now, deps.settings.floodSeconds) : null;
    // Only the echo rule calls this, last: a post refused by a cheaper rule fetches and reads
    // nothing. The thread and the article are gathered side by side; the fetch is bounded by its
    // timeout and never throws.
    const echo = async () => {
      const [others, article] = await Promise.all([threadSources(store, body.thread, body.email), loadArticle(deps, c, body.url)]);
      return { ...article, others };
    };
    const decision = await moderate(context(deps, secret, { kind: 'post', draft, clientHash: hash, now, secondsSinceLastPost: secondsSince, echo }), deps.rules);
    if (decision.verdict === 'reject') {
      // A retry racing its own first attempt (two instances, a double submit) meets the duplicate
      // rule once the first has been stored: answer it as the retry it is, not with 409.
      const first = await store.comments.getByIdempotencyKey(body.idempotencyKey);
      if (first) return replay(c, first, print, secret);
    }
    const status = decide(decision);
    const id = nanoid();
    // Webhooks and owner mail are queued in the same transaction as the comment (the outbox), and
    // only when it is created, not on a replay: a comment is never stored without its
    // notifications. If they cannot be queued the insert fails, nothing is stored, the reader gets
    // 503 and retries with the same key. The worker delivers later: the post never waits on it.
    const outbox = outboxWrite(deps, (stored: StoredComment, notify) => notify({ comment: stored, url: body.url }));
    const { comment, created } = await store.comments.insert(
      {
        id,
        thread: body.thread,
        parent: parent?.id ?? null,
        root: parent?.root ?? id,
        status,
        name: body.name,
        email: body.email,
        website: body.website || null,
        avatar: avatarSeed(secret, body.email),
        text: body.text,
        createdAt: now,
        editedAt: null,
        clientHash: hash,
        reasons: decision.reasons,
        idempotencyKey: body.idempotencyKey,
        fingerprint: print,
      },
      outbox.write,
    );
    // Another request with the same key won the race to the unique index: answer as a retry.
    if (!created) return replay(c, comment, print, secret);
    outbox.committed();
    return posted(c, comment, secret, 201);
  });

  /** The author's comment, if the bearer edit token is right and the edit window still open. */
  async function owned(c: Context): Promise<{ row: StoredComment; secret: string }> {
    const row = await store.comments.get(c.req.param('id') ?? '');
    if (!row || row.status === 'deleted') throw new ApiError('not_found', 'That comment does not exist.');
    const secret = await deps.secret();
    if (!sameSecret(bearer(c), editToken(secret, row.id))) {
      throw new ApiError('unauthorized', 'Send the edit token you got when posting, as Authorization: Bearer <token>.', undefined, {
        'WWW-Authenticate': 'Bearer',
      });
    }
    if (deps.now() - row.createdAt > deps.settings.editWindowSeconds * 1000) {
      throw new ApiError('edit_window_closed', 'The time to edit or delete this comment has passed.');
    }
    return { row, secret };
  }

  app.patch('/comments/:id', async (c) => {
    const { row, secret } = await owned(c);
    const { text } = parseBody(editSchema, await readJson(c));
    const now = deps.now();
    const draft = { thread: row.thread, text, name: row.name, email: row.email, website: row.website ?? '' };
    // The page address is not stored with a comment, so an edit is compared with the thread only.
    // TODO(echo): keep the thread's article URL (or the cached article by thread) to check edits against it too.
    const echo = async () => ({ article: null, articleError: 'an edit is checked against the thread only', others: await threadSources(store, row.thread, row.email, row.id) });
    const decision = await moderate(context(deps, secret, { kind: 'edit', draft, commentId: row.id, clientHash: row.clientHash ?? '', now, echo }), deps.rules);
    let status = decide(decision);
    // An edit can make a comment more held, never less: a held or spam comment must not publish
    // itself by being edited.
    if ((RANK[row.status] ?? 0) > (RANK[status] ?? 0)) status = row.status;
    // An edit that makes a comment held (a published one now pending or spam, or pending now spam)
    // tells the owner as a new held comment does, in the same transaction as the edit. The change
    // is judged on the rows the store read inside it, not on `row`, which a moderator may have
    // changed since.
    const outbox = outboxWrite(deps, ({ before, after }: { before: StoredComment; after: StoredComment }, notify) =>
      after.status !== before.status && (after.status === 'pending' || after.status === 'spam') ? notify({ comment: after, cause: 'edited' }) : [],
    );
    const updated = await store.comments.update(row.id, { text, status, reasons: decision.reasons, editedAt: now }, outbox.write);
    if (!updated) throw new ApiError('not_found', 'That comment does not exist.');
    outbox.committed();
    // The PublicComment plus the outcome, as a POST says it (`published` or `held`): the author's
    // widget must know that an edit was held, to show it as awaiting moderation (issue 8).
    return c.json({ ...toPublic(updated), status: outcome(status) });
  });

  app.delete('/comments/:id', async (c) => {
    const { row } = await owned(c);
    await store.comments.update(row.id, { status: 'deleted' });
    return c.body(null, 204);
  });

  return app;
}

type PerRequest = Pick<ModerationContext, 'kind' | 'draft' | 'clientHash' | 'now' | 'commentId' | 'secondsSinceLastPost' | 'echo'>;

function context(deps: Deps, secret: string, part: PerRequest): ModerationContext {
  // Every setting, so a rule reads a new moderation option without a line here (options.ts).
  return { ...deps.settings, ...part, secret, store: deps.store };
}
