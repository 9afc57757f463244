// The comments part on SQLite (store/comments.ts). Transactions are IMMEDIATE so two processes on
// one file serialise their writes instead of failing on a lock upgrade halfway through.
import type { Status } from '../../../core/types.ts';
import { pinFirst, pinTime, type CommentsPart } from '../comments.ts';
import { countsOf, fromRow, STATUSES, type CommentRow } from '../rows.ts';
import type { CommentPatch, NewJob, NewStoredComment, PinOutcome, StoredComment } from '../store.ts';
import { tally } from '../votes.ts';
import type { Sqlite } from './db.ts';

type Jobs<T> = ((written: T) => readonly NewJob[]) | undefined;

export function sqliteComments({ db, q, bump, addJobs }: Sqlite): CommentsPart {
  const byId = q<CommentRow>('byId');
  const byKey = q<CommentRow>('byKey');
  const aliasGet = q<{ to_thread: string }>('aliasGet');

  const insert = db.transaction((given: NewStoredComment, jobs: Jobs<StoredComment>) => {
    const target = aliasGet.get(given.thread)?.to_thread;
    const input = target === undefined ? given : { ...given, thread: target };
    const result = q('insert').run({ ...input, format: input.format ?? 'plain', authorKey: input.authorKey ?? null, mention: input.mention ?? null, source: input.source ?? null, owner: input.owner ? 1 : 0, reasons: JSON.stringify(input.reasons) });
    if (result.changes === 0) return { comment: fromRow(byKey.get(input.idempotencyKey)!), created: false };
    if (input.status === 'published') bump(input.thread);
    const comment = fromRow(byId.get(input.id)!);
    if (jobs) addJobs(jobs(comment));
    return { comment, created: true };
  });
  const update = db.transaction((id: string, patch: CommentPatch, jobs: Jobs<{ before: StoredComment; after: StoredComment }>) => {
    const row = byId.get(id);
    if (!row) return null;
    const before = fromRow(row);
    const next = { ...before, ...patch };
    q('update').run(next.text, next.status, JSON.stringify(next.reasons), next.editedAt, next.name, next.website, next.mention, next.status === 'published' ? before.pinnedAt : null, id);
    bump(row.thread);
    const after = fromRow(byId.get(id)!);
    if (jobs) addJobs(jobs({ before, after }));
    return after;
  });
  const setStatus = db.transaction((ids: string[], status: Status, jobs: Jobs<StoredComment[]>) => {
    const changed: StoredComment[] = [];
    for (const id of new Set(ids)) {
      const row = byId.get(id);
      if (!row || q('changeStatus').run(status, status, id, status).changes === 0) continue;
      bump(row.thread);
      changed.push(fromRow(byId.get(id)!));
    }
    if (jobs) addJobs(jobs(changed));
    return changed.length;
  });
  // A failing row (a CHECK or NOT NULL) throws out of the transaction, which rolls back every row.
  const insertMany = db.transaction((input: NewStoredComment[]) => {
    const touched = new Set<string>();
    let created = 0;
    for (const { votes, ...c } of input) {
      if (q('insertSkip').run({ ...c, format: c.format ?? 'plain', reasons: JSON.stringify(c.reasons), owner: c.owner ? 1 : 0, pinnedAt: c.pinnedAt ?? null, mention: c.mention ?? null, source: c.source ?? null }).changes === 0) continue;
      created++;
      // A created comment's votes (a Parley export's). Rows already under its id are an erased
      // comment's leftovers (erasure removes the comment, not its votes), never this one's.
      q('votesClear').run(c.id);
      if (votes?.length) {
        for (const v of votes) q('voteRestore').run(c.id, v.voter, v.value, v.at);
        const { up, down, score } = tally(votes);
        q('votesTally').run(up, down, score, c.id);
      }
      if (c.status === 'published') touched.add(c.thread);
    }
    for (const thread of touched) bump(thread);
    return { created, existing: input.length - created };
  });

  const pinnedOf = q<CommentRow>('pinnedOf');
  const pin = db.transaction((id: string, { pinned, at, limit }: { pinned: boolean; at: number; limit: number }): PinOutcome => {
    const found = byId.get(id);
    if (!found) return { ok: false, refused: 'not_found' };
    const row = fromRow(found);
    const first = pinFirst(row, pinned);
    if (typeof first === 'object') return first;
    const when = first === 'pin' ? pinTime(pinnedOf.all(row.thread).map(fromRow), at, limit) : null;
    if (typeof when === 'object' && when !== null) return when;
    q('setPinned').run(when, id);
    bump(row.thread);
    return { ok: true, comment: fromRow(byId.get(id)!), changed: true };
  });

  return {
    insert: async (input, options) => insert.immediate(input, options?.jobs),
    pin: async (id, change) => pin.immediate(id, change),
    get: async (id) => {
      const row = byId.get(id);
      return row ? fromRow(row) : null;
    },
    getByIdempotencyKey: async (key) => {
      const row = byKey.get(key);
      return row ? fromRow(row) : null;
    },
    update: async (id, patch, options) => update.immediate(id, patch, options?.jobs),
    setStatus: async (ids, status, options) => setStatus.immediate(ids, status, options?.jobs),
    insertMany: async (input) => insertMany.immediate(input),
    listByStatus: async ({ status, thread, beforeSeq, limit, scope }) => {
      const before = beforeSeq ?? Number.MAX_SAFE_INTEGER;
      const list = thread === undefined ? q<CommentRow>('byStatus').all({ status, before, limit, scope: scope ?? null }) : q<CommentRow>('byThreadStatus').all(thread, status, before, limit);
      return list.map(fromRow);
    },
    search: async ({ status, order, cursor, thread, query, rule, limit, scope }) =>
      q<CommentRow>(order === 'oldest' ? 'deskOldest' : 'deskNewest')
        .all({ status, cursor: cursor ?? (order === 'oldest' ? 0 : Number.MAX_SAFE_INTEGER), thread: thread ?? null, query: query || null, rule: rule ?? null, limit, scope: scope ?? null })
        .map(fromRow),
    statusCounts: async (of) => {
      const scope = of.scope ?? null;
      if ('email' in of) return countsOf(q<{ status: Status; n: number }>('deskByEmail').all({ email: of.email, scope }));
      if ('clientHash' in of) return countsOf(q<{ status: Status; n: number }>('deskByClient').all({ clientHash: of.clientHash, scope }));
      return countsOf(STATUSES.map((status) => ({ status, n: q<{ n: number }>('deskCount').get({ status, cap: of.cap, scope })!.n })));
    },
    listAll: async ({ afterSeq, limit, scope }) => q<CommentRow>('listAll').all({ after: afterSeq ?? 0, limit, scope: scope ?? null }).map(fromRow),
  };
}
