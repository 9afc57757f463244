// The comments part in memory (store/comments.ts).
import { inScope } from '../sites.ts';
import type { Status } from '../../../core/types.ts';
import { pinFirst, pinTime, type CommentsPart } from '../comments.ts';
import { countsOf, STATUSES } from '../rows.ts';
import { tally } from '../votes.ts';
import type { StoredComment } from '../store.ts';
import { addJobs, bump, checkRow, copy, open, pinnedOf, prepareJobs, type MemoryState } from './state.ts';

export function memoryComments(state: MemoryState): CommentsPart {
  const { rows, byId, byKey, aliases } = state;
  const pinsOf = (thread: string) => pinnedOf(state, thread);
  return {
    async insert(given, options) {
      open(state);
      // Votes come only through votes.cast (or insertMany's restore): never onto the row.
      const { votes: _votes, ...asked } = given;
      const target = aliases.get(asked.thread);
      const input = target === undefined ? asked : { ...asked, thread: target };
      const existing = input.idempotencyKey ? byKey.get(input.idempotencyKey) : undefined;
      if (existing) return { comment: copy(existing), created: false };
      const row: StoredComment = { ...copy({ ...input, format: input.format ?? 'plain', authorKey: input.authorKey ?? null, mention: input.mention ?? null, source: input.source ?? null, votesUp: 0, votesDown: 0, owner: input.owner ?? false, pinnedAt: null, seq: 0 }), seq: state.seq + 1 };
      // Everything that can fail happens before the first change: all or nothing, as a transaction.
      const queued = prepareJobs(options?.jobs?.(copy(row)) ?? []);
      state.seq = row.seq;
      rows.push(row);
      byId.set(row.id, row);
      if (row.idempotencyKey) byKey.set(row.idempotencyKey, row);
      if (row.status === 'published') bump(state, row.thread);
      addJobs(state, queued);
      return { comment: copy(row), created: true };
    },
    async get(id) {
      open(state);
      const row = byId.get(id);
      return row ? copy(row) : null;
    },
    async getByIdempotencyKey(key) {
      open(state);
      const row = byKey.get(key);
      return row ? copy(row) : null;
    },
    async update(id, patch, options) {
      open(state);
      const row = byId.get(id);
      if (!row) return null;
      const next = copy({ ...row, ...patch });
      if (next.status !== 'published') next.pinnedAt = null;
      const queued = prepareJobs(options?.jobs?.({ before: copy(row), after: copy(next) }) ?? []);
      Object.assign(row, next);
      bump(state, row.thread);
      addJobs(state, queued);
      return copy(row);
    },
    async setStatus(ids, status: Status, options) {
      open(state);
      const changing = [...new Set(ids)].map((id) => byId.get(id)).filter((row): row is StoredComment => row !== undefined && row.status !== status);
      const queued = prepareJobs(options?.jobs?.(changing.map((row) => ({ ...copy(row), status }))) ?? []);
      for (const row of changing) {
        row.status = status;
        if (status !== 'published') row.pinnedAt = null;
        bump(state, row.thread);
      }
      addJobs(state, queued);
      return changing.length;
    },
    async insertMany(input) {
      open(state);
      // Check every row before writing any, so a bad row leaves the store as it was.
      input.forEach(checkRow);
      const ids = new Set<string>();
      const keys = new Set<string>();
      const fresh = input.filter((c) => {
        const known = byId.has(c.id) || ids.has(c.id) || (c.idempotencyKey !== null && (byKey.has(c.idempotencyKey) || keys.has(c.idempotencyKey)));
        ids.add(c.id);
        if (c.idempotencyKey !== null) keys.add(c.idempotencyKey);
        return !known;
      });
      const touched = new Set<string>();
      for (const { votes = [], ...c } of fresh) {
        const { up, down, score } = tally(votes);
        const row: StoredComment = { ...copy({ ...c, format: c.format ?? 'plain', authorKey: c.authorKey ?? null, mention: c.mention ?? null, source: c.source ?? null, votesUp: up, votesDown: down, owner: c.owner ?? false, pinnedAt: c.pinnedAt ?? null, seq: 0 }), seq: ++state.seq };
        // Votes left under this id by an erased comment are not this comment's.
        state.votes.delete(row.id);
        state.scores.delete(row.id);
        if (votes.length) {
          state.votes.set(row.id, new Map(votes.map((v) => [v.voter, { value: v.value, at: v.at }])));
          state.scores.set(row.id, score);
        }
        rows.push(row);
        byId.set(row.id, row);
        if (row.idempotencyKey) byKey.set(row.idempotencyKey, row);
        if (row.status === 'published') touched.add(row.thread);
      }
      touched.forEach((thread) => bump(state, thread));
      return { created: fresh.length, existing: input.length - fresh.length };
    },
    async listByStatus({ status, thread, beforeSeq, limit, scope }) {
      open(state);
      return rows
        .filter((r) => r.status === status && (thread === undefined || r.thread === thread) && (beforeSeq === undefined || r.seq < beforeSeq) && inScope(r.thread, scope))
        .reverse()
        .slice(0, limit)
        .map(copy);
    },
    async search({ status, order, cursor, thread, query, rule, limit, scope }) {
      open(state);
      const hit = (r: StoredComment) =>
        !query || [r.text, r.name, r.email, r.website ?? '', r.thread].some((field) => field.toLowerCase().includes(query));
      const found = rows.filter(
        (r) =>
          r.status === status &&
          (cursor === undefined || (order === 'oldest' ? r.seq > cursor : r.seq < cursor)) &&
          (thread === undefined || r.thread === thread) &&
          inScope(r.thread, scope) &&
          (rule === undefined || r.reasons.some((reason) => reason.rule === rule)) &&
          hit(r),
      );
      return (order === 'oldest' ? found : found.reverse()).slice(0, limit).map(copy);
    },
    async statusCounts(of) {
      open(state);
      const mine = (r: StoredComment) =>
        'email' in of ? r.email.toLowerCase() === of.email.toLowerCase() : 'clientHash' in of ? r.clientHash === of.clientHash : true;
      const counts = countsOf([]);
      for (const r of rows) if (mine(r) && inScope(r.thread, of.scope)) counts[r.status]++;
      if ('cap' in of) for (const status of STATUSES) counts[status] = Math.min(counts[status], of.cap);
      return counts;
    },
    async pin(id, { pinned, at, limit }) {
      open(state);
      const row = byId.get(id);
      if (!row) return { ok: false, refused: 'not_found' };
      const first = pinFirst(copy(row), pinned);
      if (typeof first === 'object') return first;
      const when = first === 'pin' ? pinTime(pinsOf(row.thread).map(copy), at, limit) : null;
      if (typeof when === 'object' && when !== null) return when;
      row.pinnedAt = when;
      bump(state, row.thread);
      return { ok: true, comment: copy(row), changed: true };
    },
    async listAll({ afterSeq, limit, scope }) {
      open(state);
      return rows.filter((r) => r.seq > (afterSeq ?? 0) && inScope(r.thread, scope)).slice(0, limit).map(copy);
    },
  };
}
