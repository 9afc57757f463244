// The site owner's voice on the desk (issue 16 item 4): a moderator posts as the site owner (a
// reply, or a new top-level comment on a thread), published at once and shown with the owner's
// badge, and pins up to PIN_LIMIT top-level comments a thread. Only these use cases (behind the
// admin token) make an owner's comment or a pin: the public post has no way to ask for either.
import { nanoid } from 'nanoid';
import { checkText, isIdempotencyKey } from '../../core/checks.ts';
import { problemMessage } from '../../core/strings.ts';
import type { Format } from '../../core/types.ts';
import { onPosted } from '../comments/notifications.ts';
import { resolveThread } from '../comments/thread-aliases.ts';
import { authorAvatar, fingerprint } from '../crypto.ts';
import type { UseCaseDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { announcePublished } from '../live/announce.ts';
import { requireThread } from '../reads.ts';
import { PIN_LIMIT, type StoredComment } from '../store/store.ts';
import { logAction, MODERATOR_RULE } from './log.ts';
import { describe, type DeskComment } from './search.ts';

/** The key of the owner's avatar seed: one look for every comment the owner posts. */
const OWNER_AVATAR_KEY = 'site-owner';

/** Idempotency keys of the desk's posts live apart from readers' (one unique index holds both). */
const KEY_PREFIX = 'owner:';

/**
 * Whose name the owner's comments carry: `--owner-name`, else the moderator's token name (`admin`
 * for `--admin-token`), so a site without --owner-name still says who wrote it.
 */
export const ownerNameOf = (deps: Pick<UseCaseDeps, 'settings'>, who: string): string => deps.settings.ownerName?.trim() || who;

/** GET /api/v1/admin/me: who is signed in, and how their owner's comments will look. */
export function deskMe(deps: Pick<UseCaseDeps, 'settings'>, who: string) {
  return { moderator: who, owner: { name: ownerNameOf(deps, who), badge: deps.settings.ownerBadge, nameSet: !!deps.settings.ownerName?.trim() } };
}

interface OwnerBody {
  thread?: unknown;
  parent?: unknown;
  text?: unknown;
  format?: unknown;
  idempotencyKey?: unknown;
}

/**
 * POST /api/v1/admin/comments `{ thread, parent?, text, format?, idempotencyKey? }`: the owner's
 * comment, published at once (no rule judges the owner), told to live streams, webhooks and the
 * readers who follow the thread or the comment it answers. A closed thread takes it too: closing
 * stops readers, not the owner. The same `idempotencyKey` again answers the comment it made.
 */
export async function postAsOwner(deps: UseCaseDeps, who: string, raw: unknown): Promise<{ comment: DeskComment; created: boolean }> {
  const body = (raw && typeof raw === 'object' ? raw : {}) as OwnerBody;
  const asked = requireThread(typeof body.thread === 'string' ? body.thread : undefined);
  const text = typeof body.text === 'string' ? body.text.trim() : '';
  const problem = checkText(text);
  if (problem) throw new ApiError('invalid', 'Please correct the marked fields.', { text: problemMessage('text', problem) });
  const format: Format = body.format === undefined ? 'markdown' : body.format === 'plain' || body.format === 'markdown' ? body.format : invalidFormat();
  if (body.parent !== undefined && body.parent !== null && typeof body.parent !== 'string') throw new ApiError('invalid', 'Please correct the marked fields.', { parent: 'Give the id of the comment to reply to.' });
  if (body.idempotencyKey !== undefined && !isIdempotencyKey(body.idempotencyKey)) {
    throw new ApiError('invalid', 'Please correct the marked fields.', { idempotencyKey: 'Use 1–128 printable ASCII characters.' });
  }
  const key = typeof body.idempotencyKey === 'string' ? KEY_PREFIX + body.idempotencyKey : null;
  const print = fingerprint([asked, body.parent ?? null, text, format]);
  const again = async (row: StoredComment) => {
    if (!row.owner || row.fingerprint !== print) throw new ApiError('idempotency_conflict', 'This idempotency key was already used for a different comment; start a new one.');
    return { comment: (await describe(deps, [row]))[0]!, created: false };
  };
  if (key) {
    const existing = await deps.store.comments.getByIdempotencyKey(key);
    if (existing) return again(existing);
  }

  const thread = await resolveThread(deps.store, asked);
  const parent = typeof body.parent === 'string' && body.parent ? await deps.store.comments.get(body.parent) : null;
  if (typeof body.parent === 'string' && body.parent && (!parent || parent.thread !== thread || parent.status !== 'published')) {
    const why = parent && parent.thread === thread ? `That comment is ${parent.status}; approve it before replying to it.` : 'The comment you are replying to does not exist in this thread.';
    throw new ApiError('invalid', 'Please correct the marked fields.', { parent: why });
  }

  const id = nanoid();
  const outbox = onPosted(deps, undefined);
  const { comment, created } = await deps.store.comments.insert(
    {
      id,
      thread,
      parent: parent?.id ?? null,
      root: parent?.root ?? id,
      status: 'published',
      name: ownerNameOf(deps, who),
      // The owner's comments carry no address: the desk's history and readers' mail have nothing to match.
      email: '',
      website: null,
      avatar: authorAvatar(await deps.secret(), OWNER_AVATAR_KEY),
      text,
      format,
      createdAt: deps.now(),
      editedAt: null,
      clientHash: null,
      reasons: [{ rule: MODERATOR_RULE, verdict: 'publish', message: `posted as the site owner by ${who}` }],
      idempotencyKey: key,
      fingerprint: print,
      owner: true,
    },
    outbox.write,
  );
  if (!created) return again(comment);
  outbox.committed();
  await announcePublished(deps, [comment]);
  await logAction(deps, { who, action: 'reply', ids: [comment.id], detail: null });
  return { comment: (await describe(deps, [comment]))[0]!, created: true };
}

function invalidFormat(): never {
  throw new ApiError('invalid', 'Please correct the marked fields.', { format: 'Use markdown or plain.' });
}

/**
 * POST /api/v1/admin/comments/:id/pin `{ pinned: boolean }`: pins a published top-level comment
 * (at most PIN_LIMIT a thread: `409 pin_limit` past it) or unpins it. Pinning what is pinned, or
 * unpinning what is not, changes nothing and says so (`changed: false`).
 */
export async function pinAsOwner(deps: UseCaseDeps, who: string, id: string, raw: unknown): Promise<{ comment: DeskComment; changed: boolean }> {
  const pinned = (raw as { pinned?: unknown } | null)?.pinned;
  if (typeof pinned !== 'boolean') throw new ApiError('invalid', 'Say whether the comment is pinned: pinned: true or false.', { pinned: 'Use true or false.' });
  const outcome = await deps.store.comments.pin(id, { pinned, at: deps.now(), limit: PIN_LIMIT });
  if (!outcome.ok) {
    switch (outcome.refused) {
      case 'not_found':
        throw new ApiError('not_found', 'There is no comment with that id.');
      case 'reply':
        throw new ApiError('invalid', 'Only top-level comments can be pinned; this one is a reply.', { pinned: 'Pin the comment it answers instead.' });
      case 'not_published': {
        const row = await deps.store.comments.get(id);
        throw new ApiError('invalid', `Only published comments can be pinned; this one is ${row?.status ?? 'not published'}.`, { pinned: 'Approve it first.' });
      }
      case 'limit': {
        const names = outcome.pinned.map((r) => r.name || 'a deleted comment').join(', ');
        throw new ApiError('pin_limit', `A thread can have at most ${PIN_LIMIT} pinned comments, and this one has ${outcome.pinned.length} (by ${names}); unpin one first.`);
      }
    }
  }
  if (outcome.changed) await logAction(deps, { who, action: pinned ? 'pin' : 'unpin', ids: [id], detail: null });
  return { comment: (await describe(deps, [outcome.comment]))[0]!, changed: outcome.changed };
}
