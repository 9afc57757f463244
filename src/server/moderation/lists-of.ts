// The owner's lists (desk/lists.ts) as the rules of one run read them: one store read per post, shared
// by the rules that need it (banned, words).
import { moderationLists, type ModerationLists } from './owner-lists.ts';
import type { ModerationContext } from './rule.ts';

const read = new WeakMap<ModerationContext, Promise<ModerationLists>>();

export function listsOf(ctx: ModerationContext): Promise<ModerationLists> {
  let found = read.get(ctx);
  if (!found) read.set(ctx, (found = moderationLists(ctx.store, ctx, ctx.now)));
  return found;
}
