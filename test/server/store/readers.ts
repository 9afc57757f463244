// The readers part's contract (src/server/store/readers.ts): reader mail (double opt-in, batches)
// and a reader's own comments by address. Not a test file itself: memory.test.ts, sqlite.test.ts
// and postgres.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import { ids, type StoreFactory, useStore } from './context.ts';

export function readersContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: readers`, () => {
    const t = useStore(factory);
    const replies = (target: string) => ({ kind: 'replies' as const, target });

    it('keeps an address unconfirmed until it is confirmed, and only confirmed ones follow', async () => {
      const { readers } = t.store;
      expect(await readers.follow('ada@example.com', replies('c1'), 1_000)).toEqual({ confirmed: false });
      expect(await readers.follow('ada@example.com', { kind: 'thread', target: '/t' }, 2_000)).toEqual({ confirmed: false });
      expect(await readers.followers({ parent: 'c1', thread: '/t' })).toEqual([]);
      expect(await readers.confirm('ada@example.com', 3_000, 'key-a')).toBe(true);
      expect(await readers.follow('ada@example.com', replies('c2'), 4_000)).toEqual({ confirmed: true });
      expect(await readers.followers({ parent: 'c1', thread: '/other' })).toEqual(['ada@example.com']);
      expect(await readers.followers({ parent: 'c9', thread: '/t' })).toEqual(['ada@example.com']);
      // Replies and thread both match: the address comes once.
      expect(await readers.followers({ parent: 'c2', thread: '/t' })).toEqual(['ada@example.com']);
      expect(await readers.followers({ parent: null, thread: '/other' })).toEqual([]);
    });

    it('tells what is stored for an address, and nothing once it is forgotten', async () => {
      const { readers } = t.store;
      expect(await readers.get('ada@example.com')).toBeNull();
      await readers.follow('ada@example.com', replies('c1'), 1_000);
      await readers.follow('ada@example.com', { kind: 'thread', target: '/t' }, 2_000);
      await readers.follow('ada@example.com', replies('c1'), 3_000);
      expect(await readers.get('ada@example.com')).toEqual({
        createdAt: 1_000,
        confirmedAt: null,
        follows: [
          { kind: 'replies', target: 'c1', createdAt: 1_000 },
          { kind: 'thread', target: '/t', createdAt: 2_000 },
        ],
      });
      await readers.confirm('ada@example.com', 4_000, null);
      expect((await readers.get('ada@example.com'))!.confirmedAt).toBe(4_000);
      await readers.forget('ada@example.com');
      expect(await readers.get('ada@example.com')).toBeNull();
    });

    it('confirms nothing for an address that never asked or was forgotten', async () => {
      const { readers } = t.store;
      expect(await readers.confirm('nobody@example.com', 1, 'key-x')).toBe(false);
      expect(await readers.boundKeys('key-x', 10)).toEqual([]);
      await readers.follow('bob@example.com', replies('c1'), 1);
      await readers.forget('bob@example.com');
      expect(await readers.confirm('bob@example.com', 2, 'key-b')).toBe(false);
      expect(await readers.follow('bob@example.com', replies('c1'), 3)).toEqual({ confirmed: false });
    });

    it('binds author keys to a confirmed address, and forgets them with it', async () => {
      const { readers } = t.store;
      await readers.follow('ada@example.com', replies('c1'), 1);
      await readers.confirm('ada@example.com', 2, 'key-a');
      await readers.confirm('ada@example.com', 3, 'key-b');
      expect((await readers.boundKeys('key-a', 10)).sort()).toEqual(['key-a', 'key-b']);
      expect(await readers.boundKeys('key-a', 1)).toHaveLength(1);
      await readers.forget('ada@example.com');
      expect(await readers.boundKeys('key-a', 10)).toEqual([]);
      expect(await readers.followers({ parent: 'c1', thread: '/t' })).toEqual([]);
    });

    it('forgets unconfirmed addresses older than the cut, and keeps confirmed ones', async () => {
      const { readers } = t.store;
      await readers.follow('old@example.com', replies('c1'), 1_000);
      await readers.follow('new@example.com', replies('c1'), 9_000);
      await readers.follow('kept@example.com', replies('c1'), 1_000);
      await readers.confirm('kept@example.com', 1_500, null);
      expect(await readers.pruneUnconfirmed(5_000)).toBe(1);
      expect(await readers.confirm('old@example.com', 10_000, null)).toBe(false);
      expect(await readers.confirm('new@example.com', 10_000, null)).toBe(true);
      expect((await readers.followers({ parent: 'c1', thread: '/t' })).sort()).toEqual(['kept@example.com', 'new@example.com']);
    });

    it('opens a batch with the first queued comment and hands the batch over once', async () => {
      const { readers } = t.store;
      expect(await readers.queue('ada@example.com', 'r1', 1)).toBe(true);
      expect(await readers.queue('ada@example.com', 'r2', 2)).toBe(false);
      expect(await readers.queue('ada@example.com', 'r1', 3)).toBe(false);
      expect(await readers.queue('bob@example.com', 'r1', 3)).toBe(true);
      expect(await readers.take('ada@example.com')).toEqual(['r1', 'r2']);
      expect(await readers.take('ada@example.com')).toEqual([]);
      expect(await readers.queue('ada@example.com', 'r3', 4)).toBe(true);
      await readers.forget('bob@example.com');
      expect(await readers.take('bob@example.com')).toEqual([]);
    });

    it('lists an address\'s comments in any case, and erases them: a tombstone only under replies', async () => {
      const { readers } = t.store;
      const a = await t.add({ email: 'Ada@Example.com', text: 'first', website: 'https://ada.example' });
      const b = await t.add({ email: 'ada@example.com', thread: '/u', text: 'second' });
      const other = await t.add({ email: 'bob@example.com' });
      const reply = await t.reply(a, { email: 'bob@example.com' });
      expect(ids(await readers.commentsOf('ada@example.com', 10))).toEqual([a.id, b.id]);
      expect(ids(await readers.commentsOf('ada@example.com', 1))).toEqual([a.id]);
      const version = await t.store.threads.version('/t');
      // bob's comment is not ada's to erase.
      expect(await readers.erase('ada@example.com', [a.id, b.id, other.id, 'missing'])).toBe(2);
      expect(await t.store.threads.version('/t')).toBeGreaterThan(version);
      const tomb = await t.store.comments.get(a.id);
      expect(tomb).toMatchObject({ status: 'deleted', name: '', email: '', website: null, text: '', clientHash: null, authorKey: null, reasons: [] });
      expect(await t.store.comments.get(b.id)).toBeNull();
      expect(await t.store.comments.get(other.id)).not.toBeNull();
      expect(await t.store.comments.get(reply.id)).not.toBeNull();
      expect(await readers.commentsOf('ada@example.com', 10)).toEqual([]);
    });
  });
}
