// Moderation through the HTTP API: every rule's reason is recorded, the strongest verdict wins,
// the three modes, and the data the rules get (form token, client's last post, article, thread).
import { describe, expect, it } from 'vitest';
import type { FetchArticle } from '../../src/server/deps.ts';
import { body, post, posted, setup } from '../helpers/app.ts';

const ARTICLE = [
  'The city council voted on Tuesday to close the old harbour bridge for repairs lasting eighteen months.',
  'Traffic will be diverted through the northern ring road, which engineers say can carry the extra load.',
].join('\n\n');
const ECHO = 'Interesting! The city council voted on Tuesday to close the old harbour bridge for repairs lasting eighteen months.';
const PAGE = 'https://blog.example/news/bridge';
/** The page's thread: the article is fetched only from its thread's own page, and kept under the thread. */
const THREAD = '/news/bridge';

const served = (text = ARTICLE): FetchArticle & { calls: string[] } => {
  const calls: string[] = [];
  return Object.assign(async (url: string) => (calls.push(url), { ok: true as const, text }), { calls });
};

async function reasonsOf(store: ReturnType<typeof setup>['store'], id: string) {
  return (await store.comments.get(id))!.reasons;
}

describe('moderation through the API', () => {
  it('records every rule that had something to say, and the strongest verdict wins', async () => {
    const { app, store } = setup({ holdWords: ['refund'], spamWords: ['casino'], fetchArticle: served() });
    // links (hold) + words (spam): spam wins, and both reasons are kept.
    const res = await posted(app, { text: 'refund casino https://a.example https://b.example https://c.example', thread: THREAD, url: PAGE });
    expect(res.status).toBe('held');
    const row = (await store.comments.get(res.comment.id))!;
    expect(row.status).toBe('spam');
    expect(row.reasons).toEqual(
      expect.arrayContaining([
        { rule: 'links', verdict: 'hold', message: '3 links (more than 2)' },
        { rule: 'words', verdict: 'spam', message: 'spam word "casino"' },
        expect.objectContaining({ rule: 'echo', verdict: 'publish' }),
      ]),
    );
    // A hold alone makes it pending.
    const held = await posted(app, { text: 'I want a refund' });
    expect((await store.comments.get(held.comment.id))!.status).toBe('pending');
  });

  it('publishes, holds all, or holds first-time authors, by mode', async () => {
    const publish = setup({ moderation: 'publish' });
    expect((await posted(publish.app)).status).toBe('published');

    const all = setup({ moderation: 'all' });
    const a = await posted(all.app);
    expect(a.status).toBe('held');
    expect(await reasonsOf(all.store, a.comment.id)).toContainEqual({ rule: 'mode', verdict: 'hold', message: 'Every comment on this site waits for a moderator.' });

    const first = setup({ moderation: 'first-time' });
    const f = await posted(first.app);
    expect(f.status).toBe('held');
    await first.store.comments.setStatus([f.comment.id], 'published');
    expect((await posted(first.app, { text: 'Second one', authorKey: (f as unknown as { authorKey: string }).authorKey })).status).toBe('published');
    // Mode never overrides a stronger verdict: spam stays spam in publish mode.
    const spam = setup({ moderation: 'publish', spamWords: ['casino'] });
    const s = await posted(spam.app, { text: 'casino' });
    expect((await spam.store.comments.get(s.comment.id))!.status).toBe('spam');
  });

  it('holds a post without a form token, or sent too soon, when --min-submit-seconds is on', async () => {
    const { app, store, clock } = setup({ minSubmitSeconds: 3 });
    const noToken = await posted(app);
    expect(noToken.status).toBe('held');
    expect(await reasonsOf(store, noToken.comment.id)).toContainEqual(expect.objectContaining({ rule: 'form-token', verdict: 'hold' }));

    const { token } = (await (await app.request('/api/v1/form?thread=/a')).json()) as { token: string };
    const early = await posted(app, { text: 'Too quick', form: { token } });
    expect(early.status).toBe('held');
    expect(await reasonsOf(store, early.comment.id)).toContainEqual({ rule: 'form-token', verdict: 'hold', message: 'sent 0 s after the form was opened (minimum 3 s)' });

    clock.now += 5_000;
    const ok = await posted(app, { text: 'Took my time', form: { token } });
    expect(ok.status).toBe('published');
    expect(await reasonsOf(store, ok.comment.id)).toContainEqual({ rule: 'form-token', verdict: 'publish', message: 'sent 5 s after the form was opened' });
  });

  it('holds a third post from one client inside --flood-seconds, keyed on the last X-Forwarded-For hop with --trust-proxy', async () => {
    const { app, store, clock } = setup({ floodSeconds: 15, trustProxy: true, clientAddress: () => '10.0.0.1' });
    const from = (ip: string) => ({ 'x-forwarded-for': `203.0.113.9, ${ip}` });
    expect((await post(app, body({ text: 'one' }), from('198.51.100.1'))).status).toBe(201);
    clock.now += 2_000;
    expect((await post(app, body({ text: 'one and a half' }), from('198.51.100.1'))).status).toBe(201);
    clock.now += 2_000;
    const second = (await (await post(app, body({ text: 'two' }), from('198.51.100.1'))).json()) as { comment: { id: string }; status: string };
    expect(second.status).toBe('held');
    expect(await reasonsOf(store, second.comment.id)).toContainEqual({ rule: 'flood', verdict: 'hold', message: '3rd comment within 15 s from this address (more than 2 is a burst)' });
    // Another client (the spoofable first hop is the same) is not affected.
    expect(((await (await post(app, body({ text: 'three' }), from('198.51.100.2'))).json()) as { status: string }).status).toBe('published');
    clock.now += 15_000;
    expect(((await (await post(app, body({ text: 'four' }), from('198.51.100.1'))).json()) as { status: string }).status).toBe('published');
  });

  it('does not flood-hold everyone when the client address is unknown', async () => {
    const { app } = setup({ floodSeconds: 15 });
    expect((await posted(app, { text: 'one' })).status).toBe('published');
    expect((await posted(app, { text: 'two', name: 'Bob', email: 'bob@example.com' })).status).toBe('published');
  });

  it('marks a comment echoing the article as spam, fetching the page once and caching it in the store', async () => {
    const fetchArticle = served();
    const { app, store } = setup({ fetchArticle });
    const res = await posted(app, { text: ECHO, thread: THREAD, url: `${PAGE}#comments` });
    expect(res.status).toBe('held');
    const row = (await store.comments.get(res.comment.id))!;
    expect(row.status).toBe('spam');
    expect(row.reasons).toContainEqual(expect.objectContaining({ rule: 'echo', verdict: 'spam', message: expect.stringContaining('echoes 1 sentence of the article') }));
    expect(fetchArticle.calls).toEqual([PAGE]);
    expect(await store.articles.get(THREAD)).toMatchObject({ text: ARTICLE });
    await posted(app, { text: 'My own view entirely.', thread: THREAD, url: PAGE });
    expect(fetchArticle.calls).toHaveLength(1);
  });

  it('fetches only pages on a configured origin, and nothing when none is configured', async () => {
    const fetchArticle = served();
    const { app, store } = setup({ fetchArticle });
    const res = await posted(app, { text: ECHO, url: 'https://elsewhere.example/news/bridge' });
    expect(fetchArticle.calls).toEqual([]);
    expect((await store.comments.get(res.comment.id))!.reasons).toContainEqual(expect.objectContaining({ rule: 'echo', message: expect.stringContaining('not on an allowed origin') }));

    // Without --origin the only name for "this site" would be the request's Host header, which the
    // poster writes: Host: 169.254.169.254 would make the server fetch its cloud metadata (SSRF).
    const own = setup({ fetchArticle, origins: [] });
    const r = await post(own.app, body({ text: 'Hello', url: 'http://169.254.169.254/latest/meta-data/' }), { host: '169.254.169.254' });
    expect(fetchArticle.calls).toEqual([]);
    const stored = await own.store.comments.get(((await r.json()) as { comment: { id: string } }).comment.id);
    expect(stored!.reasons).toContainEqual(expect.objectContaining({ rule: 'echo', message: expect.stringContaining('no --origin') }));
  });

  it('posts without delay past the fetch timeout when the page hangs, says why, and caches the failure briefly', async () => {
    let calls = 0;
    const hanging: FetchArticle = () => (calls++, new Promise(() => {}));
    const { app, store, clock } = setup({ fetchArticle: hanging, articleTimeoutMs: 50 });
    const started = Date.now();
    const res = await posted(app, { text: ECHO, thread: THREAD, url: PAGE });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(res.status).toBe('published');
    expect(await reasonsOf(store, res.comment.id)).toContainEqual(expect.objectContaining({ rule: 'echo', message: expect.stringContaining('article could not be fetched (timeout after 50 ms)') }));
    // The thread check still runs: a second author repeating the first one's long sentence is spam.
    const copy = await posted(app, { text: ECHO, thread: THREAD, url: PAGE, name: 'Bot', email: 'bot@example.com' });
    expect(copy.status).toBe('held');
    expect(await reasonsOf(store, copy.comment.id)).toContainEqual(expect.objectContaining({ rule: 'echo', verdict: 'spam', message: expect.stringContaining('already posted in this thread') }));
    expect(calls).toBe(1);
    clock.now += 61_000;
    await posted(app, { text: 'later', thread: THREAD, url: PAGE });
    expect(calls).toBe(2);
  });

  it('keeps the post when the fetcher throws or answers with a failure', async () => {
    const broken = setup({ fetchArticle: async () => { throw new Error('socket hang up'); } });
    expect((await posted(broken.app, { text: ECHO, thread: THREAD, url: PAGE })).status).toBe('published');
    const missing = setup({ fetchArticle: async () => ({ ok: false, reason: 'HTTP 404' }) });
    const res = await posted(missing.app, { text: ECHO, thread: THREAD, url: PAGE });
    expect(await reasonsOf(missing.store, res.comment.id)).toContainEqual(expect.objectContaining({ message: expect.stringContaining('(HTTP 404)') }));
  });

  it('answers retries racing their first attempt as retries, not as duplicates', async () => {
    // Each attempt's article fetch takes a different time, so some finish moderation after another
    // attempt has already stored the comment.
    let n = 0;
    const fetchArticle: FetchArticle = () => new Promise((done) => setTimeout(() => done({ ok: true, text: ARTICLE }), 80 - 20 * n++));
    const { app } = setup({ fetchArticle });
    const same = body({ text: 'Sent twice at once', thread: THREAD, url: PAGE });
    const statuses = (await Promise.all([1, 2, 3, 4].map(() => post(app, same)))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 201]);
  });

  it('ignores X-Forwarded-For unless --trust-proxy is on', async () => {
    const { app, clock } = setup({ floodSeconds: 15, clientAddress: () => '10.0.0.1' });
    await post(app, body({ text: 'one' }), { 'x-forwarded-for': '198.51.100.1' });
    await post(app, body({ text: 'one more' }), { 'x-forwarded-for': '198.51.100.3' });
    clock.now += 1_000;
    const res = (await (await post(app, body({ text: 'two' }), { 'x-forwarded-for': '198.51.100.2' })).json()) as { status: string };
    expect(res.status).toBe('held');
  });

  it('refuses a duplicate with 409 before anything is stored', async () => {
    const { app } = setup();
    await posted(app, { text: 'Same words' });
    const again = await post(app, body({ text: 'Same words' }));
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'duplicate' } });
  });
});
