// Graceful shutdown (issue 19, item 2), with a real process: SIGTERM while a post is in flight (its
// article fetch held open by the test's site) stops new connections at once, answers the post,
// stops the outbox worker, closes the database (its WAL checkpointed away) and exits 0.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { killAll, SCRIPTED, startInstance } from '../helpers/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-shutdown-'));
afterAll(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

const ARTICLE = `<!doctype html><html><body><article><p>${'A long and quiet article about harbours and their walls. '.repeat(20)}</p></article></body></html>`;

describe('SIGTERM', () => {
  it('finishes the request in flight, refuses new ones, closes the database and exits 0', async () => {
    // The site whose article the echo rule fetches: it holds the answer until the test lets go.
    let arrived!: () => void;
    const fetched = new Promise<void>((resolve) => (arrived = resolve));
    let held: ServerResponse | undefined;
    const site = createServer((_req, res) => {
      held = res;
      arrived();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const db = join(dir, 'parley.db');
    // article-timeout 60 s (config file only): the post waits for the site, not for a timer.
    const config = join(dir, 'parley.toml');
    (await import('node:fs')).writeFileSync(config, 'article-timeout = 60000\n');
    const server = await startInstance(['--db', db, '--origin', origin, '--config', config, ...SCRIPTED]);
    try {
      const post = fetch(`${server.url}/api/v1/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ thread: '/harbour', url: `${origin}/harbour`, text: 'Posted just before the server was told to stop.', name: 'Ann', email: 'ann@example.com', idempotencyKey: 'shutdown-1' }),
      });
      await fetched;
      const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
      server.child.kill('SIGTERM');
      // Told to stop, it says so and what it waits for; a new connection is refused from then on.
      await new Promise<void>((resolve) => {
        const check = () => /Shutting down: finishing 1 request in flight/.test(server.output()) && resolve();
        server.child.stdout!.on('data', check);
        check();
      });
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      expect(existsSync(`${db}-wal`)).toBe(true);

      held!.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE);
      const answer = await post;
      expect(answer.status).toBe(201);
      const { comment } = await answer.json();
      expect(await exited).toBe(0);
      expect(server.output()).toContain('Stopped.');
      // Closed cleanly: the last connection's close checkpointed the WAL into parley.db and removed it.
      expect(existsSync(`${db}-wal`)).toBe(false);
      const stored = new Database(db, { readonly: true });
      expect(stored.prepare('SELECT text FROM comments WHERE id = ?').get(comment.id)).toEqual({ text: 'Posted just before the server was told to stop.' });
      stored.close();
    } finally {
      site.close();
      site.closeAllConnections();
    }
  });

  it('cuts a request that outlasts --shutdown-timeout, and still closes the database', async () => {
    let arrived!: () => void;
    const fetched = new Promise<void>((resolve) => (arrived = resolve));
    const site = createServer(() => arrived());
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const db = join(dir, 'cut.db');
    const config = join(dir, 'cut.toml');
    (await import('node:fs')).writeFileSync(config, 'article-timeout = 60000\n');
    const server = await startInstance(['--db', db, '--origin', origin, '--config', config, '--shutdown-timeout', '0', ...SCRIPTED]);
    try {
      const post = fetch(`${server.url}/api/v1/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ thread: '/slow', url: `${origin}/slow`, text: 'The site never answers this one.', name: 'Ann', email: 'ann@example.com', idempotencyKey: 'shutdown-2' }),
      }).then(
        (res) => res.status,
        () => 'cut',
      );
      await fetched;
      const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
      server.child.kill('SIGTERM');
      expect(await post).toBe('cut');
      expect(await exited).toBe(0);
      expect(existsSync(`${db}-wal`)).toBe(false);
    } finally {
      site.closeAllConnections();
      site.close();
    }
  });
});
