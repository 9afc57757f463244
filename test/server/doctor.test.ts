// `parley doctor` (issue 19, item 4), run as an owner runs it (the built CLI, a process of its own)
// against servers on 127.0.0.1: a site with an article page, an SMTP server, a webhook receiver, the
// Parley server behind --public-url over TLS; then the same with each of them broken.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/server/cli/doctor.ts';
import { defaultDoctorDeps, tokenStrength } from '../../src/server/doctor/checks.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import { createPostgresStore } from '../../src/server/store/postgres.ts';
import { createTestDatabase, pgAvailable } from '../helpers/pg.ts';
import { runCli } from '../helpers/server.ts';

const ARTICLE_WORDS = Array.from({ length: 20 }, (_, i) => `The harbour town rebuilt its sea wall in stage ${i + 1} after the winter storms, and the fishing boats came back.`).join(' ');
const ARTICLE = `<!doctype html><html><head><title>The sea wall</title><link rel="canonical" href="https://blog.example/2026/sea-wall"></head>
<body><nav>Home About</nav><article><h1>The sea wall</h1><p>${ARTICLE_WORDS}</p></article><footer>© Blog</footer></body></html>`;
const THIN = '<!doctype html><html><head><title>Front</title></head><body><main><p>Welcome to the blog.</p></main></body></html>';

/** As `openssl rand -hex 24` makes them. */
const STRONG = '4f1d9a7be3c25d08a6f1e9b3c7d2a5f0e8b4c6d1a9f3e7b2';
const servers: { close(cb?: () => void): unknown }[] = [];
let dir: string;
let site: string;
let smtpUrl: string;
let hook: string;
let publicUrl: string;
let caFile: string;
let dkimKey: string;

const listen = async <S extends Server>(server: S): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** A port nothing listens on: one the OS gave, closed again. */
const closedPort = async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-doctor-'));
  site = `http://${await listen(
    createServer((req, res) => {
      const html = req.url === '/2026/sea-wall' ? ARTICLE : THIN;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    }),
  )}`;
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  servers.push(smtp);
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  hook = `http://${await listen(createServer((_req, res) => res.writeHead(405).end()))}/hooks/parley`;
  // The Parley server's public address over TLS, as behind a proxy; the doctor process trusts the
  // self-signed certificate through NODE_EXTRA_CA_CERTS.
  const key = join(dir, 'key.pem');
  caFile = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', caFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  publicUrl = `https://${await listen(createHttpsServer({ key: readFileSync(key), cert: readFileSync(caFile) }, (req, res) => res.writeHead(req.url === '/healthz' ? 200 : 404).end('ok')) as unknown as Server)}`;
  dkimKey = join(dir, 'dkim.pem');
  writeFileSync(dkimKey, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve(undefined)))));
  rmSync(dir, { recursive: true, force: true });
});

const migrated = async (name: string) => {
  const file = join(dir, name);
  await createSqliteStore({ file }).close();
  return file;
};

const doctor = (args: string[]) => runCli(['doctor', ...args], 60_000, { NODE_EXTRA_CA_CERTS: caFile });

describe('parley doctor', () => {
  it('finds nothing wrong with a good setup, and shows the article as the echo rule reads it', async () => {
    const db = await migrated('good.db');
    const mail = ['--smtp', smtpUrl, '--notify-email', 'owner@blog.example', '--dkim-domain', 'blog.example', '--dkim-selector', 's1', '--dkim-key', dkimKey];
    const result = await doctor(['--db', db, '--origin', site, '--article', `${site}/2026/sea-wall`, ...mail, '--webhook', hook, '--webhook-secret', 'a-webhook-secret-long-enough', '--public-url', publicUrl, '--admin-token', STRONG]);
    expect(result.stdout).not.toContain('PROBLEM');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(result.stdout).toMatch(/ok {7}database .*good\.db: readable and writable, (\d+) of \1 migrations applied, 0 comments/);
    expect(result.stdout).toContain(`ok       origin ${site}: reachable (HTTP 200)`);
    expect(result.stdout).toContain(`ok       article ${site}/2026/sea-wall: 403 words: "The sea wall The harbour town rebuilt its sea wall in stage …"`);
    expect(result.stdout).toContain('ok       canonical URL: https://blog.example/2026/sea-wall');
    expect(result.stdout).toContain(`ok       SMTP ${smtpUrl}: reachable, greeted and accepted the login`);
    expect(result.stdout).toContain(`ok       webhook ${hook}: reachable (HTTP 405 to HEAD)`);
    expect(result.stdout).toContain(`ok       public URL ${publicUrl}: answers /healthz`);
    expect(result.stdout).toMatch(/ok {7}admin token: 48 characters, about \d+ bits/);
    expect(lines.at(-1)).toBe('parley doctor: no problems found.');
  });

  it('exits 1 with one line per problem, each with its fix, when everything is broken', async () => {
    const db = await migrated('behind.db');
    // A database from before the last migration.
    const raw = new Database(db);
    raw.prepare('DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)').run();
    raw.close();
    const gone = `http://127.0.0.1:${await closedPort()}`;
    const result = await doctor([
      '--db', db,
      '--origin', gone,
      '--origin', site,
      '--article', `${site}/`,
      '--smtp', `smtp://127.0.0.1:${await closedPort()}`,
      '--notify-email', 'owner@blog.example',
      '--webhook', `http://127.0.0.1:${await closedPort()}/hook`,
      '--webhook-secret', 'a-secret-of-enough-length',
      '--admin-token', 'abcdabcdabcdabcdabcd',
    ]);
    expect(result.status).toBe(1);
    const problems = result.stdout.split('\n').filter((l) => l.startsWith('PROBLEM'));
    for (const line of problems) expect(line).toMatch(/^PROBLEM {2}.+?: .+\. Fix: .+\.$/);
    const about = (what: string) => problems.filter((l) => l.startsWith(`PROBLEM  ${what}`));
    expect(about(`database ${db}: 1 of `)).toHaveLength(1);
    expect(about(`database ${db}`)[0]).toContain('Fix: start parley serve once with this --db');
    expect(about(`origin ${gone}: cannot be reached (ECONNREFUSED)`)).toHaveLength(1);
    expect(about(`article ${site}/: only 4 words of article text were found`)).toHaveLength(1);
    expect(about('SMTP smtp://127.0.0.1:')[0]).toMatch(/: failed \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)\. Fix: check the host, port, user and password in --smtp/);
    expect(about('reader mail: Reader mail is not DKIM-signed')).toHaveLength(1);
    expect(about('reader mail: Reader mail links are not HTTPS')).toHaveLength(1);
    expect(about('webhook http://127.0.0.1:')[0]).toContain('cannot be reached (ECONNREFUSED)');
    expect(about('admin token: is easy to guess: it repeats "abcd"')).toHaveLength(1);
    expect(problems).toHaveLength(8);
    expect(result.stdout).toContain(`ok       origin ${site}: reachable (HTTP 200)`);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('parley doctor: 8 problems (the PROBLEM lines above, each with its fix).');
  });

  it('judges admin tokens by what a guesser faces, not by length alone', () => {
    expect(tokenStrength('aaaaaaaaaaaaaaaaaaaa').weak).toBe('it repeats "a"');
    expect(tokenStrength('passwordpassword').weak).toBe('it repeats "password"');
    expect(tokenStrength('qwertyuiasdfghjk').weak).toMatch(/about \d+ bits, under 80/);
    expect(tokenStrength('0123456').weak).not.toBeNull();
    expect(tokenStrength(STRONG).weak).toBeNull();
    expect(tokenStrength('correct horse battery staple').weak).toBeNull();
  });
});

const pg = await pgAvailable('parley doctor on PostgreSQL');

describe.skipIf(!pg)('parley doctor on PostgreSQL', () => {
  it('checks the migrations, and compares this machine\'s clock with the database\'s', async () => {
    const database = await createTestDatabase('parley_doctor');
    try {
      await (await createPostgresStore({ url: database.url })).close();
      const good = await doctor(['--db', database.url, '--origin', site, '--article', `${site}/2026/sea-wall`]);
      expect(good.stdout).toMatch(/ok {7}database postgres:\/\/.*: reachable and writable, (\d+) of \1 migrations applied/);
      expect(good.stdout).toMatch(/ok {7}clock: agrees with the database's \(within \d+\.\d s\)/);
      expect(good.status).toBe(0);
      // This machine a minute ahead: the clock is the problem, and only the clock.
      const ahead = { ...defaultDoctorDeps(), now: () => Date.now() + 60_000 };
      const findings = await diagnose(['--db', database.url, '--origin', site, '--article', `${site}/2026/sea-wall`], {}, ahead);
      const problems = findings.filter((f) => f.fix);
      expect(problems.map((f) => f.what)).toEqual(['clock']);
      expect(problems[0]!.says).toMatch(/differ by -60\.\d s|differ by -59\.\d s/);
    } finally {
      await database.drop();
    }
  });
});
