// The outbox worker and the hook in POST /api/v1/comments: the reader's post only queues jobs and
// never waits for a receiver; the worker polls, is poked after an enqueue, and stops cleanly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createNotifier, type WebhookJob } from '../../../src/server/notify/events.ts';
import { createWebhookSender } from '../../../src/server/notify/webhook.ts';
import { BASE_DELAY_MS, byKind, createOutboxWorker, deliverers, MAX_DELAY_MS, PermanentError, retryDelay } from '../../../src/server/notify/worker.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';
import { createSqliteStore } from '../../../src/server/store/sqlite.ts';
import type { Job } from '../../../src/server/store/store.ts';
import { body, post, setup } from '../../helpers/app.ts';
import { startReceiver } from './helpers.ts';

const quiet = { info: () => {}, error: () => {} };
const dir = mkdtempSync(path.join(tmpdir(), 'parley-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const close of closers.splice(0).reverse()) await close();
});

describe('the retry schedule', () => {
  it('grows 30 s, 2 min, 8 min … up to a cap, with ±20 % jitter', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelay(n, mid))).toEqual([30_000, 120_000, 480_000, 1_920_000]);
    expect(retryDelay(7, mid)).toBe(MAX_DELAY_MS);
    expect(retryDelay(1, () => 0)).toBe(BASE_DELAY_MS * 0.8);
    expect(retryDelay(1, () => 0.999_999)).toBeLessThanOrEqual(BASE_DELAY_MS * 1.2);
  });
});

describe('the outbox worker', () => {
  it('marks a job dead at once when no retry can help: a malformed job or a kind nobody delivers', async () => {
    const store = createMemoryStore();
    const worker = createOutboxWorker({
      store,
      logger: quiet,
      deliver: byKind({
        webhook: async () => {
          throw new PermanentError('the job has no webhook URL or event');
        },
      }),
    });
    await store.outbox.enqueue({ kind: 'webhook', payload: {}, runAt: 0 });
    await store.outbox.enqueue({ kind: 'pager', payload: {}, runAt: 0 });
    expect(await worker.runOnce()).toBe(2);
    const dead = await store.outbox.list({ dead: true, limit: 10 });
    expect(dead.map((j) => [j.kind, j.attempts, j.lastError])).toEqual([
      ['webhook', 1, 'the job has no webhook URL or event'],
      ['pager', 1, 'this server does not deliver "pager" notifications (is it configured on this instance?)'],
    ]);
  });

  it('leaves a webhook job to the instance that has --webhook, instead of giving it up on one that has not', async () => {
    // Two instances on one SQLite file: the first was started without --webhook (it delivers only
    // Webmentions), the second with it.
    const file = path.join(dir, 'two-instances.db');
    const plain = createSqliteStore({ file });
    const hooked = createSqliteStore({ file });
    closers.push(async () => plain.close(), async () => hooked.close());
    const delivered: string[] = [];
    const withoutHook = createOutboxWorker({ store: plain, logger: quiet, ...deliverers({ webmention: async () => {}, webhook: undefined, mail: undefined }) });
    const withHook = createOutboxWorker({ store: hooked, logger: quiet, ...deliverers({ webhook: async (job) => void delivered.push(job.id) }) });
    const id = await plain.outbox.enqueue({ kind: 'webhook', payload: { url: 'https://hooks.example/x', event: {} }, runAt: 0 });
    expect(await withoutHook.runOnce()).toBe(0);
    expect(await plain.outbox.list({ limit: 10 })).toMatchObject([{ id, attempts: 0, dead: false, lastError: null }]);
    expect(await withHook.runOnce()).toBe(1);
    expect(delivered).toEqual([id]);
    expect(await plain.outbox.list({ limit: 10 })).toEqual([]);
  });

  it('delivers right after a poke, polls on its interval, and leaves no timer after stop()', async () => {
    const store = createMemoryStore();
    const delivered: string[] = [];
    let arrived: () => void = () => {};
    const worker = createOutboxWorker({
      store,
      logger: quiet,
      intervalMs: 60_000,
      deliver: async (job: Job) => {
        delivered.push((job.payload as { n: string }).n);
        arrived();
      },
    });
    worker.start();
    // The first pass runs at once and finds nothing; then the worker sleeps for a minute, so
    // only a poke can deliver what follows before the test times out.
    const next = () => new Promise<void>((resolve) => (arrived = resolve));
    let got = next();
    await store.outbox.enqueue({ kind: 'x', payload: { n: 'one' }, runAt: Date.now() });
    worker.poke();
    await got; // well before the minute is up: the poke did it
    expect(delivered).toEqual(['one']);
    got = next();
    await store.outbox.enqueue({ kind: 'x', payload: { n: 'two' }, runAt: Date.now() });
    worker.poke();
    await got;
    expect(delivered).toEqual(['one', 'two']);
    await worker.stop();
    // Stopped: a poke does nothing and no poll is pending.
    await store.outbox.enqueue({ kind: 'x', payload: { n: 'three' }, runAt: Date.now() });
    worker.poke();
    await new Promise((resolve) => setImmediate(resolve));
    expect(delivered).toEqual(['one', 'two']);
    expect(await store.outbox.list({ limit: 10 })).toHaveLength(1);
  });

  it('has no timer left once stopped', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = createMemoryStore();
    const worker = createOutboxWorker({ store, logger: quiet, intervalMs: 1000, deliver: async () => {} });
    worker.start();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(0); // the first pass runs and schedules the next poll
    expect(vi.getTimerCount()).toBe(1);
    await worker.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('POST /api/v1/comments and notifications', () => {
  it('answers the reader 201 while the webhook receiver hangs', async () => {
    const receiver = await startReceiver(() => 'hang');
    closers.push(() => receiver.close());
    const store = createMemoryStore();
    // Created below; the notifier pokes it after each enqueue, as main.ts wires it.
    let worker: ReturnType<typeof createOutboxWorker> | undefined;
    const notify = createNotifier({ webhooks: [receiver.url] });
    worker = createOutboxWorker({ store, logger: quiet, deliver: byKind({ webhook: createWebhookSender({ secret: 'x'.repeat(32), timeoutMs: 10_000 }) }) });
    worker.start();
    closers.push(() => worker!.stop());
    const { app } = setup({ store, notify, onQueued: () => worker?.poke(), now: Date.now });

    const res = await post(app, body({ text: 'Posted while the receiver sleeps' }));
    expect(res.status).toBe(201);
    // The delivery is under way (the receiver has the request and has not answered) …
    await receiver.waitFor(1);
    expect(JSON.parse(receiver.received[0]!.body).comment.text).toBe('Posted while the receiver sleeps');
    // … and the job is still in the outbox, leased to this worker.
    expect(await store.outbox.list({ limit: 10 })).toMatchObject([{ kind: 'webhook', attempts: 1 }]);
    receiver.release();
    await vi.waitFor(async () => expect(await store.outbox.list({ limit: 10 })).toEqual([]));
  });

  it('queues only for a new comment: an idempotent replay queues nothing more', async () => {
    const store = createMemoryStore();
    const notify = createNotifier({ webhooks: ['http://127.0.0.1:9/hook'] });
    const { app } = setup({ store, notify });
    const draft = body();
    expect((await post(app, draft)).status).toBe(201);
    expect((await post(app, draft)).status).toBe(200);
    expect(await store.outbox.list({ limit: 10 })).toHaveLength(1);
  });

  it('fails the post with 503 and stores nothing when its notifications cannot be queued; the retry stores both', async () => {
    const file = path.join(dir, 'outbox-down.db');
    const store = createSqliteStore({ file });
    closers.push(() => store.close());
    // The outbox table refuses every insert, as a full disk or a broken table would.
    const admin = new Database(file);
    closers.push(async () => void admin.close());
    admin.exec(`CREATE TRIGGER outbox_down BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END`);
    const errors: string[] = [];
    const { app } = setup({ store, notify: createNotifier({ webhooks: ['http://127.0.0.1:9/hook'] }), logger: { info: () => {}, error: (message) => errors.push(message) } });
    const draft = body({ text: 'Must not be lost' });

    const failed = await post(app, draft);
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    expect(errors).toEqual(['POST /api/v1/comments failed']);
    // Neither the comment nor a job: the key is free for the reader's retry.
    expect(await store.comments.getByIdempotencyKey(draft.idempotencyKey)).toBeNull();
    expect(await store.comments.listAll({ limit: 10 })).toEqual([]);
    expect(await store.outbox.list({ limit: 10 })).toEqual([]);

    admin.exec('DROP TRIGGER outbox_down');
    const retried = await post(app, draft);
    expect(retried.status).toBe(201);
    const { comment } = (await retried.json()) as { comment: { id: string } };
    const jobs = await store.outbox.list({ limit: 10 });
    expect(jobs.map((j) => [j.kind, (j.payload as WebhookJob).event.comment.id])).toEqual([['webhook', comment.id]]);
    // A second retry is the replay: the same comment, nothing queued again.
    expect((await post(app, draft)).status).toBe(200);
    expect(await store.outbox.list({ limit: 10 })).toHaveLength(1);
  });

  it('mails only comments held for a moderator; spam goes to the webhook alone', async () => {
    const store = createMemoryStore();
    const notify = createNotifier({ webhooks: ['http://127.0.0.1:9/hook'], mail: true });
    const { app } = setup({ store, notify, moderation: 'all', spamWords: ['casino'] });
    await post(app, body({ text: 'Please hold me' }));
    await post(app, body({ text: 'Best casino bonus' }));
    const jobs = await store.outbox.list({ limit: 10 });
    const summary = jobs.map((j) => [j.kind, (j.payload as { event: { comment: { status: string } } }).event.comment.status]);
    expect(summary).toEqual([
      ['webhook', 'pending'],
      ['mail', 'pending'],
      ['webhook', 'spam'],
    ]);
  });
});
