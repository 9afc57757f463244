// The history part in memory (store/history.ts).
import { ECHO_STATUSES, type HistoryPart, type ThreadText } from '../history.ts';
import type { StoredComment } from '../store.ts';
import { open, type MemoryState } from './state.ts';

const textOf = (r: StoredComment): ThreadText => ({ id: r.id, seq: r.seq, status: r.status as ThreadText['status'], email: r.email, text: r.text });

export function memoryHistory(state: MemoryState): HistoryPart {
  const { rows, versions } = state;
  return {
    async recentTexts(thread, perStatus) {
      open(state);
      const out: ThreadText[] = [];
      for (const status of ECHO_STATUSES) {
        out.push(...rows.filter((r) => r.thread === thread && r.status === status).reverse().slice(0, perStatus).map(textOf));
      }
      return { version: versions.get(thread) ?? 0, rows: out };
    },
    async textsSince(thread, afterSeq, limit) {
      open(state);
      const found = rows.filter((r) => r.thread === thread && r.seq > afterSeq && r.status !== 'deleted').slice(0, limit).map(textOf);
      return { version: versions.get(thread) ?? 0, rows: found };
    },
    async hasDuplicate({ thread, email, name, text, exceptId }) {
      open(state);
      const mail = email.toLowerCase();
      return rows.some((r) => r.thread === thread && r.text === text && r.id !== exceptId && (r.email.toLowerCase() === mail || r.name === name));
    },
    async hasPublishedByAuthor(authorKey) {
      open(state);
      return rows.some((r) => r.status === 'published' && r.authorKey === authorKey);
    },
    async countByClient(clientHash, sinceMs) {
      open(state);
      return rows.filter((r) => r.clientHash === clientHash && r.createdAt >= sinceMs).length;
    },
    async countByClientAndAuthor(clientHash, authorKey, sinceMs) {
      open(state);
      return rows.filter((r) => r.clientHash === clientHash && r.authorKey === authorKey && r.createdAt >= sinceMs).length;
    },
  };
}
