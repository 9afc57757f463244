// The readers part in memory (store/readers.ts).
import type { ReadersPart } from '../readers.ts';
import { bump, copy, open, type MemoryState } from './state.ts';

export function memoryReaders(state: MemoryState): ReadersPart {
  const { addresses, follows, keys, queued } = state.readers;
  const forget = (email: string) => {
    addresses.delete(email);
    follows.delete(email);
    queued.delete(email);
    for (const [key, bound] of keys) if (bound === email) keys.delete(key);
  };
  return {
    async follow(email, follow, now) {
      open(state);
      if (!addresses.has(email)) addresses.set(email, { createdAt: now, confirmedAt: null });
      const list = follows.get(email) ?? new Map();
      follows.set(email, list);
      const key = `${follow.kind}:${follow.target}`;
      if (!list.has(key)) list.set(key, { kind: follow.kind, target: follow.target, createdAt: now });
      return { confirmed: addresses.get(email)!.confirmedAt !== null };
    },
    async get(email) {
      open(state);
      const address = addresses.get(email);
      if (!address) return null;
      const list = [...(follows.get(email)?.values() ?? [])].sort((a, b) => a.createdAt - b.createdAt);
      return { ...address, follows: list.map((f) => ({ ...f })) };
    },
    async confirm(email, now, keyHash) {
      open(state);
      const address = addresses.get(email);
      if (!address) return false;
      address.confirmedAt ??= now;
      if (keyHash) keys.set(keyHash, email);
      return true;
    },
    async forget(email) {
      open(state);
      forget(email);
    },
    async pruneUnconfirmed(before) {
      open(state);
      const gone = [...addresses].filter(([, a]) => a.confirmedAt === null && a.createdAt < before).map(([email]) => email);
      gone.forEach(forget);
      return gone.length;
    },
    async followers({ parent, thread }) {
      open(state);
      const out: string[] = [];
      for (const [email, list] of follows) {
        if (addresses.get(email)?.confirmedAt == null) continue;
        if ((parent !== null && list.has(`replies:${parent}`)) || list.has(`thread:${thread}`)) out.push(email);
      }
      return out;
    },
    async queue(email, comment) {
      open(state);
      const list = queued.get(email) ?? [];
      if (list.includes(comment)) return false;
      list.push(comment);
      queued.set(email, list);
      return list.length === 1;
    },
    async take(email) {
      open(state);
      const list = queued.get(email) ?? [];
      queued.delete(email);
      return list;
    },
    async boundKeys(keyHash, limit) {
      open(state);
      const email = keys.get(keyHash);
      if (email === undefined || addresses.get(email)?.confirmedAt == null) return [];
      return [...keys].filter(([, bound]) => bound === email).map(([key]) => key).slice(0, limit);
    },
    async commentsOf(email, limit) {
      open(state);
      return state.rows.filter((r) => r.email.toLowerCase() === email).slice(0, limit).map(copy);
    },
    async erase(email, ids) {
      open(state);
      let n = 0;
      for (const id of new Set(ids)) {
        const row = state.byId.get(id);
        if (!row || row.email.toLowerCase() !== email) continue;
        n++;
        bump(state, row.thread);
        if (state.rows.some((r) => r.parent === id)) {
          Object.assign(row, { status: 'deleted', name: '', email: '', website: null, text: '', clientHash: null, authorKey: null, reasons: [], fingerprint: null, pinnedAt: null });
          continue;
        }
        state.rows.splice(state.rows.indexOf(row), 1);
        state.byId.delete(id);
        if (row.idempotencyKey) state.byKey.delete(row.idempotencyKey);
      }
      return n;
    },
  };
}
