// The embedded default store (DESIGN "Scale"): one SQLite file in WAL mode, no set-up.
// better-sqlite3 is synchronous; the Store interface is async so PostgreSQL fits it later.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Status } from '../../core/types.ts';
import { SQLITE_MIGRATIONS } from './migrations.ts';
import { SQLITE_STATEMENTS, type SqliteStatementName } from './sqlite-statements.ts';
import {
  AliasError,
  ECHO_STATUSES,
  windowStart,
  type CommentPatch,
  type NewJob,
  type NewStoredComment,
  type Store,
  type StoredComment,
  type ThreadText,
  type ThreadTexts,
} from './store.ts';
import { fromJobRow, fromRow, jobPayload, type CommentRow, type JobRow } from './rows.ts';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. Its directory is created when missing. */
  file: string;
}

type Row = CommentRow;

/** @example const store = createSqliteStore({ file: './data/parley.db' }); */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  // WAL with synchronous=NORMAL: a committed transaction is in the WAL file before the call
  // returns, so it survives a crash of this process (kill -9), which is DESIGN's promise 2. Only a
  // power loss or OS crash can lose the last commits; FULL would fsync every commit to cover that.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Other instances on the same file (or a backup) may hold the write lock briefly.
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const q = <T = unknown>(name: SqliteStatementName) => {
    const statement = db.prepare(SQLITE_STATEMENTS[name]);
    return {
      get: (...params: unknown[]) => statement.get(...params) as T | undefined,
      all: (...params: unknown[]) => statement.all(...params) as T[],
      run: (...params: unknown[]) => statement.run(...params),
    };
  };
  const byId = q<Row>('byId');
  const byKey = q<Row>('byKey');
  const bumpSql = q('bump');
  const insertSql = q('insert');
  const updateSql = q('update');
  const changeStatus = q('changeStatus');
  const rootsAsc = q<Row>('rootsAsc');
  const rootsDesc = q<Row>('rootsDesc');
  const treeReplies = q<Row>('treeReplies');
  const subtree = q<Row>('subtree');
  const pageReplies = q<Row>('pageReplies');
  const rootsWithReplies = q<{ root: string }>('rootsWithReplies');
  const byStatus = q<Row>('byStatus');
  const byThreadStatus = q<Row>('byThreadStatus');
  const recentTextsSql = q<ThreadText>('recentTexts');
  const textsSinceSql = q<ThreadText>('textsSince');
  const countSql = q<{ n: number }>('count');
  const versionSql = q<{ version: number }>('version');
  const duplicateSql = q('duplicate');
  const publishedByEmail = q('publishedByEmail');
  const byClient = q<{ n: number }>('byClient');
  const hitSql = q<{ count: number }>('hit');
  const pruneSql = q('prune');
  const secretInsert = q('secretInsert');
  const secretGet = q<{ value: string }>('secretGet');
  const articleGet = q<{ text: string; fetched_at: number }>('articleGet');
  const articlePut = q('articlePut');
  const pingSql = q('ping');
  const listAllSql = q<Row>('listAll');
  const insertSkip = q('insertSkip');
  const recentPublished = q<Row>('recentPublished');
  const recentPublishedThread = q<Row>('recentPublishedThread');
  const aliasGet = q<{ to_thread: string }>('aliasGet');
  const aliasPut = q('aliasPut');
  const aliasRepoint = q<{ from_thread: string }>('aliasRepoint');
  const aliasList = q<{ from_thread: string; to_thread: string }>('aliasList');
  const moveThread = q('moveThread');
  const jobInsert = q<{ id: number }>('jobInsert');
  const jobDue = q<{ id: number }>('jobDue');
  const jobLease = q<JobRow>('jobLease');
  const jobDelete = q('jobDelete');
  const jobFail = q('jobFail');
  const jobsByDead = q<JobRow>('jobsByDead');
  const jobsAll = q<JobRow>('jobsAll');
  const job = (r: JobRow) => fromJobRow(r, true);
  /** Inside a write's transaction (the outbox, Store.insert): a job that fails to store undoes the write. */
  const addJobs = (list: readonly NewJob[]) => {
    const at = Date.now();
    return list.map(({ kind, payload, runAt }) => String(jobInsert.get(kind, jobPayload(payload), runAt, at)!.id));
  };
  type Jobs<T> = ((written: T) => readonly NewJob[]) | undefined;

  // In one read transaction, so the version is the one the rows were read at (another process may write).
  const recentTexts = db.transaction((thread: string, perStatus: number): ThreadTexts => {
    const rows = ECHO_STATUSES.flatMap((status) => recentTextsSql.all(thread, status, perStatus));
    return { version: versionSql.get(thread)?.version ?? 0, rows };
  });
  const textsSince = db.transaction((thread: string, afterSeq: number, limit: number): ThreadTexts => {
    const rows = textsSinceSql.all(thread, afterSeq, limit);
    return { version: versionSql.get(thread)?.version ?? 0, rows };
  });

  const insert = db.transaction((given: NewStoredComment, jobs: Jobs<StoredComment>) => {
    const target = aliasGet.get(given.thread)?.to_thread;
    const input = target === undefined ? given : { ...given, thread: target };
    const result = insertSql.run({ ...input, reasons: JSON.stringify(input.reasons) });
    if (result.changes === 0) return { comment: fromRow(byKey.get(input.idempotencyKey)!), created: false };
    if (input.status === 'published') bumpSql.run(input.thread);
    const comment = fromRow(byId.get(input.id)!);
    if (jobs) addJobs(jobs(comment));
    return { comment, created: true };
  });
  const update = db.transaction((id: string, patch: CommentPatch, jobs: Jobs<{ before: StoredComment; after: StoredComment }>) => {
    const row = byId.get(id);
    if (!row) return null;
    const before = fromRow(row);
    const next = { ...before, ...patch };
    updateSql.run(
      next.text,
      next.status,
      JSON.stringify(next.reasons),
      next.editedAt,
      id,
    );
    bumpSql.run(row.thread);
    const after = fromRow(byId.get(id)!);
    if (jobs) addJobs(jobs({ before, after }));
    return after;
  });
  const setStatus = db.transaction((ids: string[], status: Status, jobs: Jobs<StoredComment[]>) => {
    const changed: StoredComment[] = [];
    for (const id of new Set(ids)) {
      const row = byId.get(id);
      if (!row || changeStatus.run(status, id, status).changes === 0) continue;
      bumpSql.run(row.thread);
      changed.push({ ...fromRow(row), status });
    }
    if (jobs) addJobs(jobs(changed));
    return changed.length;
  });
  const hit = db.transaction((key: string, windowSeconds: number, now: number) => {
    const start = windowStart(windowSeconds, now);
    pruneSql.run(key, start);
    return hitSql.get(key, start)!.count;
  });

  // A failing row (a CHECK or NOT NULL) throws out of the transaction, which rolls back every row.
  const insertMany = db.transaction((input: NewStoredComment[]) => {
    const touched = new Set<string>();
    let created = 0;
    for (const c of input) {
      if (insertSkip.run({ ...c, reasons: JSON.stringify(c.reasons) }).changes === 0) continue;
      created++;
      if (c.status === 'published') touched.add(c.thread);
    }
    for (const thread of touched) bumpSql.run(thread);
    return { created, existing: input.length - created };
  });
  const setAlias = db.transaction((from: string, to: string) => {
    if (from === to) throw new AliasError(`A thread cannot be an alias of itself ("${from}").`);
    const target = aliasGet.get(to)?.to_thread;
    if (target !== undefined) throw new AliasError(`"${to}" is itself an alias of "${target}": use "${target}" as the new thread.`);
    const moved = moveThread.run(to, from).changes;
    // Re-pointed aliases read another thread now: bump them so kept resolutions are asked again.
    for (const { from_thread } of aliasRepoint.all(to, from)) bumpSql.run(from_thread);
    aliasPut.run(from, to);
    bumpSql.run(from);
    bumpSql.run(to);
    return { moved };
  });
  const claimJobs = db.transaction((now: number, limit: number, leaseMs: number) =>
    jobDue.all(now, limit).map(({ id }) => job(jobLease.get(now + leaseMs, id)!)),
  );

  // Transactions are IMMEDIATE so two processes on one file serialise their writes instead of
  // failing on a lock upgrade halfway through.
  return {
    insert: async (input, options) => insert.immediate(input, options?.jobs),
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
    listRoots: async (thread, { afterSeq, limit, sort }) =>
      sort === 'newest'
        ? rootsDesc.all(thread, afterSeq ?? Number.MAX_SAFE_INTEGER, limit).map(fromRow)
        : rootsAsc.all(thread, afterSeq ?? 0, limit).map(fromRow),
    listSubtree: async (parent, { afterSeq, limit }) => {
      const row = byId.get(parent);
      if (!row) return [];
      // A top-level comment's subtree is its whole tree: the root index serves it without recursion.
      const list = row.root === row.id ? treeReplies.all(parent, afterSeq ?? 0, limit) : subtree.all(parent, afterSeq ?? 0, limit);
      return list.map(fromRow);
    },
    listReplies: async (roots, { limit }) => {
      if (!roots.length) return { replies: [], truncated: [] };
      const rows = pageReplies.all(JSON.stringify(roots), limit + 1);
      if (rows.length <= limit) return { replies: rows.map(fromRow), truncated: [] };
      // The budget ran out inside the root of the extra row; the roots after it got nothing, so
      // ask which of them have replies at all (a second statement only on such big pages).
      const cut = rows[limit]!.root;
      const later = roots.slice(roots.indexOf(cut) + 1);
      const rest = later.length ? rootsWithReplies.all(JSON.stringify(later)).map((r) => r.root) : [];
      return { replies: rows.slice(0, limit).map(fromRow), truncated: [cut, ...rest] };
    },
    listByStatus: async ({ status, thread, beforeSeq, limit }) => {
      const before = beforeSeq ?? Number.MAX_SAFE_INTEGER;
      const list = thread === undefined ? byStatus.all(status, before, limit) : byThreadStatus.all(thread, status, before, limit);
      return list.map(fromRow);
    },
    countPublished: async (threads) => {
      // No prototype: a thread may be called "__proto__", and {}["__proto__"] = n sets no key.
      const out: Record<string, number> = Object.create(null);
      for (const thread of threads) out[thread] = countSql.get(thread, thread)!.n;
      return out;
    },
    recentTexts: async (thread, perStatus) => recentTexts(thread, perStatus),
    textsSince: async (thread, afterSeq, limit) => textsSince(thread, afterSeq, limit),
    hasDuplicate: async ({ thread, email, name, text, exceptId }) => !!duplicateSql.get(thread, text, text, exceptId ?? '', email, name),
    hasPublishedByEmail: async (email) => !!publishedByEmail.get(email),
    countByClient: async (clientHash, sinceMs) => byClient.get(clientHash, sinceMs)!.n,
    threadVersion: async (thread) => versionSql.get(thread)?.version ?? 0,
    hit: async (key, windowSeconds, now) => hit.immediate(key, windowSeconds, now),
    secret: async (create) => {
      const found = secretGet.get();
      if (found) return found.value;
      // INSERT … DO NOTHING then read: two instances starting at once agree on one secret.
      secretInsert.run(create());
      return secretGet.get()!.value;
    },
    getArticle: async (url) => {
      const row = articleGet.get(url);
      return row ? { text: row.text, fetchedAt: row.fetched_at } : null;
    },
    putArticle: async (url, article) => {
      articlePut.run(url, article.text, article.fetchedAt);
    },
    listAll: async ({ afterSeq, limit }) => listAllSql.all(afterSeq ?? 0, limit).map(fromRow),
    insertMany: async (input) => insertMany.immediate(input),
    listRecentPublished: async ({ thread, limit }) =>
      (thread === undefined ? recentPublished.all(limit) : recentPublishedThread.all(thread, limit)).map(fromRow),
    setAlias: async (from, to) => setAlias.immediate(from, to),
    resolveThreads: async (threads) => {
      const out: Record<string, string> = Object.create(null);
      for (const thread of threads) out[thread] = aliasGet.get(thread)?.to_thread ?? thread;
      return out;
    },
    listAliases: async () => aliasList.all().map((r) => ({ from: r.from_thread, to: r.to_thread })),
    enqueueJob: async (job) => addJobs([job])[0]!,
    claimJobs: async (now, limit, leaseMs) => claimJobs.immediate(now, limit, leaseMs),
    completeJob: async (id) => {
      jobDelete.run(id);
    },
    failJob: async (id, { runAt, error, dead }) => {
      jobFail.run(runAt, error, dead ? 1 : 0, id);
    },
    listJobs: async ({ dead, limit }) => (dead === undefined ? jobsAll.all(limit) : jobsByDead.all(dead ? 1 : 0, limit)).map(job),
    ping: async () => {
      pingSql.get();
    },
    close: async () => {
      if (db.open) db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const apply = db.transaction(() => {
    const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    for (const step of SQLITE_MIGRATIONS) {
      if (done.has(step.version)) continue;
      db.exec(step.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(step.version, Date.now());
    }
  });
  apply.immediate();
}
