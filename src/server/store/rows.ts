// The comments table's row as both SQL stores read it, and its mapping to StoredComment, written
// once. The stores differ only in `reasons`: SQLite keeps JSON text, PostgreSQL a jsonb value.
import type { Format, Reason, Status } from '../../core/types.ts';
import type { Job, StoredComment } from './store.ts';

export interface CommentRow {
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
  format: Format;
  created_at: number;
  edited_at: number | null;
  client_hash: string | null;
  author_key: string | null;
  reasons: string | Reason[];
  idempotency_key: string | null;
  fingerprint: string | null;
  mention: 'reply' | 'mention' | null;
  source: string | null;
  votes_up?: number;
  votes_down?: number;
  owner?: number | boolean;
  pinned_at?: number | string | null;
}

export const fromRow = (r: CommentRow): StoredComment => ({
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
  format: r.format,
  createdAt: r.created_at,
  editedAt: r.edited_at,
  clientHash: r.client_hash,
  authorKey: r.author_key ?? null,
  reasons: typeof r.reasons === 'string' ? (JSON.parse(r.reasons) as Reason[]) : r.reasons,
  idempotencyKey: r.idempotency_key,
  fingerprint: r.fingerprint,
  mention: r.mention ?? null,
  source: r.source ?? null,
  votesUp: Number(r.votes_up ?? 0),
  votesDown: Number(r.votes_down ?? 0),
  owner: Boolean(r.owner),
  pinnedAt: r.pinned_at === null || r.pinned_at === undefined ? null : Number(r.pinned_at),
});

/** The jobs table's row: SQLite gives the payload as JSON text and `dead` as 0/1, PostgreSQL as jsonb and a boolean. */
export interface JobRow {
  id: number | string;
  kind: string;
  payload: unknown;
  attempts: number;
  run_at: number;
  last_error: string | null;
  dead: number | boolean;
  created_at: number;
}

export const fromJobRow = (r: JobRow, payloadIsText: boolean): Job => ({
  id: String(r.id),
  kind: r.kind,
  payload: payloadIsText ? JSON.parse(r.payload as string) : r.payload,
  attempts: r.attempts,
  runAt: r.run_at,
  lastError: r.last_error,
  dead: Boolean(r.dead),
  createdAt: r.created_at,
});

/**
 * A job's payload as the jobs table keeps it (JSON text). Throws for what JSON cannot hold (a
 * BigInt, a cycle) or would silently drop (a function): called inside the write's transaction,
 * that undoes the comment write too, instead of storing a job nobody can deliver.
 */
export function jobPayload(payload: unknown): string {
  const json = JSON.stringify(payload ?? null) as string | undefined;
  if (json === undefined) throw new TypeError(`A job payload must be a JSON value, not a ${typeof payload}.`);
  return json;
}

/** Every status, in the desk's tab order. */
export const STATUSES: readonly Status[] = ['pending', 'spam', 'published', 'deleted'];

/** Rows of `status, n` as a count for every status (0 for those with no row): the desk's counts. */
export function countsOf(rows: readonly { status: Status; n: number }[]): Record<Status, number> {
  const counts: Record<Status, number> = { pending: 0, spam: 0, published: 0, deleted: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}
