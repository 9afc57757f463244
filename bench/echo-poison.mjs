// The echo rule's cost on a deliberately poisoned thread (Parley issue 14, item 1): 1,000 comments
// near the 10,000-character limit, made of long sentences that share most of their words with each
// other and with the article, so that every word of a new post has thousands of postings and every
// sentence is a candidate. Posts of the same kind then go through the whole pipeline against the
// 3,000-word article of the spam eval (eval/spam/reworded/tuning/articles/lenn-weirs.txt).
//
// Measured inside the server: event-loop delay with perf_hooks.monitorEventLoopDelay (a preload
// module, bench/event-loop-probe.mjs, reports it on SIGUSR2). Measured outside: each post's latency,
// and /healthz answered while the posts run.
//
//   node bench/echo-poison.mjs            runs it alone and prints its table
//   npm run bench -- --only echo          the same from the bench runner
import { createServer, request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { root, spawnNode, stop } from './lib.mjs';
import { random, seed } from './seed.mjs';

export const ARTICLE_FILE = 'eval/spam/reworded/tuning/articles/lenn-weirs.txt';
const TEXT_LIMIT = 10_000;

/** The article as a page the server's article fetch extracts. */
function articlePage(text) {
  const [title, ...paragraphs] = text.trim().split(/\n\s*\n/);
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>
<header><nav><a href="/">Home</a></nav></header>
<main><article><h1>${esc(title)}</h1>${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}</article></main>
<footer>Footer</footer></body></html>`;
}

/**
 * Long, similar sentences: 26 words each, drawn from the article's own 120 most frequent content
 * words and a few function words, so each one shares most of its words with every other and with
 * the article, and none repeats (a repeat would be indexed once).
 */
export function poisonText(next, words) {
  const pool = words;
  const glue = ['the', 'and', 'of', 'to', 'in', 'that', 'a', 'with'];
  const sentences = [];
  let length = 0;
  while (true) {
    const w = [];
    for (let i = 0; i < 26; i++) w.push(i % 3 === 2 ? glue[Math.floor(next() * glue.length)] : pool[Math.floor(next() * pool.length)]);
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    const s = `${w.join(' ')}.`;
    if (length + s.length + 1 > TEXT_LIMIT - 20) break;
    sentences.push(s);
    length += s.length + 1;
  }
  return sentences.join(' ');
}

/** The article's most frequent words of 4+ letters. */
function topicWords(text, n) {
  const counts = new Map();
  for (const w of text.toLowerCase().match(/\p{L}{4,}/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([w]) => w);
}

/**
 * One request on its own connection (no keep-alive): a server that blocks its event loop for
 * seconds also drops idle kept-alive sockets when it wakes, which would be counted against the
 * wrong request.
 */
function send(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Asks the server's probe for its event-loop delay since the last ask (and resets it). */
function readProbe(server) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the event-loop probe did not answer')), 30_000);
    const onData = (d) => {
      const m = /EVENT-LOOP (\{.*\})/.exec(String(d));
      if (!m) return;
      clearTimeout(timer);
      server.child.stdout.off('data', onData);
      resolve(JSON.parse(m[1]));
    };
    server.child.stdout.on('data', onData);
    server.child.kill('SIGUSR2');
  });
}

export async function poisonBench({ posts = 20, comments = 1000, log = console.error } = {}) {
  const load = loadavg()[0].toFixed(1);
  const articleText = readFileSync(join(root, ARTICLE_FILE), 'utf8');
  const words = topicWords(articleText, 120);
  const next = random(1402);
  const thread = '/bench/poisoned';
  const statuses = ['published', 'pending', 'spam'];
  const base = Date.parse('2026-01-01T00:00:00Z');
  const rows = Array.from({ length: comments }, (_, i) => ({
    id: `${thread}:p${i}`,
    thread,
    parent: null,
    root: `${thread}:p${i}`,
    status: statuses[i % 3],
    name: `Poisoner ${i}`,
    email: `p${i}@example.com`,
    website: null,
    avatar: `a${i % 13}`,
    text: poisonText(next, words),
    createdAt: base + i * 1000,
    editedAt: null,
    clientHash: null,
    reasons: '[]',
    idempotencyKey: null,
    fingerprint: null,
  }));
  const tmp = mkdtempSync(join(tmpdir(), 'parley-poison-'));
  const db = join(tmp, 'poison.db');
  log(`poisoned thread: ${comments} comments of ${Math.round(rows.reduce((n, r) => n + r.text.length, 0) / comments).toLocaleString('en')} characters on average …`);
  await seed(db, [rows]);

  const page = articlePage(articleText);
  const site = createServer((req, res) => {
    // The article at the thread's own page: the server fetches it only from there (issue 14).
    const ok = req.url === '/article' || req.url === thread;
    res.writeHead(ok ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(ok ? page : 'not found');
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  const siteUrl = `http://127.0.0.1:${site.address().port}`;
  const adminToken = 'bench-admin-token-poisoned';
  const server = await spawnNode(
    [
      ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof-poison'] : []),
      ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
      '--import', pathToFileURL(join(root, 'bench/event-loop-probe.mjs')).href,
      'dist/server/cli.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--db', db,
      '--origin', siteUrl, '--admin-token', adminToken,
      '--posts-per-minute', '0', '--min-submit-seconds', '0', '--flood-seconds', '0',
    ],
    /Parley listening on (http:\/\/\S+)/,
  );
  const url = server.match[1];
  if (process.env.BENCH_NODE_FLAGS) server.child.stdout.on('data', (d) => process.stderr.write(String(d).split('\n').filter((l) => /Mark-Compact|Scavenge.*[1-9]\d\.\d ms/.test(l)).map((l) => `server: ${l}\n`).join('')));
  let n = 0;
  const post = async () => {
    n++;
    const t0 = performance.now();
    const res = await send(`${url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ thread, url: `${siteUrl}${thread}`, text: poisonText(next, words), name: `Bench ${n}`, email: `bench${n}@example.com`, idempotencyKey: `poison-${process.pid}-${n}` }),
    });
    if (res.status !== 201) throw new Error(`a post answered ${res.status}: ${res.body.slice(0, 200)}`);
    return performance.now() - t0;
  };
  try {
    // The first post fetches the article and builds the thread's index from the store: its own row.
    await readProbe(server);
    const first = await post();
    const firstLoop = await readProbe(server);
    log(`  first post (article fetch, thread index built): ${first.toFixed(0)} ms; now ${posts} more, with /healthz asked every 20 ms …`);
    const health = [];
    let posting = true;
    const pinger = (async () => {
      while (posting) {
        const t0 = performance.now();
        await send(`${url}/healthz`);
        health.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const latencies = [];
    const deadline = Date.now() + 240_000;
    for (let i = 0; i < posts && Date.now() < deadline; i++) latencies.push(await post());
    posting = false;
    await pinger;
    const loop = await readProbe(server);
    // Echo's reason on the last post, wherever it went (published, pending or spam).
    let echoReason = 'none recorded';
    for (const status of ['spam', 'pending', 'published']) {
      const page = JSON.parse((await send(`${url}/api/v1/admin/comments?status=${status}&thread=${encodeURIComponent(thread)}&limit=1`, { headers: { authorization: `Bearer ${adminToken}` } })).body);
      const last = page.comments?.find((c) => c.author?.name === `Bench ${n}`);
      if (last) echoReason = last.reasons?.find((x) => x.rule === 'echo')?.message ?? echoReason;
    }
    latencies.sort((a, b) => a - b);
    health.sort((a, b) => a - b);
    return {
      comments,
      load,
      posts: latencies.length,
      firstPostMs: first,
      firstLoopMaxMs: firstLoop.max,
      firstCpuMs: firstLoop.cpuMs,
      cpuPerPostMs: loop.cpuMs / latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1),
      loop,
      healthP99: percentile(health, 99),
      healthMax: health.at(-1),
      echoReason,
    };
  } finally {
    await stop(server.child);
    site.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function poisonRows(r) {
  const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
  return [
    {
      figure: `Poisoned thread (${r.comments.toLocaleString('en')} comments of ~10,000 characters, similar sentences): POST latency, ${r.posts} posts`,
      value: `p99 ${ms(r.p99)} (p50 ${ms(r.p50)}, max ${ms(r.max)})`,
      plain: `server CPU ${ms(r.cpuPerPostMs)} a post; first post (article fetched, thread index built): ${ms(r.firstPostMs)}, ${ms(r.firstCpuMs)} CPU, event loop blocked up to ${ms(r.firstLoopMaxMs)}`,
    },
    {
      figure: `Poisoned thread: event-loop delay during those posts (monitorEventLoopDelay; load average ${r.load} at the start)`,
      value: `max ${ms(r.loop.max)}, p99 ${ms(r.loop.p99)}`,
      plain: `/healthz meanwhile: p99 ${ms(r.healthP99)}, max ${ms(r.healthMax)}; echo's reason: “${r.echoReason}”`,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await poisonBench({ posts: Number(process.env.POSTS ?? 20) });
  for (const row of poisonRows(r)) console.log(`${row.figure}\n  ${row.value}\n  ${row.plain}`);
}
