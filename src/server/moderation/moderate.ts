// Moderation (DESIGN "Moderation and spam"): an ordered list of small rules, each giving a
// verdict and a reason. They run cheapest first, and the first `reject` stops the run: nothing
// more is fetched or compared for a post that is refused anyway (issue 14). Otherwise every rule
// runs and its reason is recorded, and the strongest verdict wins (spam > hold > publish). A new
// rule is one file exporting a Rule (rule.ts), added to DEFAULT_RULES. A rule that finds nothing
// worth telling returns null; one with something for the moderator ("1 link", "sent 40 s after the
// form was opened") returns a `publish` finding.
//
// Rules do no I/O of their own beyond small store reads: what the echo rule needs from the
// network and from the thread (the article, the other comments) is gathered by `ctx.echo()`, which
// only the echo rule calls, last.
import type { Reason, Verdict } from '../../core/types.ts';
import { akismet } from './akismet.ts';
import { duplicates } from './duplicates.ts';
import { echoRule } from './echo.ts';
import { flood } from './flood.ts';
import { formToken } from './form-token.ts';
import { honeypot } from './honeypot.ts';
import { banned } from './banned.ts';
import { learned } from './learned.ts';
import { links } from './links.ts';
import { moderationMode } from './mode.ts';
import { ownerName } from './owner-name.ts';
import { rateLimit } from './rate-limit.ts';
import type { Finding, ModerationContext, Rule } from './rule.ts';
import { words } from './words.ts';

export type { EchoInputs, Finding, FloodCount, ModerationContext, ModerationMode, Rule, RuleSettings } from './rule.ts';

/** Echo (DESIGN): spam when the comment's own words are mostly the article's or the thread's sentences. */
export const echo: Rule = async ({ draft, echo: gather }) => {
  if (!gather) return null;
  const input = await gather();
  return echoRule({ text: draft.text, article: input.article, articleError: input.articleError, others: input.others });
};

/**
 * Cheapest first: pure checks of the post (the owner's name refuses before anything is counted), then the owner's bans
 * (one read of the desk's lists, issue 21), then the limits that may refuse it (rate, flood,
 * duplicate: one small store read or write each), then the rest, then echo, which fetches and
 * compares, then the learning filter, which takes what they found as features (one small store
 * read), and Akismet, a call to another service (only when it is on, and not for a comment
 * already judged spam), last.
 */
export const DEFAULT_RULES: readonly Rule[] = [honeypot, ownerName, formToken, banned, rateLimit, flood, duplicates, links, words, moderationMode, echo, learned, akismet];

const STRENGTH: Record<Verdict, number> = { publish: 0, hold: 1, spam: 2, reject: 3 };

export interface Decision {
  verdict: Verdict;
  reasons: Reason[];
  /** The reject finding that stopped the run, when the verdict is reject. */
  rejected?: Finding;
}

export async function moderate(ctx: ModerationContext, rules: readonly Rule[] = DEFAULT_RULES): Promise<Decision> {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const found = await rule(ctx, findings);
    if (!found) continue;
    if (found.verdict === 'reject') return { verdict: 'reject', reasons: [...findings, found].map(reasonOf), rejected: found };
    findings.push(found);
  }
  let verdict: Verdict = 'publish';
  for (const f of standing(findings)) if (STRENGTH[f.verdict] > STRENGTH[verdict]) verdict = f.verdict;
  return { verdict, reasons: findings.map(reasonOf) };
}

/** The findings whose verdicts count: all but those a later finding overrules (Finding.overrules). */
export function standing(findings: readonly Finding[]): Finding[] {
  const overruled = new Set(findings.flatMap((f) => (f.overrules ? [f.overrules] : [])));
  return findings.filter((f) => !overruled.has(f.rule));
}

const reasonOf = ({ rule, verdict, message }: Finding): Reason => ({ rule, verdict, message });
