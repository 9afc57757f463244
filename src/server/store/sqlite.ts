// The embedded default store (DESIGN "Scale"): one SQLite file in WAL mode, no set-up.
// better-sqlite3 is synchronous; the Store interface is async so PostgreSQL fits it later.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Reason, Status } from '../../core/types.ts';
import { SQLITE_MIGRATIONS } from './migrations.ts';
import { windowStart, type CommentPatch, type NewStoredComment, type Store, type StoredComment } from './store.ts';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. Its directory is created when missing. */
  file: string;
}

interface Row {
  seq: number;
  id: string;
  thread: string;
  parent: string | null;
  root: string;
  status: Status;
  name: string;
  email: string;
  website: string | null;
  avatar: string;
  text: string;
  created_at: number;
  edited_at: number | null;
  client_hash: string | null;
  reasons: string;
  idempotency_key: string | null;
  fingerprint: string | null;
}

const fromRow = (r: Row): StoredComment => ({
  id: r.id,
  seq: r.seq,
  thread: r.thread,
  parent: r.parent,
  root: r.root,
  status: r.status,
  name: r.name,
  email: r.email,
  website: r.website,
  avatar: r.avatar,
  text: r.text,
  createdAt: r.created_at,
  editedAt: r.edited_at,
  clientHash: r.client_hash,
  reasons: JSON.parse(r.reasons) as Reason[],
  idempotencyKey: r.idempotency_key,
  fingerprint: r.fingerprint,
});

// A deleted comment is public only while a published comment sits somewhere below it. The
// recursive walk runs only for deleted rows (rare), over the parent index.
const VISIBLE = `(c.status = 'published' OR (c.status = 'deleted' AND EXISTS (
  WITH RECURSIVE sub(id) AS (
    SELECT d.id FROM comments d WHERE d.parent = c.id
    UNION ALL SELECT x.id FROM comments x JOIN sub ON x.parent = sub.id)
  SELECT 1 FROM sub JOIN comments y ON y.id = sub.id WHERE y.status = 'published')))`;

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

  const q = <T = unknown>(sql: string) => {
    const statement = db.prepare(sql);
    return {
      get: (...params: unknown[]) => statement.get(...params) as T | undefined,
      all: (...params: unknown[]) => statement.all(...params) as T[],
      run: (...params: unknown[]) => statement.run(...params),
    };
  };
  const byId = q<Row>('SELECT * FROM comments WHERE id = ?');
  const byKey = q<Row>('SELECT * FROM comments WHERE idempotency_key = ?');
  const bumpSql = q(`INSERT INTO thread_versions (thread, version) VALUES (?, 1)
    ON CONFLICT (thread) DO UPDATE SET version = version + 1`);
  const insertSql = q(`INSERT INTO comments (id, thread, parent, root, status, name, email, website, avatar, text,
      created_at, edited_at, client_hash, reasons, idempotency_key, fingerprint)
    VALUES (@id, @thread, @parent, @root, @status, @name, @email, @website, @avatar, @text,
      @createdAt, @editedAt, @clientHash, @reasons, @idempotencyKey, @fingerprint)
    ON CONFLICT (idempotency_key) DO NOTHING`);
  const rootsAsc = q<Row>(`SELECT * FROM comments c WHERE thread = ? AND parent IS NULL AND seq > ? AND ${VISIBLE} ORDER BY seq LIMIT ?`);
  const rootsDesc = q<Row>(`SELECT * FROM comments c WHERE thread = ? AND parent IS NULL AND seq < ? AND ${VISIBLE} ORDER BY seq DESC LIMIT ?`);
  const treeReplies = q<Row>(`SELECT * FROM comments c WHERE root = ? AND parent IS NOT NULL AND seq > ? AND ${VISIBLE} ORDER BY seq LIMIT ?`);
  const subtree = q<Row>(`WITH RECURSIVE sub(id) AS (
      SELECT id FROM comments WHERE parent = ? UNION ALL SELECT x.id FROM comments x JOIN sub ON x.parent = sub.id)
    SELECT c.* FROM comments c JOIN sub ON c.id = sub.id WHERE c.seq > ? AND ${VISIBLE} ORDER BY c.seq LIMIT ?`);
  const countSql = q<{ n: number }>(`SELECT count(*) AS n FROM comments WHERE thread = ? AND status = 'published'`);
  const versionSql = q<{ version: number }>('SELECT version FROM thread_versions WHERE thread = ?');
  const duplicateSql = q(`SELECT 1 FROM comments WHERE thread = ? AND text = ? AND id != ?
    AND (lower(email) = lower(?) OR name = ?) LIMIT 1`);
  const publishedByEmail = q(`SELECT 1 FROM comments WHERE lower(email) = lower(?) AND status = 'published' LIMIT 1`);
  const byClient = q<{ n: number }>('SELECT count(*) AS n FROM comments WHERE client_hash = ? AND created_at >= ?');
  const hitSql = q<{ count: number }>(`INSERT INTO counters (key, window_start, count) VALUES (?, ?, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`);
  // Older windows of the same key are dead weight; dropping them on each hit keeps the table small.
  const pruneSql = q('DELETE FROM counters WHERE key = ? AND window_start < ?');
  const secretInsert = q(`INSERT INTO settings (name, value) VALUES ('secret', ?) ON CONFLICT (name) DO NOTHING`);
  const secretGet = q<{ value: string }>(`SELECT value FROM settings WHERE name = 'secret'`);
  const articleGet = q<{ text: string; fetched_at: number }>('SELECT text, fetched_at FROM articles WHERE url = ?');
  const articlePut = q(`INSERT INTO articles (url, text, fetched_at) VALUES (?, ?, ?)
    ON CONFLICT (url) DO UPDATE SET text = excluded.text, fetched_at = excluded.fetched_at`);

  const insert = db.transaction((input: NewStoredComment) => {
    const result = insertSql.run({ ...input, reasons: JSON.stringify(input.reasons) });
    if (result.changes === 0) return { comment: fromRow(byKey.get(input.idempotencyKey)!), created: false };
    if (input.status === 'published') bumpSql.run(input.thread);
    return { comment: fromRow(byId.get(input.id)!), created: true };
  });
  const update = db.transaction((id: string, patch: CommentPatch) => {
    const row = byId.get(id);
    if (!row) return null;
    const next = { ...fromRow(row), ...patch };
    db.prepare('UPDATE comments SET text = ?, status = ?, reasons = ?, edited_at = ? WHERE id = ?').run(
      next.text,
      next.status,
      JSON.stringify(next.reasons),
      next.editedAt,
      id,
    );
    bumpSql.run(row.thread);
    return fromRow(byId.get(id)!);
  });
  const setStatus = db.transaction((ids: string[], status: Status) => {
    let changed = 0;
    const change = db.prepare('UPDATE comments SET status = ? WHERE id = ? AND status != ?');
    for (const id of new Set(ids)) {
      const row = byId.get(id);
      if (!row || change.run(status, id, status).changes === 0) continue;
      bumpSql.run(row.thread);
      changed++;
    }
    return changed;
  });
  const hit = db.transaction((key: string, windowSeconds: number, now: number) => {
    const start = windowStart(windowSeconds, now);
    pruneSql.run(key, start);
    return hitSql.get(key, start)!.count;
  });

  // Transactions are IMMEDIATE so two processes on one file serialise their writes instead of
  // failing on a lock upgrade halfway through.
  return {
    insert: async (input) => insert.immediate(input),
    get: async (id) => {
      const row = byId.get(id);
      return row ? fromRow(row) : null;
    },
    getByIdempotencyKey: async (key) => {
      const row = byKey.get(key);
      return row ? fromRow(row) : null;
    },
    update: async (id, patch) => update.immediate(id, patch),
    setStatus: async (ids, status) => setStatus.immediate(ids, status),
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
    listByStatus: async ({ status, thread, beforeSeq, limit }) => {
      const before = beforeSeq ?? Number.MAX_SAFE_INTEGER;
      const list =
        thread === undefined
          ? db.prepare('SELECT * FROM comments WHERE status = ? AND seq < ? ORDER BY seq DESC LIMIT ?').all(status, before, limit)
          : db.prepare('SELECT * FROM comments WHERE thread = ? AND status = ? AND seq < ? ORDER BY seq DESC LIMIT ?').all(thread, status, before, limit);
      return (list as Row[]).map(fromRow);
    },
    countPublished: async (threads) => {
      const out: Record<string, number> = {};
      for (const thread of threads) out[thread] = countSql.get(thread)!.n;
      return out;
    },
    hasDuplicate: async ({ thread, email, name, text, exceptId }) => !!duplicateSql.get(thread, text, exceptId ?? '', email, name),
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
    ping: async () => {
      db.prepare('SELECT 1').get();
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
