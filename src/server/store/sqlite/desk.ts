// The moderation desk's part on SQLite (store/desk.ts).
import type { DeskPart, ListEntry, ListName, LogEntry, ModeratorToken } from '../desk.ts';
import type { Sqlite } from './db.ts';

interface TokenRow {
  name: string;
  hash: string;
  created_at: number;
  site: string | null;
}
interface LogRow {
  id: number;
  at: number;
  who: string;
  action: string;
  ids: string;
  detail: string | null;
}
interface ListRow {
  list: ListName;
  value: string;
  until: number | null;
  created_at: number;
  note: string | null;
}

export const tokenOf = (r: TokenRow): ModeratorToken => ({ name: r.name, hash: r.hash, createdAt: Number(r.created_at), ...(r.site && { site: r.site }) });
export const logOf = (r: LogRow): LogEntry => ({
  id: Number(r.id),
  at: Number(r.at),
  who: r.who,
  action: r.action,
  ids: typeof r.ids === 'string' ? (JSON.parse(r.ids) as string[]) : r.ids,
  detail: r.detail,
});
export const listOf = (r: ListRow): ListEntry => ({ list: r.list, value: r.value, until: r.until === null ? null : Number(r.until), createdAt: Number(r.created_at), note: r.note });

export function sqliteDesk({ q }: Sqlite): DeskPart {
  return {
    addToken: async (t) => q('tokenAdd').run(t.name, t.hash, t.createdAt, t.site ?? null).changes === 1,
    tokens: async () => q<TokenRow>('tokenAll').all().map(tokenOf),
    tokenByHash: async (hash) => {
      const row = q<TokenRow>('tokenByHash').get(hash);
      return row ? tokenOf(row) : null;
    },
    revokeToken: async (name) => q('tokenRevoke').run(name).changes === 1,
    log: async (e) => q<{ id: number }>('logAdd').get(e.at, e.who, e.action, JSON.stringify(e.ids), e.detail)!.id,
    logEntry: async (id) => {
      const row = q<LogRow>('logGet').get(id);
      return row ? logOf(row) : null;
    },
    logEntries: async ({ beforeId, limit }) => q<LogRow>('logPage').all(beforeId ?? Number.MAX_SAFE_INTEGER, limit).map(logOf),
    pruneLog: async (before) => q('logPrune').run(before).changes,
    listEntries: async (list) => (list ? q<ListRow>('listsOne').all(list) : q<ListRow>('listsAll').all()).map(listOf),
    putListEntry: async (e) => {
      q('listPut').run(e.list, e.value, e.until, e.createdAt, e.note);
    },
    removeListEntry: async (list, value) => q('listRemove').run(list, value).changes === 1,
    setting: async (name) => q<{ value: string }>('deskSettingGet').get(name)?.value ?? null,
    setSetting: async (name, value) => {
      q('deskSettingPut').run(name, value);
    },
  };
}
