// The seed (DESIGN "What a reader sees"): the article page of fixtures/seed, served as a real HTML
// page with a site's header, navigation, sidebar and footer around it, and its 12 bot comments
// posted through the API in publish mode. Every one must end up as spam because it echoes the
// article, and the count heading must count none of them.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchArticle } from '../../src/server/article.ts';
import { createMemoryStore } from '../../src/server/store/memory.ts';
import { post, setup } from '../helpers/app.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const SEED = resolve(repoRoot, '../shared/fixtures/seed/article-with-bot-comments.txt');

/** Title, paragraphs and the numbered comments of the seed page. */
function readSeed() {
  const lines = readFileSync(SEED, 'utf8').split('\n');
  const title = lines[0]!.trim();
  const heading = lines.findIndex((l) => /^\d+ thoughts on/.test(l));
  const paragraphs = lines.slice(1, heading).map((l) => l.trim()).filter(Boolean);
  const comments = lines
    .slice(heading)
    .map((l) => /^\s*\d+\.\s+(.*\S)\s*$/.exec(l)?.[1])
    .filter((c): c is string => !!c);
  return { title, paragraphs, comments };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function articlePage(title: string, paragraphs: string[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)} | World News Daily</title>
<link rel="stylesheet" href="/style.css"><script>window.dataLayer = [];</script></head>
<body class="single-post comments-open">
<header class="site-header"><a class="logo" href="/">World News Daily</a>
  <p class="tagline">Independent reporting since 1998 — subscribe to our newsletter for breaking news every morning</p></header>
<nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/russia">Russia</a></li>
  <li><a href="/india">India</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="layout">
  <main id="content">
    <article class="post">
      <h1 class="entry-title">${escape(title)}</h1>
      <p class="byline">By Staff Writer · 3 min read</p>
      ${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n      ')}
    </article>
    <section id="comments" class="comments-area"><h2>Comments</h2><div id="parley"></div></section>
  </main>
  <aside class="sidebar"><h3>Most read</h3><ul>
    <li><a href="/1">Oil prices climb as markets react to new sanctions on shipping companies in the region</a></li>
    <li><a href="/2">Central bank holds rates steady, citing persistent inflation and a weak labour market</a></li>
    <li><a href="/3">Election commission announces the final results after a recount in three districts</a></li></ul>
    <p>Advertisement: Get 50% off your first year of premium membership with unlimited access to every article.</p></aside>
</div>
<footer class="site-footer"><p>© 2026 World News Daily. All rights reserved. Terms of use, privacy policy and cookie settings.</p>
  <p>Contact the newsroom: tips@worldnews.example — follow us on every social network you can think of.</p></footer>
</body></html>`;
}

describe('the seed article and its 12 bot comments', () => {
  const seed = readSeed();
  let server: Server;
  let origin = '';
  const path = '/world/putin-to-visit-china';

  beforeAll(async () => {
    const html = articlePage(seed.title, seed.paragraphs);
    server = createServer((req, res) => {
      if (req.url === path) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('parses the fixture: a title, eight paragraphs and 12 comments', () => {
    expect(seed.title).toBe('Putin to visit China – Kremlin');
    expect(seed.paragraphs.length).toBeGreaterThanOrEqual(8);
    expect(seed.comments).toHaveLength(12);
  });

  it('marks all 12 as spam for echoing the article, and the heading counts none of them', async () => {
    const store = createMemoryStore();
    const { app } = setup({
      store,
      origins: [origin],
      moderation: 'publish',
      fetchArticle: (url, limits) => fetchArticle(url, limits),
      // Real time: the real fetch is what is being tested.
      now: Date.now,
    });
    const ids: string[] = [];
    for (const [i, text] of seed.comments.entries()) {
      const res = await post(app, { thread: path, url: `${origin}${path}`, text, name: `Reader ${i + 1}`, email: `reader${i + 1}@mail.example`, idempotencyKey: `seed-${i + 1}` }, { origin });
      expect(res.status).toBe(201);
      const json = (await res.json()) as { status: string; comment: { id: string } };
      expect(json.status).toBe('held');
      ids.push(json.comment.id);
    }
    for (const [i, id] of ids.entries()) {
      const row = (await store.comments.get(id))!;
      expect(row.status, `comment ${i + 1}: ${JSON.stringify(row.reasons)}`).toBe('spam');
      expect(row.reasons).toContainEqual(expect.objectContaining({ rule: 'echo', verdict: 'spam', message: expect.stringMatching(/echoes \d+ sentences? of the article/) }));
    }
    const page = (await (await app.request(`/api/v1/comments?thread=${encodeURIComponent(path)}`)).json()) as { thread: { count: number }; comments: unknown[] };
    expect(page.thread.count).toBe(0);
    expect(page.comments).toEqual([]);
    // The page was fetched once and kept in the store for every instance, under its thread; its
    // chrome was left out.
    const cached = (await store.articles.get(path))!;
    expect(cached.text).toContain('Putin will also meet with Chinese Premier Li Qiang');
    expect(cached.text).not.toMatch(/Most read|All rights reserved|Independent reporting/);
  });
});
