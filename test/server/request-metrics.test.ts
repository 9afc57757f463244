// The request families of GET /metrics (issue 22 moved them off prom-client's per-call label
// hashing): a scrape must read exactly as prom-client's own Counter and Histogram would print the
// same requests, bucket for bucket.
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createRequestMetrics } from '../../src/server/request-metrics.ts';

const REQUESTS: [string, string, number, number][] = [
  ['/api/v1/comments', 'GET', 200, 0.0003],
  ['/api/v1/comments', 'GET', 200, 0.0005],
  ['/api/v1/comments', 'GET', 304, 0.0007],
  ['/api/v1/comments', 'POST', 201, 0.03],
  ['/api/v1/comments', 'POST', 429, 0.002],
  ['/parley.js', 'GET', 200, 0.0011],
  ['unmatched', 'GET', 404, 7],
];

describe('request metrics', () => {
  it('print what prom-client prints for the same requests', async () => {
    const ours = new Registry();
    const metrics = createRequestMetrics(ours);
    const theirs = new Registry();
    const counter = new Counter({ name: 'parley_http_requests_total', help: 'HTTP requests answered, by route, method and status', labelNames: ['route', 'method', 'status'], registers: [theirs] });
    const histogram = new Histogram({
      name: 'parley_http_request_duration_seconds',
      help: 'Time from the request to the end of the answer, by route and method',
      labelNames: ['route', 'method'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [theirs],
    });
    for (const [route, method, status, seconds] of REQUESTS) {
      metrics.observe(route, method, status, seconds);
      counter.inc({ route, method, status: String(status) });
      histogram.observe({ route, method }, seconds);
    }
    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain('parley_http_request_duration_seconds_bucket{le="0.001",route="/api/v1/comments",method="GET"} 3');
    expect(text).toContain('parley_http_requests_total{route="/api/v1/comments",method="POST",status="429"} 1');
  });

  it('start again from nothing when the registry is reset', async () => {
    const registry = new Registry();
    const metrics = createRequestMetrics(registry);
    metrics.observe('/parley.js', 'GET', 200, 0.001);
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('route="/parley.js"');
    // The same request again (the one the tally remembers as the last): counted afresh from 1.
    metrics.observe('/parley.js', 'GET', 200, 0.001);
    expect(await registry.metrics()).toContain('parley_http_requests_total{route="/parley.js",method="GET",status="200"} 1');
  });
});
