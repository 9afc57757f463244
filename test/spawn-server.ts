// Starting the built `parley serve` as a child process, and talking to it over real HTTP, for the suites that need a real process
// (SIGKILL durability, two instances on one database, outages). One place for the spawn, the
// clean environment and the wait for "Parley listening on …".
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A path from the file's own path, not `new URL('..', import.meta.url)`: under happy-dom the global
// URL is the DOM's, which node:url's fileURLToPath refuses.
export const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist/server/cli.js');

/** Only what the flags say: no PARLEY_* or DATABASE_URL from the developer's shell. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PARLEY_') && k !== 'DATABASE_URL'));

/** `node dist/server/cli.js …args` (import, export, alias) to its end, as an owner runs it. */
export function runCli(args: string[], timeoutMs = 60_000): Promise<{ status: number | null; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "node build/build.mjs --quiet" first (npm test does).`);
  const child = spawn(process.execPath, [CLI, ...args], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
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
export async function spawnParley(args: string[], timeoutMs = 15_000): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "node build/build.mjs --quiet" first (npm test does).`);
  const env = cleanEnv();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
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
    return { url, child, output: () => output };
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    throw error;
  }
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The JSON the server sent (any: the suites read what they check). */
  body: any;
  ms: number;
}

/**
 * One HTTP request from a chosen loopback address: the server sees `from` as the client, so a
 * suite can be "one client" across instances, or many clients, without trusting any header.
 */
export function call(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; from?: string; timeoutMs?: number } = {},
): Promise<Reply> {
  const started = performance.now();
  const url = new URL(path, base);
  // A string body is sent as it is (malformed-JSON tests); anything else as JSON.
  const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        agent: false,
        localAddress: options.from ?? '127.0.0.1',
        timeout: options.timeoutMs ?? 20_000,
        headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('error', reject);
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode!, headers: res.headers, body, ms: performance.now() - started });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} took longer than ${options.timeoutMs ?? 20_000} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
