// PostgreSQL for the tests: each suite makes its own database and drops it afterwards, on the
// server named by PARLEY_TEST_PG (default: the local one, trust auth). Under CI=true an unreachable
// server fails the suite; elsewhere the suite is skipped with a message saying why and how to run it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
