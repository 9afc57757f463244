// Housekeeping (issue 21 item 5): spam and deleted comments erased after --purge-after-days, as
// DESIGN's "stored status" defines erasure: name, email, website, text and client hash blanked, a
// tombstone kept only where replies hang; published and pending comments, and younger ones, untouched.
import { describe, expect, it } from 'vitest';
import { purgeOld } from '../../src/server/desk/purge.ts';
import { createMemoryStore } from '../../src/server/store/memory.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import { draft } from './store/contracts.ts';

const DAY = 86_400_000;
const NOW = 100 * DAY;

for (const [name, make] of [
  ['memory', () => createMemoryStore()],
  ['sqlite', () => createSqliteStore({ file: ':memory:' })],
] as const) {
  describe(`purging old spam and deleted comments (${name} store)`, () => {
    it('erases those older than the limit, keeps a tombstone where replies hang, and leaves the rest', async () => {
      const store = make();
      const at = (days: number) => NOW - days * DAY;
      const add = async (id: string, over: object) => (await store.comments.insert(draft({ id, root: id, name: 'Bot', email: 'bot@example.com', website: 'https://bot.example', text: `text of ${id}`, clientHash: 'c', ...over }))).comment;
      await add('old-spam', { status: 'spam', createdAt: at(40) });
      await add('young-spam', { status: 'spam', createdAt: at(10) });
      await add('old-deleted-parent', { status: 'deleted', createdAt: at(45) });
      await store.comments.insert(draft({ id: 'reply', parent: 'old-deleted-parent', root: 'old-deleted-parent', status: 'published', createdAt: at(44) }));
      await add('old-published', { status: 'published', createdAt: at(60) });
      await add('old-pending', { status: 'pending', createdAt: at(60) });

      expect(await purgeOld(store, 30, NOW)).toBe(2);
      expect(await store.comments.get('old-spam')).toBeNull();
      expect(await store.comments.get('old-deleted-parent')).toMatchObject({ status: 'deleted', name: '', email: '', website: null, text: '', clientHash: null });
      expect(await store.comments.get('young-spam')).toMatchObject({ text: 'text of young-spam' });
      expect(await store.comments.get('old-published')).toMatchObject({ text: 'text of old-published' });
      expect(await store.comments.get('old-pending')).toMatchObject({ text: 'text of old-pending' });
      expect(await store.comments.get('reply')).toMatchObject({ status: 'published' });
      // Nothing more to do the next time; 0 days keeps everything.
      expect(await purgeOld(store, 30, NOW)).toBe(0);
      expect(await purgeOld(store, 0, NOW + 1000 * DAY)).toBe(0);
      expect(await store.comments.get('young-spam')).not.toBeNull();
      await store.close();
    });
  });
}
