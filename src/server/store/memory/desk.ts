// The moderation desk's part in memory (store/desk.ts).
import type { DeskPart, ListEntry } from '../desk.ts';
import { open, type MemoryState } from './state.ts';

const byListValue = (a: ListEntry, b: ListEntry) => (a.list < b.list ? -1 : a.list > b.list ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

export function memoryDesk(state: MemoryState): DeskPart {
  const desk = state.desk;
  return {
    async addToken(t) {
      open(state);
      if (desk.tokens.has(t.name) || [...desk.tokens.values()].some((x) => x.hash === t.hash)) return false;
      const { site, ...token } = t;
      desk.tokens.set(t.name, { ...token, ...(site && { site }) });
      return true;
    },
    async tokens() {
      open(state);
      return [...desk.tokens.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map((t) => ({ ...t }));
    },
    async tokenByHash(hash) {
      open(state);
      const found = [...desk.tokens.values()].find((t) => t.hash === hash);
      return found ? { ...found } : null;
    },
    async revokeToken(name) {
      open(state);
      return desk.tokens.delete(name);
    },
    async log(e) {
      open(state);
      const id = ++desk.logSeq;
      desk.log.push({ ...e, ids: [...e.ids], id });
      return id;
    },
    async logEntry(id) {
      open(state);
      const found = desk.log.find((e) => e.id === id);
      return found ? { ...found, ids: [...found.ids] } : null;
    },
    async logEntries({ beforeId, limit }) {
      open(state);
      return desk.log
        .filter((e) => beforeId === undefined || e.id < beforeId)
        .reverse()
        .slice(0, limit)
        .map((e) => ({ ...e, ids: [...e.ids] }));
    },
    async pruneLog(before) {
      open(state);
      const kept = desk.log.filter((e) => e.at >= before);
      const gone = desk.log.length - kept.length;
      desk.log = kept;
      return gone;
    },
    async listEntries(list) {
      open(state);
      return [...desk.lists.values()].filter((e) => !list || e.list === list).sort(byListValue).map((e) => ({ ...e }));
    },
    async putListEntry(e) {
      open(state);
      desk.lists.set(`${e.list} ${e.value}`, { ...e });
    },
    async removeListEntry(list, value) {
      open(state);
      return desk.lists.delete(`${list} ${value}`);
    },
    async setting(name) {
      open(state);
      return desk.settings.get(name) ?? null;
    },
    async setSetting(name, value) {
      open(state);
      desk.settings.set(name, value);
    },
  };
}
