// Banned authors (issue 21 item 3): an address, a client (its salted hash) or a website's domain the
// owner banned on the desk, for a time or for ever. Their posts are refused, or stored straight as
// spam, as the owner chose on the desk. One store read (the lists, shared with the words rule).
import { inDomain, websiteDomain } from './owner-lists.ts';
import type { Rule } from './rule.ts';
import { listsOf } from './lists-of.ts';

export const banned: Rule = async (ctx) => {
  const { bans, banAction } = await listsOf(ctx);
  if (!bans.length) return null;
  const email = ctx.draft.email.trim().toLowerCase();
  const domain = websiteDomain(ctx.draft.website);
  const hit = bans.find((b) =>
    b.list === 'ban-email' ? b.value === email : b.list === 'ban-client' ? b.value === ctx.clientHash : domain !== null && inDomain(domain, b.value),
  );
  if (!hit) return null;
  const what = hit.list === 'ban-email' ? 'address' : hit.list === 'ban-client' ? 'client' : `website domain ${hit.value}`;
  const message = `banned ${what}${hit.until === null ? '' : ` until ${new Date(hit.until).toISOString().slice(0, 10)}`}`;
  if (banAction === 'spam') return { rule: 'banned', verdict: 'spam', message };
  return { rule: 'banned', verdict: 'reject', code: 'invalid', message: 'This site does not take comments from this author.' };
};
