// GET /metrics (issue 19, item 6): Prometheus's text format through prom-client, one registry per
// server (never prom-client's global one: two servers in one process, as in the tests, must not
// share counters). What is counted where:
// - requests by route, method and status, with their latency: main.ts's node:http listener, so the
//   reads the fast path answers before Hono (fast-path.ts) are counted like the others;
// - comments by outcome and each rule's verdicts: the post use case (comments/post.ts);
// - article fetches by result: main.ts's fetchArticle;
// - notification deliveries and failures: the outbox worker; the outbox's depth read when scraped;
// - the read cache's hits, misses and size, and what the fast path answered: read when scraped;
// - open live-update streams: 0 until the stream of the conversation issue exists.
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { createRequestMetrics } from './request-metrics.ts';
import type { Store } from './store/store.ts';

/**
 * The read cache's and the fast path's numbers (app.ts's ReadStats), as this file reads them:
 * declared here, not imported, so that deps.ts can import this file without a cycle through app.ts.
 */
interface ReadStats {
  cache: { entries: number; bytes: number; hits: number; misses: number };
  fastPath: { pages: number; notModified: number; counts: number; assets: number };
}

/** The outcome of a post: its stored status, or `rejected` (4xx, nothing stored). */
export type PostOutcome = 'published' | 'pending' | 'spam' | 'rejected';

/** What the server's parts report; every method is cheap and never throws. */
export interface MetricsSink {
  request(route: string, method: string, status: number, seconds: number): void;
  posted(outcome: PostOutcome, reasons: readonly { rule: string; verdict: string }[]): void;
  articleFetch(result: string): void;
  delivery(kind: string, result: 'delivered' | 'failed' | 'given_up'): void;
}

export const NO_METRICS: MetricsSink = { request() {}, posted() {}, articleFetch() {}, delivery() {} };

/** How many outbox jobs a scrape counts at most (a list read, capped). */
const OUTBOX_CAP = 10_000;

export interface Metrics extends MetricsSink {
  registry: Registry;
  /** The text of a scrape. */
  render(): Promise<string>;
}

/**
 * @example
 * const metrics = createMetrics({ store, readStats });
 * res.end(await metrics.render());
 */
export function createMetrics({ store, readStats, openStreams = () => 0 }: { store: Store; readStats: () => ReadStats; openStreams?: () => number }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parley_process_' });
  const requests = createRequestMetrics(registry);
  const comments = new Counter({ name: 'parley_comments_total', help: 'Posts judged, by outcome (published, pending, spam, rejected)', labelNames: ['outcome'], registers: [registry] });
  const rules = new Counter({ name: 'parley_moderation_findings_total', help: 'Findings of the moderation rules on posts, by rule and verdict', labelNames: ['rule', 'verdict'], registers: [registry] });
  const articles = new Counter({ name: 'parley_article_fetches_total', help: 'Article fetches for the echo rule, by result', labelNames: ['result'], registers: [registry] });
  const deliveries = new Counter({ name: 'parley_outbox_deliveries_total', help: 'Outbox deliveries (webhooks, mail, Webmention), by kind and result', labelNames: ['kind', 'result'], registers: [registry] });
  new Gauge({
    name: 'parley_outbox_jobs',
    help: `Outbox jobs waiting or given up (dead), counted up to ${OUTBOX_CAP}`,
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const [waiting, dead] = await Promise.all([store.outbox.list({ dead: false, limit: OUTBOX_CAP }), store.outbox.list({ dead: true, limit: OUTBOX_CAP })]);
      this.set({ state: 'waiting' }, waiting.length);
      this.set({ state: 'dead' }, dead.length);
    },
  });
  new Gauge({
    name: 'parley_open_streams',
    help: 'Open live-update streams (GET /api/v1/stream; 0 until the stream exists)',
    registers: [registry],
    collect() {
      this.set(openStreams());
    },
  });
  // The read cache and the fast path keep plain numbers (cheap on every read); a scrape turns
  // their growth since the last scrape into counter increments.
  const since = (read: (s: ReadStats) => number) => {
    let last = 0;
    return () => {
      const now = read(readStats());
      const grew = Math.max(0, now - last);
      last = now;
      return grew;
    };
  };
  const counted = (name: string, help: string, read: (s: ReadStats) => number) => {
    const grew = since(read);
    new Counter({ name, help, registers: [registry], collect() { this.inc(grew()); } });
  };
  counted('parley_read_cache_hits_total', 'Reads answered from the read cache at the current version', (s) => s.cache.hits);
  counted('parley_read_cache_misses_total', 'Reads the read cache could not answer', (s) => s.cache.misses);
  new Gauge({ name: 'parley_read_cache_entries', help: 'Answers kept in the read cache', registers: [registry], collect() { this.set(readStats().cache.entries); } });
  new Gauge({ name: 'parley_read_cache_bytes', help: 'Bytes kept in the read cache', registers: [registry], collect() { this.set(readStats().cache.bytes); } });
  const fastKinds = ['pages', 'notModified', 'counts', 'assets'] as const;
  const fastGrew = Object.fromEntries(fastKinds.map((kind) => [kind, since((s) => s.fastPath[kind])]));
  new Counter({
    name: 'parley_fast_path_answers_total',
    help: 'Reads answered before Hono from kept answers, by kind (pages, notModified, counts, assets)',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      for (const kind of fastKinds) this.inc({ kind }, fastGrew[kind]!());
    },
  });
  return {
    registry,
    render: () => registry.metrics(),
    request: requests.observe,
    posted(outcome, reasons) {
      comments.inc({ outcome });
      for (const { rule, verdict } of reasons) rules.inc({ rule, verdict });
    },
    articleFetch(result) {
      articles.inc({ result });
    },
    delivery(kind, result) {
      deliveries.inc({ kind, result });
    },
  };
}

/** An article fetch's result as a label: `ok`, or the kind of failure (its reason without the details). */
export function articleResult(result: { ok: boolean; reason?: string }): string {
  if (result.ok) return 'ok';
  const reason = result.reason ?? '';
  if (reason.startsWith('timeout')) return 'timeout';
  if (reason.startsWith('HTTP')) return 'http_error';
  if (reason.startsWith('not HTML')) return 'not_html';
  if (reason.startsWith('too large')) return 'too_large';
  if (/not allowed|refused/.test(reason)) return 'refused';
  if (reason.startsWith('no article text')) return 'no_text';
  return 'failed';
}
