// Every stored comment, in the order exports write them: by thread, then tree order (a parent
// before its replies), siblings oldest first with the id breaking ties. Not by `seq`: a store
// that imported the file numbers its rows differently, and its export must still be the same file.
import type { Store, StoredComment, StoredVote } from '../store/store.ts';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byTime = (a: StoredComment, b: StoredComment) => a.createdAt - b.createdAt || compare(a.id, b.id);

/** All comments of the store through `listAll` paging, `pageSize` rows a round trip. */
export async function readAllComments(store: Store, pageSize = 1000): Promise<StoredComment[]> {
  const rows: StoredComment[] = [];
  for (let afterSeq = 0; ; ) {
    const page = await store.comments.listAll({ afterSeq, limit: pageSize });
    rows.push(...page);
    if (page.length < pageSize) return rows;
    afterSeq = page.at(-1)!.seq;
  }
}

/**
 * The votes of `rows` by comment id, `pageSize` comments a round trip. Only comments whose counts
 * say they have votes are asked: most have none.
 */
export async function readVotes(store: Store, rows: readonly StoredComment[], pageSize = 500): Promise<Map<string, StoredVote[]>> {
  const voted = rows.filter((r) => r.votesUp + r.votesDown > 0).map((r) => r.id);
  const votes = new Map<string, StoredVote[]>();
  for (let i = 0; i < voted.length; i += pageSize) {
    for (const [id, list] of await store.votes.listOf(voted.slice(i, i + pageSize))) votes.set(id, list);
  }
  return votes;
}

/** What a Parley JSON export holds (json.ts writes it). */
export interface JsonExport {
  /** Every comment, in export order. */
  rows: StoredComment[];
  /** Their votes by comment id; a comment without votes is not in it. */
  votes: Map<string, StoredVote[]>;
  aliases: { from: string; to: string }[];
}

/** Everything a Parley JSON export writes, read from the store (`pageSize` comments a round trip). */
export async function readJsonExport(store: Store, pageSize = 1000): Promise<JsonExport> {
  const rows = exportOrder(await readAllComments(store, pageSize));
  return { rows, votes: await readVotes(store, rows), aliases: await store.aliases.list() };
}

/** Threads in code-unit order (the same on every machine, unlike localeCompare), each as a tree walk. */
export function exportOrder(rows: readonly StoredComment[]): StoredComment[] {
  const ids = new Set(rows.map((r) => r.id));
  const replies = new Map<string, StoredComment[]>();
  const threads = new Map<string, StoredComment[]>();
  for (const row of rows) {
    // A reply whose parent is not stored (never expected) is written as a top-level comment rather than lost.
    if (row.parent !== null && ids.has(row.parent)) replies.set(row.parent, [...(replies.get(row.parent) ?? []), row]);
    else threads.set(row.thread, [...(threads.get(row.thread) ?? []), row]);
  }
  const out: StoredComment[] = [];
  const seen = new Set<string>();
  for (const thread of [...threads.keys()].sort(compare)) {
    const stack = [...threads.get(thread)!].sort(byTime).reverse();
    while (stack.length) {
      const row = stack.pop()!;
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      out.push(row);
      stack.push(...[...(replies.get(row.id) ?? [])].sort(byTime).reverse());
    }
  }
  // Only a reply cycle in a broken store is left: still exported, never dropped.
  for (const row of [...rows].sort(byTime)) if (!seen.has(row.id)) out.push({ ...row, parent: null });
  return out;
}
