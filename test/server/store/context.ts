// What every part's contract suite shares: a fresh store per test, a comment draft, and the small
// helpers the suites write with. A new part is one more suite file here and one line in
// `storeContracts`.
import { afterEach, beforeEach } from 'vitest';
import type { NewStoredComment, Store, StoredComment } from '../../../src/server/store/store.ts';

export type StoreFactory = () => Store | Promise<Store>;

let n = 0;
export function draft(over: Partial<NewStoredComment> = {}): NewStoredComment {
  const id = over.id ?? `c${++n}`;
  return {
    id,
    thread: '/t',
    parent: null,
    root: id,
    status: 'published',
    name: 'Ada',
    email: 'ada@example.com',
    website: null,
    avatar: 'seed',
    text: `text ${id}`,
    createdAt: 1_000,
    editedAt: null,
    clientHash: 'client-a',
    reasons: [],
    idempotencyKey: null,
    fingerprint: null,
    ...over,
  };
}

export const ids = (list: { id: string }[]) => list.map((c) => c.id);

/** A job that no store can keep: JSON has no BigInt. */
export const unserialisable = { kind: 'webhook', payload: { n: 1n }, runAt: 0 };
/** A job the jobs table's NOT NULL kind refuses (after a good one was written in the same transaction). */
export const noKind = [
  { kind: 'webhook', payload: 'fine', runAt: 0 },
  { kind: null as unknown as string, payload: 'no kind', runAt: 0 },
];

export interface StoreUnderTest {
  /** A fresh store for each test, closed after it. */
  readonly store: Store;
  add(over?: Partial<NewStoredComment>): Promise<StoredComment>;
  reply(parent: { id: string; root: string }, over?: Partial<NewStoredComment>): Promise<StoredComment>;
  /** The outbox's jobs as kind, payload and runAt. */
  jobsNow(): Promise<{ kind: string; payload: unknown; runAt: number }[]>;
}

/** Registers the store's set-up and tear-down in the calling describe block. */
export function useStore(factory: StoreFactory): StoreUnderTest {
  let store: Store | undefined;
  beforeEach(async () => {
    store = await factory();
  });
  afterEach(async () => {
    await store?.close();
  });
  const t: StoreUnderTest = {
    get store() {
      if (!store) throw new Error('The store is made in beforeEach.');
      return store;
    },
    add: async (over = {}) => (await t.store.comments.insert(draft(over))).comment,
    reply: (parent, over = {}) => t.add({ parent: parent.id, root: parent.root, ...over }),
    jobsNow: async () => (await t.store.outbox.list({ limit: 50 })).map((j) => ({ kind: j.kind, payload: j.payload, runAt: j.runAt })),
  };
  return t;
}
