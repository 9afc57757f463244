// A ModerationContext for one rule at a time: every setting at the options table's default, the
// rules with a threshold off unless a test turns them on.
import type { ModerationContext } from '../../../src/server/moderation/moderate.ts';
import { withDefaults } from '../../../src/server/options.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';

export const NOW = Date.parse('2026-01-01T00:00:00Z');

export function ctx(over: Partial<Omit<ModerationContext, 'draft'>> & { draft?: Partial<ModerationContext['draft']> } = {}): ModerationContext {
  const { draft, ...rest } = over;
  return {
    ...withDefaults({}),
    kind: 'post',
    draft: { thread: '/a', text: 'Hello there', name: 'Ada', email: 'ada@example.com', website: '', ...draft },
    clientHash: 'client-1',
    now: NOW,
    moderation: 'publish',
    postsPerMinute: 0,
    minSubmitSeconds: 0,
    floodSeconds: 0,
    maxLinks: 2,
    holdWords: [],
    spamWords: [],
    secret: 'test-secret',
    store: createMemoryStore(),
    ...rest,
  };
}
