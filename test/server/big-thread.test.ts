// Parley issue 5, big threads: a generated 10,000-comment thread (2,000 roots, replies to depth 5)
// loads its first page with one small response, and the paging contract of DESIGN ("limit counts
// roots; a page carries its roots and up to 500 replies; `more` and `replies` page the rest")
// reaches every comment exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits.ts';
import type { ThreadPage } from '../../src/core/types.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import type { NewStoredComment, Store } from '../../src/server/store/store.ts';
import { setup } from '../helpers/app.ts';

const THREAD = '/big';
const ROOTS = 2_000;
const TOTAL = 10_000;
const MAX_DEPTH = 5;

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The thread, in posting order: 2,000 roots, then 8,000 replies, each under a random comment of
 * depth < 5. A fifth of the replies go to a few "hot" roots, among them roots 0, 3 and 20 of the
 * first page, so its 500-reply budget runs out and `more` cursors are handed out.
 */
function generate(): NewStoredComment[] {
  const next = random(5);
  const rows: NewStoredComment[] = [];
  const trees: { id: string; depth: number }[][] = [];
  const base = Date.parse('2026-01-01T00:00:00Z');
  const row = (id: string, parent: string | null, root: string): NewStoredComment => ({
    id,
    thread: THREAD,
    parent,
    root,
    status: 'published',
    name: `Reader ${rows.length % 97}`,
    email: `r${rows.length}@example.com`,
    website: null,
    avatar: `a${rows.length % 13}`,
    text: `Comment ${id}: a sentence or two of an ordinary length, as readers write them.`,
    createdAt: base + rows.length * 1000,
    editedAt: null,
    clientHash: null,
    reasons: [],
    idempotencyKey: null,
    fingerprint: null,
  });
  for (let i = 0; i < ROOTS; i++) {
    rows.push(row(`r${i}`, null, `r${i}`));
    trees.push([{ id: `r${i}`, depth: 1 }]);
  }
  const hot = [0, 3, 20, 77, 500, 1999];
  for (let i = 0; rows.length < TOTAL; i++) {
    const root = next() < 0.2 ? hot[Math.floor(next() * hot.length)]! : Math.floor(next() * ROOTS);
    const tree = trees[root]!;
    const open = tree.filter((c) => c.depth < MAX_DEPTH);
    const parent = open[Math.floor(next() * open.length)]!;
    const id = `c${i}`;
    rows.push(row(id, parent.id, `r${root}`));
    tree.push({ id, depth: parent.depth + 1 });
  }
  return rows;
}

const dir = mkdtempSync(join(tmpdir(), 'parley-big-'));
let store: Store;
let app: ReturnType<typeof setup>['app'];
const generated = generate();

beforeAll(async () => {
  store = createSqliteStore({ file: join(dir, 'big.db') });
  // Through the store, so the rows are exactly what the API would have written.
  for (const comment of generated) await store.comments.insert(comment);
  ({ app } = setup({ store }));
}, 120_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(query: string): Promise<{ page: ThreadPage; bytes: number }> {
  const res = await app.request(`/api/v1/comments?thread=${encodeURIComponent(THREAD)}${query}`);
  expect(res.status, query).toBe(200);
  const text = await res.text();
  return { page: JSON.parse(text) as ThreadPage, bytes: Buffer.byteLength(text) };
}

describe('a 10,000-comment thread', () => {
  it('was generated as asked: 2,000 roots, replies down to depth 5', () => {
    expect(generated).toHaveLength(TOTAL);
    expect(generated.filter((c) => c.parent === null)).toHaveLength(ROOTS);
    const depth = new Map<string, number>();
    for (const c of generated) depth.set(c.id, c.parent ? depth.get(c.parent)! + 1 : 1);
    expect(Math.max(...depth.values())).toBe(MAX_DEPTH);
  });

  it('loads its first page in one small response: at most 50 roots and 500 replies', async () => {
    const { page, bytes } = await get('');
    const roots = page.comments.filter((c) => c.parent === null);
    expect(roots).toHaveLength(LIMITS.pageDefault);
    expect(page.comments.length - roots.length).toBeLessThanOrEqual(LIMITS.repliesPerPage);
    expect(page.thread.count).toBe(TOTAL);
    expect(page.nextCursor).not.toBeNull();
    // The hot roots on this page overrun the budget, so some subtrees continue through `more`.
    expect(Object.keys(page.more ?? {}).length).toBeGreaterThan(0);
    // 550 comments of about 250 bytes each; a page that carried whole subtrees would be far larger.
    expect(bytes).toBeLessThan(200 * 1024);
  });

  it('reaches every comment exactly once through nextCursor, more and replies pages, parents first', async () => {
    const seen = new Map<string, number>();
    let requests = 0;
    const take = (page: ThreadPage) => {
      requests++;
      for (const c of page.comments) {
        seen.set(c.id, (seen.get(c.id) ?? 0) + 1);
        if (c.parent !== null) expect(seen.has(c.parent), `${c.id} came before its parent ${c.parent}`).toBe(true);
      }
    };
    const subtree = async (root: string, first: string) => {
      for (let cursor: string | null = first; cursor; ) {
        const { page } = await get(`&parent=${root}&cursor=${cursor}`);
        take(page);
        expect(page.comments.length).toBeLessThanOrEqual(LIMITS.repliesPerPage);
        cursor = page.nextCursor;
      }
    };
    for (let cursor: string | null = ''; cursor !== null; ) {
      const { page } = await get(cursor ? `&cursor=${cursor}` : '');
      take(page);
      expect(page.comments.filter((c) => c.parent === null).length).toBeLessThanOrEqual(LIMITS.pageDefault);
      for (const [root, more] of Object.entries(page.more ?? {})) await subtree(root, more);
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(TOTAL);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(seen.keys())).toEqual(new Set(generated.map((c) => c.id)));
    // 40 pages of roots, plus one request for each tree a page's 500-reply budget left unfinished
    // (the hot trees, and the roots after them on the same page): pages are full, not trickles.
    expect(requests).toBeLessThan(100);
  }, 60_000);
});
