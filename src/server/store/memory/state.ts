// What every part of the memory store shares: plain arrays and maps, and the helpers that keep them
// as the SQL stores keep their tables (copies out, JSON for payloads, checks before any change).
import type { Status } from '../../../core/types.ts';
import { jobPayload } from '../rows.ts';
import type { ListEntry, LogEntry, ModeratorToken } from '../desk.ts';
import type { CachedArticle, Job, NewJob, NewStoredComment, StoredComment } from '../store.ts';

const STATUSES: readonly Status[] = ['published', 'pending', 'spam', 'deleted'];
const REQUIRED = ['id', 'thread', 'root', 'name', 'email', 'avatar', 'text', 'createdAt'] as const;

export interface MemoryState {
  rows: StoredComment[];
  byId: Map<string, StoredComment>;
  byKey: Map<string, StoredComment>;
  versions: Map<string, number>;
  /** Votes by comment, then by voter, and each comment's best score (issue 16). */
  votes: Map<string, Map<string, { value: 1 | -1; at: number }>>;
  scores: Map<string, number>;
  /** Closing facts per thread (threads.ts ThreadClosing, without firstAt). */
  threadMeta: Map<string, { closedAt: number | null; publishedAt: number | null }>;
  counters: Map<string, { start: number; count: number }>;
  articles: Map<string, CachedArticle>;
  aliases: Map<string, string>;
  jobs: Map<string, Job>;
  readers: ReaderState;
  /** The moderation desk (issue 21). */
  desk: DeskState;
  secret?: string;
  seq: number;
  jobSeq: number;
  /** Moves with every version bump: the store's change stamp. */
  changes: number;
  closed: boolean;
}

/** The moderation desk's part (desk.ts). */
export interface DeskState {
  tokens: Map<string, ModeratorToken>;
  log: LogEntry[];
  logSeq: number;
  /** `list value` → entry */
  lists: Map<string, ListEntry>;
  settings: Map<string, string>;
}

export const createDeskState = (): DeskState => ({ tokens: new Map(), log: [], logSeq: 0, lists: new Map(), settings: new Map() });

/** The readers part (readers.ts): by address. */
export interface ReaderState {
  addresses: Map<string, { createdAt: number; confirmedAt: number | null }>;
  /** address → `kind:target` → follow */
  follows: Map<string, Map<string, { kind: 'replies' | 'thread'; target: string; createdAt: number }>>;
  /** key hash → address */
  keys: Map<string, string>;
  /** address → queued comment ids, oldest first */
  queued: Map<string, string[]>;
}

export const createState = (): MemoryState => ({
  rows: [],
  byId: new Map(),
  byKey: new Map(),
  versions: new Map(),
  threadMeta: new Map(),
  votes: new Map(),
  scores: new Map(),
  counters: new Map(),
  articles: new Map(),
  aliases: new Map(),
  jobs: new Map(),
  readers: { addresses: new Map(), follows: new Map(), keys: new Map(), queued: new Map() },
  desk: createDeskState(),
  seq: 0,
  jobSeq: 0,
  changes: 0,
  closed: false,
});

export const open = (state: MemoryState): void => {
  if (state.closed) throw new Error('The store is closed.');
};

export const copy = (row: StoredComment): StoredComment => ({ ...row, reasons: row.reasons.map((r) => ({ ...r })) });

export const bump = (state: MemoryState, thread: string): void => {
  state.changes++;
  state.versions.set(thread, (state.versions.get(thread) ?? 0) + 1);
};

/** What the SQL stores' NOT NULL and CHECK constraints refuse, refused here too (insertMany is all or nothing). */
export function checkRow(row: NewStoredComment): void {
  for (const field of REQUIRED) if (row[field] === null || row[field] === undefined) throw new Error(`Comment ${row.id}: ${field} is required.`);
  if (!STATUSES.includes(row.status)) throw new Error(`Comment ${row.id}: unknown status "${row.status}".`);
  // The votes table's CHECK and primary key (comment, voter).
  const voters = new Set<string>();
  for (const vote of row.votes ?? []) {
    if (vote.value !== 1 && vote.value !== -1) throw new Error(`Comment ${row.id}: a vote is 1 or -1, not ${vote.value}.`);
    if (voters.has(vote.voter)) throw new Error(`Comment ${row.id}: voter ${vote.voter} votes twice.`);
    voters.add(vote.voter);
  }
}

export type PreparedJob = { kind: string; payload: string; runAt: number };

/**
 * A write's jobs, checked and serialised before anything is written (what the SQL stores' NOT NULL
 * columns and JSON encoding refuse, refused here too), so a bad job leaves the write undone.
 */
export function prepareJobs(list: readonly NewJob[]): PreparedJob[] {
  return list.map(({ kind, payload, runAt }) => {
    if (typeof kind !== 'string') throw new TypeError('A job needs a kind.');
    if (typeof runAt !== 'number' || !Number.isFinite(runAt)) throw new TypeError(`Job "${kind}": runAt must be a time in milliseconds.`);
    return { kind, payload: jobPayload(payload), runAt };
  });
}

export function addJobs(state: MemoryState, queued: readonly PreparedJob[]): string[] {
  return queued.map(({ kind, payload, runAt }) => {
    const id = String(++state.jobSeq);
    // Parsed back from JSON as the SQL stores do, so a caller sees the same values.
    state.jobs.set(id, { id, kind, payload: JSON.parse(payload), attempts: 0, runAt, lastError: null, dead: false, createdAt: Date.now() });
    return id;
  });
}

const below = (state: MemoryState, id: string) => state.rows.filter((r) => r.parent === id);
const hasPublishedBelow = (state: MemoryState, id: string): boolean => below(state, id).some((r) => r.status === 'published' || hasPublishedBelow(state, r.id));

/** What the public sees: published, or deleted with a published comment somewhere below it. */
export const visible = (state: MemoryState, row: StoredComment): boolean =>
  row.status === 'published' || (row.status === 'deleted' && hasPublishedBelow(state, row.id));

/** A thread's pinned comments, in pin order (issue 16 item 4). */
export const pinnedOf = (state: MemoryState, thread: string): StoredComment[] =>
  state.rows.filter((r) => r.thread === thread && r.pinnedAt !== null).sort((a, b) => a.pinnedAt! - b.pinnedAt!);
