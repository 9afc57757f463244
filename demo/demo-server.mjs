// The demo article with Parley under it, on the reference server and a SQLite file: what `npm start`
// runs (demo/start.mjs) and what `npm run screenshots` photographs (scripts/screenshots.mjs).
// Uses only the built dist/ (run after `node build/build.mjs`).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createApp, createSqliteStore, startServer } from '../dist/server/index.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** The demo article's thread id (its canonical URL's path). */
export const DEMO_THREAD = '/world/putin-to-visit-china';

/**
 * Seed the demo thread and serve the demo article at /, /world/putin-to-visit-china(/), and an
 * index page with comment counts and feeds at /world.
 *
 * @example
 * const demo = await startDemo({ port: 0, db: '/tmp/parley-demo.db' });
 * console.log(demo.url); await demo.close();
 * @param {{ port: number, db: string, host?: string, adminToken?: string, moderation?: 'publish' | 'first-time' | 'all', postsPerMinute?: number }} options
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startDemo({ port, db, host = '127.0.0.1', adminToken, moderation = 'publish', postsPerMinute = 5 }) {
  const store = createSqliteStore({ file: db });

  // Seed a few genuine-looking comments through the real API (in process, no network). Each has a
  // fixed idempotency key, so a restart replays them (200, same comment) instead of adding copies.
  const seeds = JSON.parse(await readFile(here('./seed-comments.json'), 'utf8'));
  const ids = new Map();
  let at = Date.now();
  // The seeds come from this script, not the widget's form: no form token and no flood gap for them.
  const seeder = createApp({ store, origins: [], moderation: 'publish', editWindowSeconds: 900, postsPerMinute: 0, minSubmitSeconds: 0, floodSeconds: 0, now: () => at });
  for (const seed of seeds) {
    at = Date.now() - seed.minutesAgo * 60_000;
    const body = {
      thread: DEMO_THREAD,
      parent: seed.parent ? ids.get(seed.parent) : undefined,
      text: seed.text,
      name: seed.name,
      email: seed.email,
      website: seed.website,
      idempotencyKey: `parley-demo:${seed.key}`,
    };
    const res = await seeder.request('/api/v1/comments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok) {
      await store.close();
      throw new Error(`Seeding ${seed.key} failed: ${res.status} ${JSON.stringify(json)}`);
    }
    ids.set(seed.key, json.comment.id);
  }

  const page = here('./index.html');
  // An index page of the demo site: comment counts from count.js, links to the Atom feeds.
  const blog = here('./blog.html');
  return startServer({
    port,
    host,
    db,
    store,
    // The article's own origin, so the echo rule may fetch it (the page's canonical URL names
    // localhost:8080). Without an --origin the server fetches no article (see README, Moderation).
    origins: port ? [`http://localhost:${port}`, `http://127.0.0.1:${port}`] : [],
    adminToken,
    moderation,
    editWindowSeconds: 900,
    postsPerMinute,
    // The demo takes quick and repeated posts (its screenshots script posts through the form at
    // once): the form-token time and the flood gap stay off here, as before the options table.
    minSubmitSeconds: 0,
    floodSeconds: 0,
    assetsDir: here('../dist'),
    pages: { '/': page, [DEMO_THREAD]: page, [`${DEMO_THREAD}/`]: page, '/world': blog },
  });
}
