// Akismet (issue 15, item 3): its comment-check verdict as a rule with a reason. Asked only when the
// owner turned Akismet on (the context carries `akismet`), and not about a comment an earlier rule
// already judged spam, unless that verdict was set aside (Finding.overrules): nothing more is sent to
// a third party than needed. A timeout or an error
// never loses or blocks a comment: it is held, with the reason, for the moderator to decide.
import type { Rule } from './rule.ts';

export const akismet: Rule = async (ctx, earlier) => {
  if (!ctx.akismet || earlier?.some((f) => f.verdict === 'spam' && !earlier.some((o) => o.overrules === f.rule))) return null;
  const found = await ctx.akismet();
  if (found.verdict === 'spam') {
    return { rule: 'akismet', verdict: 'spam', message: found.discard ? 'Akismet: blatant spam (it says this may be discarded unseen)' : 'Akismet: spam' };
  }
  if (found.verdict === 'ham') return { rule: 'akismet', verdict: 'publish', message: 'Akismet: not spam' };
  return { rule: 'akismet', verdict: 'hold', message: `held because Akismet could not check it: ${found.reason}` };
};
