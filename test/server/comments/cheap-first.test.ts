// Issue 14, item 1, as the post and edit use cases keep it: the cheap limits run first, the first
// reject stops the run, and a refused post fetches and compares nothing. Asserted by counts (the
// article fetches, the store reads), never by time.
import { describe, expect, it } from 'vitest';
import type { FetchArticle } from '../../../src/server/deps.ts';
import { moderate, type Rule } from '../../../src/server/moderation/moderate.ts';
import { countingStore } from '../../helpers/store.ts';
import { ctx } from '../moderation/context.ts';
import { body, post, posted, setup } from '../../helpers/app.ts';

const URL_ON_ORIGIN = 'https://blog.example/a';

/** A fetchArticle that counts its calls and serves an article. */
function spyFetch(): FetchArticle & { calls: number } {
  const fetch = (async () => {
    fetch.calls++;
    return { ok: true, text: 'The ferry to the island runs twice a day in summer and once a day in winter, weather permitting.' };
  }) as unknown as FetchArticle & { calls: number };
  fetch.calls = 0;
  return fetch;
}

/** How often the echo rule's inputs were read: the thread's texts and the article cache. */
const echoReads = (calls: Map<string, number>) =>
  ['history.recentTexts', 'history.textsSince', 'articles.get', 'articles.put'].reduce((n, name) => n + (calls.get(name) ?? 0), 0);

describe('cheap rules first, and nothing more after a reject', () => {
  it('stops the run at the first reject: no later rule is asked', async () => {
    const asked: string[] = [];
    const rule = (name: string, verdict: 'publish' | 'hold' | 'reject' | null): Rule => () => {
      asked.push(name);
      return verdict && { rule: name, verdict, message: name };
    };
    const decision = await moderate(ctx(), [rule('a', 'hold'), rule('b', 'reject'), rule('c', 'publish'), rule('d', null)]);
    expect(asked).toEqual(['a', 'b']);
    expect(decision).toMatchObject({ verdict: 'reject', rejected: { rule: 'b' } });
  });

  it('fetches no article and reads no thread for a post refused with 429', async () => {
    const { store, calls } = countingStore();
    const fetchArticle = spyFetch();
    const { app } = setup({ store, fetchArticle, postsPerMinute: 1, clientAddress: () => '203.0.113.5' });
    await posted(app, { url: URL_ON_ORIGIN, text: 'First thoughts on the ferry.' });
    // The post that passed the limits did run echo: the article was fetched and the thread read.
    expect(fetchArticle.calls).toBe(1);
    expect(echoReads(calls)).toBeGreaterThan(0);
    calls.clear();
    const refused = await post(app, body({ url: URL_ON_ORIGIN, text: 'A second, different comment.' }));
    expect(refused.status).toBe(429);
    expect(fetchArticle.calls).toBe(1);
    expect(echoReads(calls)).toBe(0);
    // The cheap limits ran: the counter was hit, and nothing was stored.
    expect(calls.get('counters.hit')).toBe(1);
    expect(calls.get('comments.insert') ?? 0).toBe(0);
  });

  it('fetches no article and reads no thread for a duplicate refused with 409', async () => {
    const { store, calls } = countingStore();
    const fetchArticle = spyFetch();
    const { app } = setup({ store, fetchArticle, clientAddress: () => '203.0.113.6' });
    await posted(app, { url: URL_ON_ORIGIN, text: 'Same words twice.' });
    calls.clear();
    const before = fetchArticle.calls;
    const refused = await post(app, body({ url: URL_ON_ORIGIN, text: 'Same words twice.' }));
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe('duplicate');
    expect(fetchArticle.calls).toBe(before);
    expect(echoReads(calls)).toBe(0);
    expect(calls.get('history.hasDuplicate')).toBe(1);
  });

  it('rate-limits edits (PATCH) per client, with Retry-After, apart from posts', async () => {
    const { app } = setup({ postsPerMinute: 2, clientAddress: () => '203.0.113.7' });
    const { comment, editToken } = await posted(app, { text: 'Version 1' });
    const edit = (text: string) =>
      app.request(`/api/v1/comments/${comment.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${editToken}` },
        body: JSON.stringify({ text }),
      });
    expect((await edit('Version 2')).status).toBe(200);
    expect((await edit('Version 3')).status).toBe(200);
    const refused = await edit('Version 4');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/^Too many edits/) });
    // The post count is its own: the client's second post of the minute still goes through.
    expect((await post(app, body({ text: 'Another comment' }))).status).toBe(201);
  });

  it('reads the thread for an edit only when the cheap rules let it through', async () => {
    const { store, calls } = countingStore();
    const { app } = setup({ store, clientAddress: () => '203.0.113.8' });
    const other = await posted(app, { text: 'Taken words', name: 'Bo', email: 'bo@example.com' });
    const mine = await posted(app, { text: 'My words', name: 'Bo', email: 'bo@example.com' });
    calls.clear();
    // Editing into the same author's other text is a duplicate: refused before echo reads anything.
    const res = await app.request(`/api/v1/comments/${mine.comment.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${mine.editToken}` },
      body: JSON.stringify({ text: other.comment.text }),
    });
    expect(res.status).toBe(409);
    expect(echoReads(calls)).toBe(0);
  });
});
