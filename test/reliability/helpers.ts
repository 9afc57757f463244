// Shared set-up for the reliability suites (Parley issue 7): the hostile fixtures, an in-process
// app whose rules let scripted posts through (so what is tested is validation and rendering, not
// the flood and link limits), a store-wide row count, and real server processes on 127.0.0.1.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { createApp, type AppOptions } from '../../src/server/app.ts';
import { createMemoryStore } from '../../src/server/store/memory.ts';
import type { Store, StoredComment } from '../../src/server/store/store.ts';
import { call, spawnParley } from '../spawn-server.ts';
import type { Status } from '../../src/core/types.ts';

// A string, not new URL(): happy-dom replaces the global URL in the widget suites.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixture = (name: string) => path.resolve(repoRoot, '../shared/fixtures', name);

/** xss/payloads.txt, one payload a line, verbatim (leading and trailing whitespace kept). */
export function xssPayloads(): string[] {
  const text = readFileSync(fixture('xss/payloads.txt'), 'utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** naughty/blns.json: 515 strings. */
export function naughtyStrings(): string[] {
  return JSON.parse(readFileSync(fixture('naughty/blns.json'), 'utf8')) as string[];
}

export const ADMIN_TOKEN = 'admin-token-for-reliability-tests';

/** An app over a memory store with the rules for scripted posts relaxed (the CLI flags of the brief). */
export function relaxedApp(over: Partial<AppOptions> = {}): { app: Hono; store: Store } {
  const store = over.store ?? createMemoryStore();
  const app = createApp({
    store,
    origins: ['https://blog.example'],
    moderation: 'publish',
    editWindowSeconds: 900,
    postsPerMinute: 0,
    minSubmitSeconds: 0,
    floodSeconds: 0,
    maxLinks: 1_000_000,
    secret: 'reliability-secret',
    adminToken: ADMIN_TOKEN,
    logger: { info: () => {}, error: () => {} },
    ...over,
  });
  return { app, store };
}

export async function postJson(app: Hono, data: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return app.request('/api/v1/comments', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof data === 'string' ? data : JSON.stringify(data),
  });
}

const STATUSES: Status[] = ['published', 'pending', 'spam', 'deleted'];

/** Every row of the store, by status, through the Store interface (works for every store). */
export async function allRows(store: Store): Promise<StoredComment[]> {
  const rows: StoredComment[] = [];
  for (const status of STATUSES) rows.push(...(await store.comments.listByStatus({ status, limit: 1_000_000 })));
  return rows.sort((a, b) => a.seq - b.seq);
}

/** A snapshot that changes when any row changes: ids, statuses, texts and edit times. */
export async function snapshot(store: Store): Promise<string> {
  return JSON.stringify((await allRows(store)).map((r) => [r.id, r.status, r.text, r.editedAt, r.name, r.website]));
}

/** Run `work` over `items` with at most `n` at a time, keeping the order of results. */
export async function pool<T, R>(items: readonly T[], n: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    }),
  );
  return out;
}

// ---- Real server processes ----

export interface Server {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), SIGKILL after 5 s. */
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();

/** Kill every server this file started that is still running; for afterAll. */
export async function killAll(): Promise<void> {
  await Promise.all([...children].map((child) => killChild(child, 'SIGKILL')));
}

function killChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      children.delete(child);
      resolve();
    });
    child.kill(signal);
  });
}

/** The flags of the brief: no rate limit, form-token time or flood gap, so scripted posts are published. */
export const SCRIPTED = ['--posts-per-minute', '0', '--min-submit-seconds', '0', '--flood-seconds', '0', '--max-links', '1000'];

/** Start the built `parley serve --port 0 --host 127.0.0.1 --db <db>`; resolves once it prints its URL. */
export async function startServer(db: string, flags: string[] = [], timeoutMs = 15_000): Promise<Server> {
  const { url, child, output } = await spawnParley(['--db', db, ...SCRIPTED, ...flags], timeoutMs);
  children.add(child);
  return {
    url,
    port: Number(new URL(url).port),
    child,
    output,
    kill: () => killChild(child, 'SIGKILL'),
    stop: () => killChild(child, 'SIGTERM'),
  };
}

export type { Reply } from '../spawn-server.ts';

/** One plain HTTP request (no keep-alive), bounded by a timeout; rejects on a network error. */
export const http = (base: string, method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 10_000) =>
  call(base, method, pathname, { body, headers, timeoutMs });
