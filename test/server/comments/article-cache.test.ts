// Issue 14 items 2 and 10: the echo rule's article is fetched once per thread and only from the
// thread's own page, its text and the cache are capped, and a failed fetch is logged once and
// listed for the admin page. Asserted by counts (fetches, entries, characters, log lines).
import { describe, expect, it } from 'vitest';
import { ARTICLE_TEXT_MAX, ARTICLES_KEPT } from '../../../src/server/comments/article-cache.ts';
import type { FetchArticle } from '../../../src/server/deps.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { body, post, setup } from '../../helpers/app.ts';

const ADMIN = 'article-cache-admin-token';

/** A fetchArticle that records each URL it is asked for and answers with `answer`. */
function recordingFetch(answer: (url: string) => Awaited<ReturnType<FetchArticle>>) {
  const urls: string[] = [];
  const fetch: FetchArticle = async (url) => {
    urls.push(url);
    return answer(url);
  };
  return { fetch, urls };
}

const ARTICLE = 'The ferry to the island runs twice a day in summer and once a day in winter, weather permitting.';
const keys = async (store: Store) => (await store.articles.listPrefix('', 10_000)).map((a) => a.key).sort();

describe('the article cache', () => {
  it('fetches a thread\'s article once, from its own page only: other paths and queries a post names fetch nothing', async () => {
    const { fetch, urls } = recordingFetch(() => ({ ok: true, text: ARTICLE }));
    const { app, store } = setup({ fetchArticle: fetch });
    const send = async (url: string, text: string) => expect((await post(app, body({ thread: '/a', url, text }))).status).toBe(201);
    await send('https://blog.example/a?utm_source=feed#comments', 'First reader.');
    await send('https://blog.example/a', 'Second reader.');
    // Before, each of these was fetched and stored under its own URL.
    for (const [i, url] of ['https://blog.example/a?page=2', 'https://blog.example/a?x=1', 'https://blog.example/elsewhere', 'https://blog.example/a/b'].entries()) {
      await send(url, `Probe number ${i}.`);
    }
    expect(urls).toEqual(['https://blog.example/a?utm_source=feed']);
    expect(await keys(store)).toEqual(['/a']);
  });

  it('keeps at most ARTICLE_TEXT_MAX characters a thread and ARTICLES_KEPT entries in all, the oldest pruned', async () => {
    const long = `${ARTICLE} `.repeat(Math.ceil((3 * ARTICLE_TEXT_MAX) / ARTICLE.length));
    const { fetch } = recordingFetch(() => ({ ok: true, text: long }));
    const { app, store, clock } = setup({ fetchArticle: fetch });
    for (let i = 0; i < ARTICLES_KEPT + 5; i++) {
      clock.now += 1000;
      expect((await post(app, body({ thread: `/t/${i}`, url: `https://blog.example/t/${i}`, text: `Comment ${i}.` }))).status).toBe(201);
    }
    const kept = await store.articles.listPrefix('', 10_000);
    expect(kept).toHaveLength(ARTICLES_KEPT);
    expect(Math.max(...kept.map((a) => a.text.length))).toBe(ARTICLE_TEXT_MAX);
    // The five oldest threads went.
    for (let i = 0; i < 5; i++) expect(await store.articles.get(`/t/${i}`)).toBeNull();
    expect(await store.articles.get(`/t/${ARTICLES_KEPT + 4}`)).not.toBeNull();
  });

  it('logs a failed fetch once per thread and reason, lists it for the admin page, and clears it once the page answers', async () => {
    let answer: Awaited<ReturnType<FetchArticle>> = { ok: false, reason: 'HTTP 404' };
    const { fetch, urls } = recordingFetch(() => answer);
    const logged: string[] = [];
    const { app, clock } = setup({ fetchArticle: fetch, adminToken: ADMIN, logger: { info: (m) => void logged.push(m), error: (m) => void logged.push(`error: ${m}`) } });
    const failures = async () => ((await (await app.request('/api/v1/admin/articles', { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { failures: unknown[] }).failures;
    for (let i = 0; i < 3; i++) {
      // Past the minute a failure is remembered, so each post tries again.
      clock.now += 61_000;
      expect((await post(app, body({ thread: '/gone', url: 'https://blog.example/gone', text: `Try ${i}.` }))).status).toBe(201);
    }
    expect(urls).toHaveLength(3);
    expect(logged).toEqual([
      'The article of thread /gone could not be fetched from https://blog.example/gone (HTTP 404); its comments are checked against the thread only until it can be. The admin page shows this too.',
    ]);
    expect(await failures()).toEqual([{ thread: '/gone', url: 'https://blog.example/gone', reason: 'HTTP 404', at: new Date(clock.now).toISOString() }]);
    answer = { ok: true, text: ARTICLE };
    clock.now += 61_000;
    await post(app, body({ thread: '/gone', url: 'https://blog.example/gone', text: 'It is back.' }));
    expect(await failures()).toEqual([]);
    // The admin API's new route is behind the token like the rest.
    expect((await app.request('/api/v1/admin/articles')).status).toBe(401);
  });
});
