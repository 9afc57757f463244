// The history part on SQLite (store/history.ts).
import { ECHO_STATUSES, type HistoryPart, type ThreadText, type ThreadTexts } from '../history.ts';
import type { Sqlite } from './db.ts';

export function sqliteHistory({ db, q }: Sqlite): HistoryPart {
  const version = q<{ version: number }>('version');
  // In one read transaction, so the version is the one the rows were read at (another process may write).
  const recentTexts = db.transaction((thread: string, perStatus: number): ThreadTexts => {
    const rows = ECHO_STATUSES.flatMap((status) => q<ThreadText>('recentTexts').all(thread, status, perStatus));
    return { version: version.get(thread)?.version ?? 0, rows };
  });
  const textsSince = db.transaction((thread: string, afterSeq: number, limit: number): ThreadTexts => {
    const rows = q<ThreadText>('textsSince').all(thread, afterSeq, limit);
    return { version: version.get(thread)?.version ?? 0, rows };
  });
  return {
    recentTexts: async (thread, perStatus) => recentTexts(thread, perStatus),
    textsSince: async (thread, afterSeq, limit) => textsSince(thread, afterSeq, limit),
    hasDuplicate: async ({ thread, email, name, text, exceptId }) => !!q('duplicate').get(thread, text, text, exceptId ?? '', email, name),
    hasPublishedByAuthor: async (authorKey) => !!q('publishedByAuthor').get(authorKey),
    countByClient: async (clientHash, sinceMs) => q<{ n: number }>('byClient').get(clientHash, sinceMs)!.n,
    countByClientAndAuthor: async (clientHash, authorKey, sinceMs) => q<{ n: number }>('byClientAuthor').get(clientHash, authorKey, sinceMs)!.n,
  };
}
