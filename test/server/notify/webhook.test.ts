// Webhook delivery through the outbox: signed POSTs to a real local receiver, retries with backoff
// driven by an injected clock (no sleeps), dead jobs with their last error.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { commentEvent, createNotifier, type CommentEvent, type NotifyInput } from '../../../src/server/notify/events.ts';
import { createWebhookSender, signature } from '../../../src/server/notify/webhook.ts';
import { byKind, createOutboxWorker, MAX_ATTEMPTS, retryDelay } from '../../../src/server/notify/worker.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';
import { createPostgresStore } from '../../../src/server/store/postgres.ts';
import { createSqliteStore } from '../../../src/server/store/sqlite.ts';
import type { NewJob, Store, StoredComment } from '../../../src/server/store/store.ts';
import { createTestDatabase, pgAvailable } from '../../helpers/pg.ts';
import { draft } from '../store/contracts.ts';
import { expectedSignature, startReceiver } from './helpers.ts';

const pgOk = await pgAvailable('webhook retries on PostgreSQL');
const dir = mkdtempSync(path.join(tmpdir(), 'parley-webhook-'));

const SECRET = 'webhook-secret-for-tests-0123456789';
const T0 = Date.parse('2026-03-01T12:00:00Z');

/** A stored comment (the store contract's `draft`) as the notifier receives it. */
const row = (over: Partial<StoredComment> = {}): StoredComment => ({
  seq: 1,
  authorKey: null,
  mention: null,
  source: null,
  votesUp: 0,
  votesDown: 0,
  format: 'plain',
  ...draft({ id: 'c1', thread: '/posts/hello', website: 'https://ada.example', avatar: 'x', text: 'Hello there', createdAt: T0 - 1000, clientHash: null }),
  owner: false,
  pinnedAt: null,
  ...over,
});

/** What a route does with the notifier's jobs, without the comment write: put them in the outbox. */
async function queue(store: Store, jobs: readonly NewJob[]): Promise<void> {
  for (const job of jobs) await store.outbox.enqueue(job);
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The outbox lives in the store: the retry tests run over every store. */
const STORES: { name: string; skip: boolean; open: () => Promise<Store> }[] = [
  { name: 'memory', skip: false, open: async () => createMemoryStore() },
  { name: 'SQLite', skip: false, open: async () => createSqliteStore({ file: path.join(dir, `${Math.random().toString(36).slice(2)}.db`) }) },
  {
    name: 'PostgreSQL',
    skip: !pgOk,
    open: async () => {
      const db = await createTestDatabase('parley_webhook');
      const store = await createPostgresStore({ url: db.url, poolSize: 2 });
      closers.push(() => db.drop());
      return store;
    },
  },
];

async function harness(answer?: Parameters<typeof startReceiver>[0], urls?: string[], open: () => Promise<Store> = async () => createMemoryStore()) {
  const receiver = await startReceiver(answer);
  closers.push(() => receiver.close());
  const store = await open();
  closers.push(() => store.close());
  const clock = { now: T0 };
  const notifier = createNotifier({ webhooks: urls ?? [receiver.url], now: () => clock.now });
  const notify = (input: NotifyInput) => queue(store, notifier(input));
  const worker = createOutboxWorker({
    store,
    now: () => clock.now,
    random: () => 0.5,
    logger: { info: () => {}, error: () => {} },
    deliver: byKind({ webhook: createWebhookSender({ secret: SECRET, now: () => clock.now, timeoutMs: 2000 }) }),
  });
  closers.push(() => worker.stop());
  return { receiver, store, clock, notify, worker };
}

describe('webhooks', () => {
  it('POSTs the event as JSON with a signature the receiver can check with the secret', async () => {
    const { receiver, store, notify, worker } = await harness();
    await notify({ comment: row(), url: 'https://blog.example/posts/hello' });
    const [job] = await store.outbox.list({ limit: 10 });
    expect(await worker.runOnce()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.method).toBe('POST');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['user-agent']).toBe('Parley');
    expect(got.headers['x-parley-event']).toBe('comment.published');
    expect(got.headers['x-parley-delivery']).toBe(job!.id);
    expect(got.headers['x-parley-timestamp']).toBe(String(T0 / 1000));
    expect(got.headers['x-parley-signature']).toBe(expectedSignature(SECRET, got.body));
    // A signature over anything but the exact bytes would not match.
    expect(got.headers['x-parley-signature']).not.toBe(expectedSignature(SECRET, `${got.body} `));
    expect(JSON.parse(got.body)).toEqual({
      event: 'comment.published',
      cause: 'posted',
      deliveredAt: new Date(T0).toISOString(),
      comment: {
        id: 'c1',
        thread: '/posts/hello',
        parent: null,
        author: { name: 'Ada', email: 'ada@example.com', website: 'https://ada.example' },
        text: 'Hello there',
        format: 'plain',
        createdAt: new Date(T0 - 1000).toISOString(),
        editedAt: null,
        status: 'published',
      },
      reasons: [],
      url: 'https://blog.example/posts/hello',
    });
    // Delivered: gone from the outbox.
    expect(await store.outbox.list({ limit: 10 })).toEqual([]);
  });

  it('queues one job per URL, and held comments as comment.held with their reasons', async () => {
    const second = await startReceiver();
    closers.push(() => second.close());
    const { receiver, store, notify, worker } = await harness(undefined, undefined);
    const both = createNotifier({ webhooks: [receiver.url, second.url], now: () => T0 });
    const reasons = [{ rule: 'words', verdict: 'hold' as const, message: 'contains "refund"' }];
    await queue(store, both({ comment: row({ status: 'pending', reasons }) }));
    expect(await store.outbox.list({ limit: 10 })).toHaveLength(2);
    await worker.runOnce();
    for (const r of [receiver, second]) {
      expect(r.received).toHaveLength(1);
      expect(r.received[0]!.headers['x-parley-event']).toBe('comment.held');
      expect(JSON.parse(r.received[0]!.body)).toMatchObject({ event: 'comment.held', comment: { status: 'pending' }, reasons });
    }
    // notify() with no webhook URL and no mail queues nothing.
    expect(createNotifier({})({ comment: row() })).toEqual([]);
    await notify({ comment: row({ status: 'deleted' }) });
    expect(await store.outbox.list({ limit: 10 })).toEqual([]);
  });

  it('counts a receiver that does not answer in time as failed', async () => {
    const receiver = await startReceiver(() => 'hang');
    closers.push(() => receiver.close());
    const send = createWebhookSender({ secret: SECRET, timeoutMs: 150 });
    const event = commentEvent({ comment: row() }) as CommentEvent;
    await expect(send({ id: 'j1', kind: 'webhook', payload: { url: receiver.url, event }, attempts: 1, runAt: 0, lastError: null, dead: false, createdAt: 0 })).rejects.toThrow(
      'no answer within 150 ms',
    );
  });

  it('does not follow a redirect with the signed body, and says why', async () => {
    const receiver = await startReceiver(() => 301);
    closers.push(() => receiver.close());
    const send = createWebhookSender({ secret: SECRET });
    const event = commentEvent({ comment: row() }) as CommentEvent;
    await expect(send({ id: 'j1', kind: 'webhook', payload: { url: receiver.url, event }, attempts: 1, runAt: 0, lastError: null, dead: false, createdAt: 0 })).rejects.toThrow(
      /HTTP 301.*do not follow redirects/,
    );
    expect(receiver.received).toHaveLength(1);
  });

  it('signs with sha256= and the hex HMAC, as GitHub does', () => {
    expect(signature('It\'s a Secret to Everybody', 'Hello, World!')).toBe('sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
  });
});

describe.each(STORES)('webhook retries from the $name outbox', ({ skip, open }) => {
  it.skipIf(skip)('retries a receiver that answers 500 twice with backoff, and delivers on the third attempt', async () => {
    const { receiver, store, clock, notify, worker } = await harness((_, n) => (n <= 2 ? 500 : 200), undefined, open);
    await notify({ comment: row() });

    expect(await worker.runOnce()).toBe(1);
    let [job] = await store.outbox.list({ limit: 10 });
    expect(job).toMatchObject({ attempts: 1, dead: false, lastError: 'HTTP 500 Internal Server Error: nope 500' });
    expect(job!.runAt).toBe(T0 + retryDelay(1, () => 0.5));
    // Not due yet: nothing is sent.
    clock.now = job!.runAt - 1;
    expect(await worker.runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(1);

    clock.now = job!.runAt;
    expect(await worker.runOnce()).toBe(1);
    [job] = await store.outbox.list({ limit: 10 });
    expect(job).toMatchObject({ attempts: 2, dead: false });
    expect(job!.runAt - clock.now).toBe(retryDelay(2, () => 0.5));
    expect(retryDelay(2, () => 0.5)).toBeGreaterThan(retryDelay(1, () => 0.5));

    clock.now = job!.runAt;
    expect(await worker.runOnce()).toBe(1);
    expect(receiver.received).toHaveLength(3);
    expect(await store.outbox.list({ limit: 10 })).toEqual([]);
    // Every attempt is the same delivery, so a receiver can drop duplicates by X-Parley-Delivery.
    expect(new Set(receiver.received.map((r) => r.headers['x-parley-delivery'])).size).toBe(1);
  });

  it.skipIf(skip)('gives a dead receiver up after the last attempt and keeps its last error', async () => {
    // A port that was just free: connecting is refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { store, clock, notify, worker } = await harness(undefined, [`http://127.0.0.1:${port}/gone`], open);
    await notify({ comment: row() });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [job] = await store.outbox.list({ limit: 10 });
      expect(job).toMatchObject({ attempts: attempt - 1, dead: false });
      clock.now = job!.runAt;
      expect(await worker.runOnce()).toBe(1);
    }
    const [dead] = await store.outbox.list({ dead: true, limit: 10 });
    expect(dead).toMatchObject({ attempts: MAX_ATTEMPTS, dead: true });
    expect(dead!.lastError).toMatch(/ECONNREFUSED/);
    // Dead is dead: far in the future, nothing is taken again.
    clock.now += 365 * 864e5;
    expect(await worker.runOnce()).toBe(0);
  });

});
