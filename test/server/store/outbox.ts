// The outbox part's contract (src/server/store/outbox.ts): jobs queued, leased, retried, dead.
// Not a test file itself: test/server/store/{memory,sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import { type StoreFactory, useStore } from './context.ts';

export function outboxContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: outbox`, () => {
    const t = useStore(factory);

    it('queues jobs and claims only those that are due, oldest first', async () => {
      const first = await t.store.outbox.enqueue({ kind: 'webhook', payload: { comment: 'c1', n: [1, 2] }, runAt: 1_000 });
      const later = await t.store.outbox.enqueue({ kind: 'email', payload: 'text', runAt: 5_000 });
      const second = await t.store.outbox.enqueue({ kind: 'webhook', payload: null, runAt: 1_000 });
      expect(new Set([first, later, second]).size).toBe(3);
      const claimed = await t.store.outbox.claim(2_000, 10, 60_000);
      expect(claimed.map((j) => j.id)).toEqual([first, second]);
      expect(claimed[0]).toMatchObject({ kind: 'webhook', payload: { comment: 'c1', n: [1, 2] }, attempts: 1, runAt: 62_000, lastError: null, dead: false });
      expect(typeof claimed[0]!.createdAt).toBe('number');
      expect(claimed[1]!.payload).toBeNull();
      // Leased: not claimable again before the lease runs out, nor is the job not yet due.
      expect(await t.store.outbox.claim(2_000, 10, 60_000)).toEqual([]);
      expect((await t.store.outbox.claim(5_000, 1, 60_000)).map((j) => j.id)).toEqual([later]);
    });

    it('gives a job to a second worker after the first one\'s lease runs out', async () => {
      const id = await t.store.outbox.enqueue({ kind: 'webhook', payload: {}, runAt: 0 });
      expect((await t.store.outbox.claim(1_000, 5, 30_000)).map((j) => j.attempts)).toEqual([1]);
      expect(await t.store.outbox.claim(30_999, 5, 30_000)).toEqual([]);
      const again = await t.store.outbox.claim(31_000, 5, 30_000);
      expect(again).toMatchObject([{ id, attempts: 2, runAt: 61_000 }]);
    });

    it('claims only the kinds asked for, leaving the others untouched for another worker', async () => {
      const hook = await t.store.outbox.enqueue({ kind: 'webhook', payload: 1, runAt: 0 });
      const mention = await t.store.outbox.enqueue({ kind: 'webmention', payload: 2, runAt: 0 });
      const mail = await t.store.outbox.enqueue({ kind: 'mail', payload: 3, runAt: 0 });
      expect((await t.store.outbox.claim(1_000, 10, 60_000, ['webmention', 'mail'])).map((j) => j.id)).toEqual([mention, mail]);
      expect(await t.store.outbox.claim(1_000, 10, 60_000, ['webmention', 'mail'])).toEqual([]);
      expect(await t.store.outbox.claim(1_000, 10, 60_000, [])).toEqual([]);
      // The webhook job was never leased: its attempts are still 0 when its worker takes it.
      expect(await t.store.outbox.claim(1_000, 10, 60_000, ['webhook'])).toMatchObject([{ id: hook, attempts: 1 }]);
    });

    it('never gives the same job to two claims at once', async () => {
      const queued = await Promise.all(Array.from({ length: 20 }, (_, i) => t.store.outbox.enqueue({ kind: 'k', payload: i, runAt: 0 })));
      const claims = await Promise.all(Array.from({ length: 6 }, () => t.store.outbox.claim(1_000, 4, 60_000)));
      const taken = claims.flat().map((j) => j.id);
      expect(new Set(taken).size).toBe(taken.length);
      expect(taken.sort()).toEqual([...queued].sort());
    });

    it('deletes a delivered job, retries a failed one, and keeps a dead one with its error', async () => {
      const done = await t.store.outbox.enqueue({ kind: 'a', payload: 1, runAt: 0 });
      const retry = await t.store.outbox.enqueue({ kind: 'b', payload: 2, runAt: 0 });
      const dead = await t.store.outbox.enqueue({ kind: 'c', payload: 3, runAt: 0 });
      await t.store.outbox.claim(100, 10, 1_000);
      await t.store.outbox.complete(done);
      await t.store.outbox.fail(retry, { runAt: 5_000, error: 'HTTP 503', dead: false });
      await t.store.outbox.fail(dead, { runAt: 0, error: 'HTTP 410 Gone', dead: true });
      expect((await t.store.outbox.list({ limit: 10 })).map((j) => j.id)).toEqual([retry, dead]);
      expect(await t.store.outbox.list({ dead: true, limit: 10 })).toMatchObject([{ id: dead, kind: 'c', payload: 3, attempts: 1, lastError: 'HTTP 410 Gone', dead: true }]);
      expect(await t.store.outbox.list({ dead: false, limit: 10 })).toMatchObject([{ id: retry, lastError: 'HTTP 503', runAt: 5_000, dead: false }]);
      // A dead job is never claimed again; the failed one is, once due.
      expect(await t.store.outbox.claim(4_999, 10, 1_000)).toEqual([]);
      expect((await t.store.outbox.claim(1_000_000, 10, 1_000)).map((j) => j.id)).toEqual([retry]);
      expect(await t.store.outbox.list({ limit: 1 })).toHaveLength(1);
    });
  });
}
