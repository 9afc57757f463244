// `npm run bench` (Parley issue 5): measures the embed, reads, writes, echo, memory and the widget
// in Chromium, prints one table and writes it to docs/benchmarks.md with the machine it ran on.
// Everything runs on 127.0.0.1, bounded in time (about two to three minutes, plus about a minute for
// SQLite vs PostgreSQL, one and two instances: bench/scale.mjs), and every child process is stopped
// at the end. Not part of `npm test` or CI: its numbers depend on the machine.
//
//   npm run bench                  the whole run
//   npm run bench -- --quick       shorter load runs (3 s), for trying the script itself
//   npm run bench -- --only scale  only SQLite vs PostgreSQL, one and two instances (about 60 s;
//                                  prints its table, leaves docs/benchmarks.md as it was)
//   npm run bench -- --only stream live updates: 1,000 idle streams, their memory, one comment's fan-out
//   npm run bench -- --only reads [--case 304,counts]  only the reads beside plain node:http (those whose name holds one of the texts)
//   npm run bench -- --only echo   only the echo rule's cost on a poisoned 1,000-comment thread
//                                  (bench/echo-poison.mjs, about a minute; docs/benchmarks.md as it was)
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from '../build/build.mjs';
import { measure, readBudget } from '../build/size.mjs';
import { browserBench, widgetPage } from './browser.mjs';
import { machine, memoryOf, root, startParley, stopAll } from './lib.mjs';
import { rawGet, readsBench, readsTable } from './reads.mjs';
import { profileReads } from './profile-reads.mjs';
import { seed, thread } from './seed.mjs';
import { articleHtml, echoCost, longArticle, writeBench } from './writes.mjs';
import { cleanUpScale, scaleBench, scaleMarkdown, scaleTable } from './scale.mjs';
import { importBench } from './import.mjs';
import { poisonBench, poisonRows } from './echo-poison.mjs';
import { streamBench } from './stream.mjs';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 3 : 10;
const SCALE_SECONDS = quick ? 3 : 8;
const READ_SECONDS = quick ? 1 : 2;
// Rounds of each read, Parley and plain node:http taking turns: single rounds swing by ±30 % on a
// shared 2-core machine (the yardstick's own rounds as much as Parley's), so more, shorter turns
// give a steadier median: nine of 2 s, where five of 3 s still moved by 0.2 from run to run (issue 22).
const READ_ROUNDS = 9;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
// With --only reads: `--case 304` measures only the reads whose name holds that text.
const caseFilter = process.argv.includes('--case') ? process.argv[process.argv.indexOf('--case') + 1] : null;
const log = (line) => console.error(line);
const rows = [];
const notes = [];
const row = (figure, value, plain = '') => rows.push({ figure, value, plain });
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Newest modification time under a folder. */
function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

async function buildIfNeeded() {
  const outs = ['dist/parley.js', 'dist/server/cli.js'].map((f) => join(root, f));
  const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'build')));
  if (outs.every((f) => existsSync(f) && statSync(f).mtimeMs >= sources)) return;
  log('building dist/ …');
  const result = await build({ log: { log() {}, warn: log, error: log } });
  if (!existsSync(outs[1])) throw new Error('dist/server/cli.js could not be built; run `npm run build` to see why.');
  if (result.failed.length) notes.push(`The build failed for ${result.failed.join(', ')}; rows that need them are marked.`);
}

let startLoad = '?';
let scale = null;
let profiles = null;

async function main() {
  const started = Date.now();
  if (only && !['scale', 'echo', 'reads', 'stream'].includes(only)) throw new Error(`--only ${only}: the parts that run alone are "reads", "scale", "echo" and "stream".`);
  startLoad = machine().load;
  await buildIfNeeded();

  if (only === 'echo') {
    const r = await poisonBench({ posts: quick ? 5 : 20, log });
    for (const x of poisonRows(r)) console.log(`${x.figure}\n  ${x.value}\n  ${x.plain}`);
    log('(--only echo: docs/benchmarks.md left as it was)');
    return;
  }

  if (only === 'reads') {
    const result = await readsBench({ seconds: READ_SECONDS, rounds: READ_ROUNDS, log, caseFilter });
    console.log(`Reads beside plain node:http (load average ${startLoad} at the start)\n`);
    console.log(readsTable(result.rows));
    for (const n of result.notes) console.log(`- ${n}`);
    log('(--only reads: docs/benchmarks.md left as it was)');
    return;
  }

  if (only === 'stream') {
    const result = await streamBench({ log });
    for (const x of result.rows) console.log(`${x.figure}\n  ${x.value}\n  ${x.plain}`);
    log('(--only stream: docs/benchmarks.md left as it was)');
    return;
  }

  if (only === 'scale') {
    const result = await scaleBench({ seconds: SCALE_SECONDS, log });
    console.log(`SQLite vs PostgreSQL, one and two instances (${result.seconds} s; load average ${startLoad} at the start)\n`);
    console.log(scaleTable(result.rows));
    for (const n of result.notes) console.log(`- ${n}`);
    log('(--only scale: docs/benchmarks.md left as it was)');
    return;
  }

  // (a) The embed.
  const embed = join(root, 'dist/parley.js');
  if (existsSync(embed)) {
    const { raw, gzip, br } = measure(embed);
    const budget = readBudget().groups['English first render'].max;
    row('Embed dist/parley.js, brotli (gzip -9)', `${br.toLocaleString('en')} B (${gzip.toLocaleString('en')} B; raw ${raw.toLocaleString('en')} B)`, `English first render budget ${budget.toLocaleString('en')} B: ${br <= budget ? 'within' : `OVER by ${br - budget}`}`);
  } else row('Embed dist/parley.js, brotli', 'not built');

  // Threads, written before the server opens the file.
  const tmp = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const db = join(tmp, 'bench.db');
  log('seeding: a 100-comment thread, a 10,000-comment thread, a 1,000-comment thread …');
  const hot = [0, 3, 20, 77, 500, 1999];
  await seed(db, [
    thread('/bench/read', { roots: 40, replies: 60, maxDepth: 4, seed: 1 }),
    thread('/bench/big', { roots: 2000, replies: 8000, seed: 2, pick: (next) => (next() < 0.2 ? hot[Math.floor(next() * hot.length)] : Math.floor(next() * 2000)) }),
    thread('/bench/thousand', { roots: 100, replies: 900, seed: 3, pick: (_next, i) => i % 100 }),
    // The demo article's size: six comments, two of them replies.
    thread('/bench/demo', { roots: 4, replies: 2, seed: 4 }),
  ]);

  // The page server: the article for echo, and the host pages for the widget.
  const pages = new Map([['/article', articleHtml(longArticle())]]);
  // The write bench's thread page (bench/writes.mjs): the article is fetched only from a thread's own page.
  pages.set('/bench/write', pages.get('/article'));
  const site = createServer((req, res) => {
    const body = pages.get(req.url);
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(body ?? 'not found');
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  const siteUrl = `http://127.0.0.1:${site.address().port}`;

  const adminToken = 'bench-admin-token';
  const parley = await startParley(db, [
    '--origin', siteUrl,
    '--admin-token', adminToken,
    '--posts-per-minute', '0',
    '--min-submit-seconds', '0',
    '--flood-seconds', '0',
  ]);
  pages.set('/big.html', widgetPage(parley.url, '/bench/big'));
  pages.set('/thousand.html', widgetPage(parley.url, '/bench/thousand'));
  pages.set('/demo.html', widgetPage(parley.url, '/bench/demo'));
  log(`parley at ${parley.url} (pid ${parley.pid}), pages at ${siteUrl}`);
  const idle = memoryOf(parley.pid);

  try {
    // (b) Reads (issue 22): each cacheable read beside plain node:http, its own servers (SQLite and
    // PostgreSQL) taking turns with the yardstick; this run's server idles meanwhile.
    const reads = await readsBench({ seconds: READ_SECONDS, rounds: READ_ROUNDS, log });
    for (const r of reads.rows) rows.push(r);
    notes.push(...reads.notes);
    // Where a kept read's time goes now (issue 22), for the profile section below.
    log('  reads: CPU profiles (node --cpu-prof), 4 s a read …');
    profiles = await profileReads({ seconds: quick ? 2 : 4 }).catch((error) => {
      notes.push(`The read profiles failed: ${String(error?.message ?? error).split('\n')[0]}`);
      return null;
    });
    if (reads.rows.some((r) => r.errors)) notes.push('Some read requests failed (4xx/5xx, errors or timeouts): see the console output.');

    // Item 3: the first page of the 10,000-comment thread, as one response.
    const big = await rawGet(`${parley.url}/api/v1/comments?thread=%2Fbench%2Fbig`);
    const bigGz = await rawGet(`${parley.url}/api/v1/comments?thread=%2Fbench%2Fbig`, { 'accept-encoding': 'gzip' });
    const bigPage = JSON.parse(big.body.toString());
    const bigRoots = bigPage.comments.filter((c) => c.parent === null).length;
    row(
      'First page of the 10,000-comment thread',
      `${bigRoots} roots + ${bigPage.comments.length - bigRoots} replies, ${kb(big.body.length)} (gzip ${kb(bigGz.body.length)})`,
      `${Object.keys(bigPage.more ?? {}).length} \`more\` cursors; nextCursor ${bigPage.nextCursor ? 'set' : 'null'}`,
    );

    // (c) Writes, (d) echo alone.
    const writes = await writeBench({ parley, articleUrl: `${siteUrl}/article`, seconds: SECONDS, adminToken, log });
    row('POST through the moderation pipeline, 10 connections', `${Math.round(writes.rps).toLocaleString('en')} posts/s; p99 ${writes.p99} ms (mean ${writes.mean.toFixed(1)} ms)`, `${writes.ok2xx.toLocaleString('en')} 201s, ${writes.bad} failed, ${writes.published.toLocaleString('en')} published in all; server CPU ${writes.cpuPerPost.toFixed(1)} ms/post`);
    notes.push(`Echo's verdict on the last benchmark post (it ran against the fetched article): “${writes.echoReason}”.`);
    const echo = await echoCost();
    row(
      `Echo check alone, ${echo.words.toLocaleString('en')}-word cached article`,
      `${(echo.perCheckMs * 1000).toFixed(0)} µs per check; ${echo.perPostMs.toFixed(2)} ms per post as the server runs it (one comment added to a kept 600-comment thread index, then the check)`,
      `${((echo.perPostMs / writes.cpuPerPost) * 100).toFixed(0)}% of a post's server CPU; indexing the article once: ${echo.perPrepareMs.toFixed(1)} ms`,
    );

    // Issue 14: the echo rule on a poisoned thread (its own server and database).
    try {
      const poisoned = await poisonBench({ posts: quick ? 5 : 20, log });
      for (const x of poisonRows(poisoned)) row(x.figure, x.value, x.plain);
    } catch (error) {
      row('Poisoned thread (bench/echo-poison.mjs)', 'failed', String(error?.message ?? error).slice(0, 120));
    }

    // Issue 8: `parley import` of a 10,000-comment WordPress export (bench/import.mjs), in this process.
    try {
      const imp = await importBench({ log });
      row(
        `Import of a ${imp.comments.toLocaleString('en')}-comment WXR (${mib(imp.bytes)}) into a fresh SQLite file`,
        `${(imp.importMs / 1000).toFixed(2)} s (${Math.round(imp.comments / (imp.importMs / 1000)).toLocaleString('en')} comments/s)`,
        `again: ${(imp.reimportMs / 1000).toFixed(2)} s, ${imp.createdAgain} new; export json ${(imp.jsonMs / 1000).toFixed(2)} s, wxr ${(imp.wxrMs / 1000).toFixed(2)} s`,
      );
    } catch (error) {
      row('Import of a 10,000-comment WXR (bench/import.mjs)', 'failed', String(error?.message ?? error).slice(0, 120));
    }

    // (g) The reliability engineer's mixed load, when it is there.
    const mixedFile = join(root, 'bench/load-mixed.mjs');
    if (existsSync(mixedFile)) {
      log(`  mixed load (bench/load-mixed.mjs), ${SECONDS} s …`);
      try {
        const { runMixedLoad } = await import(pathToFileURL(mixedFile).href);
        // It starts its own server on its own fresh file; ours idles meanwhile.
        const x = await runMixedLoad({ seconds: SECONDS, readers: 100, writers: 10, rounds: 2, log });
        row(
          `Mixed load: ${x.readers} readers + ${x.writers} writers, ${x.seconds} s (bench/load-mixed.mjs)`,
          `${Math.round(x.readsPerSecond).toLocaleString('en')} reads/s (p99 ${x.readLatencyP99Ms} ms) with ${x.postsPerSecond} posts/s`,
          `${x.errors5xx} 5xx, ${x.lost} lost, ${x.duplicated} duplicated; its server's RSS ${x.rssBeforeMb} → peak ${x.rssPeakMb} → ${x.rssAfterMb} MB${x.memoryBack ? '' : ' (grew between rounds)'}`,
        );
      } catch (error) {
        row('Mixed load (bench/load-mixed.mjs)', 'failed', String(error?.message ?? error).slice(0, 120));
      }
    } else notes.push('bench/load-mixed.mjs does not exist yet, so the mixed load is not in this table.');

    // (e) The server's memory after the load.
    const after = memoryOf(parley.pid);
    row('Server resident memory after the load runs', mib(after.rss), `idle after start ${mib(idle.rss)}; peak ${mib(after.peak)}`);

    // (e2) Live updates (issue 16 item 6): 1,000 idle streams and one comment's fan-out, on a server of their own.
    try {
      for (const r of (await streamBench({ log })).rows) rows.push(r);
    } catch (error) {
      row('Live updates: 1,000 idle streams', 'failed', String(error?.message ?? error).slice(0, 120));
    }

    // (f) Chromium.
    // The 1,000-comment thread's first page: 50 roots and their replies (the server's default page).
    const thousandFirstPage = (await (await fetch(`${parley.url}/api/v1/comments?thread=%2Fbench%2Fthousand`)).json()).comments.length;
    const browser = await browserBench({ pageUrl: siteUrl, bigPath: '/big.html', bigFirstPage: bigPage.comments.length, thousandPath: '/thousand.html', thousandFirstPage, demoPath: '/demo.html', demoCount: 6, log }).catch((error) => {
      notes.push(`Chromium: ${String(error?.message ?? error).split('\n')[0]}`);
      return null;
    });
    if (browser) {
      const range = (r) => `${Math.round(r.median)} ms after navigation start (median of ${r.runs}; ${Math.round(r.min)}–${Math.round(r.max)})`;
      row('Chromium: first render, demo-sized thread (6 comments)', range(browser.demo), 'fresh context each visit: parley.js and the API answer over the wire, brotli');
      row('Chromium: first render, 1,000-comment thread', range(browser.thousand), `its first page: ${thousandFirstPage} comments on screen`);
      row('Chromium: 10,000-comment thread, first page rendered', `${Math.round(browser.firstPageMs)} ms after navigation start`, `${bigPage.comments.length} comments on screen`);
      row('Chromium: requests after the page itself', `${browser.requests.length}${browser.requests.length === 2 ? ' (script + one API call)' : ' — expected 2'}`, browser.requests.join('; '));
      row('Chromium: JS heap with 1,000 comments rendered', mib(browser.heapUsed), `empty page ${mib(browser.emptyHeapUsed)}; ${browser.shown} comments, ${browser.nodes.toLocaleString('en')} shadow DOM elements`);
      notes.push(`Chromium ${browser.version} (Debian), headless.`);
    } else if (!notes.some((n) => n.startsWith('Chromium'))) notes.push('Chromium is not installed here, so the browser rows are missing.');
  } finally {
    await parley.stop();
    await stopAll();
    site.close();
    rmSync(tmp, { recursive: true, force: true });
    rmSync(join(root, 'node_modules/.cache/parley-bench'), { recursive: true, force: true });
  }

  // (h) SQLite vs PostgreSQL, one and two instances (issue 6): its own servers, after ours stopped.
  try {
    scale = await scaleBench({ seconds: SCALE_SECONDS, log });
  } catch (error) {
    notes.push(`SQLite vs PostgreSQL, one and two instances (bench/scale.mjs) failed: ${String(error?.message ?? error).split('\n')[0]}`);
  }

  const m = machine();
  const seconds = Math.round((Date.now() - started) / 1000);
  const text = render(m, seconds);
  console.log(text.table);
  for (const n of notes) console.log(`- ${n}`);
  if (scale) {
    console.log('\nSQLite vs PostgreSQL, one and two instances\n');
    console.log(scaleTable(scale.rows));
    for (const n of scale.notes) console.log(`- ${n}`);
  }
  if (!quick) writeFileSync(join(root, 'docs/benchmarks.md'), text.markdown);
  log(quick ? '(--quick: docs/benchmarks.md left as it was)' : `wrote docs/benchmarks.md (${seconds} s)`);
}

function render(m, seconds) {
  const head = ['figure', 'value', 'plain node:http / context'];
  const body = rows.map((r) => [r.figure, r.value, r.plain ?? '']);
  const widths = head.map((_, i) => Math.max(head[i].length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const table = [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
  const cell = (s) => s.replace(/\|/g, '\\|');
  const readRatios = rows.filter((r) => typeof r.ratio === 'number');
  const markdown = `# Benchmarks

Generated by \`npm run bench\` (bench/run.mjs, ${seconds} s); do not edit by hand. Parley issue 5.

Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} memory; Node ${m.node}; ${m.os}; ${m.date}.
autocannon, the server under test and the plain node:http server share these ${m.cores} cores, all on 127.0.0.1;
the load average was ${startLoad} when the run began (other work on the machine), so absolute numbers move from run to
run. The ratios are steadier: the two servers take turns in short slices, and the server CPU per request is given too.

| figure | value | plain node:http / context |
|---|---|---|
${body.map((b) => `| ${b.map(cell).join(' | ')} |`).join('\n')}

${readRatios.length ? `Cacheable reads against plain node:http sending the same bytes (issue 22 asks for 0.8 or better, medians of ${READ_ROUNDS} rounds taking turns): ${readRatios.map((r) => `${r.store} ${r.name} ${r.ratio.toFixed(2)}`).join('; ')}.` : ''}

${notes.map((n) => `- ${n}`).join('\n')}

${profiles ? profileMarkdown(profiles) : ''}
${scale ? scaleMarkdown(scale, { seconds: SCALE_SECONDS, writeSeconds: SCALE_SECONDS }) : ''}
## How it is measured

- **Reads** (bench/reads.mjs, issue 22): \`parley serve\` from dist/ on a SQLite file seeded with a 100-comment thread
  (40 roots, 60 replies) and 20 small threads, and on a PostgreSQL database with the same thread. Each read, as a
  browser sends it (the page's Origin for the API, Chromium's Accept-Encoding), with autocannon at 10 connections:
  Parley and the yardstick take turns for ${READ_ROUNDS} rounds (${READ_SECONDS} s each, the order swapped every round, after 1 s of
  warm-up each). The yardstick is bench/plain-server.mjs: plain \`node:http\` sending the bytes Parley sent with every
  header Parley sent, in its own process like Parley's; for PostgreSQL it first makes the same version query on a pool of
  the same size. Ratio = Parley ÷ plain per round; the table gives the median and the rounds.
- **Writes**: \`POST /api/v1/comments\` with a different text, author and idempotency key each time, through every rule
  (rate limit, flood and form token turned off by flags so one client can post at full speed; duplicates, links, words
  and echo on). Each post names the article's URL on 127.0.0.1, which the server fetched once and keeps in its store,
  so echo compares every post with the 2,000-word article and the thread's recent comments.
- **Echo alone**: \`echoRule\` on the spam eval's comments against the same article, already indexed, as the server calls it.
- **Memory**: VmRSS of the server process from /proc after the read, write and mixed runs.
- **Chromium**: a page on 127.0.0.1 with the script tag; the first page counts as rendered when all its comments are
  \`<article>\` elements in the widget's shadow root (time from navigation start). Requests are every request the page
  makes after its own HTML. The heap is \`Runtime.getHeapUsage\` after a forced GC, with two pages (1,000 comments) shown.

## Caching: why \`no-cache\` and not a max-age

Every page of \`GET /api/v1/comments\` carries a weak ETag made from the thread's version in the store, and
\`Cache-Control: public, no-cache\`. The server keeps each rendered page (and its gzip and brotli forms) in memory,
keyed by thread and query, with the version it was rendered at; a request costs one read of that version (on SQLite,
one pread of the WAL index while nothing was committed; on PostgreSQL, one primary-key read), then either a 304 or the
kept bytes, written before Hono by src/server/fast-path.ts (issue 22). Nothing is served after the thread changes, on this instance or any other,
because the version lives in the store.

\`no-cache\` means "keep it, but ask first": browsers and CDNs still keep the body and revalidate with If-None-Match,
so a repeat view costs a 304 of a few hundred bytes. A max-age, even of a few seconds, or stale-while-revalidate would
let a cache answer without asking, and a comment just posted would be missing for that long for every other reader,
which the issue rules out ("visible at once … no time-based staleness of our own"). A cache-busting parameter in the
widget would fix that only for our widget's own request, not for a shared CDN copy seen through other pages, and it
would cost embed bytes; the revalidation above is already cheap (see the 304 rows), so we do not add one. An operator
who wants CDN offload more than instant visibility can set a max-age at the CDN, knowing what it trades.
`;
  return { table, markdown };
}

/**
 * Where a kept read's time goes (issue 22): this run's profiles beside the ones taken on the commit
 * before issue 22 (aec8328; node bench/profile-reads.mjs --cli on its build), with the machine as busy.
 */
function profileMarkdown(list) {
  const cell = (p) => `${p.usPerRequest.toFixed(0)} µs: ${p.areas.slice(0, 5).map((a) => `${a.name} ${a.share}`).join(', ')}`;
  const row = (p) => `| ${PROFILE_NAMES[p.name]} | ${BEFORE[p.name]} | ${cell(p)} |`;
  return `## Where a read's time goes (issue 22)

\`node bench/profile-reads.mjs\` runs \`parley serve\` under \`node --cpu-prof\`, one read at a time at 10 connections (2 s of
warm-up, then 4 s measured), and adds up the profile's self time by where the code lives. "µs" is profiled time a request:
on a shared 2-core machine it counts time the process waited for a core too, so compare the shares and the before/after of
one read, not these µs with the CPU figures above. Before: the commit before issue 22, profiled the same way on ${BEFORE_WHEN}.

| read | before (every request through @hono/node-server and Hono) | now (this run) |
|---|---|---|
${list.map(row).join('\n')}

What the profile of the commit before showed, and what was done:

- **The web Request/Response conversion, the routing and the middleware** (\`@hono/node-server\`, \`hono\`: 13–17 % of a kept
  read, and the query parse in Hono's \`_getQueryParam\` another 3–4 %): kept reads are now answered by a node:http request
  listener before Hono (src/server/fast-path.ts), from what src/server/reads.ts keeps, with each URL's parsed query kept.
- **The version read** (\`get\`, 8–10 %; 36 % for counts, which ran one count statement per thread on every request): every
  SQLite statement on a WAL database takes a lock on the -shm file, an fstat and an unlock (three system calls). The store now
  reads the WAL index's header (one pread) and keeps versions until it changes (src/server/store/sqlite/change-stamp.ts), and
  counts answers are kept by the same stamp. What is left of it is the "file system calls" share: that pread.
- **/parley.js**: an fstat of the file on every request was 47 % of it; the fast path asks at most once a second.
- What remains is mostly the kernel's: writing the answer to the socket, and node:http's parser, as for plain node:http.

Second round (the \`304\` and counts were still 0.55–0.77 of plain node:http). A profile's shares mislead here: time inside a
system call is wall time, and a write that wakes the client on a 2-core machine waits for a core. So this round compared the
server's CPU a request from /proc, A/B against variants of the build with one piece taken out, and counted system calls
(\`strace -c\` over 20,000 kept \`304\`s) and garbage (\`--trace-gc\`):

- **The version check's pread** was 1–4 µs of CPU a request on a busy server (0.45 µs in a loop), and the Buffer calls around it
  (\`equals\`, \`compare\`, \`subarray\`, each a call into C++) about as much again. The header is now compared word by word in
  JavaScript, and the fast path reads the stamp and each thread's version once per event-loop turn, shared by the requests of
  that turn (the staleness bound is argued in the README's design notes). strace, 20,000 \`304\`s: 2,212 preads, and otherwise
  the same calls as plain node:http (20,011 writes and 20,021 reads against its 20,067 and 20,077); on PostgreSQL the same
  sharing sends one version query per thread and turn.
- **Each URL's checks**: two regular expressions over the 400-character counts URL and the single-site \`site=\` test ran on every
  request (about 2 µs); they run once per URL now, and the last URL is compared before the memo's Map is hashed.
- **Per-request bookkeeping**: a \`close\` listener a request for the metrics and the log, a joined key for the request tally,
  two Map writes to move a cache hit to the front; a fast answer is now counted when it is written, the tally remembers its
  last route, and a hit only marks its entry (second-chance eviction).
- Garbage: 7.1 KB a kept \`304\` against plain node:http's 6.5 KB, 8.5 against 8.3 KB for counts: allocation is not where the
  rest goes. What is left is about 3–4 µs of the process itself: the same answer written straight from the request listener
  (nothing of Parley's path) still costs 2–4 µs more than in the small plain server.
`;
}

const PROFILE_NAMES = { page: 'thread page, identity (48,911 B)', br: 'thread page, brotli', 304: '304 on If-None-Match', counts: '/api/v1/counts, 20 threads', js: '/parley.js, brotli' };
const BEFORE_WHEN = '2026-12-03 03:41 UTC (load average 13.5)';
const BEFORE = {
  304: '164 µs: socket writes (system calls) 44.4%, Parley 14.0% (the version read 8.5%), hono 12.4%, node:http and sockets 8.7%, other node code 7.7%, @hono/node-server 4.2%',
  page: '316 µs: socket writes (system calls) 46.3%, Parley 14.3% (the version read 10.1%), node:http and sockets 11.6%, hono 10.2%, other node code 8.4%, @hono/node-server 4.1%',
  br: '162 µs: socket writes (system calls) 28.8%, Parley 17.2% (the version read 9.8%), node:http and sockets 15.8%, hono 12.2%, other node code 11.2%, @hono/node-server 5.1%',
  counts: '342 µs: Parley 39.4% (20 count statements 36.1%), socket writes (system calls) 27.5%, hono 12.1%, node:http and sockets 6.8%, @hono/node-server 1.9%',
  js: '170 µs: file system calls 46.6% (an fstat a request), socket writes (system calls) 19.7%, node:http and sockets 11.0%, Parley 4.1%, @hono/node-server 2.6%, hono 2.1%',
};

process.on('SIGINT', () => void Promise.all([stopAll(), cleanUpScale()]).then(() => process.exit(130)));
main().catch(async (error) => {
  console.error(error);
  await stopAll();
  await cleanUpScale();
  process.exitCode = 1;
});
