// Stored rows → wire shapes. The only place a StoredComment becomes public, so the only place
// that must leave out the email, the client hash and the moderation reasons (DESIGN promise 1).
import type { AdminComment, PublicComment } from '../core/types.ts';
import type { StoredComment } from './store/store.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A comment as the public sees it. `badge` is the owner's label (`--owner-badge`, issue 16 item 4):
 * the owner's comments carry it and every other comment says null, so nobody can get it by what
 * they send.
 */
export function toPublic(row: StoredComment, badge: string): PublicComment {
  const comment: PublicComment = {
    id: row.id,
    thread: row.thread,
    parent: row.parent,
    author: { name: row.name, website: row.website, avatar: row.avatar, badge: row.owner ? badge : null },
    text: row.text,
    format: row.format,
    createdAt: iso(row.createdAt),
    editedAt: row.editedAt === null ? null : iso(row.editedAt),
    votes: { up: row.votesUp, down: row.votesDown },
  };
  if (row.pinnedAt !== null && row.status === 'published') comment.pinned = true;
  if (row.mention && row.source) Object.assign(comment, { kind: 'mention', source: row.source }, row.mention === 'reply' && { inReplyTo: true });
  // A deleted comment stays only as the anchor of its replies: no words, no author.
  if (row.status === 'deleted') return { ...comment, author: { name: '', website: null, avatar: '', badge: null }, text: '', deleted: true };
  return comment;
}

export function toAdmin(row: StoredComment, badge: string): AdminComment {
  const base = row.status === 'deleted' ? { ...toPublic({ ...row, status: 'published', pinnedAt: null }, badge), deleted: true as const } : toPublic(row, badge);
  return { ...base, status: row.status, email: row.email, reasons: row.reasons };
}

/** Cursors are opaque to clients: a base64url'd sequence number, so the encoding can change later. */
export const encodeCursor = (seq: number): string => Buffer.from(`s${seq}`).toString('base64url');

export function decodeCursor(cursor: string | undefined): number | undefined | null {
  if (!cursor) return undefined;
  const match = /^s(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : null;
}
