// Shared pieces of `npm run bench`: importing our TypeScript from plain Node 20, and starting and
// stopping the servers under test as child processes on 127.0.0.1.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const root = fileURLToPath(new URL('..', import.meta.url));
const cache = join(root, 'node_modules/.cache/parley-bench');

/**
 * Import a TypeScript module of ours: esbuild bundles it (npm packages left to node_modules) into
 * node_modules/.cache, where bare imports such as 'playwright-core' still resolve.
 */
export async function importTs(path) {
  mkdirSync(cache, { recursive: true });
  const out = join(cache, `${basename(path).replace(/\.tsx?$/, '')}-${process.pid}.mjs`);
  await build({ entryPoints: [join(root, path)], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: out, logLevel: 'silent' });
  return import(pathToFileURL(out).href);
}

const children = new Set();

/** Spawn a Node script and wait for the line `pattern` matches on its stdout; resolves with the match. */
export function spawnNode(args, pattern, { timeoutMs = 20_000 } = {}) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start within ${timeoutMs} ms:\n${out}${err}`)), timeoutMs);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, pid: child.pid });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${out}${err}`));
    });
  });
}

/** Start `parley serve` from dist/ on a free port. */
export async function startParley(db, flags = []) {
  const { child, match, pid } = await spawnNode(
    [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), 'dist/server/cli.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--db', db, ...flags],
    /Parley listening on (http:\/\/\S+)/,
  );
  return { url: match[1], pid, stop: () => stop(child) };
}

/** SIGTERM, then SIGKILL if it is still there a few seconds later. */
export function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Every child this process started, for the end of the run and for a crash. */
export async function stopAll() {
  await Promise.all([...children].map(stop));
}

/** Resident memory of a process from /proc, in bytes: now and at its peak. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

export function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    os: `${process.platform} ${release()}`,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    load: loadavg()[0].toFixed(1),
  };
}
