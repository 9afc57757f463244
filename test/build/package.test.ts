// The installable package (issue 19, item 1), as a new user meets it: `npm pack`, then in an empty
// folder `npm install ./parley-comments-parley-VERSION.tgz && npx parley serve`, then the embed and
// the API from that server, and the package's exports imported by name.
//
// better-sqlite3 installs a prebuilt binary from GitHub's releases, else compiles itself (minutes).
// GitHub cannot be reached from this machine, so the test serves the binary this checkout already
// has, for exactly its version and Node ABI, on 127.0.0.1 through prebuild-install's documented
// mirror setting (npm_config_better_sqlite3_binary_host); for any other version it answers 404 and
// the install compiles, as it would for a user without network. Everything else comes from the npm
// registry, as for any user.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const sqlitePkg = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8'));

/** The environment of a user's shell: none of the npm_* variables `npm test` sets for its scripts. */
const userEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && !k.startsWith('PARLEY_') && k !== 'DATABASE_URL'));

/** A command to its end, asynchronously: the binary mirror below answers from this process meanwhile. */
const run = (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeout: number) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (status, signal) =>
      status === 0 ? resolve(stdout) : reject(new Error(`${cmd} ${args.join(' ')} failed (${status ?? signal}):\n${stdout}\n${stderr}`)),
    );
  });

let work: string;
let tarball: string;
let packed: { path: string }[];
let mirror: Server;
let mirrorAsked: string[] = [];
let server: ChildProcess | undefined;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'parley-package-'));
  // dist/ is built by `npm test` (and by npm pack's own prepare, skipped here for that reason).
  const [info] = JSON.parse(await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root, userEnv(), 120_000));
  tarball = join(work, info.filename);
  packed = info.files;

  const binary = join(work, 'prebuilt.tar.gz');
  await run('tar', ['czf', binary, '-C', join(root, 'node_modules/better-sqlite3'), 'build/Release/better_sqlite3.node'], root, userEnv(), 60_000);
  const wanted = `/v${sqlitePkg.version}/better-sqlite3-v${sqlitePkg.version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  mirror = createServer((req, res) => {
    mirrorAsked.push(req.url ?? '');
    if (req.url !== wanted) return void res.writeHead(404).end();
    res.end(readFileSync(binary));
  });
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
}, 150_000);

afterAll(async () => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // The group is gone already: the test stopped it.
    }
  }
  await new Promise((resolve) => mirror?.close(resolve));
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('is named in a scope, public, with the parley command, engines and exports', () => {
    expect(pkg.name).toBe('@parley-comments/parley');
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin).toEqual({ parley: 'bin/parley.mjs' });
    expect(pkg.engines.node).toMatch(/^>=\d+/);
    expect(pkg.exports['.']).toBe('./dist/server/index.js');
    expect(pkg.exports['./widget']).toBe('./dist/parley.esm.js');
    expect(pkg.scripts.postinstall).toBeUndefined();
  });

  it('holds the built server, the embed and the CLI, and nothing else', () => {
    const files = packed.map((f) => f.path).sort();
    const allowed = [
      /^package\.json$/,
      /^README\.md$/,
      /^CHANGELOG\.md$/,
      /^LICENSE$/,
      /^bin\/parley\.mjs$/,
      /^dist\/server\/(index|cli|article-worker)\.js$/,
      /^dist\/(parley|count|parley\.esm)\.js$/,
      /^dist\/chunks\/[a-z-]+-[0-9A-Z]{8}\.js$/,
      /^dist\/i18n\/[a-z]{2}\.js$/,
      /^dist\/adapters\/[a-z]+\.js$/,
    ];
    expect(files.filter((f) => !allowed.some((re) => re.test(f)))).toEqual([]);
    for (const needed of ['bin/parley.mjs', 'dist/server/index.js', 'dist/server/cli.js', 'dist/server/article-worker.js', 'dist/parley.js', 'dist/count.js', 'CHANGELOG.md', 'LICENSE']) {
      expect(files).toContain(needed);
    }
    // Every chunk and language file the built embed may ask for is in it.
    for (const dir of ['chunks', 'i18n']) for (const f of readdirSync(join(root, 'dist', dir))) if (f.endsWith('.js')) expect(files).toContain(`dist/${dir}/${f}`);
  });

  it('installs in an empty folder, and `npx parley serve` serves the embed and the API', async () => {
    const app = join(work, 'app');
    mkdirSync(app);
    const env = { ...userEnv(), npm_config_better_sqlite3_binary_host: `http://127.0.0.1:${(mirror.address() as AddressInfo).port}` };
    // Up to 10 minutes: a better-sqlite3 version other than this checkout's is compiled.
    await run('npm', ['install', '--no-audit', '--no-fund', tarball], app, env, 600_000);
    expect(mirrorAsked.length).toBeGreaterThan(0);

    // `--no`: never download a package called parley (an unrelated one) if the bin were missing.
    server = spawn('npx', ['--no', 'parley', 'serve', '--host', '127.0.0.1', '--port', '0', '--min-submit-seconds', '0'], {
      cwd: app,
      env: userEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, as a terminal or a service manager gives it: npx runs parley through
      // `sh -c` and does not pass signals on, so the stop signal goes to the group (as Ctrl-C does).
      detached: true,
    });
    let output = '';
    server.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
    server.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
    const url = await new Promise<string>((resolve, reject) => {
      server!.stdout!.on('data', () => {
        const match = /Parley listening on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      server!.once('exit', (code) => reject(new Error(`npx parley serve exited (${code}):\n${output}`)));
    });

    const embed = await fetch(`${url}/parley.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(embed.status).toBe(200);
    expect(Buffer.from(await embed.arrayBuffer()).equals(readFileSync(join(root, 'dist/parley.js')))).toBe(true);

    const posted = await fetch(`${url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ thread: '/installed', text: 'Installed from the tarball and running.', name: 'Ann', email: 'ann@example.com', idempotencyKey: 'package-test-1' }),
    });
    expect(posted.status).toBe(201);
    expect((await posted.json()).status).toBe('published');
    const listed = await (await fetch(`${url}/api/v1/comments?thread=/installed`)).json();
    expect(listed.thread.count).toBe(1);
    expect(listed.comments.map((c: { text: string }) => c.text)).toEqual(['Installed from the tarball and running.']);
    const replay = await fetch(`${url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ thread: '/installed', text: 'Installed from the tarball and running.', name: 'Ann', email: 'ann@example.com', idempotencyKey: 'package-test-1' }),
    });
    expect(replay.status).toBe(200);
    expect(readdirSync(join(app, 'data'))).toContain('parley.db');

    // SIGTERM to the group; 'close' comes once every process holding its output ended, parley
    // included. It shut down cleanly if the database was closed: closing the last connection
    // checkpoints the WAL into parley.db and removes the -wal file.
    const closed = new Promise((resolve) => server!.once('close', resolve));
    expect(readdirSync(join(app, 'data'))).toContain('parley.db-wal');
    process.kill(-server.pid!, 'SIGTERM');
    await closed;
    expect(output).toContain('Shutting down');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(readdirSync(join(app, 'data'))).not.toContain('parley.db-wal');
  }, 660_000);

  it('exports createApp, the stores and mount by name from the installed copy', async () => {
    const app = join(work, 'app');
    const script = `
      const server = await import('@parley-comments/parley');
      const widget = await import('@parley-comments/parley/widget');
      const names = { server: Object.keys(server), widget: Object.keys(widget) };
      const store = server.createMemoryStore();
      const res = await server.createApp({ store }).request('/api/v1/comments?thread=/x');
      console.log(JSON.stringify({ ...names, status: res.status }));`;
    writeFileSync(join(app, 'check.mjs'), script);
    const out = JSON.parse(await run(process.execPath, ['check.mjs'], app, userEnv(), 60_000));
    expect(out.server).toEqual(expect.arrayContaining(['createApp', 'startServer', 'createSqliteStore', 'createPostgresStore', 'createMemoryStore']));
    expect(out.widget).toEqual(expect.arrayContaining(['mount', 'createHttpBackend', 'createLocalBackend', 'createMemoryBackend', 'createWordPressBackend']));
    expect(out.status).toBe(200);
  });
});
