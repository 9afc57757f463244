// An in-memory backend: the reference semantics of the HTTP API without a server, for tests and
// demos. It keeps DESIGN's rules (validation, idempotency, parents, paging, held comments hidden)
// so the widget can be tested against it and the contract suite can hold every adapter to it.
import { checkDraft, normalizeDraft } from '../core/checks.ts';
import { clampLimit, LIMITS } from '../core/limits.ts';
import { budgetReplies, cutPage, moreCursors, readOffset } from '../core/paging.ts';
import { problemMessage } from '../core/strings.ts';
import { wilsonScore } from '../core/wilson.ts';
import type { DraftField, NewComment, Outcome, PageRequest, Posted, PublicComment, ThreadPage, Vote, VoteMode } from '../core/types.ts';
import { BackendError, type Backend } from './backend.ts';

export interface MemoryOptions {
  /** Published comments to start with. */
  comments?: PublicComment[];
  /** Decide a new comment's outcome; default: everything is published. */
  moderate?: (draft: NewComment) => Outcome;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  /** Replies a page carries before `more` cursors take over (DESIGN: 500). */
  repliesPerPage?: number;
  /** Edit window in milliseconds (DESIGN: 15 minutes). */
  editWindowMs?: number;
  /**
   * The backend's whole state, used in place and mutated: a caller that keeps this array (and can
   * serialise it: it is plain JSON) keeps the backend. This is how local-storage.ts persists one.
   */
  rows?: MemoryRow[];
  /**
   * Votes as the server's `--votes` (issue 16): `up`, `updown`, or none (left out, or `off`: no
   * `vote`, and the answers carry no votes). One vote per voter and comment; no per-address limit
   * and no own-comment check (the memory backend keeps no author keys).
   */
  votes?: VoteMode;
}

/** One stored comment with what only the backend knows: its outcome, email, edit token, idempotency key. */
export interface MemoryRow {
  comment: PublicComment;
  outcome: Outcome;
  root: string;
  email: string;
  token: string;
  key?: string;
  body?: string;
  /** Voter → their vote (issue 16), when the backend takes votes. */
  voters?: Record<string, 1 | -1>;
}

type Row = MemoryRow;

let seq = 0;
const newId = () => `m${Date.now().toString(36)}${(seq++).toString(36)}`;

/** @example const backend = createMemoryBackend({ comments: [] }); mount(el, { backend }); */
export function createMemoryBackend(options: MemoryOptions = {}): Backend {
  const now = options.now ?? Date.now;
  const perPage = options.repliesPerPage ?? LIMITS.repliesPerPage;
  const windowMs = options.editWindowMs ?? 15 * 60_000;
  /** The end of a comment's edit window, as the Parley server says it (`editableUntil`). */
  const until = (c: PublicComment) => new Date(Date.parse(c.createdAt) + windowMs).toISOString();
  const rows: Row[] = options.rows ?? [];
  const byId = new Map<string, Row>();
  const byKey = new Map<string, Row>();

  const index = (row: Row) => {
    byId.set(row.comment.id, row);
    if (row.key) byKey.set(row.key, row);
  };
  const add = (row: Row) => {
    rows.push(row);
    index(row);
  };
  rows.forEach(index);
  for (const comment of options.comments ?? []) {
    const parent = comment.parent ? byId.get(comment.parent) : undefined;
    add({ comment, outcome: 'published', root: parent ? parent.root : comment.id, email: '', token: '' });
  }

  const visible = (row: Row): boolean =>
    row.outcome === 'published' && (!row.comment.deleted || rows.some((r): boolean => r.comment.parent === row.comment.id && visible(r)));
  const published = (row: Row) => row.outcome === 'published' && !row.comment.deleted;
  const count = (thread: string) => rows.filter((r) => r.comment.thread === thread && published(r)).length;
  const mode = options.votes === 'off' ? undefined : options.votes;
  const copy = (c: PublicComment): PublicComment => ({ ...c, author: { ...c.author } });
  /** A row as the API shows it: with its votes, counted from its voters, where the backend takes votes. */
  const show = (row: Row): PublicComment => {
    const c = copy(row.comment);
    if (mode) {
      const all = Object.values(row.voters ?? {});
      c.votes = { up: all.filter((v) => v === 1).length, down: all.filter((v) => v === -1).length };
    }
    return c;
  };

  function page(thread: string, list: Row[], cursor: string | undefined, limit: number): ThreadPage {
    const start = readOffset(cursor);
    const { shown, nextCursor } = cutPage(list.slice(start, start + limit + 1), limit, () => String(start + limit));
    return { thread: { id: thread, count: count(thread), ...(mode && { votes: mode }) }, comments: shown.map(show), nextCursor };
  }

  function owned(id: string, token: string): Row {
    const row = byId.get(id);
    if (!row || row.comment.deleted) throw new BackendError('not_found', 'That comment does not exist.', { status: 404 });
    if (!token || row.token !== token) throw new BackendError('unauthorized', 'That edit token is not valid for this comment.', { status: 401 });
    if (now() - Date.parse(row.comment.createdAt) > windowMs) {
      throw new BackendError('edit_window_closed', 'The time to edit or delete this comment has passed.', { status: 403 });
    }
    return row;
  }

  return {
    async list(thread: string, request: PageRequest = {}) {
      const limit = clampLimit(request.limit);
      let roots = rows.filter((r) => r.comment.thread === thread && !r.comment.parent && visible(r));
      if (request.sort === 'newest') roots = roots.reverse();
      // Best first (issue 16), the oldest first among equals (sort is stable), as the server's stores.
      if (request.sort === 'best') roots = roots.map((r) => [r, show(r).votes ?? { up: 0, down: 0 }] as const).sort(([, a], [, b]) => wilsonScore(b.up, b.down) - wilsonScore(a.up, a.down)).map(([r]) => r);
      const result = page(thread, roots, request.cursor, limit);
      // One budget of replies for the page, root by root (src/core/paging.ts, as the server does);
      // a cut root continues after the replies of it shown here.
      const { replies, truncated } = budgetReplies(
        result.comments.map((c) => c.id),
        (root) => rows.filter((r) => r.root === root && r.comment.parent && visible(r)),
        perPage,
      );
      // Parents before children: roots first, then replies in posting order per root.
      result.comments.push(...replies.map(show));
      if (truncated.length) result.more = moreCursors(truncated, replies, (r) => r.root, (shown) => String(shown.length));
      return result;
    },

    async replies(parent: string, request: { cursor?: string } = {}) {
      const row = byId.get(parent);
      if (!row) throw new BackendError('not_found', 'That comment does not exist.', { status: 404 });
      const inSubtree = (r: Row): boolean => {
        for (let p = r.comment.parent; p; p = byId.get(p)?.comment.parent ?? null) if (p === parent) return true;
        return false;
      };
      const list = rows.filter((r) => inSubtree(r) && visible(r));
      return page(row.comment.thread, list, request.cursor, perPage);
    },

    async post(input: NewComment): Promise<Posted> {
      const draft = normalizeDraft(input);
      const body = JSON.stringify([draft.thread, draft.parent ?? null, draft.text, draft.name, draft.email, draft.website, draft.format]);
      const existing = byKey.get(draft.idempotencyKey);
      if (existing) {
        if (existing.body !== body) {
          throw new BackendError('idempotency_conflict', 'This idempotency key was already used for a different comment.', { status: 409 });
        }
        return { comment: copy(existing.comment), status: existing.outcome, editToken: existing.token, editableUntil: until(existing.comment) };
      }
      const problems = checkDraft(draft);
      const fields: Record<string, string> = {};
      for (const [field, problem] of Object.entries(problems)) fields[field] = problemMessage(field as DraftField, problem);
      const parent = draft.parent ? byId.get(draft.parent) : undefined;
      if (draft.parent && (!parent || !published(parent) || parent.comment.thread !== draft.thread)) {
        fields.parent = 'The comment you are replying to does not exist in this thread.';
      }
      if (Object.keys(fields).length) throw new BackendError('invalid', 'Please correct the marked fields.', { status: 400, fields });
      const id = newId();
      const comment: PublicComment = {
        id,
        thread: draft.thread,
        parent: parent ? parent.comment.id : null,
        author: { name: draft.name, website: draft.website || null, avatar: draft.email.toLowerCase().length.toString(36) + draft.name.length.toString(36) },
        text: draft.text,
        format: draft.format ?? 'markdown',
        createdAt: new Date(now()).toISOString(),
        editedAt: null,
      };
      const outcome = options.moderate?.(draft) ?? 'published';
      const row: Row = { comment, outcome, root: parent ? parent.root : id, email: draft.email, token: `t_${id}`, key: draft.idempotencyKey, body };
      add(row);
      return { comment: copy(comment), status: outcome, editToken: row.token, editableUntil: until(comment) };
    },

    async edit(id: string, token: string, text: string) {
      const row = owned(id, token);
      const clean = normalizeDraft({ text, name: 'x', email: 'x@x.x', website: '' }).text;
      const problems = checkDraft({ text: clean, name: 'x', email: 'x@x.x', website: '' });
      if (problems.text) {
        throw new BackendError('invalid', 'Please correct the marked fields.', { status: 400, fields: { text: problemMessage('text', problems.text) } });
      }
      row.comment = { ...row.comment, text: clean, editedAt: new Date(now()).toISOString() };
      return copy(row.comment);
    },

    async remove(id: string, token: string) {
      const row = owned(id, token);
      row.comment = { ...row.comment, text: '', deleted: true };
    },

    ...(mode && {
      async vote(id: string, { value, voter }: Vote) {
        const row = byId.get(id);
        if (!row || !published(row)) throw new BackendError('not_found', 'That comment does not exist, or is not public.', { status: 404 });
        if ((value !== 1 && value !== 0 && (value !== -1 || mode !== 'updown')) || !/^[!-~]{16,64}$/.test(voter)) {
          throw new BackendError('invalid', 'This is not a vote this backend takes.', { status: 400 });
        }
        const voters = (row.voters ??= {});
        if (value) voters[voter] = value;
        else delete voters[voter];
        return { votes: show(row).votes! };
      },
    }),

    async counts(threads: string[]) {
      const out: Record<string, number> = {};
      for (const thread of threads) out[thread] = count(thread);
      return out;
    },
  };
}
