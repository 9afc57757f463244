// People never see the honeypot field, so anything in it was typed by a bot.
import type { Rule } from './rule.ts';

export const honeypot: Rule = (ctx) =>
  ctx.kind === 'post' && ctx.draft.form?.hp
    ? { rule: 'honeypot', verdict: 'spam', message: 'The hidden honeypot field was filled in, which only bots do.' }
    : null;
