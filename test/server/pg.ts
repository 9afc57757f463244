// PostgreSQL for the tests: each suite makes its own database and drops it afterwards, on the
// server named by PARLEY_TEST_PG (default: the local one, trust auth). Under CI=true an unreachable
// server fails the suite; elsewhere the suite is skipped with a message saying why and how to run it.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CLI, spawnParley } from '../spawn-server.ts';

export { CLI };

export const PG_ADMIN_URL = process.env.PARLEY_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';

/** The same server, another database. */
export function databaseUrl(name: string, base = PG_ADMIN_URL): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  // A refused or dropped connection also emits 'error'; the awaited call reports it.
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Why PostgreSQL cannot be used, or null when it can. */
async function unreachable(): Promise<string | null> {
  try {
    await admin((client) => client.query('SELECT 1'));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * True when the PostgreSQL suites should run. Call at the top level of a test file (top-level
 * await) and pass the result to describe.skipIf(!…).
 */
export async function pgAvailable(suite: string): Promise<boolean> {
  const problem = await unreachable();
  if (!problem) return true;
  const where = PG_ADMIN_URL.replace(/\/\/[^@/]*@/, '//…@');
  if (process.env.CI === 'true') {
    throw new Error(`${suite}: PostgreSQL at ${where} is unreachable (${problem}); under CI=true the PostgreSQL tests must run.`);
  }
  console.warn(`[skip] ${suite}: PostgreSQL at ${where} is unreachable (${problem}). Start it or set PARLEY_TEST_PG=postgres://… to run these tests.`);
  return false;
}

/** Create a database with a unique name; returns its URL and a function that drops it. */
export async function createTestDatabase(prefix = 'parley_test'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    url: databaseUrl(name),
    name,
    // WITH (FORCE) ends sessions a failed test left open (PostgreSQL 13+).
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

// ---- Real server processes and plain HTTP, for the multi-instance suites ----


export interface Instance {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote, for failure messages and log checks. */
  output(): string;
  stop(): Promise<void>;
}

/** Flags the built CLI knows (other engineers add flags; the suites use one only when present). */
export function cliFlags(): Set<string> {
  const help = spawnSync(process.execPath, [CLI, 'serve', '--help'], { encoding: 'utf8', timeout: 10_000 }).stdout;
  return new Set([...help.matchAll(/--([a-z-]+)/g)].map((m) => m[1]!));
}

/**
 * Flags that stop rules meant for people at a form from holding scripted posts: the form token's
 * minimum fill-in time and the per-client flood gap (the suites test the rate limit instead).
 * Only the flags this build has.
 */
export function scriptedPostFlags(): string[] {
  const known = cliFlags();
  return ['min-submit-seconds', 'flood-seconds'].filter((f) => known.has(f)).flatMap((f) => [`--${f}`, '0']);
}

/** Start `parley serve --port 0` with the given flags; resolves once it prints its URL. */
export async function startInstance(flags: string[], timeoutMs = 15_000): Promise<Instance> {
  const { url, child, output } = await spawnParley(flags, timeoutMs);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return { url, process: child, output, stop };
}

export { call, type Reply } from '../spawn-server.ts';

let drafts = 0;
/** A valid POST body with a fresh idempotency key and text. */
export function postBody(thread: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const n = ++drafts;
  return {
    thread,
    // Short and unlike each other, so no text rule (duplicates, echo of earlier comments) holds it.
    text: `Note ${n}: ${randomBytes(6).toString('hex')}.`,
    name: `Reader ${n}`,
    email: `reader${n}@example.com`,
    idempotencyKey: `key-${process.pid}-${Date.now().toString(36)}-${n}`,
    ...over,
  };
}
