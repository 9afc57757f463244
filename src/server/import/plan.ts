// From what a file says to the rows the store gets: every comment cleaned and checked, its thread
// through the store's thread aliases, its id and idempotency key derived from the source's own ids
// (so a second import of the file finds every comment already there), its avatar from the server
// secret, and the whole list in tree order (a parent before its replies), as insertMany needs.
// Nothing here writes: a file with a problem is refused before the store is touched.
import { createHash } from 'node:crypto';
import { checkThread } from '../../core/checks.ts';
import type { Reason, Status, Verdict } from '../../core/types.ts';
import { keylessAvatar } from '../crypto.ts';
import { PIN_LIMIT } from '../store/comments.ts';
import type { NewStoredComment, StoredComment } from '../store/store.ts';
import { cleanFields } from './clean.ts';
import type { Note, ParsedFile, SourceComment } from './types.ts';

export interface PlanContext {
  secret: string;
  resolveThreads(threads: string[]): Promise<Record<string, string>>;
  /** A stored comment by id: a reply whose parent is not in the file may reply to one already imported. */
  get(id: string): Promise<StoredComment | null>;
  /** A thread's pinned comments in the store, in pin order (a file's pins join them, up to PIN_LIMIT). */
  pinned(thread: string): Promise<StoredComment[]>;
}

export interface Plan {
  rows: NewStoredComment[];
  /** Replies whose parent is neither in the file nor in the store: imported as top-level comments. */
  orphans: Note[];
  byStatus: Record<Status, number>;
  threads: number;
  /** Votes the file gives the comments it imports (Parley JSON only; a comment already stored keeps its own). */
  votes: number;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest();
/** A Parley-shaped id (21 URL-safe characters, like nanoid's) that is the same for the same source comment. */
export const importedId = (key: string): string => sha256(key).toString('base64url').slice(0, 21);
const VALID_ID = /^[A-Za-z0-9_-]{1,64}$/;
const VERDICT: Record<Status, Verdict> = { published: 'publish', pending: 'hold', spam: 'spam', deleted: 'hold' };
/** Sibling order, and the order of trees in a thread: oldest first, the id breaking ties. */
const byTime = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

interface Draft {
  source: SourceComment;
  id: string;
  thread: string;
  parent: string | null;
  /** A parent already in the store (not in the file): its root is this reply's root. */
  storedRoot: string | null;
  createdAt: number;
}

export async function planImport(parsed: ParsedFile, context: PlanContext): Promise<Plan> {
  const orphans: Note[] = [];
  const drafts = new Map<string, Draft>();
  const keyToId = new Map<string, string>();

  for (const source of parsed.comments) {
    if (keyToId.has(source.key)) {
      parsed.skipped.push({ kind: 'duplicate', where: source.where, detail: 'the same comment appears earlier in the file' });
      continue;
    }
    const id = source.id && VALID_ID.test(source.id) ? source.id : importedId(source.key);
    keyToId.set(source.key, id);
    drafts.set(id, { source, id, thread: source.thread!, parent: null, storedRoot: null, createdAt: source.createdAt });
  }

  // Thread aliases: an imported comment lands where the site's readers now look for it.
  const threads = [...new Set([...drafts.values()].map((d) => d.thread))];
  const resolved: Record<string, string> = {};
  for (let i = 0; i < threads.length; i += 500) Object.assign(resolved, await context.resolveThreads(threads.slice(i, i + 500)));
  for (const draft of [...drafts.values()]) {
    draft.thread = resolved[draft.thread] ?? draft.thread;
    const problem = checkThread(draft.thread);
    if (problem) {
      parsed.skipped.push({ kind: 'no-thread', where: draft.source.where, detail: `its thread id is ${problem.key === 'tooLong' ? `longer than ${problem.max} characters` : 'not usable (control characters)'}` });
      drafts.delete(draft.id);
    }
  }

  // Parents: in the file, else already stored (an earlier import), else the reply becomes top-level.
  for (const draft of drafts.values()) {
    const { parentKey } = draft.source;
    if (parentKey === null) continue;
    const parentId = keyToId.get(parentKey) ?? (parentKey.startsWith('parley\n') ? parentKey.slice(7) : importedId(parentKey));
    const inFile = drafts.get(parentId);
    if (inFile) {
      if (inFile.thread === draft.thread) draft.parent = parentId;
      else orphans.push({ where: draft.source.where, message: 'its parent is on another thread: imported as a top-level comment' });
      continue;
    }
    const stored = await context.get(parentId);
    if (stored && stored.thread === draft.thread) {
      draft.parent = parentId;
      draft.storedRoot = stored.root;
    } else {
      orphans.push({ where: draft.source.where, message: 'its parent is not in the file (skipped or missing): imported as a top-level comment' });
    }
  }

  // Tree order. A reply cycle (a file where A answers B and B answers A) has no top: the oldest
  // comment of the cycle becomes top-level, said as an orphan.
  const replies = new Map<string, Draft[]>();
  for (const d of drafts.values()) if (d.parent && drafts.has(d.parent)) replies.set(d.parent, [...(replies.get(d.parent) ?? []), d]);
  const ordered: { draft: Draft; root: string }[] = [];
  const seen = new Set<string>();
  const visit = (top: Draft, root: string) => {
    const stack: Draft[] = [top];
    while (stack.length) {
      const d = stack.pop()!;
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      ordered.push({ draft: d, root });
      stack.push(...(replies.get(d.id) ?? []).sort(byTime).reverse());
    }
  };
  const tops = [...drafts.values()].filter((d) => !d.parent || !drafts.has(d.parent)).sort(byTime);
  for (const d of tops) visit(d, d.storedRoot ?? d.id);
  for (const d of [...drafts.values()].sort(byTime)) {
    if (seen.has(d.id)) continue;
    orphans.push({ where: d.source.where, message: 'its replies lead back to itself: imported as a top-level comment' });
    d.parent = null;
    visit(d, d.id);
  }

  const byStatus: Record<Status, number> = { published: 0, pending: 0, spam: 0, deleted: 0 };
  const rows: NewStoredComment[] = [];
  for (const { draft, root } of ordered) {
    const { source } = draft;
    const { fields, notes } = cleanFields(source);
    for (const message of notes) parsed.notes.push({ where: source.where, message });
    byStatus[fields.status]++;
    const reasons: Reason[] = source.reasons ?? [{ rule: 'import', verdict: VERDICT[fields.status], message: `imported from ${parsed.label} (${source.where})` }];
    rows.push({
      id: draft.id,
      thread: draft.thread,
      parent: draft.parent,
      root,
      status: fields.status,
      name: fields.name,
      email: fields.email,
      website: fields.website,
      // One look per comment, from nothing about its author (crypto.ts keylessAvatar): a seed from
      // the email would let anyone confirm a guessed address (issue 14).
      avatar: keylessAvatar(draft.id),
      text: fields.text,
      format: source.format ?? 'plain',
      createdAt: source.createdAt,
      editedAt: source.editedAt,
      clientHash: null,
      reasons,
      // DESIGN: keys are 1–128 printable ASCII characters; a sha-256 of the source's ids fits.
      idempotencyKey: source.idempotencyKey !== undefined ? source.idempotencyKey : `import:${parsed.format}:${sha256(source.key).toString('hex')}`,
      fingerprint: source.fingerprint ?? null,
      // Only a Parley export says so (issue 16 item 4): the owner's own comments come back as theirs.
      owner: source.owner === true,
      pinnedAt: null,
      // A Webmention stays one (issue 18): shown under Mentions, its date linking to its source, and
      // found again by its key when the source sends it anew. Only an http(s) source is kept.
      mention: source.mention ?? null,
      source: source.mention && source.source && /^https?:\/\//i.test(source.source) ? source.source : null,
      // Only a Parley export has votes (issue 16 item 2): restored as they were, voters as the
      // exporting store's keyed hashes, so the counts come back and, under the same server secret,
      // a browser that voted is still known. insertMany stores them only with a comment it creates.
      ...(source.votes && source.votes.length > 0 && { votes: source.votes }),
    });
  }
  await restorePins(rows, ordered, parsed, context);
  return { rows, orphans, byStatus, threads: new Set(rows.map((r) => r.thread)).size, votes: rows.reduce((n, r) => n + (r.votes?.length ?? 0), 0) };
}

/**
 * The file's pins (a Parley export's, issue 16 item 4) on the rows, by the store's own rules: only a
 * published top-level comment is pinned, at most PIN_LIMIT a thread counting the pins already
 * stored, in the file's pin order after them. A comment already stored keeps what it has (its row
 * is skipped). A pin that cannot be kept is said in a note, and the comment imported unpinned.
 */
async function restorePins(rows: NewStoredComment[], ordered: { draft: Draft }[], parsed: ParsedFile, context: PlanContext): Promise<void> {
  const asked = ordered
    .map(({ draft }, i) => ({ row: rows[i]!, where: draft.source.where, at: draft.source.pinnedAt ?? null }))
    .filter((pin): pin is { row: NewStoredComment; where: string; at: number } => pin.at !== null)
    .sort((a, b) => a.at - b.at);
  const byThread = new Map<string, typeof asked>();
  for (const pin of asked) byThread.set(pin.row.thread, [...(byThread.get(pin.row.thread) ?? []), pin]);
  for (const [thread, pins] of byThread) {
    const stored = await context.pinned(thread);
    let count = stored.length;
    let last = stored.at(-1)?.pinnedAt ?? -Infinity;
    for (const { row, where, at } of pins) {
      if (row.status !== 'published' || row.parent !== null) {
        parsed.notes.push({ where, message: 'pinned in the file, but only a published top-level comment is pinned: imported unpinned' });
        continue;
      }
      if (await context.get(row.id)) continue;
      if (count >= PIN_LIMIT) {
        parsed.notes.push({ where, message: `pinned in the file, but its thread has ${PIN_LIMIT} pinned comments already: imported unpinned` });
        continue;
      }
      // Strictly after the thread's last pin, so the pins keep their order (store/comments.ts pinTime).
      row.pinnedAt = last = Math.max(at, last + 1);
      count++;
    }
  }
}
