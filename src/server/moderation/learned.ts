// The learning filter as a rule (issue 15, item 2): once the moderator has approved and marked as
// spam at least 20 comments each, a comment the filter finds like the spam is marked spam (p ≥ 0.99)
// or held (p ≥ 0.8), with its own reason naming what it learnt from and what weighed most. Its
// features include what the rules before it found (`earlier`), so it runs after echo.
import { learningFeatures } from '../learning/features.ts';
import { learnedFinding } from '../learning/model.ts';
import type { Rule } from './rule.ts';

export const learned: Rule = async (ctx, earlier = []) => {
  if (!ctx.learned) return null;
  const model = await ctx.learned();
  if (!model.active) return null;
  const found = learnedFinding(model, learningFeatures(ctx.draft.text, earlier));
  return found && { rule: 'learned', ...found };
};
