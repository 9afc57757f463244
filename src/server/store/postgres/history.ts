// The history part on PostgreSQL (store/history.ts).
import type { HistoryPart, ThreadText, ThreadTexts } from '../history.ts';
import type { Pg } from './pool.ts';

type TextRow = { version: number } & { [K in keyof ThreadText]: ThreadText[K] | null };
const threadTexts = (rows: TextRow[]): ThreadTexts => ({
  version: rows[0]?.version ?? 0,
  rows: rows.filter((r) => r.id !== null).map((r) => ({ id: r.id!, seq: r.seq!, status: r.status!, email: r.email!, text: r.text! })),
});

export function pgHistory({ run }: Pg): HistoryPart {
  return {
    recentTexts: async (thread, perStatus) => threadTexts((await run<TextRow>('recentTexts', [thread, perStatus])).rows),
    textsSince: async (thread, afterSeq, limit) => threadTexts((await run<TextRow>('textsSince', [thread, afterSeq, limit])).rows),
    hasDuplicate: async ({ thread, email, name, text, exceptId }) => (await run('duplicate', [thread, text, exceptId ?? '', email, name])).rowCount! > 0,
    hasPublishedByAuthor: async (authorKey) => (await run('publishedByAuthor', [authorKey])).rowCount! > 0,
    countByClient: async (clientHash, sinceMs) => (await run<{ n: number }>('byClient', [clientHash, sinceMs])).rows[0]!.n,
    countByClientAndAuthor: async (clientHash, authorKey, sinceMs) => (await run<{ n: number }>('byClientAuthor', [clientHash, authorKey, sinceMs])).rows[0]!.n,
  };
}
