// Telling the live streams (issue 16 item 6) of comments that became public: a post published at
// once, a moderator's approval. After the write committed, through the store's events, so every
// instance sharing the store hears it; a failure here costs live readers that comment until their
// next read, never the write, so it is logged and swallowed.
import type { UseCaseDeps } from '../deps.ts';
import type { StoredComment } from '../store/store.ts';

export async function announcePublished(deps: Pick<UseCaseDeps, 'store' | 'logger'>, rows: readonly Pick<StoredComment, 'id' | 'thread' | 'status'>[]): Promise<void> {
  for (const row of rows) {
    if (row.status !== 'published') continue;
    await deps.store.events.announce({ thread: row.thread, id: row.id }).catch((error: unknown) => deps.logger.error(`live update for comment ${row.id} could not be sent`, error));
  }
}
