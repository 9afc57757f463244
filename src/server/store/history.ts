// The history part of the store: what the moderation rules ask about earlier comments (the
// thread's recent texts for echo, duplicates, an author's published comments, a client's posts).
// Narrow reads, each backed by an index.

/** A comment as the echo rule reads it: no more of the row than that. */
export interface ThreadText {
  id: string;
  seq: number;
  status: (typeof ECHO_STATUSES)[number];
  email: string;
  text: string;
}

/** The statuses the echo rule compares with, in the order `recentTexts` returns them. */
export const ECHO_STATUSES = ['published', 'pending', 'spam'] as const;

/** Comments for the echo rule, with the thread's version read in the same snapshot. */
export interface ThreadTexts {
  version: number;
  rows: ThreadText[];
}

export interface HistoryPart {
  /**
   * The echo rule's sample of a thread: the newest `perStatus` comments of each of published,
   * pending and spam (published first, then pending, then spam; each by descending `seq`), and
   * the thread's version as of the same moment.
   */
  recentTexts(thread: string, perStatus: number): Promise<ThreadTexts>;
  /**
   * What was added to that sample since: published, pending and spam comments of the thread with
   * `seq` above `afterSeq`, ascending, at most `limit`, and the thread's version as of the same moment.
   */
  textsSince(thread: string, afterSeq: number, limit: number): Promise<ThreadTexts>;
  /** True when the same thread already holds this text from the same email or the same name. */
  hasDuplicate(query: { thread: string; email: string; name: string; text: string; exceptId?: string }): Promise<boolean>;
  /**
   * True when a published comment anywhere was posted with this author key (its hash,
   * StoredComment.authorKey): what comments/trust.ts decides first-time trust by.
   */
  hasPublishedByAuthor(authorKey: string): Promise<boolean>;
  /** Comments stored from one client hash since a time (flood rules). */
  countByClient(clientHash: string, sinceMs: number): Promise<number>;
  /** Comments stored from one client hash with one author key since a time: one browser's (flood). */
  countByClientAndAuthor(clientHash: string, authorKey: string, sinceMs: number): Promise<number>;
}
