// Shared set-up for the reliability suites (Parley issue 7): the hostile fixtures, an in-process
// app whose rules let scripted posts through (so what is tested is validation and rendering, not
// the flood and link limits), a store-wide row count, and real server processes on 127.0.0.1.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppOptions } from '../../src/server/app.ts';
import { setup } from '../helpers/app.ts';
import type { Store, StoredComment } from '../../src/server/store/store.ts';
import { call } from '../helpers/http.ts';
import { SCRIPTED, startInstance } from '../helpers/server.ts';
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

/** An app over a memory store (helpers/app.ts) with the rules for scripted posts relaxed (the CLI flags of the brief), on the real clock. */
export function relaxedApp(over: Partial<AppOptions> = {}): { app: Hono; store: Store } {
  const { app, store } = setup({
    postsPerMinute: 0,
    maxLinks: 1_000_000,
    secret: 'reliability-secret',
    adminToken: ADMIN_TOKEN,
    now: Date.now,
    ...over,
  });
  return { app, store };
}

export { post as postJson } from '../helpers/app.ts';

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

// ---- Real server processes (helpers/server.ts), with the rules for scripted posts relaxed ----

export { killAll, SCRIPTED, type Instance as Server } from '../helpers/server.ts';
export type { Reply } from '../helpers/http.ts';

/** Start the built `parley serve --db <db>` with the scripted-post flags; resolves once it listens. */
export const startServer = (db: string, flags: string[] = [], timeoutMs = 15_000) => startInstance(['--db', db, ...SCRIPTED, ...flags], timeoutMs);

/** One plain HTTP request (no keep-alive), bounded by a timeout; rejects on a network error. */
export const http = (base: string, method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 10_000) =>
  call(base, method, pathname, { body, headers, timeoutMs });
