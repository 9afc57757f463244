// What a moderation rule is (DESIGN "Moderation and spam"): a small function of the post and its
// context, giving a verdict and a reason. Types only, so every rule file and moderate.ts (which
// lists the rules) import this, and never each other.
import type { ErrorCode, Reason } from '../../core/types.ts';
import type { PartSettings } from '../options.ts';
import type { AkismetCheck } from '../akismet/client.ts';
import type { PreparedModel } from '../learning/model.ts';
import type { Store } from '../store/store.ts';
import type { ArticleIndex, SourceIndex } from './echo.ts';

/** The rules' tuning: every `moderation` setting of the options table (options.ts), on every context. */
export type RuleSettings = PartSettings<'moderation'>;

export type ModerationMode = RuleSettings['moderation'];

/** What the echo rule compares a comment with. */
export interface EchoInputs {
  /** The article at the thread's URL, indexed; null when there is none or it could not be fetched. */
  article: ArticleIndex | null;
  /** Why there is no article, for the moderator. */
  articleError?: string;
  /** Texts other authors already posted in this thread, or the same indexed (comments/moderation-inputs.ts). */
  others: readonly string[] | SourceIndex;
}

export interface ModerationContext extends RuleSettings {
  /**
   * An edit runs the rules again (DESIGN); rules about the form or posting rate skip edits. A
   * `mention` (a Webmention, issue 18) came through no form, and its receipt was rate limited
   * already: the form, honeypot and rate rules skip it too.
   */
  kind: 'post' | 'edit' | 'mention';
  draft: { thread: string; text: string; name: string; email: string; website: string; url?: string; form?: { hp?: string; token?: string } };
  /** The comment being edited. */
  commentId?: string;
  /** The salted hash of the address the request came from (rate limit, flood). */
  clientHash: string;
  /** Milliseconds since the epoch. */
  now: number;
  secret: string;
  store: Store;
  /**
   * Whether the author has earned trust (comments/trust.ts, the one place that decides it): asked
   * only by the first-time mode rule. Absent: not trusted.
   */
  trusted?: () => Promise<boolean>;
  /** The post comes from the site owner's browser (an author key named by --owner-key; comments/trust.ts). */
  owner?: boolean;
  /**
   * The posts already sent in the last --flood-seconds by this browser (its author key and its
   * address), or by this address for a post without a key (flood.ts); null when the address is
   * unknown or the rule is off.
   */
  flood?: FloodCount | null;
  /**
   * Gathers what the echo rule compares with (the thread's other comments, the article: a fetch
   * and an index), called only by the echo rule, so a run stopped by an earlier reject fetches and
   * reads nothing. Absent: the echo rule does not run.
   */
  echo?: () => Promise<EchoInputs>;
  /**
   * Asks Akismet's comment-check about this post (issue 15; only when the owner turned Akismet on,
   * with --akismet-key): sends the comment, author, address and user agent. Never rejects: a
   * timeout or an error is an answer too. Absent: the Akismet rule does not run.
   */
  akismet?: () => Promise<AkismetCheck>;
  /**
   * The site's learning filter as the store holds it (learning/filter.ts; issue 15). Absent: the
   * learned rule does not run.
   */
  learned?: () => Promise<PreparedModel>;
}

/** What the flood rule judges: how many posts, and whose. */
export interface FloodCount {
  posts: number;
  by: 'browser' | 'address';
}

/** A rule's finding. A `reject` carries the API error to answer with; nothing is stored then. */
export interface Finding extends Reason {
  code?: ErrorCode;
  /** A reject's message per field (`400 invalid`), as a schema refusal words it. */
  fields?: Record<string, string>;
  headers?: Record<string, string>;
  /**
   * The rule whose verdict this finding sets aside (round five: the learning filter vouching for a
   * comment against echo's restatement test). Both reasons are kept; the set-aside verdict no longer counts.
   */
  overrules?: string;
}

/**
 * A rule gets the context and what the rules before it found (the learning filter takes them as
 * features, Akismet is not asked about a comment already judged spam).
 */
export type Rule = (ctx: ModerationContext, earlier?: readonly Finding[]) => Finding | null | Promise<Finding | null>;
