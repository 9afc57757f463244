// The comments part on PostgreSQL (store/comments.ts).
import type { Status } from '../../../core/types.ts';
import { pinFirst, pinTime, type CommentsPart } from '../comments.ts';
import { countsOf, fromRow, STATUSES, type CommentRow } from '../rows.ts';
import type { NewStoredComment, PinOutcome } from '../store.ts';
import { tally } from '../votes.ts';
import { PARLEY_LOCK, type Pg, type Run } from './pool.ts';

/** Rows per INSERT of insertMany: 21 arrays of this many values stay far below the protocol's limits. */
const IMPORT_CHUNK = 1000;

/**
 * The votes of the comments insertMany just created (a Parley export's). Rows already under their
 * ids are erased comments' leftovers (erasure removes a comment, not its votes), never theirs.
 */
async function restoreVotes(tx: Run, chunk: readonly NewStoredComment[], createdIds: ReadonlySet<string>): Promise<void> {
  if (!createdIds.size) return;
  await tx('votesClear', [[...createdIds]]);
  const voted = chunk.filter((c) => createdIds.has(c.id) && c.votes?.length);
  if (!voted.length) return;
  const rows = voted.flatMap((c) => c.votes!.map((v) => [c.id, v.voter, v.value, v.at] as const));
  await tx('votesRestore', [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])]);
  const tallies = voted.map((c) => ({ id: c.id, ...tally(c.votes!) }));
  await tx('votesTally', [tallies.map((t) => t.id), tallies.map((t) => t.up), tallies.map((t) => t.down), tallies.map((t) => t.score)]);
}

export function pgComments({ run, transaction, addJobs }: Pg): CommentsPart {
  const one = async (name: 'byId' | 'byKey', value: string) => {
    const row = (await run<CommentRow>(name, [value])).rows[0];
    return row ? fromRow(row) : null;
  };
  return {
    insert: (given, options) =>
      transaction(async (tx) => {
        // One writer per thread at a time, so seq order is commit order within a thread: a reader
        // paging with a seq cursor can never skip a comment that commits after a higher seq did.
        await tx('lockThread', [PARLEY_LOCK, given.thread]);
        // The aliases part takes this lock too, so the alias read here is settled: a post that named
        // OLD while `parley alias OLD NEW` ran goes to NEW (under NEW's lock as well), never strands in OLD.
        const target = (await tx<{ to_thread: string }>('aliasOf', [given.thread])).rows[0]?.to_thread;
        if (target !== undefined) await tx('lockThread', [PARLEY_LOCK, target]);
        const input = target === undefined ? given : { ...given, thread: target };
        const inserted = await tx<CommentRow>('insert', [
          input.id,
          input.thread,
          input.parent,
          input.root,
          input.status,
          input.name,
          input.email,
          input.website,
          input.avatar,
          input.text,
          input.createdAt,
          input.editedAt,
          input.clientHash,
          JSON.stringify(input.reasons),
          input.idempotencyKey,
          input.fingerprint,
          input.format ?? 'plain',
          input.authorKey ?? null,
          input.mention ?? null,
          input.source ?? null,
          input.owner ?? false,
        ]);
        if (!inserted.rows[0]) {
          // The key is taken. Read committed: this statement sees the row that won (its
          // transaction committed before our INSERT stopped waiting on the unique index).
          const existing = await tx<CommentRow>('byKey', [input.idempotencyKey]);
          return { comment: fromRow(existing.rows[0]!), created: false };
        }
        if (input.status === 'published') await tx('bump', [input.thread]);
        const comment = fromRow(inserted.rows[0]);
        if (options?.jobs) await addJobs(tx, options.jobs(comment));
        return { comment, created: true };
      }),
    get: (id) => one('byId', id),
    getByIdempotencyKey: (key) => one('byKey', key),
    update: (id, patch, options) =>
      transaction(async (tx) => {
        const found = (await tx<CommentRow>('byIdForUpdate', [id])).rows[0];
        if (!found) return null;
        const before = fromRow(found);
        const next = { ...before, ...patch };
        const updated = await tx<CommentRow>('update', [next.text, next.status, JSON.stringify(next.reasons), next.editedAt, next.name, next.website, next.mention, id, next.status === 'published' ? before.pinnedAt : null]);
        await tx('bump', [found.thread]);
        const after = fromRow(updated.rows[0]!);
        if (options?.jobs) await addJobs(tx, options.jobs({ before, after }));
        return after;
      }),
    setStatus: (ids, status, options) =>
      transaction(async (tx) => {
        const result = await tx<CommentRow>('setStatus', [status, [...new Set(ids)]]);
        if (options?.jobs) await addJobs(tx, options.jobs(result.rows.map(fromRow)));
        return result.rows.length;
      }),
    insertMany: (input) =>
      transaction(async (tx) => {
        if (!input.length) return { created: 0, existing: 0 };
        await tx('lockThreads', [PARLEY_LOCK, [...new Set(input.map((c) => c.thread))]]);
        let created = 0;
        for (let start = 0; start < input.length; start += IMPORT_CHUNK) {
          const chunk = input.slice(start, start + IMPORT_CHUNK);
          const column = <K extends keyof NewStoredComment>(key: K) => chunk.map((c) => c[key]);
          const result = await tx<{ created: number; ids: string[] }>('importInsert', [
            column('id'),
            column('thread'),
            column('parent'),
            column('root'),
            column('status'),
            column('name'),
            column('email'),
            column('website'),
            column('avatar'),
            column('text'),
            column('createdAt'),
            column('editedAt'),
            column('clientHash'),
            chunk.map((c) => JSON.stringify(c.reasons)),
            column('idempotencyKey'),
            column('fingerprint'),
            chunk.map((c) => c.format ?? 'plain'),
            chunk.map((c) => c.owner ?? false),
            chunk.map((c) => c.pinnedAt ?? null),
            chunk.map((c) => c.mention ?? null),
            chunk.map((c) => c.source ?? null),
          ]);
          created += result.rows[0]!.created;
          await restoreVotes(tx, chunk, new Set(result.rows[0]!.ids));
        }
        return { created, existing: input.length - created };
      }),
    listByStatus: async ({ status, thread, beforeSeq, limit, scope }) => {
      const before = beforeSeq ?? Number.MAX_SAFE_INTEGER;
      const list = thread === undefined ? await run<CommentRow>('byStatus', [status, before, limit, scope ?? null]) : await run<CommentRow>('byThreadStatus', [thread, status, before, limit]);
      return list.rows.map(fromRow);
    },
    search: async ({ status, order, cursor, thread, query, rule, limit, scope }) =>
      (
        await run<CommentRow>(order === 'oldest' ? 'deskOldest' : 'deskNewest', [
          status,
          cursor ?? (order === 'oldest' ? 0 : Number.MAX_SAFE_INTEGER),
          thread ?? null,
          query || null,
          rule ?? null,
          limit,
          scope ?? null,
        ])
      ).rows.map(fromRow),
    statusCounts: async (of) => {
      const scope = of.scope ?? null;
      if ('email' in of) return countsOf((await run<{ status: Status; n: number }>('deskByEmail', [of.email, scope])).rows);
      if ('clientHash' in of) return countsOf((await run<{ status: Status; n: number }>('deskByClient', [of.clientHash, scope])).rows);
      const counts = await Promise.all(STATUSES.map(async (status) => ({ status, n: (await run<{ n: number }>('deskCount', [status, of.cap, scope])).rows[0]!.n })));
      return countsOf(counts);
    },
    pin: (id, { pinned, at, limit }) =>
      transaction(async (tx): Promise<PinOutcome> => {
        const peek = (await tx<CommentRow>('byId', [id])).rows[0];
        if (!peek) return { ok: false, refused: 'not_found' };
        // The thread's lock (as inserts and alias moves take it): two pins of one thread at once
        // count one after the other, so neither makes a fourth.
        await tx('lockThread', [PARLEY_LOCK, peek.thread]);
        const found = (await tx<CommentRow>('byIdForUpdate', [id])).rows[0];
        if (!found) return { ok: false, refused: 'not_found' };
        // Moved by `parley alias` between the two reads: its new thread's lock too.
        if (found.thread !== peek.thread) await tx('lockThread', [PARLEY_LOCK, found.thread]);
        const row = fromRow(found);
        const first = pinFirst(row, pinned);
        if (typeof first === 'object') return first;
        const when = first === 'pin' ? pinTime((await tx<CommentRow>('pinnedOf', [row.thread])).rows.map(fromRow), at, limit) : null;
        if (typeof when === 'object' && when !== null) return when;
        const updated = await tx<CommentRow>('setPinned', [when, id]);
        await tx('bump', [row.thread]);
        return { ok: true, comment: fromRow(updated.rows[0]!), changed: true };
      }),
    listAll: async ({ afterSeq, limit, scope }) => (await run<CommentRow>('listAll', [afterSeq ?? 0, limit, scope ?? null])).rows.map(fromRow),
  };
}
