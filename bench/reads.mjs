// Reads (issue 5, item 4): GET /api/v1/comments for a 100-comment thread on SQLite, against plain
// node:http sending the same bytes with the same headers, same machine, same run.
import autocannon from 'autocannon';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { spawnNode, stop } from './lib.mjs';

/** CPU time (user + system) a process has used, in milliseconds, from /proc (10 ms ticks). */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** One raw GET (node:http, no automatic decompression): status, headers, body bytes. */
export function rawGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

/** autocannon for `seconds`: mean requests a second, p99 latency and the status classes seen. */
export async function cannon(url, { connections, seconds, headers = {}, requests }) {
  const r = await autocannon({ url, connections, duration: seconds, headers, requests, pipelining: 1 });
  return {
    rps: r.requests.total / r.duration,
    seconds: r.duration,
    p99: r.latency.p99,
    mean: r.latency.average,
    total: r.requests.total,
    ok2xx: r['2xx'],
    ok3xx: r['3xx'],
    bad: r['4xx'] + r['5xx'] + r.errors + r.timeouts,
  };
}

/**
 * Parley against plain node:http for one thread's page: identity at 10 and 100 connections,
 * 304s with If-None-Match, gzip at 100. Returns rows for the table.
 */
export async function readBench({ parley, path, tmp, seconds, shortSeconds, log }) {
  const url = parley.url + path;
  const plainBody = await rawGet(url);
  const gz = await rawGet(url, { 'accept-encoding': 'gzip' });
  if (plainBody.status !== 200 || gz.headers['content-encoding'] !== 'gzip') throw new Error(`unexpected read response ${plainBody.status} / ${gz.headers['content-encoding']}`);
  const headers = {};
  for (const name of ['content-type', 'etag', 'cache-control', 'vary']) headers[name] = plainBody.headers[name];
  const spec = join(tmp, 'plain.json');
  writeFileSync(spec, JSON.stringify({ headers, identity: plainBody.body.toString('base64'), gzip: gz.body.toString('base64') }));
  const plain = await spawnNode(['bench/plain-server.mjs', spec], /listening (\d+)/);
  const plainUrl = `http://127.0.0.1:${plain.match[1]}${path}`;
  const same = await rawGet(plainUrl);
  if (!same.body.equals(plainBody.body)) throw new Error('the plain server does not send the same bytes');
  const etag = headers.etag;

  const rows = [];
  try {
    // Warm both (JIT, the page cache, the rendered-response cache), unmeasured.
    for (const target of [url, plainUrl]) {
      await cannon(target, { connections: 10, seconds: 3 });
      await cannon(target, { connections: 100, seconds: 1 });
    }
    // The two servers take turns in slices (P N P N …) rather than one long run each, so a
    // neighbour's burst of CPU on a shared machine lands on both sides instead of skewing the ratio.
    const pair = async (label, connections, secs, extra = {}) => {
      log(`  reads: ${label}, ${connections} connections, ${secs} s each …`);
      const slices = Math.max(1, Math.round(secs / 2.5));
      const sum = { p: { total: 0, seconds: 0, p99: [], bad: 0, cpu: 0 }, n: { total: 0, seconds: 0, p99: [], bad: 0, cpu: 0 } };
      for (let i = 0; i < slices; i++) {
        for (const [side, target, pid] of [['p', url, parley.pid], ['n', plainUrl, plain.pid]]) {
          const before = cpuMs(pid);
          const r = await cannon(target, { connections, seconds: secs / slices, headers: extra });
          sum[side].cpu += cpuMs(pid) - before;
          sum[side].total += r.total;
          sum[side].seconds += r.seconds;
          sum[side].p99.push(r.p99);
          sum[side].bad += r.bad;
        }
      }
      const rps = (x) => x.total / x.seconds;
      const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
      const ratio = rps(sum.p) / rps(sum.n);
      rows.push({
        figure: `GET ${label}, ${connections} connections (req/s; p99)`,
        value: `${Math.round(rps(sum.p)).toLocaleString('en')} req/s; p99 ${median(sum.p.p99)} ms`,
        plain:
          `${Math.round(rps(sum.n)).toLocaleString('en')} req/s; p99 ${median(sum.n.p99)} ms → ratio ${ratio.toFixed(2)} ` +
          `(server CPU ${Math.round((sum.p.cpu * 1000) / sum.p.total)} vs ${Math.round((sum.n.cpu * 1000) / sum.n.total)} µs/request)`,
        ratio,
        errors: sum.p.bad,
        // Server CPU per request: steadier than req/s when other work shares the machine.
        cpu: { parley: (sum.p.cpu * 1000) / sum.p.total, plain: (sum.n.cpu * 1000) / sum.n.total },
      });
    };
    await pair(`200, ${plainBody.body.length.toLocaleString('en')} B JSON`, 10, seconds);
    await pair(`200, ${plainBody.body.length.toLocaleString('en')} B JSON`, 100, seconds);
    await pair('304 (If-None-Match)', 10, shortSeconds, { 'if-none-match': etag });
    await pair('304 (If-None-Match)', 100, shortSeconds, { 'if-none-match': etag });
    await pair(`200 gzip, ${gz.body.length.toLocaleString('en')} B`, 100, shortSeconds, { 'accept-encoding': 'gzip' });
  } finally {
    await stop(plain.child);
  }
  return { rows, bytes: plainBody.body.length, gzipBytes: gz.body.length, headerBytes: headerSize(plainBody) };
}

function headerSize(res) {
  return Object.entries(res.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
}
