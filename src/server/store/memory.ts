// The Store in plain arrays: for tests and demos, and the executable picture of the contract the
// SQLite and PostgreSQL stores must match. One process only, by nature.
import type { Status } from '../../core/types.ts';
import { jobPayload } from './rows.ts';
import { AliasError, ECHO_STATUSES, windowStart, type CachedArticle, type Job, type NewJob, type NewStoredComment, type Store, type StoredComment, type ThreadText } from './store.ts';

const STATUSES: readonly Status[] = ['published', 'pending', 'spam', 'deleted'];
const REQUIRED = ['id', 'thread', 'root', 'name', 'email', 'avatar', 'text', 'createdAt'] as const;

/** What the SQL stores' NOT NULL and CHECK constraints refuse, refused here too (insertMany is all or nothing). */
function checkRow(row: NewStoredComment): void {
  for (const field of REQUIRED) if (row[field] === null || row[field] === undefined) throw new Error(`Comment ${row.id}: ${field} is required.`);
  if (!STATUSES.includes(row.status)) throw new Error(`Comment ${row.id}: unknown status "${row.status}".`);
}

/**
 * A write's jobs, checked and serialised before anything is written (what the SQL stores' NOT NULL
 * columns and JSON encoding refuse, refused here too), so a bad job leaves the write undone.
 */
function prepareJobs(list: readonly NewJob[]): { kind: string; payload: string; runAt: number }[] {
  return list.map(({ kind, payload, runAt }) => {
    if (typeof kind !== 'string') throw new TypeError('A job needs a kind.');
    if (typeof runAt !== 'number' || !Number.isFinite(runAt)) throw new TypeError(`Job "${kind}": runAt must be a time in milliseconds.`);
    return { kind, payload: jobPayload(payload), runAt };
  });
}

const textOf = (r: StoredComment): ThreadText => ({ id: r.id, seq: r.seq, status: r.status as ThreadText['status'], email: r.email, text: r.text });

/** @example const app = createApp({ store: createMemoryStore(), origins: [], moderation: 'publish', editWindowSeconds: 900 }); */
export function createMemoryStore(): Store {
  const rows: StoredComment[] = [];
  const byId = new Map<string, StoredComment>();
  const byKey = new Map<string, StoredComment>();
  const versions = new Map<string, number>();
  const counters = new Map<string, { start: number; count: number }>();
  const articles = new Map<string, CachedArticle>();
  const aliases = new Map<string, string>();
  const jobs = new Map<string, Job>();
  let secret: string | undefined;
  let seq = 0;
  let jobSeq = 0;
  let closed = false;

  const copy = (row: StoredComment): StoredComment => ({ ...row, reasons: row.reasons.map((r) => ({ ...r })) });
  // Payloads go through JSON as they do in the SQL stores, so a caller sees the same values.
  const copyJob = (job: Job): Job => ({ ...job, payload: JSON.parse(JSON.stringify(job.payload ?? null)) });
  const addJobs = (queued: ReturnType<typeof prepareJobs>): string[] =>
    queued.map(({ kind, payload, runAt }) => {
      const id = String(++jobSeq);
      // Parsed back from JSON as the SQL stores do, so a caller sees the same values.
      jobs.set(id, { id, kind, payload: JSON.parse(payload), attempts: 0, runAt, lastError: null, dead: false, createdAt: Date.now() });
      return id;
    });
  const bump = (thread: string) => versions.set(thread, (versions.get(thread) ?? 0) + 1);
  const open = () => {
    if (closed) throw new Error('The store is closed.');
  };
  const below = (id: string) => rows.filter((r) => r.parent === id);
  const hasPublishedBelow = (id: string): boolean => below(id).some((r) => r.status === 'published' || hasPublishedBelow(r.id));
  const visible = (row: StoredComment) => row.status === 'published' || (row.status === 'deleted' && hasPublishedBelow(row.id));
  const inSubtree = (row: StoredComment, ancestor: string): boolean => {
    for (let p = row.parent; p; p = byId.get(p)?.parent ?? null) if (p === ancestor) return true;
    return false;
  };

  return {
    async insert(given: NewStoredComment, options) {
      open();
      const target = aliases.get(given.thread);
      const input = target === undefined ? given : { ...given, thread: target };
      const existing = input.idempotencyKey ? byKey.get(input.idempotencyKey) : undefined;
      if (existing) return { comment: copy(existing), created: false };
      const row: StoredComment = { ...copy({ ...input, seq: 0 }), seq: seq + 1 };
      // Everything that can fail happens before the first change: all or nothing, as a transaction.
      const queued = prepareJobs(options?.jobs?.(copy(row)) ?? []);
      seq = row.seq;
      rows.push(row);
      byId.set(row.id, row);
      if (row.idempotencyKey) byKey.set(row.idempotencyKey, row);
      if (row.status === 'published') bump(row.thread);
      addJobs(queued);
      return { comment: copy(row), created: true };
    },
    async get(id) {
      open();
      const row = byId.get(id);
      return row ? copy(row) : null;
    },
    async getByIdempotencyKey(key) {
      open();
      const row = byKey.get(key);
      return row ? copy(row) : null;
    },
    async update(id, patch, options) {
      open();
      const row = byId.get(id);
      if (!row) return null;
      const next = copy({ ...row, ...patch });
      const queued = prepareJobs(options?.jobs?.({ before: copy(row), after: copy(next) }) ?? []);
      Object.assign(row, next);
      bump(row.thread);
      addJobs(queued);
      return copy(row);
    },
    async setStatus(ids, status: Status, options) {
      open();
      const changing = [...new Set(ids)].map((id) => byId.get(id)).filter((row): row is StoredComment => row !== undefined && row.status !== status);
      const queued = prepareJobs(options?.jobs?.(changing.map((row) => ({ ...copy(row), status }))) ?? []);
      for (const row of changing) {
        row.status = status;
        bump(row.thread);
      }
      addJobs(queued);
      return changing.length;
    },
    async listRoots(thread, { afterSeq, limit, sort }) {
      open();
      let list = rows.filter((r) => r.thread === thread && !r.parent && visible(r));
      if (sort === 'newest') list = list.reverse();
      if (afterSeq !== undefined) list = list.filter((r) => (sort === 'newest' ? r.seq < afterSeq : r.seq > afterSeq));
      return list.slice(0, limit).map(copy);
    },
    async listSubtree(parent, { afterSeq, limit }) {
      open();
      return rows
        .filter((r) => r.seq > (afterSeq ?? 0) && inSubtree(r, parent) && visible(r))
        .slice(0, limit)
        .map(copy);
    },
    async listReplies(roots, { limit }) {
      open();
      const replies: StoredComment[] = [];
      const truncated: string[] = [];
      for (const root of roots) {
        const tree = rows.filter((r) => r.root === root && r.parent !== null && visible(r));
        const room = limit - replies.length;
        replies.push(...tree.slice(0, room).map(copy));
        if (tree.length > room) truncated.push(root);
      }
      return { replies, truncated };
    },
    async listByStatus({ status, thread, beforeSeq, limit }) {
      open();
      return rows
        .filter((r) => r.status === status && (thread === undefined || r.thread === thread) && (beforeSeq === undefined || r.seq < beforeSeq))
        .reverse()
        .slice(0, limit)
        .map(copy);
    },
    async countPublished(threads) {
      open();
      // No prototype: a thread may be called "__proto__", and {}["__proto__"] = n sets no key.
      const out: Record<string, number> = Object.create(null);
      for (const asked of threads) {
        const thread = aliases.get(asked) ?? asked;
        out[asked] = rows.filter((r) => r.thread === thread && r.status === 'published').length;
      }
      return out;
    },
    async recentTexts(thread, perStatus) {
      open();
      const out: ThreadText[] = [];
      for (const status of ECHO_STATUSES) {
        out.push(...rows.filter((r) => r.thread === thread && r.status === status).reverse().slice(0, perStatus).map(textOf));
      }
      return { version: versions.get(thread) ?? 0, rows: out };
    },
    async textsSince(thread, afterSeq, limit) {
      open();
      const found = rows.filter((r) => r.thread === thread && r.seq > afterSeq && r.status !== 'deleted').slice(0, limit).map(textOf);
      return { version: versions.get(thread) ?? 0, rows: found };
    },
    async hasDuplicate({ thread, email, name, text, exceptId }) {
      open();
      const mail = email.toLowerCase();
      return rows.some((r) => r.thread === thread && r.text === text && r.id !== exceptId && (r.email.toLowerCase() === mail || r.name === name));
    },
    async hasPublishedByEmail(email) {
      open();
      const mail = email.toLowerCase();
      return rows.some((r) => r.status === 'published' && r.email.toLowerCase() === mail);
    },
    async countByClient(clientHash, sinceMs) {
      open();
      return rows.filter((r) => r.clientHash === clientHash && r.createdAt >= sinceMs).length;
    },
    async threadVersion(thread) {
      open();
      return versions.get(thread) ?? 0;
    },
    async hit(key, windowSeconds, now) {
      open();
      const start = windowStart(windowSeconds, now);
      const entry = counters.get(key);
      const next = entry && entry.start === start ? { start, count: entry.count + 1 } : { start, count: 1 };
      counters.set(key, next);
      return next.count;
    },
    async secret(create) {
      open();
      secret ??= create();
      return secret;
    },
    async getArticle(url) {
      open();
      const found = articles.get(url);
      return found ? { ...found } : null;
    },
    async putArticle(url, article) {
      open();
      articles.set(url, { ...article });
    },
    async listAll({ afterSeq, limit }) {
      open();
      return rows.filter((r) => r.seq > (afterSeq ?? 0)).slice(0, limit).map(copy);
    },
    async insertMany(input) {
      open();
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
      for (const c of fresh) {
        const row: StoredComment = { ...copy({ ...c, seq: 0 }), seq: ++seq };
        rows.push(row);
        byId.set(row.id, row);
        if (row.idempotencyKey) byKey.set(row.idempotencyKey, row);
        if (row.status === 'published') touched.add(row.thread);
      }
      touched.forEach(bump);
      return { created: fresh.length, existing: input.length - fresh.length };
    },
    async listRecentPublished({ thread, limit }) {
      open();
      return rows
        .filter((r) => r.status === 'published' && (thread === undefined || r.thread === thread))
        .sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq)
        .slice(0, limit)
        .map(copy);
    },
    async setAlias(from, to) {
      open();
      if (from === to) throw new AliasError(`A thread cannot be an alias of itself ("${from}").`);
      const target = aliases.get(to);
      if (target !== undefined) throw new AliasError(`"${to}" is itself an alias of "${target}": use "${target}" as the new thread.`);
      let moved = 0;
      for (const row of rows) {
        if (row.thread !== from) continue;
        row.thread = to;
        moved++;
      }
      // A re-pointed alias now reads another thread: its version moves too, so a reader that keeps
      // a resolution per (thread, version) asks again (routes/thread-aliases.ts).
      for (const [alias, points] of aliases) {
        if (points !== from) continue;
        aliases.set(alias, to);
        bump(alias);
      }
      aliases.set(from, to);
      bump(from);
      bump(to);
      return { moved };
    },
    async resolveThreads(threads) {
      open();
      const out: Record<string, string> = Object.create(null);
      for (const thread of threads) out[thread] = aliases.get(thread) ?? thread;
      return out;
    },
    async listAliases() {
      open();
      return [...aliases].map(([from, to]) => ({ from, to })).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    },
    async enqueueJob(job) {
      open();
      return addJobs(prepareJobs([job]))[0]!;
    },
    async claimJobs(now, limit, leaseMs) {
      open();
      const due = [...jobs.values()]
        .filter((j) => !j.dead && j.runAt <= now)
        .sort((a, b) => a.runAt - b.runAt || Number(a.id) - Number(b.id))
        .slice(0, limit);
      for (const job of due) {
        job.attempts++;
        job.runAt = now + leaseMs;
      }
      return due.map(copyJob);
    },
    async completeJob(id) {
      open();
      jobs.delete(id);
    },
    async failJob(id, { runAt, error, dead }) {
      open();
      const job = jobs.get(id);
      if (job) Object.assign(job, { runAt, lastError: error, dead });
    },
    async listJobs({ dead, limit }) {
      open();
      return [...jobs.values()].filter((j) => dead === undefined || j.dead === dead).slice(0, limit).map(copyJob);
    },
    async ping() {
      open();
    },
    async close() {
      closed = true;
    },
  };
}
