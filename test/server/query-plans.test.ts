// Parley issue 5: every query the API makes is backed by an index. SQLite's EXPLAIN QUERY PLAN
// names each table access: `SEARCH t USING INDEX …` is an index lookup, `SCAN t` reads the whole
// table. Every statement the SQLite store prepares (sqlite/statements.ts) is explained here, on the
// migrated schema, and a SCAN of a real table without an index fails the test.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_STATEMENTS } from '../../src/server/store/sqlite/statements.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-plans-'));
let db: Database.Database;

beforeAll(async () => {
  const file = join(dir, 'plans.db');
  // The store runs the migrations; the plans are then read on the same schema.
  await createSqliteStore({ file }).close();
  db = new Database(file, { readonly: true });
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** EXPLAIN QUERY PLAN's lines for a statement. */
function plan(sql: string): string[] {
  // better-sqlite3 wants every parameter bound; NULLs do, since the plan does not depend on values.
  const named = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!);
  const params = named.length ? [Object.fromEntries(named.map((n) => [n, null]))] : Array.from(sql.matchAll(/\?/g), () => null);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
}

/** The names a statement defines itself (CTEs), which are not tables to be indexed. */
function cteNames(sql: string): Set<string> {
  return new Set([...sql.matchAll(/(?:WITH(?:\s+RECURSIVE)?|,)\s+(\w+)\s*\([^)]*\)\s+AS\s*\(/gi)].map((m) => m[1]!.toLowerCase()));
}

/**
 * Plan lines that read a whole table. Allowed: a SCAN through an index (`USING INDEX`,
 * `USING COVERING INDEX`), of a virtual table (json_each over the page's root ids: the list we
 * passed in, not stored rows), of a CTE the statement builds itself (the recursive subtree walk's
 * `sub`, whose rows come from SEARCHes) and of a constant row.
 */
function fullScans(sql: string): string[] {
  const ctes = cteNames(sql);
  return plan(sql).filter((detail) => {
      // A rowid range with nothing else is a scan of the table's tail in disguise (every comment
      // after a cursor, across all threads).
      if (/^SEARCH \w+ USING INTEGER PRIMARY KEY \(rowid[<>]/.test(detail)) return true;
      const scan = /^SCAN (\w+)/.exec(detail);
      if (!scan) return false;
      if (/USING (COVERING )?INDEX|VIRTUAL TABLE|CONSTANT ROW/.test(detail)) return false;
      return !ctes.has(scan[1]!.toLowerCase());
    });
}

describe('query plans of the SQLite store', () => {
  it('spots a full table scan, so the check could fail', () => {
    expect(fullScans('SELECT * FROM comments WHERE text = ?')).toEqual(['SCAN comments']);
    expect(fullScans('SELECT * FROM comments c WHERE c.name = ?')).toEqual(['SCAN c']);
    expect(fullScans('SELECT * FROM comments c WHERE c.seq > ? AND c.name = ?')).toEqual(['SEARCH c USING INTEGER PRIMARY KEY (rowid>?)']);
  });

  it('knows a CTE from a table', () => {
    expect([...cteNames(SQLITE_STATEMENTS.subtree)]).toEqual(['sub']);
  });

  // "Backed by an index" is not enough for the read path: comments_status (status=?) is an index
  // too, yet reads every published comment of every thread. The statements behind GET
  // /api/v1/comments must enter through the index that narrows to one thread or tree.
  const entry: Partial<Record<keyof typeof SQLITE_STATEMENTS, RegExp>> = {
    rootsAsc: /^SEARCH c USING INDEX comments_thread_roots \(thread=\? AND parent=\? AND seq>\?\)/,
    rootsDesc: /^SEARCH c USING INDEX comments_thread_roots \(thread=\? AND parent=\? AND seq<\?\)/,
    treeReplies: /^SEARCH c USING INDEX comments_root \(root=\? AND seq>\?\)/,
    pageReplies: /^SEARCH c USING INDEX comments_root \(root=\?\)/,
    rootsWithReplies: /^SEARCH c EXISTS USING INDEX comments_root \(root=\?\)/,
    subtree: /^SEARCH c USING INDEX sqlite_autoindex_comments_1 \(id=\?/,
    count: /^SEARCH comments USING COVERING INDEX comments_thread_status\w* \(thread=\? AND status=\?\)/,
    version: /^SEARCH thread_versions USING PRIMARY KEY \(thread=\?\)/,
    byThreadStatus: /^SEARCH comments USING INDEX comments_thread_status_seq \(thread=\? AND status=\? AND seq<\?\)/,
    recentTexts: /^SEARCH comments USING INDEX comments_thread_status_seq \(thread=\? AND status=\?\)/,
    textsSince: /^SEARCH comments USING INDEX comments_thread_status_seq \(thread=\? AND status=\? AND seq>\?\)/,
    duplicate: /^SEARCH comments USING INDEX comments_thread_text \(thread=\? AND <expr>=\?\)/,
    recentPublishedThread: /^SEARCH comments USING INDEX comments_thread_published_created \(thread=\?\)$/,
    jobDue: /^SEARCH jobs USING (COVERING )?INDEX jobs_due \(dead=\? AND run_at<\?\)$/,
  };
  for (const [name, pattern] of Object.entries(entry)) {
    it(`${name} reaches comments through the narrowest index`, () => {
      const lines = plan(SQLITE_STATEMENTS[name as keyof typeof SQLITE_STATEMENTS]);
      expect(lines.find((line) => pattern.test(line)), lines.join('\n')).toBeDefined();
    });
  }

  // Statements that read a whole table by design (issue 8): the export pages through every comment,
  // `parley alias --list` prints every alias, the outbox listing shows every job. They must still
  // walk the table in its key order and stop at the LIMIT: no sort of the whole table first.
  const WHOLE_TABLE: Partial<Record<keyof typeof SQLITE_STATEMENTS, RegExp>> = {
    listAll: /^SEARCH comments USING INTEGER PRIMARY KEY \(rowid>\?\)$/,
    aliasList: /^SCAN thread_aliases$/,
    jobsAll: /^SCAN jobs$/,
    // The site-wide feed: published comments only (a partial index), newest first, stopping at 50.
    recentPublished: /^SCAN comments USING INDEX comments_published_created$/,
    // The article cache is kept to a few hundred rows (comments/moderation-inputs.ts): the admin
    // page's list of failed fetches reads all of them. (Pruning walks the articles_fetched index.)
    articlePrefix: /SCAN articles/,
    // The desk (issue 21): every moderator token (a handful), the action log newest first from a
    // cursor (kept 90 days), and every moderation list entry (the owner's words, domains and bans).
    tokenAll: /^SCAN moderator_tokens$/,
    logPage: /^SEARCH moderator_log USING INTEGER PRIMARY KEY \(rowid<\?\)$/,
    listsAll: /^SCAN moderation_lists$/,
  };
  for (const [name, pattern] of Object.entries(WHOLE_TABLE)) {
    it(`${name} reads a whole table in key order, without sorting it`, () => {
      expect(plan(SQLITE_STATEMENTS[name as keyof typeof SQLITE_STATEMENTS])).toEqual([expect.stringMatching(pattern)]);
    });
  }

  for (const [name, sql] of Object.entries(SQLITE_STATEMENTS)) {
    if (name in WHOLE_TABLE) continue;
    it(`${name} reads through an index`, () => {
      expect(fullScans(sql), `${name}:\n${sql}`).toEqual([]);
    });
  }
});
