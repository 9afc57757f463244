// The readers part on PostgreSQL (store/readers.ts).
import type { ReadersPart } from '../readers.ts';
import { fromRow, type CommentRow } from '../rows.ts';
import { PARLEY_LOCK, type Pg, type Run } from './pool.ts';

export function pgReaders({ run, transaction }: Pg): ReadersPart {
  const forget = async (tx: Run, email: string) => {
    for (const name of ['readerForgetFollows', 'readerForgetKeys', 'readerForgetQueue', 'readerForgetAddress'] as const) await tx(name, [email]);
  };
  // One writer per address for the queue: the count after the insert must see every other
  // transaction's insert or none (read committed alone would let two both count 2 and schedule nothing).
  const lockAddress = (tx: Run, email: string) => tx('lockThread', [PARLEY_LOCK, `reader:${email}`]);
  return {
    follow: (email, { kind, target }, now) =>
      transaction(async (tx) => {
        await tx('readerAdd', [email, now]);
        await tx('readerFollow', [email, kind, target, now]);
        return { confirmed: (await tx<{ confirmed_at: number | null }>('readerGet', [email])).rows[0]!.confirmed_at !== null };
      }),
    get: async (email) => {
      const address = (await run<{ created_at: number; confirmed_at: number | null }>('readerGet', [email])).rows[0];
      if (!address) return null;
      const follows = (await run<{ kind: 'replies' | 'thread'; target: string; created_at: number }>('readerFollows', [email])).rows;
      return { createdAt: address.created_at, confirmedAt: address.confirmed_at, follows: follows.map((f) => ({ kind: f.kind, target: f.target, createdAt: f.created_at })) };
    },
    confirm: (email, now, keyHash) =>
      transaction(async (tx) => {
        if ((await tx('readerConfirm', [email, now])).rowCount === 0) return false;
        if (keyHash) await tx('readerBind', [keyHash, email]);
        return true;
      }),
    forget: (email) => transaction((tx) => forget(tx, email)),
    pruneUnconfirmed: (before) =>
      transaction(async (tx) => {
        const stale = (await tx<{ email: string }>('readerStale', [before])).rows;
        for (const { email } of stale) await forget(tx, email);
        return stale.length;
      }),
    followers: async ({ parent, thread }) => (await run<{ email: string }>('readerFollowers', [parent ?? '', thread])).rows.map((r) => r.email),
    queue: (email, comment, now) =>
      transaction(async (tx) => {
        await lockAddress(tx, email);
        if ((await tx('readerQueue', [email, comment, now])).rowCount !== 1) return false;
        return (await tx<{ n: number }>('readerQueued', [email])).rows[0]!.n === 1;
      }),
    take: (email) =>
      transaction(async (tx) => {
        await lockAddress(tx, email);
        const rows = (await tx<{ comment: string; queued_at: number }>('readerTake', [email])).rows;
        return rows.sort((a, b) => a.queued_at - b.queued_at).map((r) => r.comment);
      }),
    boundKeys: async (keyHash, limit) => {
      const bound = (await run<{ email: string }>('readerKeyAddress', [keyHash])).rows[0];
      return bound ? (await run<{ key_hash: string }>('readerKeys', [bound.email, limit])).rows.map((r) => r.key_hash) : [];
    },
    commentsOf: async (email, limit) => (await run<CommentRow>('readerComments', [email, limit])).rows.map(fromRow),
    erase: (email, ids) =>
      transaction(async (tx) => {
        let n = 0;
        for (const id of [...new Set(ids)].sort()) {
          const row = (await tx<CommentRow>('byIdForUpdate', [id])).rows[0];
          if (!row || row.email.toLowerCase() !== email) continue;
          n++;
          await tx((await tx('readerHasReply', [id])).rowCount ? 'readerTombstone' : 'readerRemove', [id]);
          await tx('bump', [row.thread]);
        }
        return n;
      }),
  };
}
