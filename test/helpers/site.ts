// The site a browser suite opens (Parley issue 4): the real reference server in process on a
// temporary SQLite file, serving HTML pages and the built dist/ on 127.0.0.1, comments seeded
// through the HTTP API, and a "host site" server for pages on another origin. The browser and
// what the suites probe in a page: helpers/browser.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type ServerOptions } from '../../src/server/main.ts';

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
export const DEMO_PAGE = fileURLToPath(new URL('../../demo/index.html', import.meta.url));
export const DEMO_THREAD = '/world/putin-to-visit-china';
export const DEMO_TITLE = 'Putin to visit China – Kremlin';

export interface Seed {
  key: string;
  parent?: string;
  minutesAgo?: number;
  name: string;
  email: string;
  website?: string;
  text: string;
}

/** demo/seed-comments.json: six comments, two with nested replies (three levels deep). */
export const demoSeeds = (): Seed[] => JSON.parse(readFileSync(fileURLToPath(new URL('../../demo/seed-comments.json', import.meta.url)), 'utf8'));

export interface Parley {
  url: string;
  port: number;
  /** The SQLite file, kept across restart(). */
  db: string;
  dir: string;
  close(): Promise<void>;
  /** Start again on the same port and database (after close(): "the server returns"). */
  restart(): Promise<void>;
}

/**
 * The reference server on 127.0.0.1, a fresh SQLite file in a temp dir, serving dist/ and `pages`
 * (URL path → HTML text). The spam rules that would get in the way of scripted posts are off
 * (rate limit, link count); moderation publishes.
 */
export async function startParley(pages: Record<string, string> = {}, over: Partial<ServerOptions> = {}): Promise<Parley> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-browser-'));
  const db = join(dir, 'parley.db');
  const files: Record<string, string> = {};
  for (const [path, html] of Object.entries(pages)) {
    const file = join(dir, `page-${Object.keys(files).length}.html`);
    writeFileSync(file, html);
    files[path] = file;
  }
  const options = (port: number): ServerOptions => ({
    port,
    host: '127.0.0.1',
    db,
    origins: [],
    moderation: 'publish',
    editWindowSeconds: 900,
    postsPerMinute: 0,
    // Scripted readers post at once and again: no form-token time, no flood gap.
    minSubmitSeconds: 0,
    floodSeconds: 0,
    maxLinks: 1_000_000,
    assetsDir: DIST,
    pages: files,
    logger: { info: () => {}, error: () => {} },
    ...over,
  });
  let server = await startServer(options(0));
  const port = Number(new URL(server.url).port);
  let closed = false;
  return {
    url: server.url,
    port,
    db,
    dir,
    async close() {
      if (!closed) await server.close();
      closed = true;
    },
    async restart() {
      server = await startServer(options(port));
      closed = false;
    },
  };
}

/** Remove a startParley() temp dir (after close()). */
export const removeDir = (p: Parley | undefined) => p && rmSync(p.dir, { recursive: true, force: true });

/** Post comments through the public API, in order; `parent` names an earlier seed's key. Returns key → id. */
export async function seed(url: string, thread: string, seeds: Seed[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const s of seeds) {
    const res = await fetch(`${url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        thread,
        parent: s.parent ? ids.get(s.parent) : undefined,
        text: s.text,
        name: s.name,
        email: s.email,
        website: s.website,
        idempotencyKey: `browser-seed:${thread}:${s.key}`,
      }),
    });
    const json = (await res.json()) as { comment: { id: string }; status: string };
    if (!res.ok || json.status !== 'published') throw new Error(`seeding ${s.key}: ${res.status} ${JSON.stringify(json)}`);
    ids.set(s.key, json.comment.id);
  }
  return ids;
}

/** Every comment of a thread as the public API lists it (all pages). */
export async function listAll(url: string, thread: string): Promise<{ count: number; comments: { id: string; text: string; parent: string | null; author: { name: string; website: string | null } }[] }> {
  const comments = [];
  let cursor: string | null = null;
  let count = 0;
  do {
    const q = new URLSearchParams({ thread, limit: '200', ...(cursor ? { cursor } : {}) });
    const json = (await (await fetch(`${url}/api/v1/comments?${q}`)).json()) as any;
    count = json.thread.count;
    comments.push(...json.comments);
    cursor = json.nextCursor;
  } while (cursor);
  return { count, comments };
}

/**
 * A "host site" on its own origin: serves the given pages, dist/parley.js with its code chunks
 * beside it (dist/chunks/, as the README asks of a site that copies parley.js), and
 * dist/parley.esm.js (a site that bundles Parley itself, as a single-page app would), nothing else.
 */
export async function startHostSite(pages: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/parley.js' || path === '/parley.esm.js' || /^\/chunks\/[a-z-]+-[A-Z0-9]{8}\.js$/.test(path)) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
      return res.end(readFileSync(join(DIST, path.slice(1))));
    }
    const html = pages[path];
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An article page that loads Parley with the given script-tag attributes. */
export function articlePage({ title = 'Ferry news', head = '', body = '', scripts = [`<script src="/parley.js" data-target="#comments" data-thread="/ferry" async></script>`] } = {}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>${head}</head>
<body><main><article><h1>${title}</h1><p>The ferry runs again from Monday, twice a day.</p></article>${body}
<section id="comments" aria-label="Comments">${scripts.join('\n')}</section></main></body></html>`;
}
