// Moderation (DESIGN "Moderation and spam"): an ordered list of small rules, each giving a
// verdict and a reason. Every rule runs and its reason is recorded; the strongest verdict wins
// (reject > spam > hold > publish). A new rule is one file exporting a Rule, added to DEFAULT_RULES.
import type { ErrorCode, Reason, Verdict } from '../../core/types.ts';
import type { Store } from '../store/store.ts';
import { duplicates } from './duplicates.ts';
import { honeypot } from './honeypot.ts';
import { moderationMode } from './mode.ts';
import { rateLimit } from './rate-limit.ts';

export type ModerationMode = 'publish' | 'first-time' | 'all';

export interface ModerationContext {
  /** An edit runs the rules again (DESIGN); rules about the form or posting rate skip edits. */
  kind: 'post' | 'edit';
  draft: { thread: string; text: string; name: string; email: string; website: string; url?: string; form?: { hp?: string; token?: string } };
  /** The comment being edited. */
  commentId?: string;
  clientHash: string;
  /** Milliseconds since the epoch. */
  now: number;
  mode: ModerationMode;
  postsPerMinute: number;
  secret: string;
  store: Store;
}

/** A rule's finding. A `reject` carries the API error to answer with; nothing is stored then. */
export interface Finding extends Reason {
  code?: ErrorCode;
  headers?: Record<string, string>;
}

export type Rule = (ctx: ModerationContext) => Finding | null | Promise<Finding | null>;

export const DEFAULT_RULES: readonly Rule[] = [honeypot, rateLimit, duplicates, moderationMode];

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
