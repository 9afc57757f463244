// Moderation (DESIGN "Moderation and spam"): an ordered list of small rules, each giving a
// verdict and a reason. Every rule runs and its reason is recorded; the strongest verdict wins
// (reject > spam > hold > publish). A new rule is one file exporting a Rule, added to DEFAULT_RULES.
// A rule that finds nothing worth telling returns null; one with something for the moderator
// ("1 link", "sent 40 s after the form was opened") returns a `publish` finding.
//
// Rules do no I/O of their own beyond the store calls the older ones make: what they need from the
// network or from earlier posts (the article, the thread's other comments, the client's last post)
// is gathered once by routes/comments-write.ts and handed in on the context.
import type { ErrorCode, Reason, Verdict } from '../../core/types.ts';
import type { Store } from '../store/store.ts';
import { duplicates } from './duplicates.ts';
import { echoRule, type ArticleIndex, type SourceIndex } from './echo.ts';
import { flood } from './flood.ts';
import { formToken } from './form-token.ts';
import { honeypot } from './honeypot.ts';
import { links } from './links.ts';
import { moderationMode } from './mode.ts';
import { rateLimit } from './rate-limit.ts';
import { words } from './words.ts';

export type ModerationMode = 'publish' | 'first-time' | 'all';

/** The rules' tuning, from the CLI flags (AppOptions → Deps → every context). */
export interface RuleSettings {
  postsPerMinute: number;
  /** Form-token rule: the least time between opening the form and posting; 0 is off. */
  minSubmitSeconds: number;
  /** Flood rule: the least time between two posts of one client; 0 is off. */
  floodSeconds: number;
  maxLinks: number;
  holdWords: readonly string[];
  spamWords: readonly string[];
}

export interface ModerationContext extends RuleSettings {
  /** An edit runs the rules again (DESIGN); rules about the form or posting rate skip edits. */
  kind: 'post' | 'edit';
  draft: { thread: string; text: string; name: string; email: string; website: string; url?: string; form?: { hp?: string; token?: string } };
  /** The comment being edited. */
  commentId?: string;
  clientHash: string;
  /** Milliseconds since the epoch. */
  now: number;
  mode: ModerationMode;
  secret: string;
  store: Store;
  /** Seconds since this client's last post, if it is inside the flood window and the client is known. */
  secondsSinceLastPost?: number | null;
  /** What the echo rule compares with; absent, the echo rule does not run. */
  echo?: {
    /** The article at the thread's URL, indexed; null when there is none or it could not be fetched. */
    article: ArticleIndex | null;
    /** Why there is no article, for the moderator. */
    articleError?: string;
    /** Texts other authors already posted in this thread, or the same indexed (routes/moderation-inputs.ts). */
    others: readonly string[] | SourceIndex;
  };
}

/** A rule's finding. A `reject` carries the API error to answer with; nothing is stored then. */
export interface Finding extends Reason {
  code?: ErrorCode;
  headers?: Record<string, string>;
}

export type Rule = (ctx: ModerationContext) => Finding | null | Promise<Finding | null>;

/** Echo (DESIGN): spam when the comment's own words are mostly the article's or the thread's sentences. */
export const echo: Rule = ({ draft, echo: input }) =>
  input ? echoRule({ text: draft.text, article: input.article, articleError: input.articleError, others: input.others }) : null;

export const DEFAULT_RULES: readonly Rule[] = [honeypot, formToken, rateLimit, flood, duplicates, links, words, echo, moderationMode];

const STRENGTH: Record<Verdict, number> = { publish: 0, hold: 1, spam: 2, reject: 3 };

export interface Decision {
  verdict: Verdict;
  reasons: Reason[];
  /** The strongest reject finding, when the verdict is reject. */
  rejected?: Finding;
}

export async function moderate(ctx: ModerationContext, rules: readonly Rule[] = DEFAULT_RULES): Promise<Decision> {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const found = await rule(ctx);
    if (found) findings.push(found);
  }
  let verdict: Verdict = 'publish';
  for (const f of findings) if (STRENGTH[f.verdict] > STRENGTH[verdict]) verdict = f.verdict;
  const reasons = findings.map(({ rule, verdict: v, message }) => ({ rule, verdict: v, message }));
  return { verdict, reasons, rejected: findings.find((f) => f.verdict === 'reject') };
}
