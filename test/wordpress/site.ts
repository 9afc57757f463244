// A real WordPress for the suites of Parley issue 20: Debian's `wordpress` package copied into a
// temporary folder with its own wp-config.php, on a MariaDB instance with its own data directory
// and socket (no TCP port: the machine's own MariaDB on 3306 is never touched), installed by
// wp_install() from PHP CLI and served by `php -S` on 127.0.0.1. Parley's WordPress plugin (the one
// the README gives owners: docs/wordpress/parley) allows anonymous REST comments and puts Parley's
// tags where the theme shows its comments; the WordPress Importer 0.9.5 is loaded as a plugin
// straight from ../shared/fixtures (never copied into the repository).
//
// Needs: apt-get install -y wordpress wordpress-theme-twentytwentythree php-cli php-mysql php-xml
// mariadb-server (.ci/run does).
// Under CI=true a missing piece is a failure; elsewhere the suites skip and say what to install.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PHP_TOOLS = path.join(HERE, 'php');
export const WORDPRESS = '/usr/share/wordpress';
export const IMPORTER = path.resolve(HERE, '../../../shared/fixtures/wordpress-importer');
/** The plugin the README tells site owners to install. */
const PARLEY_PLUGIN = path.resolve(HERE, '../../docs/wordpress/parley');

const which = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();

/** What is missing for a real WordPress here, as the sentence a person acts on; '' when nothing. */
export function missingForWordPress(): string {
  const missing: string[] = [];
  if (!which('php')) missing.push('php-cli');
  else if (!/^mysqli$/m.test(spawnSync('php', ['-m'], { encoding: 'utf8' }).stdout)) missing.push('php-mysql');
  else if (!/^SimpleXML$/m.test(spawnSync('php', ['-m'], { encoding: 'utf8' }).stdout)) missing.push('php-xml');
  if (!existsSync(path.join(WORDPRESS, 'wp-settings.php'))) missing.push('wordpress');
  if (!existsSync(path.join(WORDPRESS, 'wp-content/themes/twentytwentythree'))) missing.push('wordpress-theme-twentytwentythree');
  if (!which('mariadbd') || !which('mariadb-install-db')) missing.push('mariadb-server');
  const packages = missing.length ? `apt-get install -y ${missing.join(' ')}` : '';
  const importer = existsSync(path.join(IMPORTER, 'src/wordpress-importer.php')) ? '' : `the WordPress Importer fixture (${IMPORTER})`;
  return [packages, importer].filter(Boolean).join(' and ');
}

/** True when the real-WordPress suites can run here. Throws under CI, where they must run. */
export function wordpressAvailable(): boolean {
  const missing = missingForWordPress();
  if (!missing) return true;
  if (process.env.CI === 'true') throw new Error(`A real WordPress is required under CI=true; missing: ${missing}`);
  console.warn(`[parley] skipping the real-WordPress tests: missing ${missing}`);
  return false;
}

/** A comment as WordPress's database keeps it: what php/comments.php returns. */
export interface CommentRow {
  id: string;
  post: string;
  slug: string | null;
  type: string | null;
  post_status: string | null;
  parent: string;
  /** HTML-escaped, as WordPress keeps names. */
  author: string;
  email: string;
  url: string;
  date_gmt: string;
  /** The HTML WordPress keeps. */
  content: string;
  approved: string;
  comment_type: string;
  /** The Parley id a Parley WXR export carried in (`_parley_id` comment meta). */
  parley_id: string | null;
}

export interface WordPressSite {
  /** http://127.0.0.1:PORT, the site's home. */
  url: string;
  dir: string;
  /** Runs test/wordpress/php/TOOL.php inside WordPress as its admin; resolves with what it returned. */
  tool<T = unknown>(name: string, args?: Record<string, unknown>): Promise<{ result: T; output: string }>;
  /** A few lines of PHP inside WordPress (as the admin); resolves with their `return` value. */
  php<T = unknown>(code: string): Promise<T>;
  close(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookSet = false;
/** Children left running when the test process ends anyway (a crash, a timeout) are stopped. */
function track(child: ChildProcess) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!exitHookSet) {
    exitHookSet = true;
    process.once('exit', () => {
      for (const c of live) {
        try {
          process.kill(-c.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    });
  }
}

/** Resolves when `child` printed a line matching `ready`; rejects with its output if it exits or times out. */
function waitFor(child: ChildProcess, ready: RegExp, what: string, timeoutMs = 30_000): Promise<void> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const seen = (d: Buffer) => {
      output += d;
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready:\n${output}`));
    });
  });
}

/** Stops a child we started, and its process group (php -S forks workers), and waits for it. */
async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], input?: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve({ stdout, stderr }) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr}\n${stdout}`))));
    child.stdin.end(input ?? '');
  });
}

const wpConfig = (socket: string, url: string, scripts: string) => `<?php
// The test site's own configuration (Debian's wp-config.php reads /etc/wordpress instead).
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', ${JSON.stringify(`localhost:${socket}`)});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', ${JSON.stringify(url)});
define('WP_SITEURL', ${JSON.stringify(url)});
// Where the Parley plugin loads parley.js and adapters/wordpress.js from.
define('PARLEY_URL', ${JSON.stringify(scripts)});
// php -S would block on WordPress's request to its own wp-cron.php; nothing here may leave the machine.
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`;

// php -S serves existing files itself; everything else is WordPress's front controller, as
// Apache's rewrite rules would make it (pretty permalinks, /wp-json/).
const ROUTER = `<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if ($path !== '/' && file_exists(__DIR__ . $path)) return false;
$_SERVER['SCRIPT_NAME'] = '/index.php';
require __DIR__ . '/index.php';
`;

/**
 * A fresh WordPress (6.1 from Debian, Twenty Twenty-Three, Plain permalinks: WordPress's defaults)
 * whose theme shows Parley's tags from `scripts` (PARLEY_URL: an origin serving dist/) instead of
 * its comments.
 */
export async function startWordPress({ scripts = '' }: { scripts?: string } = {}): Promise<WordPressSite> {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-wp-'));
  const data = path.join(dir, 'db');
  const socket = path.join(dir, 'mysql.sock');
  const site = path.join(dir, 'site');
  const asUser = userInfo().uid === 0 ? ['--user=root'] : [];
  let db: ChildProcess | undefined;
  let web: ChildProcess | undefined;
  try {
    await run('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asUser]);
    db = spawn(
      'mariadbd',
      ['--no-defaults', `--datadir=${data}`, `--socket=${socket}`, '--skip-networking', `--pid-file=${path.join(dir, 'mariadb.pid')}`, '--innodb-buffer-pool-size=16M', ...asUser],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    track(db);
    await waitFor(db, /ready for connections/, 'MariaDB');
    await run('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', 'CREATE DATABASE wordpress CHARACTER SET utf8mb4']);

    cpSync(WORDPRESS, site, { recursive: true, verbatimSymlinks: true });
    rmSync(path.join(site, '.htaccess'), { force: true });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    writeFileSync(path.join(site, 'wp-config.php'), wpConfig(socket, url, scripts));
    writeFileSync(path.join(site, 'router.php'), ROUTER);
    mkdirSync(path.join(site, 'wp-content/mu-plugins'));
    cpSync(path.join(PHP_TOOLS, 'mu-plugin.php'), path.join(site, 'wp-content/mu-plugins/parley.php'));
    symlinkSync(PARLEY_PLUGIN, path.join(site, 'wp-content/plugins/parley'));
    symlinkSync(path.join(HERE, 'classic-theme'), path.join(site, 'wp-content/themes/parley-classic'));
    symlinkSync(path.join(IMPORTER, 'src'), path.join(site, 'wp-content/plugins/wordpress-importer'));

    const env = { ...process.env, PARLEY_WP_URL: url };
    const tool = async <T>(name: string, args: Record<string, unknown> = {}) => {
      const child = spawn('php', ['-d', 'display_errors=stderr', '-d', 'memory_limit=512M', path.join(PHP_TOOLS, 'boot.php'), site, name], { env });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.stdin.end(JSON.stringify(args));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      if (code !== 0) throw new Error(`php ${name}.php exited ${code}:\n${stderr}\n${stdout.slice(0, 2000)}`);
      try {
        return JSON.parse(stdout) as { result: T; output: string };
      } catch {
        throw new Error(`php ${name}.php printed no JSON:\n${stderr}\n${stdout.slice(0, 2000)}`);
      }
    };
    await tool('install');

    web = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', site, path.join(site, 'router.php')], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // A page, its scripts and the REST calls at once; php -S is one process per worker.
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
    });
    track(web);
    await waitFor(web, /Development Server .* started/, 'php -S');

    const db_ = db;
    const web_ = web;
    return {
      url,
      dir,
      tool,
      php: async <T>(code: string) => (await tool<T>('eval', { code })).result,
      async close() {
        await stop(web_);
        await stop(db_);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stop(web);
    await stop(db);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
