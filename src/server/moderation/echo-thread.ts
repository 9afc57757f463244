// A thread's echo sources, kept and extended one comment at a time (Parley issue 5: the echo check
// must not dominate the cost of a post). Building the index of a thread's 600 recent comments on
// every post was most of a post's CPU; this holds each comment's prepared sentences once and answers
// for one poster exactly what `prepareThread` would answer for the same texts in the same order
// (published, then held, then spam, each newest first; the author's own comments left out), so the
// verdicts are unchanged. Pure: the per-process cache and its sync with the store are in
// routes/moderation-inputs.ts.
import type { ThreadText } from '../store/store.ts';
import { preparedText, type PreparedText, type Source, type SourceIndex } from './echo.ts';

type EchoStatus = ThreadText['status'];
const STATUS_RANK: Record<EchoStatus, number> = { published: 0, pending: 1, spam: 2 };

interface Entry {
  id: string;
  seq: number;
  status: EchoStatus;
  /** The email as the rule compares it: trimmed, lower-cased. */
  author: string;
  prepared: PreparedText;
}

/** True when `a` comes before `b` in prepareThread's order of texts. */
function before(a: Entry, b: Entry): boolean {
  const ra = STATUS_RANK[a.status];
  const rb = STATUS_RANK[b.status];
  return ra < rb || (ra === rb && a.seq > b.seq);
}

export const authorKey = (email: string): string => email.trim().toLowerCase();

/**
 * The newest `perStatus` comments of each status of one thread, as of the store's `version`.
 * Entries are only appended (newer `seq`); one that falls out of its status's window stays until
 * `compact()`, so a view taken earlier still sees exactly what it saw.
 */
export class ThreadIndex {
  /** Highest `seq` added. */
  maxSeq = 0;
  /** The thread's version in the store when this index was last brought up to date. */
  version: number;
  private readonly perStatus: number;
  private readonly all: Entry[] = [];
  /** Per status, the entries' seqs in ascending order: the window is the last `perStatus`. */
  private readonly buckets: Record<EchoStatus, number[]> = { published: [], pending: [], spam: [] };
  /** content key → every (entry, local source) that has it. */
  private readonly postings = new Map<string, { entry: Entry; local: number }[]>();
  /** sentence signature → every entry with that sentence. */
  private readonly bySignature = new Map<string, Entry[]>();

  constructor(version: number, perStatus: number) {
    this.version = version;
    this.perStatus = perStatus;
  }

  /** From the store's recent texts (any order). */
  static from(rows: readonly ThreadText[], version: number, perStatus: number): ThreadIndex {
    const index = new ThreadIndex(version, perStatus);
    for (const row of [...rows].sort((a, b) => a.seq - b.seq)) index.add(row);
    return index;
  }

  /** Adds a comment newer than every one added so far. */
  add(row: ThreadText): void {
    if (row.seq <= this.maxSeq) throw new Error(`ThreadIndex.add: seq ${row.seq} is not after ${this.maxSeq}`);
    this.maxSeq = row.seq;
    this.addEntry({ id: row.id, seq: row.seq, status: row.status, author: authorKey(row.email), prepared: preparedText(row.text) });
  }

  /** Entries that fell out of their status's window and are still held. */
  get stale(): number {
    let n = 0;
    for (const list of Object.values(this.buckets)) n += Math.max(0, list.length - this.perStatus);
    return n;
  }

  /** The same index without the entries outside the windows (a new object: views keep the old). */
  compact(): ThreadIndex {
    const floors = this.floors();
    const fresh = new ThreadIndex(this.version, this.perStatus);
    for (const e of this.all) {
      if (e.seq >= floors[e.status]) fresh.addEntry(e);
    }
    fresh.maxSeq = this.maxSeq;
    return fresh;
  }

  private addEntry(e: Entry): void {
    this.all.push(e);
    this.buckets[e.status].push(e.seq);
    for (const [key, locals] of e.prepared.postings) {
      let list = this.postings.get(key);
      if (!list) this.postings.set(key, (list = []));
      for (const local of locals) list.push({ entry: e, local });
    }
    for (const { signature } of e.prepared.sources) {
      const list = this.bySignature.get(signature);
      if (list) list.push(e);
      else this.bySignature.set(signature, [e]);
    }
  }

  private floors(): Record<EchoStatus, number> {
    const floor = (list: number[]) => (list.length > this.perStatus ? list[list.length - this.perStatus]! : -Infinity);
    return { published: floor(this.buckets.published), pending: floor(this.buckets.pending), spam: floor(this.buckets.spam) };
  }

  /**
   * The thread as echo sees it for a post by `email` (and, for an edit, without the comment
   * `exceptId`): the same sources, met in the same order, as `prepareThread` over the texts
   * otherwise loaded for it. Later `add` calls do not change a view already taken.
   */
  view(email: string, exceptId?: string): SourceIndex {
    const author = authorKey(email);
    const maxSeq = this.maxSeq;
    const floors = this.floors();
    const included = (e: Entry) => e.seq <= maxSeq && e.seq >= floors[e.status] && e.author !== author && e.id !== exceptId;
    const entries = this.all.filter(included);
    // The first included entry (in prepareThread's order) with a signature keeps it.
    const keeper = new Map<string, Entry | null>();
    const keeperOf = (signature: string): Entry | null => {
      let found = keeper.get(signature);
      if (found !== undefined) return found;
      found = null;
      for (const e of this.bySignature.get(signature) ?? []) if (included(e) && (!found || before(e, found))) found = e;
      keeper.set(signature, found);
      return found;
    };
    const sources: Source[] = [];
    const ids = new Map<Source, number>();
    const idOf = (s: Source) => {
      let id = ids.get(s);
      if (id === undefined) ids.set(s, (id = sources.push(s) - 1));
      return id;
    };
    // echoRule skips an index without sources; any one source answers that (ids are by object).
    const first = entries.find((e) => e.prepared.sources.length > 0);
    if (first) idOf(first.prepared.sources[0]!.source);
    const postings = this.postings;
    const answered = new Map<string, number[] | undefined>();
    const lookups = new (class extends Map<string, number[]> {
      override get(key: string): number[] | undefined {
        if (answered.has(key)) return answered.get(key);
        // A key's list is in the order entries were added (ascending seq, each entry's sources in
        // order): walked backwards one entry at a time into the three statuses, that is
        // prepareThread's order without sorting.
        const all = postings.get(key) ?? [];
        const byStatus: number[][] = [[], [], []];
        for (let i = all.length - 1; i >= 0; ) {
          const entry = all[i]!.entry;
          let j = i;
          while (j > 0 && all[j - 1]!.entry === entry) j--;
          if (included(entry)) {
            for (let k = j; k <= i; k++) {
              const { source, signature } = entry.prepared.sources[all[k]!.local]!;
              if (keeperOf(signature) === entry) byStatus[STATUS_RANK[entry.status]]!.push(idOf(source));
            }
          }
          i = j - 1;
        }
        const found = byStatus[0]!.concat(byStatus[1]!, byStatus[2]!);
        const list = found.length ? found : undefined;
        answered.set(key, list);
        return list;
      }
    })();
    let vocab: Set<string> | undefined;
    return {
      sources,
      postings: lookups,
      get vocab() {
        return (vocab ??= new Set(entries.flatMap((e) => e.prepared.vocab)));
      },
      get words() {
        return entries.reduce((n, e) => n + e.prepared.words, 0);
      },
    };
  }
}
