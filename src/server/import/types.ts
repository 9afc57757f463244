// What every reader (WXR, Disqus, Parley JSON) hands to the planner: comments as the source has
// them, before cleaning, thread aliases, ids and avatars. One shape, so the planner and its checks
// are written once for every format.
import type { Format, Reason, Status } from '../../core/types.ts';
import type { StoredVote } from '../store/votes.ts';

export type ImportFormat = 'wxr' | 'disqus' | 'parley';

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  wxr: 'WordPress WXR',
  disqus: 'Disqus XML',
  parley: 'Parley JSON',
};

/** One comment as read from the file. */
export interface SourceComment {
  /**
   * The source's own identity of the comment, unique in the file and stable across exports of the
   * same site (WXR: site, item and comment id; Disqus: the post's dsq:id). Ids and idempotency keys
   * are derived from it, so a second import of the same file finds every comment already there.
   */
  key: string;
  /** `key` of the comment it replies to, or null for a top-level comment. */
  parentKey: string | null;
  /** For messages: "line 120, comment 11 of “Hello, World…”". */
  where: string;
  /** The thread id before thread aliases, or null when the source gives none (skipped). */
  thread: string | null;
  status: Status;
  name: string;
  email: string;
  website: string;
  text: string;
  /**
   * How `text` is read (issue 16): plain unless the importer says otherwise (Parley JSON keeps its
   * own; WXR says markdown when it turned a comment's links into [words](URL)).
   */
  format?: Format;
  createdAt: number;
  editedAt: number | null;
  /** Parley JSON only: kept as they were, so an export imports back to itself. */
  id?: string;
  idempotencyKey?: string | null;
  fingerprint?: string | null;
  reasons?: Reason[];
  /** Parley JSON only: the site owner's comment, and when the owner pinned it (issue 16 item 4). */
  owner?: boolean;
  pinnedAt?: number | null;
  /** Parley JSON only: a received Webmention's kind and source page (issue 18). */
  mention?: 'mention' | 'reply' | null;
  source?: string | null;
  /** Parley JSON only: its votes as the exporting store kept them (voters as keyed hashes, issue 16). */
  votes?: StoredVote[];
}

/** Why a comment in the file was not imported; each kind is counted in the summary. */
export type SkipKind = 'pingback' | 'trackback' | 'other-type' | 'no-thread' | 'no-date' | 'duplicate';

export interface Skip {
  kind: SkipKind;
  where: string;
  detail: string;
}

/** Something changed so a comment could be stored (a control character removed, a bad email left out…). */
export interface Note {
  where: string;
  message: string;
}

export interface ParsedFile {
  format: ImportFormat;
  /** "WordPress WXR 1.2", "Disqus XML", "Parley JSON 1". */
  label: string;
  comments: SourceComment[];
  skipped: Skip[];
  notes: Note[];
  /** Parley JSON only: thread aliases to restore. */
  aliases: { from: string; to: string }[];
}

/** A file refused whole: the message names the file's line when there is one. Nothing was written. */
export class ImportError extends Error {}

/** A file that is not well-formed XML, with where the parser stopped. */
export class XmlSyntaxError extends ImportError {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`The file is not well-formed XML: line ${line}, column ${column}: ${reason.replace(/\.?$/, '.')} Nothing was imported; fix the file (or export it again) and retry.`);
  }
}
