#!/usr/bin/env node
// Mixed load (Parley issue 7, "Faults and load"): 100 connections read one thread while 10 clients
// post to it, against the built server on a fresh SQLite file, on 127.0.0.1 only. Afterwards every
// comment that got a 201 must be in the thread exactly once, no request may have had a 5xx, and the
// server's memory should come back near where it started.
//
//   node build/build.mjs --quiet && node bench/load-mixed.mjs [--seconds 20] [--readers 100] [--writers 10] [--rounds 2] [--json]
//
// The bench table imports runMixedLoad() and prints its figures. Not part of CI: it takes the
// whole duration and measures the machine as much as the code.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/server/cli.js');
const MAX_SECONDS = 60;
const THREAD = '/bench/mixed';

/**
 * Run the mixed load and return its figures.
 * `seconds` is the whole load (at most 60), split into `rounds` (default 2) on one server process,
 * so memory growth from round to round (a leak) can be told from V8 keeping its high-water mark.
 * @param {{ seconds?: number, readers?: number, writers?: number, rounds?: number, log?: (line: string) => void }} [options]
 * @returns {Promise<{ seconds: number, readers: number, writers: number, reads: number, readsPerSecond: number,
 *   readLatencyP99Ms: number, posts: number, held: number, postsPerSecond: number, retries: number, errors5xx: number, otherErrors: number,
 *   lost: number, duplicated: number, rssBeforeMb: number, rssPeakMb: number, rssAfterMb: number, rssAfterRoundsMb: number[], memoryBack: boolean }>}
 */
export async function runMixedLoad(options = {}) {
  const seconds = Math.min(MAX_SECONDS, Math.max(1, Math.round(options.seconds ?? 20)));
  const readers = options.readers ?? 100;
  const writers = options.writers ?? 10;
  const rounds = Math.max(1, Math.min(seconds, Math.round(options.rounds ?? 2)));
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-load-'));
  const server = await start(path.join(dir, 'load.db'));
  let keep = false;
  try {
    const base = server.url;
    // Warm up: a few posts and reads so the "before" figure is a running server, not a cold one.
    for (let i = 0; i < 5; i++) await post(base, draft(`warm-${i}`));
    for (let i = 0; i < 20; i++) await get(base, `/api/v1/comments?thread=${encodeURIComponent(THREAD)}`);
    await sleep(500);
    const rssBefore = rss(server.pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss(server.pid))), 250);
    log(`load: ${readers} readers and ${writers} writers for ${seconds} s in ${rounds} round(s) against ${base}`);

    const written = [];
    const lastId = new Map(); // writer → its last published comment
    let errors5xx = 0;
    let otherErrors = 0;
    let retries = 0;
    let reads = 0;
    let readLatencyP99Ms = 0;
    const rssAfterRound = [];
    for (let round = 0; round < rounds; round++) {
      const roundSeconds = Math.max(1, Math.round(seconds / rounds));
      const deadline = Date.now() + roundSeconds * 1000;
      const writing = Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let n = 0; Date.now() < deadline; n++) {
            const body = draft(`r${round}-w${w}-n${n}`);
            // Every fifth post is a reply to the last one this writer had published.
            if (n % 5 === 4 && lastId.has(w)) body.parent = lastId.get(w);
            const entry = { key: body.idempotencyKey, id: undefined };
            written.push(entry);
            try {
              const res = await post(base, body);
              if (res.status >= 500) errors5xx++;
              else if (res.status === 201) {
                entry.id = res.body.comment.id;
                entry.held = res.body.status !== 'published';
                if (!entry.held) lastId.set(w, entry.id);
              }
              else {
                otherErrors++;
                if (otherErrors <= 5) log(`post ${body.idempotencyKey}: ${res.status} ${JSON.stringify(res.body)}`);
              }
              // Every tenth is sent again with the same key, as a widget retrying would: same comment, 200.
              if (res.status === 201 && n % 10 === 9) {
                retries++;
                const again = await post(base, body);
                if (again.status >= 500) errors5xx++;
                else if (again.status !== 200 || again.body.comment.id !== entry.id) otherErrors++;
              }
            } catch (error) {
              otherErrors++;
              if (otherErrors <= 5) log(`post ${body.idempotencyKey} failed: ${error instanceof Error ? error.message : error}`);
            }
          }
        }),
      );
      const reading = autocannon({
        url: `${base}/api/v1/comments?thread=${encodeURIComponent(THREAD)}`,
        connections: readers,
        duration: roundSeconds,
      });
      const [readResult] = await Promise.all([reading, writing]);
      errors5xx += readResult['5xx'] ?? 0;
      otherErrors += (readResult.non2xx ?? 0) - (readResult['5xx'] ?? 0) + (readResult.errors ?? 0) + (readResult.timeouts ?? 0);
      reads += readResult.requests.total;
      readLatencyP99Ms = Math.max(readLatencyP99Ms, readResult.latency.p99);
      // Memory once the load is gone: give the collector a few seconds.
      await sleep(3000);
      rssAfterRound.push(rss(server.pid));
      log(`round ${round + 1}: ${readResult.requests.total} reads, RSS ${Math.round(rssAfterRound.at(-1) / 1024)} MB`);
    }
    clearInterval(sampler);

    // Every 201 in the thread exactly once: read the whole thread back through the API.
    const acknowledged = written.filter((x) => x.id);
    // Held comments (a rule thought them spam) are acknowledged but not public: counted apart.
    const held = acknowledged.filter((x) => x.held).length;
    const listed = await allComments(base);
    const byId = new Map();
    const byText = new Map();
    for (const c of listed) {
      byId.set(c.id, (byId.get(c.id) ?? 0) + 1);
      byText.set(c.text, (byText.get(c.text) ?? 0) + 1);
    }
    const missing = acknowledged.filter((x) => !x.held && !byId.has(x.id));
    const lost = missing.length;
    if (lost) {
      keep = true;
      log(`lost: ${missing.slice(0, 10).map((x) => `${x.key} → ${x.id}`).join(', ')}; database kept at ${dir}`);
    }
    // A comment listed twice, or one post stored twice (every draft's text is unique).
    const duplicated = [...byId.values()].filter((n) => n > 1).length + [...byText.values()].filter((n) => n > 1).length;
    const rssAfter = rssAfterRound.at(-1);
    const mb = (kb) => Math.round((kb / 1024) * 10) / 10;
    return {
      seconds,
      readers,
      writers,
      reads,
      readsPerSecond: Math.round(reads / seconds),
      readLatencyP99Ms,
      posts: acknowledged.length,
      held,
      postsPerSecond: Math.round((acknowledged.length / seconds) * 10) / 10,
      retries,
      errors5xx,
      otherErrors,
      lost,
      duplicated,
      rssBeforeMb: mb(rssBefore),
      rssPeakMb: mb(rssPeak),
      rssAfterMb: mb(rssAfter),
      rssAfterRoundsMb: rssAfterRound.map(mb),
      // V8 keeps the heap it grew into, so RSS after the first round is the high-water mark; a
      // leak shows as growth between rounds. "Back near its start": no more than 10% + 16 MB above
      // the first round, and within twice the idle figure.
      memoryBack: rssAfter <= rssAfterRound[0] * 1.1 + 16 * 1024 && rssAfter <= rssBefore * 2,
    };
  } finally {
    await server.stop();
    // A failed run keeps its database, to see whether the rows are missing or only not listed.
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

// Texts unlike each other, so the echo rule (which marks comments repeating the thread as spam)
// has nothing to hold: templated texts like "Load note 84" get caught as the bot talk they are.
const WORDS = 'amber basalt cedar delta ember fjord garnet harbor iris juniper kelp lagoon meadow nectar onyx prairie quartz reef saffron tundra umber valley willow xenon yarrow zephyr'.split(' ');
const words = (k) => Array.from({ length: k }, () => WORDS[Math.floor(Math.random() * WORDS.length)]).join(' ');

let drafted = 0;
function draft(tag) {
  const n = ++drafted;
  return {
    thread: THREAD,
    text: `${words(3)} ${n.toString(36)}${Math.random().toString(36).slice(2, 6)} ${words(2)}?`,
    name: `Loader ${n % 97}`,
    email: `loader${n}@example.com`,
    idempotencyKey: `load-${process.pid}-${tag}-${n}`,
  };
}

/** Start the built server on 127.0.0.1 with the rules for scripted posts off. */
function start(db) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PARLEY_') && k !== 'DATABASE_URL'));
  const flags = ['serve', '--port', '0', '--host', '127.0.0.1', '--db', db, '--posts-per-minute', '0', '--min-submit-seconds', '0', '--flood-seconds', '0', '--max-links', '1000'];
  const child = spawn(process.execPath, [CLI, ...flags], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (output += d));
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`parley serve printed no URL within 15 s:\n${output}`));
    }, 15_000);
    child.stdout.on('data', () => {
      const match = /Parley listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], pid: child.pid, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`parley serve exited with ${code} before listening (is dist/ built? node build/build.mjs --quiet):\n${output}`));
    });
  });
}

/** Resident set size of a process in KB (Linux /proc; ps elsewhere). */
function rss(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // not Linux
  }
  return 0;
}

const agent = undefined; // a fresh connection per write, as separate readers' browsers would
function call(base, method, pathname, body) {
  const url = new URL(pathname, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, agent, timeout: 15_000, headers: payload ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d) => (text += d));
        res.on('end', () => {
          let parsed = null;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${pathname} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}
const post = (base, body) => call(base, 'POST', '/api/v1/comments', body);
const get = (base, pathname) => call(base, 'GET', pathname);

async function allComments(base) {
  const ids = [];
  let cursor = '';
  for (let page = 0; page < 10_000; page++) {
    const q = new URLSearchParams({ thread: THREAD, limit: '200', ...(cursor ? { cursor } : {}) });
    const res = await get(base, `/api/v1/comments?${q}`);
    if (res.status !== 200) throw new Error(`reading the thread back failed: ${res.status}`);
    ids.push(...res.body.comments);
    // Replies beyond a page's budget come through the root's own cursor.
    for (const [root, more] of Object.entries(res.body.more ?? {})) {
      let c = more;
      while (c) {
        const r = await get(base, `/api/v1/comments?${new URLSearchParams({ thread: THREAD, parent: root, cursor: c })}`);
        ids.push(...r.body.comments);
        c = r.body.nextCursor;
      }
    }
    if (!res.body.nextCursor) break;
    cursor = res.body.nextCursor;
  }
  return ids;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The figures as a small Markdown table. */
export function formatTable(r) {
  const rows = [
    ['duration', `${r.seconds} s (${r.readers} readers, ${r.writers} writers, 127.0.0.1)`],
    ['reads/s', String(r.readsPerSecond)],
    ['read p99', `${r.readLatencyP99Ms} ms`],
    ['posts/s', `${r.postsPerSecond} (${r.posts} acknowledged, ${r.held} of them held, ${r.retries} retried)`],
    ['5xx', String(r.errors5xx)],
    ['other errors', String(r.otherErrors)],
    ['lost', String(r.lost)],
    ['duplicated', String(r.duplicated)],
    ['RSS idle / peak / after each round', `${r.rssBeforeMb} / ${r.rssPeakMb} / ${r.rssAfterRoundsMb.join(', ')} MB${r.memoryBack ? '' : ' (grew between rounds)'}`],
  ];
  return ['| figure | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const value = Number(args[i + 1]);
    if (!Number.isFinite(value) || value <= 0) {
      console.error(`--${name} needs a positive number`);
      process.exit(2);
    }
    return value;
  };
  const seconds = flag('seconds', 20);
  if (seconds > MAX_SECONDS) console.error(`--seconds is capped at ${MAX_SECONDS}.`);
  const result = await runMixedLoad({ seconds, readers: flag('readers', 100), writers: flag('writers', 10), rounds: flag('rounds', 2), log: (l) => console.error(l) });
  console.log(args.includes('--json') ? JSON.stringify(result, null, 2) : formatTable(result));
  const failed = result.errors5xx > 0 || result.lost > 0 || result.duplicated > 0 || !result.memoryBack;
  process.exitCode = failed ? 1 : 0;
}
