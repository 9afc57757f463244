// The readers part on SQLite (store/readers.ts).
import type { ReadersPart } from '../readers.ts';
import { fromRow, type CommentRow } from '../rows.ts';
import type { Sqlite } from './db.ts';

export function sqliteReaders({ db, q, bump }: Sqlite): ReadersPart {
  const forget = (email: string) => {
    for (const name of ['readerForgetFollows', 'readerForgetKeys', 'readerForgetQueue', 'readerForgetAddress'] as const) q(name).run(email);
  };
  const follow = db.transaction((email: string, kind: string, target: string, now: number) => {
    q('readerAdd').run(email, now);
    q('readerFollow').run(email, kind, target, now);
    return { confirmed: q<{ confirmed_at: number | null }>('readerGet').get(email)!.confirmed_at !== null };
  });
  const confirm = db.transaction((email: string, now: number, keyHash: string | null) => {
    if (q('readerConfirm').run(now, email).changes === 0) return false;
    if (keyHash) q('readerBind').run(keyHash, email);
    return true;
  });
  const prune = db.transaction((before: number) => {
    const stale = q<{ email: string }>('readerStale').all(before);
    for (const { email } of stale) forget(email);
    return stale.length;
  });
  // The count after the insert, in the same IMMEDIATE transaction: 1 means this comment opened the batch.
  const queue = db.transaction((email: string, comment: string, now: number) =>
    q('readerQueue').run(email, comment, now).changes === 1 && q<{ n: number }>('readerQueued').get(email)!.n === 1,
  );
  const erase = db.transaction((email: string, ids: readonly string[]) => {
    let n = 0;
    for (const id of new Set(ids)) {
      const row = q<CommentRow>('byId').get(id);
      if (!row || row.email.toLowerCase() !== email) continue;
      n++;
      q(q('readerHasReply').get(id) ? 'readerTombstone' : 'readerRemove').run(id);
      bump(row.thread);
    }
    return n;
  });
  return {
    follow: async (email, { kind, target }, now) => follow.immediate(email, kind, target, now),
    get: async (email) => {
      const address = q<{ created_at: number; confirmed_at: number | null }>('readerGet').get(email);
      if (!address) return null;
      const follows = q<{ kind: 'replies' | 'thread'; target: string; created_at: number }>('readerFollows').all(email);
      return { createdAt: address.created_at, confirmedAt: address.confirmed_at, follows: follows.map((f) => ({ kind: f.kind, target: f.target, createdAt: f.created_at })) };
    },
    confirm: async (email, now, keyHash) => confirm.immediate(email, now, keyHash),
    forget: async (email) => db.transaction(forget).immediate(email),
    pruneUnconfirmed: async (before) => prune.immediate(before),
    followers: async ({ parent, thread }) => q<{ email: string }>('readerFollowers').all(parent ?? '', thread).map((r) => r.email),
    queue: async (email, comment, now) => queue.immediate(email, comment, now),
    take: async (email) =>
      q<{ comment: string; queued_at: number }>('readerTake')
        .all(email)
        .sort((a, b) => a.queued_at - b.queued_at)
        .map((r) => r.comment),
    boundKeys: async (keyHash, limit) => {
      const bound = q<{ email: string }>('readerKeyAddress').get(keyHash);
      return bound ? q<{ key_hash: string }>('readerKeys').all(bound.email, limit).map((r) => r.key_hash) : [];
    },
    commentsOf: async (email, limit) => q<CommentRow>('readerComments').all(email, limit).map(fromRow),
    erase: async (email, ids) => erase.immediate(email, ids),
  };
}
