// Akismet, optional (issue 15, item 3), against a fake of its documented REST API on 127.0.0.1
// (helpers/fake-akismet.ts): off unless the owner turns it on; comment-check as a rule with its
// reason; a timeout or an error holds the comment with the reason, never loses or blocks it; a
// moderator's decisions (admin API, mail links) go back as submit-spam / submit-ham through the
// outbox; the raw address and user agent kept only while Akismet is on, at most 30 days.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAkismetReporter, startClientPurge, CLIENT_KEEP_MS, AKISMET_JOB } from '../../src/server/akismet/reports.ts';
import { createAkismetClient } from '../../src/server/akismet/client.ts';
import { actOnModerationLink, seenStamp } from '../../src/server/comments/moderate-actions.ts';
import { createDeps } from '../../src/server/deps.ts';
import { startServer } from '../../src/server/main.ts';
import { makeActionToken } from '../../src/server/notify/action-links.ts';
import { createMemoryStore } from '../../src/server/store/memory.ts';
import type { Store } from '../../src/server/store/store.ts';
import { GOOD_KEY, startFakeAkismet, type FakeAkismet } from '../helpers/fake-akismet.ts';
import { body, post, setup } from '../helpers/app.ts';

const TOKEN = 'admin-token-0123456789';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';
let fake: FakeAkismet;

beforeAll(async () => {
  fake = await startFakeAkismet();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
  fake.mode = 'ok';
  fake.discard = false;
});

const on = (over: Record<string, unknown> = {}) =>
  setup({ akismetKey: GOOD_KEY, akismetBlog: 'https://blog.example', akismetUrl: fake.url, akismetTimeoutMs: 300, adminToken: TOKEN, clientAddress: () => '203.0.113.9', ...over });

const send = (app: ReturnType<typeof setup>['app'], over: Record<string, unknown> = {}) =>
  post(app, body(over), { 'user-agent': UA, referer: 'https://blog.example/a' });

async function stored(store: Store, id: string) {
  const row = await store.comments.get(id);
  return { status: row!.status, akismet: row!.reasons.find((r) => r.rule === 'akismet') };
}

const act = (app: ReturnType<typeof setup>['app'], action: string, ids: string[]) =>
  app.request('/api/v1/admin/comments/actions', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ action, ids }) });

/** Deliver the queued report jobs as the worker would. */
async function deliverReports(store: Store) {
  const deliver = createAkismetReporter({ store, client: createAkismetClient({ key: GOOD_KEY, blog: 'https://blog.example', url: fake.url }), logger: { info: () => {}, error: () => {} } });
  const jobs = (await store.outbox.list({ limit: 50 })).filter((j) => j.kind === AKISMET_JOB);
  for (const job of jobs) await deliver(job);
  return jobs.map((j) => j.payload);
}

describe('Akismet off (the default)', () => {
  it('sends nothing to Akismet and keeps no address or user agent', async () => {
    const { app, store } = setup({ akismetUrl: fake.url, clientAddress: () => '203.0.113.9' });
    const res = await send(app);
    expect(res.status).toBe(201);
    const { comment } = (await res.json()) as { comment: { id: string } };
    expect(fake.calls).toEqual([]);
    expect(await store.spam.client(comment.id)).toBeNull();
    expect((await stored(store, comment.id)).akismet).toBeUndefined();
  });

  it('needs the key and the site together', () => {
    expect(() => createDeps({ store: createMemoryStore(), akismetKey: GOOD_KEY }).akismet).not.toThrow();
    expect(createDeps({ store: createMemoryStore(), akismetKey: GOOD_KEY }).akismet).toBeUndefined();
  });
});

describe('Akismet on: comment-check', () => {
  it('sends the comment, author, address, user agent and page, and publishes what it calls not spam, with the reason', async () => {
    const { app, store } = on();
    const res = await send(app, { text: 'The weir came out in 2019; salmon were back by 2021.', url: 'https://blog.example/a', website: 'https://ada.example' });
    expect(res.status).toBe(201);
    const { comment, status } = (await res.json()) as { comment: { id: string }; status: string };
    expect(status).toBe('published');
    expect(fake.calls.map((c) => c.method)).toEqual(['comment-check']);
    expect(fake.calls[0]!.fields).toMatchObject({
      api_key: GOOD_KEY,
      blog: 'https://blog.example',
      user_ip: '203.0.113.9',
      user_agent: UA,
      referrer: 'https://blog.example/a',
      permalink: 'https://blog.example/a',
      comment_type: 'comment',
      comment_author: 'Ada',
      comment_author_email: 'ada@example.com',
      comment_author_url: 'https://ada.example',
      comment_content: 'The weir came out in 2019; salmon were back by 2021.',
    });
    expect(await stored(store, comment.id)).toEqual({ status: 'published', akismet: { rule: 'akismet', verdict: 'publish', message: 'Akismet: not spam' } });
    // Kept for the reports while Akismet is on.
    expect(await store.spam.client(comment.id)).toMatchObject({ address: '203.0.113.9', userAgent: UA, referrer: 'https://blog.example/a' });
  });

  it('marks as spam what Akismet calls spam, tells the poster only "held", and keeps it for the moderator', async () => {
    const { app, store } = on();
    const res = await send(app, { name: 'viagra-test-123' });
    const json = (await res.json()) as { comment: { id: string }; status: string };
    expect(json.status).toBe('held');
    expect(await stored(store, json.comment.id)).toEqual({ status: 'spam', akismet: { rule: 'akismet', verdict: 'spam', message: 'Akismet: spam' } });
  });

  it('says when Akismet calls it blatant (discard), and still keeps the comment', async () => {
    fake.discard = true;
    const { app, store } = on();
    const json = (await (await send(app, { email: 'akismet-guaranteed-spam@example.com' })).json()) as { comment: { id: string } };
    const found = await stored(store, json.comment.id);
    expect(found.status).toBe('spam');
    expect(found.akismet?.message).toMatch(/blatant spam .*discarded unseen/);
  });

  it('holds the comment with the reason when Akismet does not answer in time', async () => {
    fake.mode = 'slow';
    const { app, store } = on();
    const res = await send(app);
    expect(res.status).toBe(201);
    const json = (await res.json()) as { comment: { id: string }; status: string };
    expect(json.status).toBe('held');
    expect(await stored(store, json.comment.id)).toEqual({
      status: 'pending',
      akismet: { rule: 'akismet', verdict: 'hold', message: 'held because Akismet could not check it: no answer within 300 ms' },
    });
  });

  it('holds the comment with the reason when Akismet fails, refuses the key, or cannot be reached', async () => {
    fake.mode = 'broken';
    const broken = on();
    const a = (await (await send(broken.app)).json()) as { comment: { id: string } };
    expect((await stored(broken.store, a.comment.id)).akismet).toEqual({ rule: 'akismet', verdict: 'hold', message: 'held because Akismet could not check it: HTTP 500' });

    fake.mode = 'ok';
    const badKey = on({ akismetKey: 'wrong-key' });
    const b = (await (await send(badKey.app)).json()) as { comment: { id: string } };
    expect(await stored(badKey.store, b.comment.id)).toEqual({ status: 'pending', akismet: { rule: 'akismet', verdict: 'hold', message: 'held because Akismet could not check it: Your API key is invalid.' } });

    const gone = on({ akismetUrl: 'http://127.0.0.1:1' });
    const c = (await (await send(gone.app)).json()) as { comment: { id: string }; status: string };
    expect(c.status).toBe('held');
    expect((await stored(gone.store, c.comment.id)).akismet?.message).toMatch(/^held because Akismet could not check it: could not be reached/);
  });

  it('is not asked about a comment an earlier rule already judged spam', async () => {
    const { app } = on({ spamWords: ['casino'] });
    await send(app, { text: 'Best casino bonus' });
    expect(fake.calls).toEqual([]);
  });
});

describe("Akismet on: the moderator's decisions go back as reports", () => {
  it('reports an approval as ham and a spam mark as spam, with the address and user agent of the post', async () => {
    const { app, store } = on();
    const held = (await (await send(app, { name: 'viagra-test-123', text: 'Actually a real question about the weir?' })).json()) as { comment: { id: string } };
    const missed = (await (await send(app, { text: 'Great post, visit my site' })).json()) as { comment: { id: string } };
    fake.calls.length = 0;
    expect((await act(app, 'approve', [held.comment.id])).status).toBe(200);
    expect((await act(app, 'spam', [missed.comment.id])).status).toBe(200);
    // Deleting is no verdict on spam: nothing is reported.
    await act(app, 'delete', [missed.comment.id]);
    expect(await deliverReports(store)).toEqual([
      { report: 'ham', id: held.comment.id },
      { report: 'spam', id: missed.comment.id },
    ]);
    expect(fake.calls.map((c) => [c.method, c.fields.comment_content, c.fields.user_ip, c.fields.user_agent])).toEqual([
      ['submit-ham', 'Actually a real question about the weir?', '203.0.113.9', UA],
      ['submit-spam', 'Great post, visit my site', '203.0.113.9', UA],
    ]);
  });

  it('reports a decision taken from a mail link too', async () => {
    const { app, store, clock } = on();
    const json = (await (await send(app, { name: 'viagra-test-123' })).json()) as { comment: { id: string } };
    const deps = createDeps({ store, secret: 'test-secret', now: () => clock.now, akismetKey: GOOD_KEY, akismetBlog: 'https://blog.example', akismetUrl: fake.url });
    const row = (await store.comments.get(json.comment.id))!;
    const token = makeActionToken('test-secret', { id: row.id, action: 'approve', expiresAt: clock.now + 60_000 });
    expect((await actOnModerationLink(deps, { token, seen: seenStamp(row) })).kind).toBe('done');
    expect(await deliverReports(store)).toEqual([{ report: 'ham', id: row.id }]);
    expect(fake.calls.at(-1)?.method).toBe('submit-ham');
  });

  it('cannot report a comment whose address is no longer kept, and says so instead of failing', async () => {
    const { app, store } = on();
    const json = (await (await send(app)).json()) as { comment: { id: string } };
    await store.spam.forgetClients(Number.MAX_SAFE_INTEGER);
    await act(app, 'spam', [json.comment.id]);
    fake.calls.length = 0;
    expect(await deliverReports(store)).toHaveLength(1);
    expect(fake.calls).toEqual([]);
  });

  it('lets the worker retry a report Akismet did not take', async () => {
    const { app, store } = on();
    const json = (await (await send(app)).json()) as { comment: { id: string } };
    await act(app, 'spam', [json.comment.id]);
    fake.mode = 'broken';
    await expect(deliverReports(store)).rejects.toThrow(/did not take the spam report: HTTP 500/);
  });
});

describe('Akismet on: the address and user agent are kept at most 30 days, and only while it is on', () => {
  it('forgets details past 30 days when the next comment comes', async () => {
    const { app, store, clock } = on();
    const first = (await (await send(app)).json()) as { comment: { id: string } };
    clock.now += CLIENT_KEEP_MS + 1;
    const second = (await (await send(app, { text: 'Later' })).json()) as { comment: { id: string } };
    expect(await store.spam.client(first.comment.id)).toBeNull();
    expect(await store.spam.client(second.comment.id)).not.toBeNull();
  });

  it('purges them all when the server starts with Akismet off, and those past 30 days when it is on', async () => {
    const store = createMemoryStore();
    const details = { address: '203.0.113.9', userAgent: UA, referrer: '' };
    const now = 100 * CLIENT_KEEP_MS;
    await store.spam.keepClient('old', details, now - CLIENT_KEEP_MS - 1);
    await store.spam.keepClient('new', details, now - 1_000);
    const logger = { info: () => {}, error: () => {} };
    await startClientPurge({ store, on: true, now: () => now, logger })();
    expect([await store.spam.client('old'), (await store.spam.client('new'))?.address]).toEqual([null, '203.0.113.9']);
    await startClientPurge({ store, on: false, now: () => now, logger })();
    expect(await store.spam.client('new')).toBeNull();
  });

  it('runs end to end in a started server: the check, the approval, the report through the outbox worker', async () => {
    const store = createMemoryStore();
    const errors: string[] = [];
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      store,
      adminToken: TOKEN,
      minSubmitSeconds: 0,
      akismetKey: GOOD_KEY,
      akismetBlog: 'https://blog.example',
      akismetUrl: fake.url,
      outboxIntervalMs: 20,
      logger: { info: () => {}, error: (m) => errors.push(m) },
    });
    try {
      const res = await fetch(`${server.url}/api/v1/comments`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': UA }, body: JSON.stringify(body({ name: 'viagra-test-123' })) });
      const json = (await res.json()) as { comment: { id: string }; status: string };
      expect(json.status).toBe('held');
      const approve = await fetch(`${server.url}/api/v1/admin/comments/actions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'approve', ids: [json.comment.id] }),
      });
      expect(approve.status).toBe(200);
      while (!fake.calls.some((c) => c.method === 'submit-ham')) await new Promise((r) => setTimeout(r, 20));
      const ham = fake.calls.find((c) => c.method === 'submit-ham')!;
      expect([ham.fields.user_ip, ham.fields.user_agent, ham.fields.comment_author]).toEqual(['127.0.0.1', UA, 'viagra-test-123']);
      expect(fake.calls.map((c) => c.method)).toContain('verify-key');
      expect(errors).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('logs when Akismet refuses the key at start', async () => {
    const errors: string[] = [];
    const server = await startServer({ port: 0, host: '127.0.0.1', store: createMemoryStore(), akismetKey: 'wrong-key', akismetBlog: 'https://blog.example', akismetUrl: fake.url, logger: { info: () => {}, error: (m) => errors.push(m) } });
    try {
      while (!errors.length) await new Promise((r) => setTimeout(r, 20));
      expect(errors[0]).toMatch(/Akismet refused the key/);
    } finally {
      await server.close();
    }
  });
});
