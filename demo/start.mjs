// `npm start`: the demo article with Parley under it, on the reference server and a SQLite file
// in ./data/. Uses only the built dist/ (run after `node build/build.mjs`).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createApp, createSqliteStore, startServer } from '../dist/server/index.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const port = Number(process.env.PARLEY_PORT ?? 8080);
const db = process.env.PARLEY_DB ?? here('../data/parley.db');
const thread = '/world/putin-to-visit-china';
const adminToken = process.env.PARLEY_ADMIN_TOKEN ?? 'demo-admin-token';

const store = createSqliteStore({ file: db });

// Seed a few genuine-looking comments through the real API (in process, no network). Each has a
// fixed idempotency key, so a restart replays them (200, same comment) instead of adding copies.
const seeds = JSON.parse(await readFile(here('./seed-comments.json'), 'utf8'));
const ids = new Map();
let at = Date.now();
const seeder = createApp({ store, origins: [], moderation: 'publish', editWindowSeconds: 900, postsPerMinute: 0, now: () => at });
for (const seed of seeds) {
  at = Date.now() - seed.minutesAgo * 60_000;
  const body = {
    thread,
    parent: seed.parent ? ids.get(seed.parent) : undefined,
    text: seed.text,
    name: seed.name,
    email: seed.email,
    website: seed.website,
    idempotencyKey: `parley-demo:${seed.key}`,
  };
  const res = await seeder.request('/api/v1/comments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`Seeding ${seed.key} failed: ${res.status} ${JSON.stringify(json)}`);
  ids.set(seed.key, json.comment.id);
}

const page = here('./index.html');
const server = await startServer({
  port,
  host: process.env.PARLEY_HOST ?? '127.0.0.1',
  db,
  store,
  origins: [],
  adminToken,
  moderation: process.env.PARLEY_MODERATION ?? 'publish',
  editWindowSeconds: 900,
  postsPerMinute: 5,
  assetsDir: here('../dist'),
  pages: { '/': page, '/world/putin-to-visit-china': page, '/world/putin-to-visit-china/': page },
});

console.log(`Parley demo: open http://localhost:${port}/ in your browser (comments are kept in ${db}).`);
console.log(`Admin API token for this demo: ${adminToken} (set PARLEY_ADMIN_TOKEN to choose another). Ctrl+C stops.`);
const stop = () => server.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
