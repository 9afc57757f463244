// Parley's own export file (`parley export --format json`), written by export/json.ts and read back
// by import/parley-json.ts. The owner's file: everything needed to rebuild the site's comments,
// emails included. Derived values (avatars, edit tokens, client hashes) are left out: they come
// from the server secret, and the store that imports the file computes its own. Votes are in it as
// the store keeps them (each voter a keyed hash of the browser's voter key, issue 16): the counts
// come back from them, and on a server with the same secret so does "one vote per browser".
import { z } from 'zod';
import type { Format, Reason, Status } from '../../core/types.ts';

/** The marker import looks for; `version` moves when a field changes meaning. */
export const PARLEY_FORMAT = 'parley-comments';
export const PARLEY_VERSION = 1;

export interface ExportedComment {
  id: string;
  thread: string;
  parent: string | null;
  status: Status;
  name: string;
  email: string;
  website: string | null;
  text: string;
  /** How `text` is read (issue 16); a file written before it has none, and its comments are plain. */
  format: Format;
  /** ISO 8601. */
  createdAt: string;
  editedAt: string | null;
  /** Kept so a reader's retry of a post made before the move is still recognised as a retry. */
  idempotencyKey: string | null;
  fingerprint: string | null;
  reasons: Reason[];
  /**
   * The site owner's comment (issue 16 item 4: shown with the owner's badge). Only when true, so a
   * file without owner's comments reads as before; a file written before it has none.
   */
  owner?: true;
  /** When the owner pinned it (ISO 8601; the pins' order). Only on a pinned comment. */
  pinnedAt?: string;
  /** A received Webmention (issue 18): `mention` or `reply`, and the page that sent it. Only on one. */
  mention?: 'mention' | 'reply';
  source?: string;
  /**
   * Its votes (issue 16 item 2), in voter order (code units); only on a comment that has any, so a
   * file written before votes were exported imports as before, with none.
   */
  votes?: ExportedVote[];
}

/** One vote: the voter as the store keeps it (a keyed hash, opaque), up (1) or down (-1), and when. */
export interface ExportedVote {
  voter: string;
  value: 1 | -1;
  /** ISO 8601. */
  at: string;
}

export interface ExportFile {
  format: typeof PARLEY_FORMAT;
  version: typeof PARLEY_VERSION;
  /** The only value that differs between two exports of the same comments. */
  exportedAt: string;
  aliases: { from: string; to: string }[];
  /** By thread, then tree order (a parent before its replies), siblings by createdAt, then id. */
  comments: ExportedComment[];
}

const isoDate = z.string().refine((v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date like 2024-05-01T12:00:00.000Z');

const vote = z.object({
  voter: z.string({ error: 'must be the voter key of a Parley export (a string)' }).regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the voter key of a Parley export: 1–64 letters, digits, _ or -'),
  value: z.literal([1, -1], { error: 'must be 1 (up) or -1 (down)' }),
  at: isoDate,
});

/** A comment's votes: the store keeps one per voter, so a voter twice is a broken file, not a choice to make. */
const votes = z
  .array(vote, { error: 'must be a list of votes, each { voter, value, at }' })
  .superRefine((list, context) => {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      if (seen.has(v.voter)) context.addIssue({ code: 'custom', path: [i, 'voter'], message: `voter ${v.voter} votes twice on this comment` });
      seen.add(v.voter);
    });
  })
  .default([]);

/** What import accepts. Texts and names are checked again by the importer's cleaning, like every format's. */
export const exportFileSchema = z.object({
  format: z.literal(PARLEY_FORMAT),
  version: z.literal(PARLEY_VERSION, { error: `this importer reads version ${PARLEY_VERSION} of the Parley export` }),
  exportedAt: z.string().optional(),
  aliases: z.array(z.object({ from: z.string().min(1), to: z.string().min(1) })).default([]),
  comments: z.array(
    z.object({
      id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -'),
      thread: z.string().min(1),
      parent: z.string().nullable(),
      status: z.enum(['published', 'pending', 'spam', 'deleted']),
      name: z.string(),
      email: z.string(),
      website: z.string().nullable(),
      text: z.string(),
      format: z.enum(['plain', 'markdown']).default('plain'),
      createdAt: isoDate,
      editedAt: isoDate.nullable(),
      idempotencyKey: z.string().regex(/^[\x20-\x7e]{1,128}$/, 'must be 1–128 printable ASCII characters').nullable().default(null),
      fingerprint: z.string().max(200).nullable().default(null),
      reasons: z.array(z.object({ rule: z.string(), verdict: z.enum(['publish', 'hold', 'spam', 'reject']), message: z.string() })).default([]),
      owner: z.boolean().default(false),
      pinnedAt: isoDate.nullable().default(null),
      mention: z.enum(['mention', 'reply']).nullable().default(null),
      source: z.string().max(2000).nullable().default(null),
      votes,
    }),
  ),
});
