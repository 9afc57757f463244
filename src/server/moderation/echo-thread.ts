// A thread's echo sources, kept and extended one comment at a time (Parley issue 5: the echo check
// must not dominate the cost of a post). Building the index of a thread's 600 recent comments on
// every post was most of a post's CPU; this holds each comment's prepared sentences once and answers
// for one poster exactly what `prepareThread` would answer for the same texts in the same order
// (published, then held, then spam, each newest first; the author's own comments left out), so the
// verdicts are unchanged. Pure: the per-process cache and its sync with the store are in
// comments/moderation-inputs.ts.
import { performance } from 'node:perf_hooks';
import type { ThreadText } from '../store/store.ts';
import { preparedText, type PreparedText, type Source, type SourceIndex } from './echo.ts';

type EchoStatus = ThreadText['status'];

/** Hands the event loop back for a moment (the platform's; a parameter so tests can count). */
export type Pause = () => Promise<void>;
const yieldToLoop: Pause = () => new Promise((resolve) => setImmediate(resolve));
/** Longest stretch of indexing between two pauses. */
const SLICE_MS = 10;
const STATUS_RANK: Record<EchoStatus, number> = { published: 0, pending: 1, spam: 2 };

interface Entry {
  id: string;
  seq: number;
  status: EchoStatus;
  /** The email as the rule compares it: trimmed, lower-cased. */
  author: string;
  prepared: PreparedText;
  /** Per local source: every entry with the same sentence (one shared list per signature). */
  sameSentence: Entry[][];
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

  /**
   * `from` for a request: indexing a long thread's comments is up to a second of CPU (600 comments
   * of 400 words), so the work is done in slices of `sliceMs`, handing the event loop back between
   * them (issue 14: no request blocks it for more than 50 ms). `pause` is the platform's yield.
   */
  static async build(rows: readonly ThreadText[], version: number, perStatus: number, pause: Pause = yieldToLoop, sliceMs = SLICE_MS): Promise<ThreadIndex> {
    const index = new ThreadIndex(version, perStatus);
    await index.addAll([...rows].sort((a, b) => a.seq - b.seq), pause, sliceMs);
    return index;
  }

  /** `add` for each row (newer than every one added, ascending), in slices as `build` does. */
  async addAll(rows: readonly ThreadText[], pause: Pause = yieldToLoop, sliceMs = SLICE_MS, now: () => number = () => performance.now()): Promise<void> {
    let sliceEnd = now() + sliceMs;
    for (const row of rows) {
      if (now() > sliceEnd) {
        await pause();
        sliceEnd = now() + sliceMs;
      }
      this.add(row);
    }
  }

  /** Adds a comment newer than every one added so far. */
  add(row: ThreadText): void {
    if (row.seq <= this.maxSeq) throw new Error(`ThreadIndex.add: seq ${row.seq} is not after ${this.maxSeq}`);
    this.maxSeq = row.seq;
    this.addEntry({ id: row.id, seq: row.seq, status: row.status, author: authorKey(row.email), prepared: preparedText(row.text), sameSentence: [] });
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
      // A copy: the old index's views keep their entries' lists of same sentences.
      if (e.seq >= floors[e.status]) fresh.addEntry({ ...e, sameSentence: [] });
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
    e.sameSentence = e.prepared.sources.map(({ signature }) => {
      let list = this.bySignature.get(signature);
      if (!list) this.bySignature.set(signature, (list = []));
      list.push(e);
      return list;
    });
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
    // Keyed by the shared list of entries with that sentence (an object): hashing the signature
    // strings themselves was a third of a post's time on a poisoned thread.
    const keeper = new Map<Entry[], Entry | null>();
    const keeperOf = (same: Entry[]): Entry | null => {
      let found = keeper.get(same);
      if (found !== undefined) return found;
      found = null;
      for (const e of same) if (included(e) && (!found || before(e, found))) found = e;
      keeper.set(same, found);
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
    const answered = new Map<string, { list: number[] | undefined; read: number; complete: boolean }>();
    // A key's list is in the order entries were added (ascending seq, each entry's sources in
    // order): walked backwards one entry at a time into the three statuses, that is prepareThread's
    // order without sorting. At most `max` postings are read (ECHO_CAPS: a poisoned thread has keys
    // in tens of thousands of sentences), newest first.
    const walk = (key: string, max: number) => {
      const known = answered.get(key);
      if (known && (known.complete || known.read >= max)) return known;
      const all = postings.get(key) ?? [];
      const byStatus: number[][] = [[], [], []];
      let read = 0;
      let i = all.length - 1;
      while (i >= 0 && read < max) {
        const entry = all[i]!.entry;
        let j = i;
        while (j > 0 && all[j - 1]!.entry === entry) j--;
        // Never past `max`: the entry's last postings are left unread when it would overshoot.
        j = Math.max(j, i - (max - read) + 1);
        if (included(entry)) {
          for (let k = j; k <= i; k++) {
            const local = all[k]!.local;
            if (keeperOf(entry.sameSentence[local]!) === entry) byStatus[STATUS_RANK[entry.status]]!.push(idOf(entry.prepared.sources[local]!.source));
          }
        }
        read += i - j + 1;
        i = j - 1;
      }
      const found = byStatus[0]!.concat(byStatus[1]!, byStatus[2]!);
      const answer = { list: found.length ? found : undefined, read, complete: i < 0 };
      answered.set(key, answer);
      return answer;
    };
    const lookups = new (class extends Map<string, number[]> {
      override get(key: string): number[] | undefined {
        return walk(key, Infinity).list;
      }
    })();
    const lookup = (key: string, max: number) => {
      const { list, read } = walk(key, max);
      return { ids: list ?? [], read };
    };
    let vocab: Set<string> | undefined;
    return {
      sources,
      postings: lookups,
      lookup,
      get vocab() {
        return (vocab ??= new Set(entries.flatMap((e) => e.prepared.vocab)));
      },
      get words() {
        return entries.reduce((n, e) => n + e.prepared.words, 0);
      },
    };
  }
}
