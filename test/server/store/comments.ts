// The comments part's contract (src/server/store/comments.ts): writes, reads by id, key and status,
// and the outbox jobs a write carries (all or nothing with it).
// Not a test file itself: test/server/store/{memory,sqlite,postgres}.test.ts run it on each store.
import { describe, expect, it } from 'vitest';
import type { Status } from '../../../src/core/types.ts';
import { draft, ids, noKind, type StoreFactory, unserialisable, useStore } from './context.ts';

export function commentsContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: comments`, () => {
    const t = useStore(factory);

    it('assigns increasing sequence numbers and returns what was stored', async () => {
      const a = await t.add({ name: 'Ann', reasons: [{ rule: 'x', verdict: 'hold', message: 'why' }] });
      const b = await t.add();
      expect(b.seq).toBeGreaterThan(a.seq);
      expect(await t.store.comments.get(a.id)).toEqual(a);
      expect(a.reasons).toEqual([{ rule: 'x', verdict: 'hold', message: 'why' }]);
      expect(await t.store.comments.get('missing')).toBeNull();
    });

    it('returns the existing comment when an idempotency key is used again', async () => {
      const first = await t.store.comments.insert(draft({ idempotencyKey: 'k1', fingerprint: 'f1' }));
      expect(first.created).toBe(true);
      const again = await t.store.comments.insert(draft({ idempotencyKey: 'k1', fingerprint: 'f2', text: 'other' }));
      expect(again.created).toBe(false);
      expect(again.comment).toEqual(first.comment);
      expect(await t.store.comments.getByIdempotencyKey('k1')).toEqual(first.comment);
      expect(await t.store.comments.getByIdempotencyKey('k2')).toBeNull();
      expect((await t.store.threads.countPublished(['/t']))['/t']).toBe(1);
    });

    it('keeps a Webmention\'s kind and source, and an update changes its author and kind (issue 18)', async () => {
      const plain = await t.add();
      expect(plain).toMatchObject({ mention: null, source: null });
      const m = await t.add({ mention: 'mention', source: 'https://elsewhere.example/post', name: 'Eve', website: null, idempotencyKey: 'wm:1' });
      expect(await t.store.comments.get(m.id)).toMatchObject({ mention: 'mention', source: 'https://elsewhere.example/post' });
      const changed = await t.store.comments.update(m.id, { text: 'New words', name: 'Eve B.', website: 'https://eve.example', mention: 'reply', editedAt: 5 });
      expect(changed).toMatchObject({ text: 'New words', name: 'Eve B.', website: 'https://eve.example', mention: 'reply', source: 'https://elsewhere.example/post', editedAt: 5 });
      expect(await t.store.comments.getByIdempotencyKey('wm:1')).toEqual(changed);
    });

    it('keeps each comment\'s format: plain unless given, on insert and on import; an update keeps it (issue 16)', async () => {
      const imported = await t.add();
      expect(imported.format).toBe('plain');
      const typed = await t.add({ format: 'markdown', text: '**hi**' });
      expect(await t.store.comments.get(typed.id)).toMatchObject({ format: 'markdown', text: '**hi**' });
      expect(await t.store.comments.update(typed.id, { text: '*edited*', editedAt: 7 })).toMatchObject({ format: 'markdown', text: '*edited*' });
      const batch = [draft({ id: 'm1', format: 'markdown' }), draft({ id: 'p1' })];
      await t.store.comments.insertMany(batch);
      expect([(await t.store.comments.get('m1'))!.format, (await t.store.comments.get('p1'))!.format]).toEqual(['markdown', 'plain']);
    });

    it('changes statuses in bulk and reports how many changed', async () => {
      const a = await t.add({ status: 'pending' });
      const b = await t.add({ status: 'pending' });
      const c = await t.add();
      expect(await t.store.comments.setStatus([a.id, b.id, c.id, 'missing'], 'published')).toBe(2);
      expect((await t.store.comments.get(b.id))!.status).toBe('published');
      expect(await t.store.comments.update('missing', { text: 'x' })).toBeNull();
    });

    it('lists comments by status for the moderator, newest first, by thread and with a cursor', async () => {
      const a = await t.add({ status: 'pending' });
      const b = await t.add({ status: 'pending', thread: '/b' });
      const c = await t.add({ status: 'pending' });
      await t.add();
      expect(ids(await t.store.comments.listByStatus({ status: 'pending', limit: 10 }))).toEqual([c.id, b.id, a.id]);
      expect(ids(await t.store.comments.listByStatus({ status: 'pending', thread: '/t', limit: 10 }))).toEqual([c.id, a.id]);
      expect(ids(await t.store.comments.listByStatus({ status: 'pending', beforeSeq: b.seq, limit: 10 }))).toEqual([a.id]);
    });

    it('lists every comment of any status in posting order, paged by sequence', async () => {
      const a = await t.add();
      const b = await t.add({ status: 'spam', thread: '/other' });
      const c = await t.add({ status: 'deleted' });
      const d = await t.add({ status: 'pending' });
      expect(ids(await t.store.comments.listAll({ limit: 3 }))).toEqual([a.id, b.id, c.id]);
      expect(ids(await t.store.comments.listAll({ afterSeq: c.seq, limit: 3 }))).toEqual([d.id]);
      expect((await t.store.comments.listAll({ limit: 10 }))[1]).toEqual(b);
    });

    it('inserts many comments at once, skipping those already stored by id or idempotency key', async () => {
      const kept = await t.add({ id: 'kept', text: 'original' });
      await t.add({ id: 'keyed', idempotencyKey: 'key-1', thread: '/held', status: 'pending' });
      const root = draft({ id: 'imp-root', thread: '/imported' });
      const batch = [
        root,
        draft({ id: 'imp-reply', thread: '/imported', parent: root.id, root: root.id, reasons: [{ rule: 'import', verdict: 'publish', message: 'wxr' }] }),
        draft({ id: 'kept', text: 'overwritten?' }),
        draft({ id: 'other-id', idempotencyKey: 'key-1', thread: '/held' }),
        draft({ id: 'imp-held', thread: '/quiet', status: 'pending' }),
      ];
      const before = await Promise.all(['/imported', '/quiet', '/held'].map((thread) => t.store.threads.version(thread)));
      expect(await t.store.comments.insertMany(batch)).toEqual({ created: 3, existing: 2 });
      expect((await t.store.comments.get('kept'))?.text).toBe(kept.text);
      expect(await t.store.comments.get('other-id')).toBeNull();
      const reply = await t.store.comments.get('imp-reply');
      expect(reply).toMatchObject({ parent: 'imp-root', root: 'imp-root', reasons: [{ rule: 'import', verdict: 'publish', message: 'wxr' }] });
      expect(reply!.seq).toBeGreaterThan((await t.store.comments.get('imp-root'))!.seq);
      expect((await t.store.threads.countPublished(['/imported']))['/imported']).toBe(2);
      // The thread that got published comments changed for readers; the one with only a held one did not.
      expect(await t.store.threads.version('/imported')).toBeGreaterThan(before[0]!);
      expect(await t.store.threads.version('/quiet')).toBe(before[1]);
      expect(await t.store.threads.version('/held')).toBe(before[2]);
      // Importing the same file again adds nothing.
      expect(await t.store.comments.insertMany(batch)).toEqual({ created: 0, existing: 5 });
      expect(await t.store.comments.insertMany([])).toEqual({ created: 0, existing: 0 });
    });

    it('inserts nothing of a batch when one comment of it fails', async () => {
      await t.add({ id: 'before' });
      const version = await t.store.threads.version('/batch');
      const batch = [draft({ id: 'good-1', thread: '/batch' }), draft({ id: 'bad', thread: '/batch', status: 'bogus' as Status }), draft({ id: 'good-2', thread: '/batch' })];
      await expect(t.store.comments.insertMany(batch)).rejects.toThrow();
      expect(await t.store.comments.get('good-1')).toBeNull();
      expect(await t.store.comments.get('good-2')).toBeNull();
      expect(ids(await t.store.comments.listAll({ limit: 10 }))).toEqual(['before']);
      expect(await t.store.threads.version('/batch')).toBe(version);
      // The store is still usable afterwards.
      expect(await t.store.comments.insertMany([draft({ id: 'good-3', thread: '/batch' })])).toEqual({ created: 1, existing: 0 });
    });

    it('writes the jobs of a new comment with it, built from the comment as stored, and none on a replay', async () => {
      await t.store.aliases.set('/old', '/new');
      const seen: string[] = [];
      const jobs = (c: { id: string; thread: string; seq: number }) => {
        seen.push(c.id);
        return [
          { kind: 'webhook', payload: { id: c.id, thread: c.thread, seq: c.seq }, runAt: 10 },
          { kind: 'mail', payload: { id: c.id }, runAt: 10 },
        ];
      };
      const first = await t.store.comments.insert(draft({ id: 'j1', thread: '/old', idempotencyKey: 'jk' }), { jobs });
      expect(first.created).toBe(true);
      expect(await t.jobsNow()).toEqual([
        { kind: 'webhook', payload: { id: 'j1', thread: '/new', seq: first.comment.seq }, runAt: 10 },
        { kind: 'mail', payload: { id: 'j1' }, runAt: 10 },
      ]);
      // The same key again: the existing comment, no call, no job.
      const again = await t.store.comments.insert(draft({ id: 'j2', idempotencyKey: 'jk' }), { jobs });
      expect(again).toMatchObject({ created: false, comment: { id: 'j1' } });
      expect(seen).toEqual(['j1']);
      expect(await t.jobsNow()).toHaveLength(2);
      // No jobs asked for: none written.
      await t.store.comments.insert(draft({ id: 'j3' }), { jobs: () => [] });
      await t.store.comments.insert(draft({ id: 'j4' }));
      expect(await t.jobsNow()).toHaveLength(2);
    });

    it('stores neither the comment nor any job when a job of it cannot be stored', async () => {
      const failures: [string, () => never[] | (typeof noKind)[number][]][] = [
        ['unserialisable payload', () => [unserialisable] as never[]],
        ['NOT NULL kind', () => noKind],
        [
          'throwing builder',
          () => {
            throw new Error('cannot build the jobs');
          },
        ],
      ];
      for (const [why, jobs] of failures) {
        await expect(t.store.comments.insert(draft({ id: 'lost', idempotencyKey: 'lost-key' }), { jobs }), why).rejects.toThrow();
        expect(await t.store.comments.get('lost'), why).toBeNull();
        expect(await t.store.comments.getByIdempotencyKey('lost-key'), why).toBeNull();
        expect(await t.store.comments.listAll({ limit: 10 }), why).toEqual([]);
        expect(await t.store.threads.version('/t'), why).toBe(0);
        expect(await t.jobsNow(), why).toEqual([]);
      }
      // The key was never taken: the reader's retry creates the comment, with its jobs.
      const retry = await t.store.comments.insert(draft({ id: 'lost', idempotencyKey: 'lost-key' }), { jobs: (c) => [{ kind: 'webhook', payload: c.id, runAt: 0 }] });
      expect(retry.created).toBe(true);
      expect(await t.jobsNow()).toEqual([{ kind: 'webhook', payload: 'lost', runAt: 0 }]);
    });

    it('writes an update\'s jobs from the row before and after it, or undoes the update', async () => {
      const c = await t.add({ status: 'published' });
      const version = await t.store.threads.version('/t');
      for (const jobs of [() => [unserialisable] as never[], () => noKind]) {
        await expect(t.store.comments.update(c.id, { text: 'changed', status: 'pending' }, { jobs })).rejects.toThrow();
        expect(await t.store.comments.get(c.id)).toEqual(c);
        expect(await t.store.threads.version('/t')).toBe(version);
        expect(await t.jobsNow()).toEqual([]);
      }
      const updated = await t.store.comments.update(
        c.id,
        { text: 'changed', status: 'pending', editedAt: 2_000 },
        { jobs: ({ before, after }) => [{ kind: 'held', payload: [before.status, before.text, after.status, after.text, after.editedAt], runAt: 1 }] },
      );
      expect(updated).toMatchObject({ status: 'pending', text: 'changed' });
      expect(await t.jobsNow()).toEqual([{ kind: 'held', payload: ['published', c.text, 'pending', 'changed', 2_000], runAt: 1 }]);
      let called = false;
      expect(await t.store.comments.update('missing', { text: 'x' }, { jobs: () => ((called = true), []) })).toBeNull();
      expect(called).toBe(false);
    });

    it('hands setStatus\'s job builder only the comments that changed, or undoes the change', async () => {
      const held = await t.add({ status: 'pending' });
      const shown = await t.add({ status: 'published' });
      const spam = await t.add({ status: 'spam', thread: '/u' });
      const versions = [await t.store.threads.version('/t'), await t.store.threads.version('/u')];
      for (const jobs of [() => [unserialisable] as never[], () => noKind]) {
        await expect(t.store.comments.setStatus([held.id, shown.id, spam.id], 'published', { jobs })).rejects.toThrow();
        expect((await t.store.comments.get(held.id))!.status).toBe('pending');
        expect((await t.store.comments.get(spam.id))!.status).toBe('spam');
        expect([await t.store.threads.version('/t'), await t.store.threads.version('/u')]).toEqual(versions);
        expect(await t.jobsNow()).toEqual([]);
      }
      const changed = await t.store.comments.setStatus([spam.id, held.id, shown.id, 'missing'], 'published', {
        jobs: (rows) => rows.map((r) => ({ kind: 'published', payload: { id: r.id, status: r.status, thread: r.thread }, runAt: 0 })),
      });
      expect(changed).toBe(2);
      const payloads = (await t.jobsNow()).map((j) => j.payload as { id: string });
      expect(payloads.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
        [
          { id: held.id, status: 'published', thread: '/t' },
          { id: spam.id, status: 'published', thread: '/u' },
        ].sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      // Nothing changed: the builder is told so (an empty list) and writes nothing.
      let got: unknown;
      expect(await t.store.comments.setStatus([held.id], 'published', { jobs: (rows) => ((got = rows), []) })).toBe(0);
      expect(got).toEqual([]);
    });
  });
}
