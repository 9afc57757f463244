// SQLite vs PostgreSQL, one and two instances (Parley issue 6, for the README's "Running more than
// one instance"): the same reads and writes against
//   (a) one `parley serve` on a SQLite file,
//   (b) one `parley serve` on a PostgreSQL database,
//   (c) two `parley serve` processes on that one PostgreSQL database.
// For (c) the load is split between the instances by running two autocannon runs at once, one per
// instance, each with half the connections; req/s are summed and p99 is taken over the latencies of
// both runs together (every response's time is recorded, for all three setups alike). The setups
// take turns in slices of about 2 s, so a burst of other work on a shared machine hits all of them.
//
// Reads: GET /api/v1/comments for the seeded 100-comment thread (the main bench's), 100 connections.
// Writes: POST /api/v1/comments through the whole moderation pipeline (rate limit, form token and
// flood gap off by flags; duplicates, links, words and echo against a cached 2,000-word article on),
// a different text, author and idempotency key each time, 10 connections, each setup on its own
// fresh thread.
//
// Everything is on 127.0.0.1 and takes about a minute. A uniquely named PostgreSQL database is
// created for the run and dropped afterwards; every child process is stopped at the end, also on
// failure or Ctrl-C. When PostgreSQL is unreachable its rows are skipped with a line saying why.
//
//   node bench/scale.mjs               this step alone (also: node bench/run.mjs --only scale)
//   node bench/scale.mjs --quick       3 s runs, for trying the script itself
//   PARLEY_TEST_PG=postgres://user@host:5432/postgres   another PostgreSQL server (as the tests)
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { importTs, machine, root, startParley, stopAll } from './lib.mjs';
import { cpuMs, rawGet } from './reads.mjs';
import { prose, random, seed, thread } from './seed.mjs';
import { articleHtml, longArticle } from './writes.mjs';

export const PG_ADMIN_URL = process.env.PARLEY_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';
const READ_THREAD = '/bench/read';
const READ_PATH = `/api/v1/comments?thread=${encodeURIComponent(READ_THREAD)}`;
const ADMIN_TOKEN = 'bench-scale-admin-token';

export async function admin(work) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const where = () => PG_ADMIN_URL.replace(/\/\/[^@/]*@/, '//…@');

/** Why PostgreSQL cannot be used, or null when it can. */
export async function pgProblem() {
  try {
    await admin((c) => c.query('SELECT 1'));
    return null;
  } catch (error) {
    return String(error?.message ?? error) || String(error?.code ?? 'unknown error');
  }
}

export function databaseUrl(name) {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Made for this run; dropped in `finally`, and on Ctrl-C. */
let database = null;
async function dropDatabase() {
  const name = database;
  database = null;
  if (name) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch((e) => console.error(`could not drop ${name}: ${e.message}`));
}

let tmp = null;
/**
 * Stop every child, drop the database, remove the temporary folder and our bundles of src/
 * (importTs names them by process id; other runs' are left alone). Safe to call twice; called at
 * the end of scaleBench and on Ctrl-C or a crash.
 */
export async function cleanUpScale() {
  await stopAll();
  await dropDatabase();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = null;
  const cache = join(root, 'node_modules/.cache/parley-bench');
  if (existsSync(cache)) for (const f of readdirSync(cache)) if (f.endsWith(`-${process.pid}.mjs`)) rmSync(join(cache, f), { force: true });
}

/** The 100-comment thread into a migrated PostgreSQL database, through the store's own insert. */
export async function seedPostgres(url, rows) {
  const { createPostgresStore } = await importTs('src/server/store/postgres.ts');
  const store = await createPostgresStore({ url, poolSize: 2 });
  try {
    for (const r of rows) await store.comments.insert({ ...r, reasons: JSON.parse(r.reasons) });
  } finally {
    await store.close();
  }
}

/**
 * autocannon against one or more instances at once (`connections` split evenly), for `seconds`.
 * Every response's time goes into `times`, so that p99 covers all instances' requests together.
 */
async function load(urls, { connections, seconds, requests, times = null }) {
  const per = urls.map((_, i) => Math.floor(connections / urls.length) + (i < connections % urls.length ? 1 : 0));
  return Promise.all(
    urls.map((url, i) => {
      const run = autocannon({ url, connections: per[i], duration: seconds, pipelining: 1, requests });
      if (times) run.on('response', (_client, _status, _bytes, ms) => times.push(ms));
      return new Promise((resolve, reject) => run.then(resolve, reject));
    }),
  );
}

/** Busy and total CPU time of the whole machine so far, in ms (clock ticks of 10 ms), from /proc/stat. */
function machineCpu() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: (total - f[3] - (f[4] ?? 0)) * 10, total: total * 10 };
}

/** CPU used (ms) by this run's PostgreSQL backends: pid → ms now. Empty without a database. */
async function pgCpu() {
  if (!database) return new Map();
  const { rows } = await admin((c) => c.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]));
  const out = new Map();
  for (const { pid } of rows) {
    try {
      out.set(pid, cpuMs(pid));
    } catch {
      // gone between the query and the read
    }
  }
  return out;
}

/**
 * Start counting CPU (ms): Parley's processes, the database's backends, this process (autocannon),
 * and the whole machine busy/total. The returned function adds the difference into `into`.
 */
async function cpuMeter(instances, into) {
  const parley = instances.map((p) => cpuMs(p.pid));
  const db = await pgCpu();
  const self = process.cpuUsage();
  const box = machineCpu();
  return async () => {
    const boxNow = machineCpu();
    const selfNow = process.cpuUsage(self);
    const dbNow = await pgCpu();
    for (const [pid, t] of dbNow) into.db += t - (db.get(pid) ?? 0);
    into.parley += instances.reduce((s, p, i) => s + cpuMs(p.pid) - parley[i], 0);
    into.cannon += (selfNow.user + selfNow.system) / 1000;
    into.busy += boxNow.busy - box.busy;
    into.total += boxNow.total - box.total;
  };
}

const ms = (x) => (Number.isNaN(x) ? '?' : x < 10 ? x.toFixed(1) : String(Math.round(x)));
const int = (x) => Math.round(x).toLocaleString('en');
const SLICE = 2;

/**
 * Run the three setups. They take turns in slices of about 2 s (SQLite, PG ×1, PG ×2, SQLite, …)
 * rather than one long run each, so a burst of other work on a shared machine lands on every setup
 * instead of on one. Returns { rows, notes, seconds }; rows have setup, reads, writes, context
 * (strings) and the numbers behind them.
 */
export async function scaleBench({ seconds = 8, writeSeconds = seconds, log = (l) => console.error(l) } = {}) {
  const started = Date.now();
  const rows = [];
  const notes = [];
  tmp = mkdtempSync(join(tmpdir(), 'parley-bench-scale-'));
  const seeded = thread(READ_THREAD, { roots: 40, replies: 60, maxDepth: 4, seed: 1 });

  // The article echo compares every post with, served from this process.
  const articlePage = articleHtml(longArticle());
  const site = createServer((req, res) => {
    // Every thread's page is the article: the server fetches it only from a thread's own page (issue 14).
    const ok = req.url.startsWith('/');
    res.writeHead(ok ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(ok ? articlePage : 'not found');
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  const siteUrl = `http://127.0.0.1:${site.address().port}`;
  const flags = ['--origin', siteUrl, '--admin-token', ADMIN_TOKEN, '--posts-per-minute', '0', '--min-submit-seconds', '0', '--flood-seconds', '0'];

  const next = random(4242);
  let n = 0;
  const postBody = (writeThread) => {
    n++;
    return JSON.stringify({
      thread: writeThread,
      url: `${siteUrl}${writeThread}`,
      text: `${prose(next, 12 + (n % 30))} ${prose(next, 10)} (${n})`,
      name: `Writer ${n % 500}`,
      email: `w${n}@example.com`,
      idempotencyKey: `scale-${process.pid}-${started}-${n}`,
    });
  };
  const postRequest = (writeThread) => [
    { method: 'POST', path: '/api/v1/comments', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: postBody(writeThread) }) },
  ];

  /** One kind of load (reads or writes), the setups taking turns; fills setup[kind]. */
  const rotate = async (setups, kind, { secs, connections, path, requests }) => {
    const slices = Math.max(1, Math.round(secs / SLICE));
    log(`  scale: ${kind}, ${connections} connections, ${secs} s for each of ${setups.length} setups in ${slices} turns …`);
    for (const s of setups) s[kind] = { ok: s.instances.map(() => 0), seconds: s.instances.map(() => 0), total: 0, bad: 0, times: [], cpu: { parley: 0, db: 0, cannon: 0, busy: 0, total: 0 } };
    for (let i = 0; i < slices; i++) {
      for (const s of setups) {
        const acc = s[kind];
        const stopMeter = await cpuMeter(s.instances, acc.cpu);
        const results = await load(s.instances.map((p) => p.url + path(s)), { connections, seconds: secs / slices, requests: requests?.(s), times: acc.times });
        await stopMeter();
        results.forEach((r, j) => {
          acc.ok[j] += r['2xx'];
          acc.seconds[j] += r.duration;
          acc.total += r.requests.total;
          acc.bad += r['1xx'] + r['3xx'] + r['4xx'] + r['5xx'] + r.errors + r.timeouts;
        });
      }
    }
    for (const s of setups) {
      const acc = s[kind];
      acc.each = acc.ok.map((ok, j) => ok / acc.seconds[j]);
      acc.rps = acc.each.reduce((a, b) => a + b, 0);
      acc.times.sort((a, b) => a - b);
      acc.p99 = acc.times.length ? acc.times[Math.min(acc.times.length - 1, Math.ceil(0.99 * acc.times.length) - 1)] : NaN;
      acc.times = null;
    }
  };

  const children = [];
  try {
    const setups = [];
    const file = join(tmp, 'scale.db');
    await seed(file, [seeded]);
    const lite = await startParley(file, flags);
    children.push(lite);
    setups.push({ setup: '1 instance, SQLite', instances: [lite], writeThread: '/bench/scale-sqlite' });

    const problem = await pgProblem();
    if (problem) {
      const line = `PostgreSQL at ${where()} is unreachable (${problem}): the PostgreSQL rows are skipped. Start it or set PARLEY_TEST_PG=postgres://… to measure them.`;
      log(line);
      notes.push(line);
    } else {
      database = `parley_bench_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE ${database}`));
      const url = databaseUrl(database);
      await seedPostgres(url, seeded);
      // Both at once, as a deployment would start them: their migrations meet on the advisory lock.
      const [a, b] = await Promise.all([startParley(url, flags), startParley(url, flags)]);
      children.push(a, b);
      setups.push({ setup: '1 instance, PostgreSQL', instances: [a], writeThread: '/bench/scale-pg-one' });
      setups.push({ setup: '2 instances, one PostgreSQL database', instances: [a, b], writeThread: '/bench/scale-pg-two' });
      const v = await admin((c) => c.query('SHOW server_version'));
      notes.push(`PostgreSQL ${v.rows[0].server_version} on 127.0.0.1 (its defaults), a database made for this run and dropped after it; each instance with the default --pool-size 10.`);
    }

    // The same page from every instance; then each warmed alone (JIT, rendered-page cache, pool).
    const pages = await Promise.all(children.map((p) => rawGet(p.url + READ_PATH)));
    for (const f of pages) if (f.status !== 200 || !f.body.equals(pages[0].body)) throw new Error(`the thread page failed or differs between instances (${f.status})`);
    const count = JSON.parse(pages[0].body.toString()).comments.length;
    if (count !== 100) throw new Error(`expected 100 comments on the seeded page, got ${count}`);
    for (const p of children) await load([p.url + READ_PATH], { connections: 100, seconds: 1 });

    await rotate(setups, 'reads', { secs: seconds, connections: 100, path: () => READ_PATH });

    // The first post through each instance: the article is fetched once and kept in the store.
    for (const s of setups) {
      for (const p of s.instances) {
        const res = await fetch(`${p.url}/api/v1/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: postBody(s.writeThread) });
        if (res.status !== 201) throw new Error(`${s.setup}: the first post failed: ${res.status} ${await res.text()}`);
      }
    }
    await rotate(setups, 'writes', { secs: writeSeconds, connections: 10, path: () => '/api/v1/comments', requests: (s) => postRequest(s.writeThread) });

    for (const s of setups) {
      const { reads, writes } = s;
      const pgSide = s.setup.includes('PostgreSQL');
      const after = JSON.parse((await rawGet(`${s.instances.at(-1).url}/api/v1/comments?thread=${encodeURIComponent(s.writeThread)}&limit=1`)).body.toString());
      const split = (r) => (r.each.length > 1 ? ` (${r.each.map(int).join(' + ')})` : '');
      const share = (c) => Math.min(100, Math.round(((c.parley + c.db + c.cannon) / c.busy) * 100));
      rows.push({
        setup: s.setup,
        reads: `${int(reads.rps)} req/s${split(reads)}; p99 ${ms(reads.p99)} ms`,
        writes: `${int(writes.rps)} posts/s${split(writes)}; p99 ${ms(writes.p99)} ms`,
        context:
          `CPU per read: Parley ${int((reads.cpu.parley * 1000) / reads.total)} µs${pgSide ? `, PostgreSQL ${int((reads.cpu.db * 1000) / reads.total)} µs` : ''}; ` +
          `per post: Parley ${ms(writes.cpu.parley / writes.total)} ms${pgSide ? `, PostgreSQL ${ms(writes.cpu.db / writes.total)} ms` : ''}; ` +
          `machine busy ${Math.round((reads.cpu.busy / reads.cpu.total) * 100)}%/${Math.round((writes.cpu.busy / writes.cpu.total) * 100)}%, ` +
          `${share(reads.cpu)}%/${share(writes.cpu)}% of it this run's; ` +
          `${reads.bad + writes.bad} failed; ${int(after.thread.count)} published`,
        numbers: { reads, writes },
      });
    }
    if (setups.length === 3) {
      const [, one, two] = setups;
      rows[2].context += `; ×${(two.reads.rps / one.reads.rps).toFixed(2)} reads, ×${(two.writes.rps / one.writes.rps).toFixed(2)} posts of one instance`;
    } else for (const setup of ['1 instance, PostgreSQL', '2 instances, one PostgreSQL database']) rows.push({ setup, reads: 'skipped', writes: 'skipped', context: 'PostgreSQL unreachable' });
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    site.close();
    await cleanUpScale();
  }

  const m = machine();
  notes.push(
    `Both instances, PostgreSQL and autocannon share this machine's ${m.cores} cores (${m.cpu}), so two instances cannot be expected to double throughput here; ` +
      'on separate machines each instance would have its own CPU and only the database would be shared.',
  );
  notes.push(
    `Two instances: two autocannon runs at once, one per instance with half the connections (50 + 50 for reads, 5 + 5 for writes); ` +
      'req/s and posts/s are the sum (each instance in brackets), p99 is over both runs\' responses together.',
  );
  notes.push(
    'The setups take turns in ~2 s slices (SQLite, PostgreSQL ×1, ×2, SQLite, …) so other work on the machine lands on all of them. ' +
      '"machine busy" is all CPU in use during the reads/writes slices; "of it this run\'s" is the part Parley, its PostgreSQL backends and ' +
      'autocannon used (the rest is other work on the machine). CPU per request is the steadier figure when the machine is shared.',
  );
  return { rows, notes, seconds: Math.round((Date.now() - started) / 1000) };
}

const HEAD = ['setup', `reads: GET 100-comment thread, 100 connections`, 'writes: POST via moderation, 10 connections', 'context'];
const cells = (r) => [r.setup, r.reads, r.writes, r.context];

/** The rows as a plain-text table for the console. */
export function scaleTable(rows) {
  const body = rows.map(cells);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (c) => c.map((x, i) => x.padEnd(widths[i])).join('  ').trimEnd();
  return [line(HEAD), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** The section for docs/benchmarks.md. */
export function scaleMarkdown({ rows, notes }, { seconds, writeSeconds }) {
  const cell = (s) => s.replace(/\|/g, '\\|');
  return `## SQLite vs PostgreSQL, one and two instances

Parley issue 6 (bench/scale.mjs; \`node bench/run.mjs --only scale\` runs this part alone). Reads: the same
100-comment thread, ${seconds} s a setup, each instance warmed with 1 s of the same reads first. Writes: ${writeSeconds} s a setup of
posts through the moderation pipeline (\`--posts-per-minute 0 --min-submit-seconds 0 --flood-seconds 0\`; echo against the
2,000-word article), each setup on a thread of its own.

| ${HEAD.join(' | ')} |
|---|---|---|---|
${rows.map((r) => `| ${cells(r).map(cell).join(' | ')} |`).join('\n')}

${notes.map((x) => `- ${x}`).join('\n')}
`;
}

async function main() {
  const quick = process.argv.includes('--quick');
  if (!existsSync(join(root, 'dist/server/cli.js'))) throw new Error('dist/server/cli.js is missing: run `node build/build.mjs --quiet` (or `npm run bench`, which builds).');
  const seconds = quick ? 3 : 8;
  const load0 = machine().load;
  const result = await scaleBench({ seconds });
  console.log(`\nSQLite vs PostgreSQL, one and two instances (${result.seconds} s; load average ${load0} at the start)\n`);
  console.log(scaleTable(result.rows));
  for (const x of result.notes) console.log(`- ${x}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.on('SIGINT', () => void cleanUpScale().then(() => process.exit(130)));
  main().catch(async (error) => {
    console.error(error);
    await cleanUpScale();
    process.exitCode = 1;
  });
}
