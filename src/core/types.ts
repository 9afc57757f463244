// The wire contract (DESIGN.md "The HTTP API"): one definition used by the widget, the adapters
// and the server. Plain types only, so importing this file costs the embed nothing.

/** Where a comment stands in the store. `deleted` is soft: kept for its replies and exports. */
export type Status = 'published' | 'pending' | 'spam' | 'deleted';

/** What a POST tells the poster. `held` covers `pending` and `spam` alike, so bots learn nothing. */
export type Outcome = 'published' | 'held';

/** `best`: the Wilson lower bound of a comment's votes (issue 16), most trusted praise first. */
export type Sort = 'oldest' | 'newest' | 'best';

/** Votes on a comment (issue 16): up, and down where the owner turned down votes on. */
export interface Votes {
  up: number;
  down: number;
}

/**
 * The body of `POST /api/v1/comments/:id/vote` (issue 16): `value` 1 up, -1 down, 0 takes the vote
 * back; `voter` an opaque key of 16–64 printable ASCII characters the browser keeps; `authorKey` the
 * browser's author key (NewComment), by which the server refuses a vote on one's own comment.
 */
export interface Vote {
  value: 1 | -1 | 0;
  voter: string;
  authorKey?: string;
}

/** What votes the server takes (`--votes`): up only (the default), up and down, or none. */
export type VoteMode = 'up' | 'updown' | 'off';

/**
 * How a comment's text is read (issue 16, core/format): `markdown` for new comments, `plain` for
 * those written before formatting existed and for imports, so `2*3*4` written then stays as it was.
 */
export type Format = 'plain' | 'markdown';

export interface Author {
  name: string;
  website: string | null;
  /** A short seed for an initials-and-colour avatar: a salted hash, never the email or a plain hash of it. */
  avatar: string;
  /**
   * The site owner's label (issue 16 item 4: "Author" unless the owner configures another) on a
   * comment the owner posted (from the desk, or in place with an owner key); null on everyone else's,
   * and nobody else can get one. A backend that has no owner leaves it out.
   */
  badge?: string | null;
}

export interface PublicComment {
  id: string;
  thread: string;
  parent: string | null;
  author: Author;
  /** Exactly what the author typed; `format` says how to read it (core/format parse). */
  text: string;
  format: Format;
  /** ISO 8601. */
  createdAt: string;
  editedAt: string | null;
  deleted?: true;
  /**
   * A Webmention (issue 18; DESIGN, second round): another site's page that links here, shown under
   * the comments as "Mentions" with its `source` link. `inReplyTo` when that page's h-entry says it
   * answers this one (microformats2 `in-reply-to`), else it only mentions it.
   */
  kind?: 'mention';
  source?: string;
  inReplyTo?: true;
  /** Its votes (issue 16); a backend without votes leaves it out. */
  votes?: Votes;
  /**
   * Pinned by the owner (issue 16 item 4): at most 3 top-level comments a thread; the first page
   * shows them first (in the order they were pinned), whatever the sort, marked "Pinned".
   */
  pinned?: true;
}

export interface ThreadPage {
  /**
   * `closed`: the thread takes no new comments (DESIGN, second round: the GET answer's `thread`
   * carries `closed: boolean`); a backend that cannot tell leaves it out, and a post then answers
   * `thread_closed`.
   */
  thread: {
    id: string;
    count: number;
    closed?: boolean;
    /** The server mails readers about replies (issue 17): the form offers "Notify me of replies by email". */
    mail?: true;
    /** What votes the server takes (issue 16); absent: no votes. */
    votes?: VoteMode;
  };
  /** Flat, parents before children; the widget builds the tree. */
  comments: PublicComment[];
  nextCursor: string | null;
  /**
   * Top-level comments on this page whose replies did not all fit (a page carries at most
   * LIMITS.repliesPerPage replies), each with the cursor to pass to `replies(rootId, { cursor })`.
   * An addition to DESIGN's shape; absent when every reply fitted.
   */
  more?: Record<string, string>;
}

export interface PageRequest {
  cursor?: string;
  limit?: number;
  sort?: Sort;
}

/** What only the widget's form sends: the honeypot field and the form token. */
export interface FormFields {
  /** The honeypot: a field people never see, so it must come back empty. */
  hp?: string;
  /** From `GET /api/v1/form?thread=ID`. */
  token?: string;
}

export interface NewComment {
  thread: string;
  url?: string;
  parent?: string | null;
  text: string;
  /** How to read `text` (issue 16): `markdown` when left out. */
  format?: Format;
  name: string;
  email: string;
  website?: string;
  /** A random key made when the draft starts (the widget's: 128 bits from crypto.getRandomValues); a retry sends the same one. */
  idempotencyKey: string;
  form?: FormFields;
  /**
   * The author key this browser was given by an earlier post's answer (`Posted.authorKey`): the
   * author's stable avatar and earned trust come from it, never from the email (issue 14). Optional:
   * a post without it gets a fresh one.
   */
  authorKey?: string;
  /**
   * Mail about this conversation (issue 17): `replies` to this comment, or every new comment on the
   * `thread`. The first time, the address gets one confirmation mail and nothing else until it is
   * confirmed. The answer never says whether a mail was sent.
   */
  notify?: 'replies' | 'thread';
}

export interface Posted {
  comment: PublicComment;
  status: Outcome;
  editToken: string;
  /**
   * Until when (ISO 8601) the edit token is accepted: the backend's edit window. A backend that
   * leaves it out gets DESIGN's default, 15 minutes from posting.
   */
  editableUntil?: string;
  /** The author key to send with this author's next posts (the one sent, or a fresh one); a backend without keys leaves it out. */
  authorKey?: string;
}

export type Verdict = 'publish' | 'hold' | 'spam' | 'reject';

export interface Reason {
  rule: string;
  verdict: Verdict;
  message: string;
}

export interface AdminComment extends PublicComment {
  status: Status;
  email: string;
  reasons: Reason[];
}

export type ErrorCode =
  | 'invalid'
  | 'invalid_json'
  | 'unauthorized'
  | 'origin_not_allowed'
  | 'edit_window_closed'
  | 'thread_closed'
  | 'own_comment'
  | 'votes_off'
  | 'not_found'
  | 'duplicate'
  | 'idempotency_conflict'
  | 'pin_limit'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable';

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}

/** The fields a reader fills in; keys match NewComment and the error `fields` map. */
export type DraftField = 'text' | 'name' | 'email' | 'website';
