// Live updates' fan-out (issue 16 item 6): 1,000 idle streams on one instance, the memory they
// hold, and the time from a POST until every stream has the new comment. Its own server on a fresh
// SQLite file; the streams are plain node:http requests from this process, all on 127.0.0.1.
//   node bench/run.mjs --only stream
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryOf, startParley } from './lib.mjs';

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One SSE stream: resolves once its `ready` event came; `seen(id)` resolves when a comment with that id arrives. */
function openStream(url) {
  return new Promise((resolve, reject) => {
    const waiting = new Map();
    const arrived = new Map();
    let buffer = '';
    const req = request(url, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`stream answered ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buffer += chunk;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (block.startsWith('event: ready')) resolve(handle);
          else if (block.startsWith('event: comment')) {
            const id = JSON.parse(block.slice(block.indexOf('data: ') + 6)).id;
            const at = performance.now();
            arrived.set(id, at);
            waiting.get(id)?.(at);
          }
        }
      });
    });
    req.on('error', reject);
    req.end();
    const handle = {
      // A comment may come before the POST's answer: then it is already here.
      seen: (id) => (arrived.has(id) ? Promise.resolve(arrived.get(id)) : new Promise((done) => waiting.set(id, done))),
      close: () => req.destroy(),
    };
  });
}

export async function streamBench({ streams = 1000, rounds = 3, log = () => {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-stream-'));
  const parley = await startParley(join(dir, 'stream.db'), ['--posts-per-minute', '0', '--min-submit-seconds', '0', '--flood-seconds', '0', '--max-streams', String(streams + 10)]);
  const open = [];
  try {
    let key = 0;
    const post = async () => {
      const started = performance.now();
      const res = await fetch(`${parley.url}/api/v1/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ thread: '/bench/live', text: `A comment for ${streams} readers, number ${++key}.`, name: 'Bench', email: 'bench@example.com', idempotencyKey: `stream-bench-${key}` }),
      });
      if (res.status !== 201) throw new Error(`POST answered ${res.status}`);
      return { id: (await res.json()).comment.id, started };
    };
    await post(); // the thread exists, the server warm
    await sleep(500);
    const before = memoryOf(parley.pid).rss;
    log(`  stream: opening ${streams} streams …`);
    for (let i = 0; i < streams; i += 100) open.push(...(await Promise.all(Array.from({ length: Math.min(100, streams - i) }, () => openStream(`${parley.url}/api/v1/stream?thread=%2Fbench%2Flive`)))));
    await sleep(1_000);
    const after = memoryOf(parley.pid).rss;
    const deliveries = [];
    for (let r = 0; r < rounds; r++) {
      const { id, started } = await post();
      const times = await Promise.all(open.map((s) => s.seen(id)));
      deliveries.push(Math.max(...times) - started);
      await sleep(300);
    }
    const per = (after - before) / streams;
    return {
      streams,
      before,
      after,
      per,
      deliveries,
      rows: [
        { figure: `Live updates: ${streams.toLocaleString('en')} idle streams on one instance (SQLite)`, value: `${mib(after - before)} more resident memory (${(per / 1024).toFixed(1)} KiB a stream)`, plain: `server RSS ${mib(before)} → ${mib(after)}` },
        {
          figure: `Live updates: a new comment delivered to all ${streams.toLocaleString('en')} streams`,
          value: `${Math.round([...deliveries].sort((a, b) => a - b)[Math.floor(deliveries.length / 2)])} ms median from the POST to the last stream (rounds ${deliveries.map((d) => Math.round(d)).join(', ')} ms)`,
          plain: 'POST, store, announce, read once, write to every stream; the clients on the same 2 cores',
        },
      ],
    };
  } finally {
    for (const s of open) s.close();
    await parley.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
