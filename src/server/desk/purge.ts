// Housekeeping (issue 21 item 5): spam and deleted comments are erased --purge-after-days after they
// were posted (DESIGN "stored status": erasure blanks name, email, website, text and client hash and
// keeps a tombstone only where replies hang; the readers part's erase does exactly that, as for a
// reader's own request). The store keeps no time of a status change, so the age is the comment's.
// Run at start and every hour by main.ts; each run reads the two queues oldest first and stops at the
// first comment young enough to keep.
import type { Logger } from '../deps.ts';
import type { Status } from '../../core/types.ts';
import type { Store, StoredComment } from '../store/store.ts';

const PAGE = 200;

/** A tombstone left by an earlier erasure: nothing of it is left to erase. */
const erased = (row: StoredComment) => row.name === '' && row.email === '' && row.text === '';

/** Erases what is due now; resolves with how many comments were erased. */
export async function purgeOld(store: Store, days: number, now: number): Promise<number> {
  if (days <= 0) return 0;
  const before = now - days * 86_400_000;
  let count = 0;
  for (const status of ['spam', 'deleted'] as Status[]) {
    let cursor: number | undefined;
    for (;;) {
      const rows = await store.comments.search({ status, order: 'oldest', cursor, limit: PAGE });
      const due = rows.filter((row) => row.createdAt < before && !erased(row));
      for (const row of due) count += await store.readers.erase(row.email.toLowerCase(), [row.id]);
      // Posting order and age agree but for imported comments: a page holding a young comment is the last.
      if (rows.length < PAGE || rows.some((row) => row.createdAt >= before)) break;
      cursor = rows.at(-1)!.seq;
    }
  }
  return count;
}

/** Purges now and every hour; returns the stop function, which waits for a run under way. */
export function startCommentPurge({ store, days, now = Date.now, logger }: { store: Store; days: number; now?: () => number; logger: Logger }): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const purge = () => {
    running = purgeOld(store, days, now()).then(
      (n) => n > 0 && logger.info(`Erased ${n} spam or deleted comment${n === 1 ? '' : 's'} older than ${days} days (--purge-after-days).`),
      (error: unknown) => logger.error('old spam and deleted comments could not be erased', error),
    );
  };
  if (days <= 0) return async () => {};
  purge();
  const timer = setInterval(purge, 60 * 60 * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
