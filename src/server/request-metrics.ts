// Requests by route, method and status, with their latency, for GET /metrics (issue 19), counted
// on every request at the cost of a cached read's budget (issue 22). prom-client's inc() and
// observe() check and hash their labels on each call: a few µs a request, which a kept read of about
// 40 µs in all notices. Here a request is one Map lookup by a joined key and a few additions; a
// scrape turns the totals into the same two families prom-client would print (names, labels,
// buckets, cumulative counts), registered in the server's prom-client registry.
import type { Registry } from 'prom-client';

/** Upper bounds of the latency buckets, in seconds. */
const BOUNDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

interface Tally {
  key: string;
  route: string;
  code: number;
  method: string;
  status: string;
  count: number;
  sum: number;
  /** Requests whose time fell in each bucket (not cumulative); the last slot is above every bound. */
  buckets: Float64Array;
}

interface Sample {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/** The shape prom-client's Registry reads from a metric (its `get()`). */
interface Family {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  get(): Promise<{ name: string; help: string; type: string; values: Sample[]; aggregator: 'sum' }>;
  reset(): void;
}

/**
 * @example
 * const requests = createRequestMetrics(registry);
 * requests.observe('/api/v1/comments', 'GET', 200, 0.0004);
 */
export function createRequestMetrics(registry: Registry): { observe(route: string, method: string, status: number, seconds: number): void } {
  const tallies = new Map<string, Tally>();
  let last: Tally | undefined;
  const family = (name: string, help: string, type: Family['type'], values: () => Sample[]): Family => ({
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, values: values(), aggregator: 'sum' }),
    reset: () => {
      tallies.clear();
      last = undefined;
    },
  });
  const requests = family('parley_http_requests_total', 'HTTP requests answered, by route, method and status', 'counter', () =>
    [...tallies.values()].map((t) => ({ labels: { route: t.route, method: t.method, status: t.status }, value: t.count })),
  );
  const latency = family('parley_http_request_duration_seconds', 'Time from the request to the end of the answer, by route and method', 'histogram', () => {
    // By route and method: the statuses added together.
    const merged = new Map<string, { route: string; method: string; count: number; sum: number; buckets: Float64Array }>();
    for (const t of tallies.values()) {
      const key = `${t.route} ${t.method}`;
      let m = merged.get(key);
      if (!m) merged.set(key, (m = { route: t.route, method: t.method, count: 0, sum: 0, buckets: new Float64Array(BOUNDS.length + 1) }));
      m.count += t.count;
      m.sum += t.sum;
      for (let i = 0; i < m.buckets.length; i++) m.buckets[i]! += t.buckets[i]!;
    }
    const out: Sample[] = [];
    for (const m of merged.values()) {
      const labels = { route: m.route, method: m.method };
      let below = 0;
      BOUNDS.forEach((le, i) => {
        below += m.buckets[i]!;
        out.push({ labels: { le, ...labels }, value: below, metricName: `${latency.name}_bucket` });
      });
      out.push({ labels: { le: '+Inf', ...labels }, value: m.count, metricName: `${latency.name}_bucket` });
      out.push({ labels, value: m.sum, metricName: `${latency.name}_sum` });
      out.push({ labels, value: m.count, metricName: `${latency.name}_count` });
    }
    return out;
  });
  // prom-client's Registry takes any object of this shape (its own metrics are no more than that).
  registry.registerMetric(requests as unknown as Parameters<Registry['registerMetric']>[0]);
  registry.registerMetric(latency as unknown as Parameters<Registry['registerMetric']>[0]);
  return {
    observe(route, method, status, seconds) {
      // A busy server answers the same read over and over: its tally is the last one, found
      // without joining and hashing a key.
      let t = last;
      if (t === undefined || t.route !== route || t.method !== method || t.code !== status) {
        const key = `${route} ${method} ${status}`;
        t = tallies.get(key);
        if (!t) tallies.set(key, (t = { key, route, method, code: status, status: String(status), count: 0, sum: 0, buckets: new Float64Array(BOUNDS.length + 1) }));
        last = t;
      }
      t.count++;
      t.sum += seconds;
      let i = 0;
      while (i < BOUNDS.length && seconds > BOUNDS[i]!) i++;
      t.buckets[i]!++;
    },
  };
}
