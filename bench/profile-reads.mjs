// Where a cached read's time goes (issue 22): `parley serve` under `node --cpu-prof`, one read at a
// time under autocannon (10 connections), then the profile's self time grouped by where the code
// lives (node's own http and net, @hono/node-server, hono, Parley, better-sqlite3, pg, the garbage
// collector) and its heaviest functions. The write-up is in docs/benchmarks.md.
//
//   node bench/profile-reads.mjs [--seconds 8] [--case page|br|304|counts|js]… [--cli other/dist/server/cli.js] [--postgres]
import autocannon from 'autocannon';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnNode, stop } from './lib.mjs';
import { rawGet, readThreads } from './reads.mjs';
import { seed } from './seed.mjs';

const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback);
const seconds = Number(arg('seconds', 8));
const origin = 'http://blog.example';
const page = `/api/v1/comments?thread=${encodeURIComponent('/bench/read')}`;
const counts = `/api/v1/counts?${Array.from({ length: 20 }, (_, i) => `thread=${encodeURIComponent(`/bench/count/${i}`)}`).join('&')}`;
const CASES = {
  page: { path: page, headers: { origin } },
  br: { path: page, headers: { origin, 'accept-encoding': 'gzip, deflate, br, zstd' } },
  304: { path: page, headers: { origin, 'accept-encoding': 'gzip, deflate, br, zstd' }, conditional: true },
  counts: { path: counts, headers: { origin } },
  js: { path: '/parley.js', headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } },
};
const chosen = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--case' ? [a] : []));

const SOCKET_WRITES = new Set(['writev', 'writeLatin1String', 'writeUtf8String', 'writeBuffer', 'writeAsciiString']);
const FILE_CALLS = new Set(['read', 'stat', 'fstat', 'open', 'openFileHandle', 'lstat']);

/** Where a profile node's time goes, in the groups docs/benchmarks.md uses. */
function area(frame) {
  const url = frame.url ?? '';
  const fn = frame.functionName;
  if (fn === '(garbage collector)') return 'garbage collector';
  if (fn === '(idle)') return 'idle';
  if (url === '') {
    if (SOCKET_WRITES.has(fn)) return 'socket writes (system calls)';
    if (FILE_CALLS.has(fn)) return 'file system calls';
    return 'other native code';
  }
  if (url.includes('@hono/node-server')) return '@hono/node-server';
  if (url.includes('/node_modules/hono/')) return 'hono';
  if (url.includes('better-sqlite3')) return 'better-sqlite3';
  if (url.includes('/node_modules/pg')) return 'pg';
  if (/^node:(internal\/)?(_http|http|net|stream|internal\/stream|streams|stream_base)/.test(url) || /^node:internal\/(streams|stream_base_commons|http)/.test(url)) return 'node:http and sockets';
  if (url.startsWith('node:')) return 'other node code';
  if (url.includes('/dist/server/')) return 'Parley';
  return 'other';
}

/**
 * Self time by area and by function, over the samples of the last `windowMs` before the profile
 * ended less its last `tailMs` (the load run, without start-up, warm-up and shut-down).
 */
export function summarize(file, { windowMs = Infinity, tailMs = 150 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  const at = [];
  let t = profile.startTime;
  for (const d of dt) at.push((t += d));
  const to = profile.endTime - tailMs * 1000;
  const from = to - windowMs * 1000;
  for (let i = 0; i < profile.samples.length; i++) {
    if (at[i] < from || at[i] > to) continue;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i + 1] ?? 0));
  }
  const areas = new Map();
  const fns = new Map();
  let busy = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id).callFrame;
    const a = area(frame);
    if (a === 'idle') continue;
    busy += us;
    areas.set(a, (areas.get(a) ?? 0) + us);
    const key = `${frame.functionName || '(anonymous)'} ${(frame.url ?? '').replace(/^.*\/(node_modules|dist)\//, '$1/')}:${frame.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const pct = (us) => `${((us / busy) * 100).toFixed(1)}%`;
  return {
    busyMs: busy / 1000,
    areas: [...areas].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, share: pct(us) })),
    top: [...fns].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([name, us]) => ({ name, share: pct(us) })),
  };
}

/**
 * Profiles each read (a fresh server per read, 2 s of warm-up, then `seconds` measured) and
 * returns per read: status, bytes, req/s, µs of profiled CPU a request, self time by area and the
 * heaviest functions. `cli` is the server to run (another build's dist/server/cli.js for a before/after).
 */
export async function profileReads({ seconds = 6, cases = Object.keys(CASES), cli = 'dist/server/cli.js', postgres = false } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'parley-prof-'));
  const out = [];
  const { admin, databaseUrl, seedPostgres } = await import('./scale.mjs');
  let database = null;
  try {
    let db = join(tmp, 'reads.db');
    if (postgres) {
      database = `parley_bench_prof_${Date.now().toString(36)}`;
      await admin((c) => c.query(`CREATE DATABASE ${database}`));
      db = databaseUrl(database);
      await seedPostgres(db, readThreads()[0]);
    } else await seed(db, readThreads());
    for (const name of cases) {
      const c = { ...CASES[name], headers: { ...CASES[name].headers } };
      const dir = join(tmp, `prof-${name}`);
      const { child, match } = await spawnNode([`--cpu-prof`, `--cpu-prof-dir=${dir}`, cli, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', db, '--origin', origin], /Parley listening on (http:\/\/\S+)/);
      const url = match[1];
      if (c.conditional) c.headers['if-none-match'] = (await rawGet(url + c.path, c.headers)).headers.etag;
      const first = await rawGet(url + c.path, c.headers);
      // Warm-up (JIT, caches), then the measured run; the summary reads only the measured run's samples.
      await autocannon({ url: url + c.path, connections: 10, duration: 2, headers: c.headers });
      const r = await autocannon({ url: url + c.path, connections: 10, duration: seconds, headers: c.headers });
      const stopping = Date.now();
      await stop(child);
      const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      // The profile ends when the process exits, shortly after the run: keep the run's seconds before the stop.
      const s = summarize(join(dir, file), { windowMs: (seconds - 0.3) * 1000, tailMs: Date.now() - stopping + 100 });
      out.push({ name, status: first.status, bytes: first.body.length, rps: r.requests.average, usPerRequest: (s.busyMs * 1000) / r.requests.total, areas: s.areas, top: s.top });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    if (database) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
  return out;
}

async function main() {
  const cli = arg('cli', 'dist/server/cli.js');
  for (const p of await profileReads({ seconds, cases: chosen.length ? chosen : Object.keys(CASES), cli, postgres: process.argv.includes('--postgres') })) {
    console.log(`\n## ${p.name}: ${p.status}, ${p.bytes} B; ${Math.round(p.rps)} req/s; ${p.usPerRequest.toFixed(1)} µs of profiled CPU a request`);
    console.log(p.areas.map((a) => `${a.name} ${a.share}`).join(' · '));
    for (const f of p.top) console.log(`  ${f.share.padStart(6)}  ${f.name}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
