import { describe, expect, it } from 'vitest';
import { createLocalBackend } from '../../src/adapters/local-storage.ts';
import { draft, rejection, runBackendContract } from './contract.ts';

/** A Web Storage double: a Map behind getItem/setItem, like a fresh browser profile. */
function fakeStorage(quota = Infinity) {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem(key: string, value: string) {
      if (value.length > quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      map.set(key, value);
    },
  };
}

runBackendContract('local', ({ holdAll }) =>
  createLocalBackend({ storage: fakeStorage(), ...(holdAll ? { moderate: () => 'held' as const } : {}) }),
  { replies: true, edit: true, remove: true, counts: true, formToken: false },
);

describe('createLocalBackend', () => {
  it('keeps comments when the backend is created again on the same storage', async () => {
    const storage = fakeStorage();
    const first = createLocalBackend({ storage });
    const posted = await first.post(draft('/t'));
    const reply = await first.post(draft('/t', { parent: posted.comment.id }));

    const second = createLocalBackend({ storage });
    expect((await second.list('/t')).comments).toEqual([posted.comment, reply.comment]);
    // The edit token and idempotency key survive too, not only the public comment.
    await second.edit!(posted.comment.id, posted.editToken, 'Edited after a reload.');
    expect((await createLocalBackend({ storage }).list('/t')).comments[0]?.text).toBe('Edited after a reload.');
  });

  it('answers an idempotent retry after a reload with the same comment', async () => {
    const storage = fakeStorage();
    const d = draft('/t');
    const first = await createLocalBackend({ storage }).post(d);
    const again = await createLocalBackend({ storage }).post(d);
    expect(again.comment.id).toBe(first.comment.id);
    expect(again.editToken).toBe(first.editToken);
  });

  it('uses its own key, so two keys are two separate sites', async () => {
    const storage = fakeStorage();
    await createLocalBackend({ storage, key: 'a' }).post(draft('/t'));
    expect((await createLocalBackend({ storage, key: 'b' }).list('/t')).comments).toEqual([]);
    expect([...storage.map.keys()]).toEqual(['a']);
  });

  it('keeps both of two posts sent at the same moment', async () => {
    const backend = createLocalBackend({ storage: fakeStorage() });
    const [a, b] = await Promise.all([backend.post(draft('/t')), backend.post(draft('/t'))]);
    expect((await backend.list('/t')).comments.map((c) => c.id)).toEqual([a.comment.id, b.comment.id]);
  });

  it('starts empty over an unreadable stored value instead of breaking the page', async () => {
    const storage = fakeStorage();
    storage.setItem('parley:local', '{not json');
    const backend = createLocalBackend({ storage });
    expect((await backend.list('/t')).comments).toEqual([]);
    await backend.post(draft('/t'));
    expect((await backend.list('/t')).thread.count).toBe(1);
  });

  it('says so when the browser refuses to store, and keeps nothing', async () => {
    const storage = fakeStorage(10);
    const backend = createLocalBackend({ storage });
    const error = await rejection(backend.post(draft('/t')));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/storage/);
    expect((await backend.list('/t')).comments).toEqual([]);
  });

  it('reads localStorage by default', async () => {
    const storage = fakeStorage();
    const saved = globalThis.localStorage;
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
    try {
      await createLocalBackend().post(draft('/t'));
      expect(storage.map.has('parley:local')).toBe(true);
    } finally {
      Object.defineProperty(globalThis, 'localStorage', { value: saved, configurable: true });
    }
  });
});

describe('createLocalBackend with votes (issue 16)', () => {
  it('keeps a vote with the comments, across a reload', async () => {
    const storage = fakeStorage();
    const backend = createLocalBackend({ storage, votes: 'up' });
    const { comment } = await backend.post(draft('/t'));
    expect(await backend.vote!(comment.id, { value: 1, voter: 'this-browsers-voter-key' })).toEqual({ votes: { up: 1, down: 0 } });
    const again = createLocalBackend({ storage, votes: 'up' });
    expect((await again.list('/t')).comments[0]!.votes).toEqual({ up: 1, down: 0 });
    expect(createLocalBackend({ storage }).vote).toBeUndefined();
  });
});
