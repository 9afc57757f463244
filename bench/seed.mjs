// Threads for the benchmark, written straight into a SQLite file before the server opens it: the
// store's own migrations and INSERT statement, in one transaction (10,000 comments take well under
// a second this way; through the API they would take the whole time budget).
import Database from 'better-sqlite3';
import { importTs } from './lib.mjs';

/** A small deterministic PRNG (mulberry32), so every run measures the same threads. */
export function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// 30 everyday words and 900 made-up ones: sentences drawn from them rarely share five content
// words, so the write benchmark's posts are not each other's echo (as real readers' are not).
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'ta', 'vo', 'sel', 'du', 'pri', 'na'];
const WORDS = [
  ...'the a reader point article fair argument sure think agree wrong though policy summit trade energy history really because which would people still question answer years since whole part'.split(' '),
  ...SYLLABLES.flatMap((a) => SYLLABLES.flatMap((b) => SYLLABLES.map((c) => a + b + c))).slice(0, 900),
];

/** Plain prose of about `words` words, different for each call. */
export function prose(next, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(next() * WORDS.length)]);
  out[0] = out[0][0].toUpperCase() + out[0].slice(1);
  return `${out.join(' ')}.`;
}

/**
 * A thread as rows: `roots` top-level comments, then `replies` replies, each under a random
 * comment of depth < maxDepth (of the root `pick()` chooses). Texts of 15–60 words.
 */
export function thread(id, { roots, replies, maxDepth = 5, pick, seed = 1 }) {
  const next = random(seed);
  const rows = [];
  const trees = [];
  const base = Date.parse('2026-01-01T00:00:00Z');
  const row = (cid, parent, root) => ({
    id: `${id}:${cid}`,
    thread: id,
    parent,
    root,
    status: 'published',
    name: `Reader ${rows.length % 97}`,
    email: `r${rows.length}@example.com`,
    website: null,
    avatar: `a${rows.length % 13}`,
    text: prose(next, 15 + Math.floor(next() * 45)),
    createdAt: base + rows.length * 1000,
    editedAt: null,
    clientHash: null,
    reasons: '[]',
    idempotencyKey: null,
    fingerprint: null,
  });
  for (let i = 0; i < roots; i++) {
    const r = row(`r${i}`, null, `${id}:r${i}`);
    r.root = r.id;
    rows.push(r);
    trees.push([{ id: r.id, depth: 1 }]);
  }
  for (let i = 0; i < replies; i++) {
    const at = pick ? pick(next, i) : Math.floor(next() * roots);
    const tree = trees[at];
    const open = tree.filter((c) => c.depth < maxDepth);
    const parent = open[Math.floor(next() * open.length)];
    const r = row(`c${i}`, parent.id, tree[0].id);
    rows.push(r);
    tree.push({ id: r.id, depth: parent.depth + 1 });
  }
  return rows;
}

/** Create (migrate) the database file and write the threads into it. */
export async function seed(file, threads) {
  const { createSqliteStore } = await importTs('src/server/store/sqlite.ts');
  const { SQLITE_STATEMENTS } = await importTs('src/server/store/sqlite/statements.ts');
  await createSqliteStore({ file }).close();
  const db = new Database(file);
  const insert = db.prepare(SQLITE_STATEMENTS.insert);
  // Columns that later issues added (format, mention, …) default to an old plain comment's values,
  // so the seed keeps working as the statement grows (a reader's comment: not the owner's).
  const base = Object.fromEntries([...SQLITE_STATEMENTS.insert.matchAll(/@(\w+)/g)].map(([, name]) => [name, null]));
  base.format = 'plain';
  base.owner = 0;
  const bump = db.prepare(SQLITE_STATEMENTS.bump);
  db.transaction(() => {
    for (const rows of threads) {
      for (const r of rows) insert.run({ ...base, ...r });
      if (rows.length) bump.run(rows[0].thread);
    }
  })();
  db.close();
}
