// Reads against plain node:http (issues 5 and 22): each cacheable read of Parley beside a plain
// `node:http` server sending the same bytes with the same headers, A and B taking turns (A B, B A,
// A B, …) for `rounds` rounds in the same run, each figure the median of the rounds, with the spread
// of the per-round ratios. On a shared 2-core machine one run swings by ±30 %; alternating puts a
// neighbour's burst on both sides, and the ratio of each round is taken from runs seconds apart.
//
// SQLite: a 100-comment thread's page as it is (identity) and in brotli, a 304 on If-None-Match,
// /api/v1/counts for 20 threads and /parley.js (brotli). PostgreSQL: the page and the 304, against a
// plain server that makes the same version query on its own pool before sending the same bytes.
// Everything on 127.0.0.1; every child process is stopped at the end, the database dropped.
//
//   node bench/run.mjs --only reads            this part alone (about 2–3 minutes)
//   node bench/run.mjs --only reads --quick    1.5 s runs, for trying the script
//   BENCH_PROF=1 …                             Parley writes a CPU profile to /tmp/prof (node --cpu-prof)
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnNode, startParley, stop } from './lib.mjs';
import { seed, thread } from './seed.mjs';

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

const READ_THREAD = '/bench/read';
const PAGE = `/api/v1/comments?thread=${encodeURIComponent(READ_THREAD)}`;
const COUNT_THREADS = Array.from({ length: 20 }, (_, i) => `/bench/count/${i}`);
const COUNTS = `/api/v1/counts?${COUNT_THREADS.map((t) => `thread=${encodeURIComponent(t)}`).join('&')}`;
/** What a browser sends for these files (Chromium's Accept-Encoding). */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';
/** Headers a server sets per connection or per moment, which the plain server sets itself. */
const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

const median = (list) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const int = (x) => Math.round(x).toLocaleString('en');

/** The 100-comment thread of every read bench, and 20 small threads for the counts (5 of them empty). */
export function readThreads() {
  return [
    thread(READ_THREAD, { roots: 40, replies: 60, maxDepth: 4, seed: 1 }),
    ...COUNT_THREADS.slice(0, 15).map((id, i) => thread(id, { roots: 1 + (i % 4), replies: i % 3, seed: 100 + i })),
  ];
}

/**
 * The cases: what autocannon asks, and how to record Parley's answer for the plain server. The
 * widget's request is cross-origin (the page is on the site, the API on the comment server), so it
 * carries the site's Origin, and Parley answers with its CORS headers; the plain server sends them too.
 */
function cases(origin) {
  const api = { origin, 'accept-encoding': BROWSER_ENCODINGS };
  return [
    { name: 'thread page, identity', path: PAGE, headers: { origin }, status: 200, encoding: 'identity' },
    { name: 'thread page, brotli', path: PAGE, headers: api, status: 200, encoding: 'br' },
    { name: '304 on If-None-Match', path: PAGE, headers: api, status: 304, conditional: true },
    { name: '/api/v1/counts, 20 threads', path: COUNTS, headers: { origin }, status: 200, encoding: 'identity' },
    // A script tag sends no Origin.
    { name: '/parley.js, brotli', path: '/parley.js', headers: { 'accept-encoding': BROWSER_ENCODINGS }, status: 200, encoding: 'br' },
  ];
}

/**
 * Parley's answer to each case, recorded for the plain server; throws when one is not what the
 * case expects (a wrong status, a missing encoding), so nothing is measured on a broken answer.
 */
async function record(parleyUrl, list) {
  const responses = [];
  for (const c of list) {
    const headers = { ...c.headers };
    if (c.conditional) {
      const full = await rawGet(parleyUrl + c.path, c.headers);
      headers['if-none-match'] = full.headers.etag;
      c.headers = headers;
    }
    const res = await rawGet(parleyUrl + c.path, headers);
    if (res.status !== c.status) throw new Error(`${c.name}: Parley answered ${res.status}, not ${c.status}`);
    if (c.encoding && (res.headers['content-encoding'] ?? 'identity') !== c.encoding) throw new Error(`${c.name}: Parley sent ${res.headers['content-encoding'] ?? 'identity'}, not ${c.encoding}`);
    const kept = Object.fromEntries(Object.entries(res.headers).filter(([name]) => !OWN_HEADERS.has(name)));
    responses.push({ path: c.path, encoding: c.encoding ?? 'identity', notModified: c.conditional, status: res.status, headers: kept, body: res.body.toString('base64') });
    c.bytes = res.body.length;
  }
  return responses;
}

async function startPlain(tmp, name, responses, versionQuery) {
  const spec = join(tmp, `${name}.json`);
  writeFileSync(spec, JSON.stringify({ responses, versionQuery }));
  const plain = await spawnNode(['bench/plain-server.mjs', spec], /listening (\d+)/);
  return { url: `http://127.0.0.1:${plain.match[1]}`, pid: plain.pid, stop: () => stop(plain.child) };
}

/** Both servers give the same status and bytes for every case. */
async function sameAnswers(a, b, list) {
  for (const c of list) {
    const [x, y] = await Promise.all([rawGet(a.url + c.path, c.headers), rawGet(b.url + c.path, c.headers)]);
    if (x.status !== y.status || !x.body.equals(y.body)) throw new Error(`${c.name}: the plain server does not answer as Parley does (${x.status} vs ${y.status})`);
  }
}

/**
 * One case, A and B taking turns for `rounds` rounds (A B, B A, A B …): per side the median req/s,
 * p99 and server CPU per request; the ratio of each round and their median.
 */
async function alternate(c, parley, plain, { seconds, rounds, connections }) {
  const sides = { parley: [], plain: [] };
  const ratios = [];
  const one = async (side, server) => {
    const before = cpuMs(server.pid);
    const r = await cannon(server.url + c.path, { connections, seconds, headers: c.headers });
    const cpu = cpuMs(server.pid) - before;
    const wrong = c.status === 304 ? r.total - r.ok3xx : r.total - r.ok2xx;
    const result = { rps: r.rps, p99: r.p99, cpuUs: (cpu * 1000) / Math.max(1, r.total), wrong: wrong + r.bad };
    sides[side].push(result);
    return result;
  };
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? [['parley', parley], ['plain', plain]] : [['plain', plain], ['parley', parley]];
    const got = {};
    for (const [side, server] of order) got[side] = await one(side, server);
    ratios.push(got.parley.rps / got.plain.rps);
  }
  const summary = (list) => ({ rps: median(list.map((r) => r.rps)), p99: median(list.map((r) => r.p99)), cpuUs: median(list.map((r) => r.cpuUs)), wrong: list.reduce((n, r) => n + r.wrong, 0) });
  return { parley: summary(sides.parley), plain: summary(sides.plain), ratios, ratio: median(ratios) };
}

/**
 * The reads bench. Returns { rows, notes }: a row per case with Parley's and plain node:http's
 * median req/s, the median ratio and its spread over the rounds, and the server CPU per request.
 */
export async function readsBench({ seconds = 4, rounds = 3, connections = 10, log = (l) => console.error(l), flags = [], only = null, caseFilter = null } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'parley-bench-reads-'));
  const origin = 'http://blog.example';
  const serverFlags = ['--origin', origin, ...flags];
  const stops = [];
  const rows = [];
  const notes = [];
  let database = null;
  const { admin, databaseUrl, pgProblem, seedPostgres } = await import('./scale.mjs');
  try {
    const db = join(tmp, 'reads.db');
    const threads = readThreads();
    await seed(db, threads);
    const setups = [];
    const lite = await startParley(db, serverFlags);
    stops.push(lite.stop);
    setups.push({ store: 'SQLite', parley: lite, cases: cases(origin), versionQuery: undefined });

    const problem = await pgProblem();
    if (problem) {
      notes.push(`PostgreSQL is unreachable (${problem}): its rows are missing. Start it or set PARLEY_TEST_PG=postgres://… to measure them.`);
    } else {
      database = `parley_bench_reads_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE ${database}`));
      const url = databaseUrl(database);
      await seedPostgres(url, threads[0]);
      const pgParley = await startParley(url, serverFlags);
      stops.push(pgParley.stop);
      setups.push({ store: 'PostgreSQL', parley: pgParley, cases: cases(origin).slice(1, 3), versionQuery: { url, poolSize: 10, thread: READ_THREAD } });
    }

    for (const s of setups.filter((x) => !only || x.store === only)) {
      const responses = await record(s.parley.url, s.cases);
      const plain = await startPlain(tmp, s.store, responses, s.versionQuery);
      stops.push(plain.stop);
      await sameAnswers(s.parley, plain, s.cases);
      for (const c of s.cases.filter((x) => !caseFilter || caseFilter.split(',').some((part) => x.name.includes(part)))) {
        // Warm both (JIT, the rendered-page cache, the pools), unmeasured.
        for (const server of [s.parley, plain]) await cannon(server.url + c.path, { connections, seconds: 1, headers: c.headers });
        log(`  reads (${s.store}): ${c.name}, ${rounds} rounds of ${seconds} s each side …`);
        const r = await alternate(c, s.parley, plain, { seconds, rounds, connections });
        const spread = `${Math.min(...r.ratios).toFixed(2)}–${Math.max(...r.ratios).toFixed(2)}`;
        const yardstick = s.versionQuery ? 'plain node:http + the same version query' : 'plain node:http';
        rows.push({
          figure: `${s.store}: GET ${c.name} (${int(c.bytes)} B), ${connections} connections`,
          value: `${int(r.parley.rps)} req/s; p99 ${r.parley.p99} ms; ${Math.round(r.parley.cpuUs)} µs CPU/request`,
          plain: `${yardstick}: ${int(r.plain.rps)} req/s; ${Math.round(r.plain.cpuUs)} µs CPU/request → ratio ${r.ratio.toFixed(2)} (rounds ${r.ratios.map((x) => x.toFixed(2)).join(', ')}; ${spread})`,
          ratio: r.ratio,
          ratios: r.ratios,
          errors: r.parley.wrong + r.plain.wrong,
          store: s.store,
          name: c.name,
          numbers: r,
        });
        if (r.parley.wrong || r.plain.wrong) notes.push(`${s.store}, ${c.name}: ${r.parley.wrong} unexpected answers from Parley, ${r.plain.wrong} from the plain server.`);
      }
    }
    notes.push(`Each read: ${rounds} rounds, Parley and plain node:http taking turns (${seconds} s each, the order swapped every round), after 1 s of unmeasured warm-up each; ${connections} connections; the figure is the median, the ratio the median of the rounds' ratios (spread in brackets).`);
  } finally {
    for (const s of stops.reverse()) await s().catch(() => {});
    if (database) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).catch((e) => log(`could not drop ${database}: ${e.message}`));
    rmSync(tmp, { recursive: true, force: true });
  }
  return { rows, notes };
}

/** The table of readsBench's rows, for the console. */
export function readsTable(rows) {
  const head = ['read', 'Parley', 'plain node:http (same run) → ratio'];
  const body = rows.map((r) => [r.figure, r.value, r.plain]);
  const widths = head.map((_, i) => Math.max(head[i].length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((x, i) => x.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
