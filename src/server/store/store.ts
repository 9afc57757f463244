// The server's only state (DESIGN "Scale": nothing that matters lives in one process), as small
// parts: each part is one interface in this folder with its own contract suite
// (test/server/store/), implemented for memory (memory/), SQLite (sqlite/) and PostgreSQL
// (postgres/). Every method is async so a networked store fits unchanged. A new part (votes,
// subscriptions …) is one more interface here, one more file in each implementation's folder, one
// more key below and in each composition (memory.ts, sqlite.ts, postgres.ts), and one more
// contract suite.
import type { AliasesPart } from './aliases.ts';
import type { ArticlesPart } from './articles.ts';
import type { CommentsPart } from './comments.ts';
import type { CountersPart } from './counters.ts';
import type { DeskPart } from './desk.ts';
import type { EventsPart } from './events.ts';
import type { HistoryPart } from './history.ts';
import type { OutboxPart } from './outbox.ts';
import type { ReadersPart } from './readers.ts';
import type { SettingsPart } from './settings.ts';
import type { SpamPart } from './spam.ts';
import type { ThreadsPart } from './threads.ts';
import type { VotesPart } from './votes.ts';

export interface Store {
  comments: CommentsPart;
  threads: ThreadsPart;
  history: HistoryPart;
  counters: CountersPart;
  settings: SettingsPart;
  articles: ArticlesPart;
  aliases: AliasesPart;
  outbox: OutboxPart;
  /** "A comment was published", heard by every instance sharing the store (issue 16, live updates). */
  events: EventsPart;
  /** Votes on comments (issue 16). */
  votes: VotesPart;
  /** Reader mail and self-service (issue 17). */
  readers: ReadersPart;
  /** The learning filter's model and Akismet's client details (issue 15). */
  spam: SpamPart;
  /** The moderation desk's tokens, log, lists and settings (issue 21). */
  desk: DeskPart;
  /**
   * A number that moves whenever anything may have been committed to the store since it was last
   * read, by this process or any other, read without waiting (one statement, no round trip). A
   * store that cannot tell that cheaply leaves it out (PostgreSQL: every instance would need a
   * round trip). The read cache keeps GET /api/v1/counts answers by it (reads.ts). It may move
   * without a visible change; it never stays put across one.
   */
  changeStamp?(): number;
  /** A cheap round trip for /healthz; rejects when the store is unusable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type { PublishedEvent } from './events.ts';
export type { CastVote, StoredVote, VotesPart } from './votes.ts';
export type { AliasesPart, ArticlesPart, CommentsPart, CountersPart, DeskPart, EventsPart, HistoryPart, OutboxPart, ReadersPart, SettingsPart, SpamPart, ThreadsPart };
export { ALL_CLIENTS, type ClientDetails, type LearnedModel, type SpamLabel } from './spam.ts';
export type { Follow, FollowKind } from './readers.ts';
export { AliasError } from './aliases.ts';
export type { CachedArticle } from './articles.ts';
export type { ThreadClosing } from './threads.ts';
export { PIN_LIMIT, type CommentPatch, type DeskSearch, type NewStoredComment, type PinOutcome, type StoredComment, type WriteJobs } from './comments.ts';
export { LIST_NAMES, type ListEntry, type ListName, type LogEntry, type ModeratorToken, type NewLogEntry } from './desk.ts';
export { windowStart } from './counters.ts';
export { ECHO_STATUSES, type ThreadText, type ThreadTexts } from './history.ts';
export type { Job, NewJob } from './outbox.ts';
