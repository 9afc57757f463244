// Real `parley serve` processes for the suites that need one (SIGKILL durability, two instances on
// one database, outages, the CLI end to end): one place for the spawn, the clean environment, the
// wait for "Parley listening on …", and stopping what a suite started.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A path from the file's own path, not `new URL('..', import.meta.url)`: under happy-dom the global
// URL is the DOM's, which node:url's fileURLToPath refuses.
export const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist/server/cli.js');

/** Only what the flags say: no PARLEY_* or DATABASE_URL from the developer's shell. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PARLEY_') && k !== 'DATABASE_URL'));

/** `node dist/server/cli.js …args` (import, export, alias) to its end, as an owner runs it. */
export function runCli(args: string[], timeoutMs = 60_000, env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "node build/build.mjs --quiet" first (npm test does).`);
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...cleanEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * `node dist/server/cli.js serve --port 0 --host 127.0.0.1 …args`; resolves with its URL once it
 * listens. On failure the child is killed and the error carries everything it printed.
 */
export async function spawnParley(args: string[], timeoutMs = 15_000): Promise<{ url: string; child: ChildProcess; output: () => string; stop: () => Promise<void> }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "node build/build.mjs --quiet" first (npm test does).`);
  const env = cleanEnv();
  // test/reliability/logs.test.ts runs suites with PARLEY_TEST_LOG_DIR set: every server they start
  // logs JSON (a line per request too), and what it wrote is kept there to be scanned.
  const logDir = process.env.PARLEY_TEST_LOG_DIR;
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', ...(logDir ? ['--log-format', 'json'] : []), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
  if (logDir) child.once('close', () => appendFileSync(join(logDir, `parley-${child.pid}.log`), output));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`parley serve printed no URL within ${timeoutMs} ms:\n${output}`)), timeoutMs);
      child.stdout!.on('data', () => {
        const match = /Parley listening on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`parley serve exited (${code ?? signal}) before listening:\n${output}`));
      });
    });
    /** SIGTERM, resolved once the process has exited (at once if it already has). */
    const stop = async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    };
    return { url, child, output: () => output, stop };
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    throw error;
  }
}

export interface Instance {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote, for failure messages and log checks. */
  output(): string;
  /** SIGTERM (graceful), SIGKILL after 5 s; resolves once it exited. */
  stop(): Promise<void>;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
}

/**
 * Flags that stop rules meant for people at a form from holding scripted posts: the rate limit,
 * the form token's minimum fill-in time, the per-client flood gap, the link count.
 */
export const SCRIPTED = ['--posts-per-minute', '0', '--min-submit-seconds', '0', '--flood-seconds', '0', '--max-links', '1000'];

/** Only the form's time rules off (the suites that test the rate limit keep it). */
export const NO_FORM_TIMING = ['--min-submit-seconds', '0', '--flood-seconds', '0'];

const running = new Set<ChildProcess>();

function end(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      running.delete(child);
      resolve();
    });
    child.kill(signal);
  });
}

/** Start `parley serve --port 0 --host 127.0.0.1 …flags`; resolves once it listens. */
export async function startInstance(flags: string[], timeoutMs = 15_000): Promise<Instance> {
  const { url, child, output } = await spawnParley(flags, timeoutMs);
  running.add(child);
  return { url, port: Number(new URL(url).port), child, output, stop: () => end(child, 'SIGTERM'), kill: () => end(child, 'SIGKILL') };
}

/** Kill every server still running that this file's callers started; for afterAll. */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map((child) => end(child, 'SIGKILL')));
}
