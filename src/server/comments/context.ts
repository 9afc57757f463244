// The moderation context of a post or an edit: the request's part, and every setting of the
// options table, so a rule reads a new moderation option without a line here (options.ts).
import type { UseCaseDeps } from '../deps.ts';
import type { ModerationContext } from '../moderation/moderate.ts';

type PerRequest = Pick<ModerationContext, 'kind' | 'draft' | 'clientHash' | 'now' | 'commentId' | 'flood' | 'echo' | 'trusted' | 'owner' | 'akismet' | 'learned'>;

export const moderationContext = (deps: Pick<UseCaseDeps, 'settings' | 'store'>, secret: string, part: PerRequest): ModerationContext => ({
  ...deps.settings,
  ...part,
  secret,
  store: deps.store,
});
