// GET /metrics (issue 19, item 6), scraped from a real server process: who may read it, and that
// each family counts what happened (requests answered by the fast path and by Hono alike, posts by
// outcome and rule, article fetches, outbox deliveries and depth, the read cache).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, SCRIPTED, startInstance, type Instance } from '../helpers/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-metrics-'));
const TOKEN = 'metrics-token-0123456789abcdef';
let server: Instance;
let site: ReturnType<typeof createServer>;
let origin: string;
let deadHook: string;

beforeAll(async () => {
  site = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><article><p>${'Harbour walls are rebuilt after storms every few winters. '.repeat(30)}</p></article></body></html>`),
  );
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  // A webhook receiver that is gone: its delivery fails and stays in the outbox for a retry.
  const gone = createServer();
  await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
  deadHook = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/hook`;
  await new Promise((resolve) => gone.close(resolve));
  server = await startInstance([
    '--db', join(dir, 'm.db'),
    '--origin', origin,
    '--metrics-token', TOKEN,
    '--webhook', deadHook,
    '--webhook-secret', 'webhook-secret-0123456789',
    ...SCRIPTED,
  ]);
});

afterAll(async () => {
  await killAll();
  site.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The samples of a scrape: `name{labels}` → value. */
const scrape = async (headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    const match = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return samples;
};

const post = (body: Record<string, unknown>) =>
  fetch(`${server.url}/api/v1/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ann', email: 'ann@example.com', ...body }) });

describe('GET /metrics', () => {
  it('answers a direct connection from this machine, and through a proxy only with the token', async () => {
    await scrape();
    expect((await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
    expect((await fetch(`${server.url}/metrics`, { headers: { forwarded: 'for=203.0.113.9' } })).status).toBe(403);
    expect((await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer not-the-token-at-all-0000' } })).status).toBe(403);
    await scrape({ 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${TOKEN}` });
  });

  it('counts requests by route whether the fast path or Hono answered them, with their latency', async () => {
    const before = await scrape();
    const key = 'parley_http_requests_total{route="/api/v1/comments",method="GET",status="200"}';
    // The first read is rendered by Hono and kept; the next two are answered before Hono from the cache.
    for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/api/v1/comments?thread=/counted`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/nothing-here`)).status).toBe(404);
    const after = await scrape();
    expect(after.get(key)! - (before.get(key) ?? 0)).toBe(3);
    expect(after.get('parley_fast_path_answers_total{kind="pages"}')! - (before.get('parley_fast_path_answers_total{kind="pages"}') ?? 0)).toBe(2);
    expect(after.get('parley_read_cache_hits_total')! - (before.get('parley_read_cache_hits_total') ?? 0)).toBeGreaterThanOrEqual(2);
    expect(after.get('parley_http_requests_total{route="unmatched",method="GET",status="404"}')).toBe(1);
    expect(after.get('parley_http_request_duration_seconds_count{route="/api/v1/comments",method="GET"}')! - (before.get('parley_http_request_duration_seconds_count{route="/api/v1/comments",method="GET"}') ?? 0)).toBe(3);
    expect(after.get('parley_open_streams')).toBe(0);
  });

  it('counts posts by outcome and rule, article fetches, and the outbox\'s failed deliveries and depth', async () => {
    const text = 'A comment about the harbour walls, and nothing copied from the article.';
    expect((await post({ thread: '/harbour', url: `${origin}/harbour`, text, idempotencyKey: 'm-1' })).status).toBe(201);
    // The same text again under another key: the duplicate rule rejects it (409), nothing stored.
    expect((await post({ thread: '/harbour', url: `${origin}/harbour`, text, idempotencyKey: 'm-2' })).status).toBe(409);
    let samples = await scrape();
    expect(samples.get('parley_comments_total{outcome="published"}')).toBe(1);
    expect(samples.get('parley_comments_total{outcome="rejected"}')).toBe(1);
    expect(samples.get('parley_moderation_findings_total{rule="duplicates",verdict="reject"}')).toBe(1);
    expect(samples.get('parley_article_fetches_total{result="ok"}')).toBe(1);
    // The webhook job of the published comment: delivered at once, to a port nobody listens on.
    while (!samples.get('parley_outbox_deliveries_total{kind="webhook",result="failed"}')) samples = await scrape();
    expect(samples.get('parley_outbox_deliveries_total{kind="webhook",result="failed"}')).toBe(1);
    expect(samples.get('parley_outbox_jobs{state="waiting"}')).toBe(1);
    expect(samples.get('parley_outbox_jobs{state="dead"}')).toBe(0);
  });
});
