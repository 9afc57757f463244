// Issue 14 item 2: the built server reads article pages in a worker thread, so a huge or deeply
// nested page never holds the event loop, and a page that takes too long is given up with the
// worker ended. Run against dist/server (npm test builds it first), where the worker file is.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIST = new URL('../../dist/server/index.js', import.meta.url);
if (!existsSync(new URL('../../dist/server/article-worker.js', import.meta.url))) {
  throw new Error('dist/server/article-worker.js is missing: run "node build/build.mjs --quiet" first (npm test does).');
}
const { fetchArticle } = (await import(DIST.href)) as typeof import('../../src/server/article.ts');

/** A page of `kb` kilobytes whose paragraphs sit each one level deeper than the last. */
const nestedPage = (kb: number) => `<html><body>${'<div><p>The ferry runs twice a day.</p>'.repeat(Math.ceil((kb * 1024) / 40))}</body></html>`;
const serve = (html: string) => (async () => new Response(html, { headers: { 'content-type': 'text/html' } })) as unknown as typeof fetch;
const allowedOrigins = ['https://blog.example'];

describe('reading an article page in a worker thread (the built server)', () => {
  it('reads a deeply nested 300 KB page in a worker thread that ends afterwards, the event loop turning meanwhile', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const workers: { exited: boolean }[] = [];
    const onWorker = (worker: import('node:worker_threads').Worker) => {
      const seen = { exited: false };
      workers.push(seen);
      worker.once('exit', () => (seen.exited = true));
    };
    process.on('worker', onWorker);
    try {
      const page = await fetchArticle('https://blog.example/a', { allowedOrigins, fetch: serve(nestedPage(300)), timeoutMs: 30_000, maxBytes: 2_000_000 });
      expect(page.ok).toBe(true);
      expect(page.ok && page.text).toContain('The ferry runs twice a day.');
    } finally {
      clearInterval(timer);
      process.off('worker', onWorker);
    }
    // Read on this thread instead, the page held the loop for over half a second.
    expect(workers).toHaveLength(1);
    expect(ticks).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(workers[0]!.exited).toBe(true);
  });

  it('gives up a page that takes longer than the timeout to read, and ends its worker', async () => {
    const exits: Promise<unknown>[] = [];
    const onWorker = (worker: import('node:worker_threads').Worker) => exits.push(new Promise((resolve) => worker.once('exit', resolve)));
    process.on('worker', onWorker);
    try {
      const page = await fetchArticle('https://blog.example/a', { allowedOrigins, fetch: serve(nestedPage(1900)), timeoutMs: 500, maxBytes: 2_000_000 });
      expect(page).toEqual({ ok: false, reason: 'timeout after 500 ms' });
    } finally {
      process.off('worker', onWorker);
    }
    // Reading it takes about 20 s; the worker is ended at the timeout, not left running.
    expect(exits).toHaveLength(1);
    await exits[0];
  });
});
