// The moderation desk's part on PostgreSQL (store/desk.ts), as SQLite's.
import type { DeskPart } from '../desk.ts';
import { listOf, logOf, tokenOf } from '../sqlite/desk.ts';
import { pgText, type Pg } from './pool.ts';

type Row = Parameters<typeof tokenOf>[0] & Parameters<typeof logOf>[0] & Parameters<typeof listOf>[0];

export function pgDesk({ run }: Pg): DeskPart {
  return {
    addToken: async (t) => (await run('tokenAdd', [t.name, t.hash, t.createdAt, t.site ?? null])).rowCount === 1,
    tokens: async () => (await run<Row>('tokenAll')).rows.map(tokenOf),
    tokenByHash: async (hash) => {
      const row = (await run<Row>('tokenByHash', [hash])).rows[0];
      return row ? tokenOf(row) : null;
    },
    revokeToken: async (name) => (await run('tokenRevoke', [name])).rowCount === 1,
    log: async (e) => Number((await run<{ id: number }>('logAdd', [e.at, e.who, e.action, JSON.stringify(e.ids), e.detail === null ? null : pgText(e.detail)])).rows[0]!.id),
    logEntry: async (id) => {
      const row = (await run<Row>('logGet', [id])).rows[0];
      return row ? logOf(row) : null;
    },
    logEntries: async ({ beforeId, limit }) => (await run<Row>('logPage', [beforeId ?? Number.MAX_SAFE_INTEGER, limit])).rows.map(logOf),
    pruneLog: async (before) => (await run('logPrune', [before])).rowCount ?? 0,
    listEntries: async (list) => (await (list ? run<Row>('listsOne', [list]) : run<Row>('listsAll'))).rows.map(listOf),
    putListEntry: async (e) => {
      await run('listPut', [e.list, pgText(e.value), e.until, e.createdAt, e.note === null ? null : pgText(e.note)]);
    },
    removeListEntry: async (list, value) => (await run('listRemove', [list, value])).rowCount === 1,
    setting: async (name) => (await run<{ value: string }>('deskSettingGet', [name])).rows[0]?.value ?? null,
    setSetting: async (name, value) => {
      await run('deskSettingPut', [name, value]);
    },
  };
}
