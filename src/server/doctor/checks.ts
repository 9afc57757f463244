// `parley doctor`'s checks (issue 19, item 4): what the server would meet with these settings,
// each check a function of the settings and the platform (fetch, the clock, the SMTP transport,
// the database drivers), returning findings: a line that is fine, or a problem and its fix.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { parseHTML } from 'linkedom';
import { fetchArticle, readInWorker } from '../article.ts';
import { readerMailWarnings, redactUrl } from '../notify/config.ts';
import { createSmtpTransport } from '../notify/mail.ts';
import { isPostgresUrl } from '../option-values.ts';
import type { Settings } from '../options.ts';
import { POSTGRES_MIGRATIONS } from '../store/postgres/migrations.ts';
import { SQLITE_MIGRATIONS } from '../store/sqlite/migrations.ts';

/** One line of the report: `fix` set means a problem. */
export interface Finding {
  what: string;
  says: string;
  fix?: string;
}

export interface DoctorDeps {
  fetch: typeof globalThis.fetch;
  /** This machine's clock, ms. */
  now: () => number;
  /** Checks an SMTP server: connects, greets, authenticates; throws with the reason. */
  verifySmtp: (url: string) => Promise<void>;
  /** How long one network check may take, ms. */
  timeoutMs: number;
}

export const defaultDoctorDeps = (): DoctorDeps => ({
  fetch: globalThis.fetch,
  now: Date.now,
  verifySmtp: async (url) => {
    const transport = createSmtpTransport(url, { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 5_000 }) as unknown as {
      verify(): Promise<unknown>;
      close(): void;
    };
    try {
      await transport.verify();
    } finally {
      transport.close();
    }
  },
  timeoutMs: 5_000,
});

const ok = (what: string, says: string): Finding => ({ what, says });
const problem = (what: string, says: string, fix: string): Finding => ({ what, says, fix });
const reason = (error: unknown) => {
  const e = error as Error & { cause?: { code?: string; message?: string }; code?: string };
  return e.cause?.code ?? e.cause?.message ?? e.code ?? e.message ?? String(error);
};
const count = (n: number) => n.toLocaleString('en');

/** The database: reachable, writable, its migrations those of this version; PostgreSQL's clock. */
export async function checkDatabase(db: string, deps: DoctorDeps): Promise<Finding[]> {
  return isPostgresUrl(db) ? checkPostgres(db, deps) : [checkSqlite(db)];
}

function migrationState(applied: readonly number[], known: readonly { version: number }[]): { behind: number; ahead: number } {
  const have = new Set(applied);
  const mine = new Set(known.map((m) => m.version));
  return { behind: known.filter((m) => !have.has(m.version)).length, ahead: applied.filter((v) => !mine.has(v)).length };
}

function migrationFinding(what: string, applied: readonly number[], known: readonly { version: number }[]): Finding[] {
  const { behind, ahead } = migrationState(applied, known);
  if (ahead) return [problem(what, `has ${ahead} migration(s) this version of Parley does not know: it was used by a newer version`, 'run the newer version of Parley, or restore a backup made before the upgrade')];
  if (behind) return [problem(what, `${behind} of ${known.length} migrations are not applied yet`, 'start parley serve once with this --db (it applies them at start, in one transaction), then run parley doctor again')];
  return [];
}

function checkSqlite(file: string): Finding {
  const what = `database ${file}`;
  if (!existsSync(file)) {
    const folder = dirname(file);
    if (existsSync(folder) && statSync(folder).isDirectory()) return ok(what, 'does not exist yet; parley serve creates it');
    return problem(what, `does not exist, nor does its folder ${folder}`, `create the folder (mkdir -p ${folder}) or choose another --db`);
  }
  if (statSync(file).isDirectory()) return problem(what, 'is a folder', `give a file in it, like --db ${file.replace(/\/+$/, '')}/parley.db`);
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 5_000 });
  } catch (error) {
    return problem(what, `cannot be opened (${reason(error)})`, `check the file's owner and mode (ls -l ${file}); the server's user must read and write it and its folder`);
  }
  try {
    try {
      // The write lock, taken and given back: what the first write would need.
      db.exec('BEGIN IMMEDIATE; ROLLBACK');
    } catch (error) {
      return problem(what, `cannot be written (${reason(error)})`, `make the file and its folder writable for the server's user (chmod u+w ${file} ${dirname(file)})`);
    }
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    const applied = hasTable ? (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version) : [];
    const migrations = migrationFinding(what, applied, SQLITE_MIGRATIONS);
    if (migrations.length) return migrations[0]!;
    const comments = hasTable ? (db.prepare('SELECT COUNT(*) AS n FROM comments').get() as { n: number }).n : 0;
    return ok(what, `readable and writable, ${SQLITE_MIGRATIONS.length} of ${SQLITE_MIGRATIONS.length} migrations applied, ${count(comments)} comments (SQLite uses this machine's clock)`);
  } finally {
    db.close();
  }
}

async function checkPostgres(url: string, deps: DoctorDeps): Promise<Finding[]> {
  const what = `database ${redactUrl(url)}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: deps.timeoutMs, statement_timeout: deps.timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    return [problem(what, `cannot be reached (${reason(error)})`, 'check the host, port, user, password and database name in --db, and that PostgreSQL accepts connections from this machine (pg_hba.conf, firewall)')];
  }
  try {
    const out: Finding[] = [];
    const sent = deps.now();
    const row = (
      await client.query<{ now: number; recovery: boolean; tables: boolean; create: boolean }>(
        `SELECT (extract(epoch from clock_timestamp()) * 1000)::float8 AS now, pg_is_in_recovery() AS recovery,
                to_regclass('schema_migrations') IS NOT NULL AS tables, has_database_privilege(current_database(), 'CREATE') AS create`,
      )
    ).rows[0]!;
    const received = deps.now();
    if (row.recovery) return [problem(what, 'is a read-only standby', 'point --db at the primary server')];
    let applied: number[] = [];
    let writable = row.create;
    if (row.tables) {
      applied = (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version);
      const privileges = await client.query<{ ok: boolean }>("SELECT to_regclass('comments') IS NULL OR has_table_privilege('comments', 'INSERT,UPDATE,DELETE') AS ok");
      writable = privileges.rows[0]!.ok;
    }
    if (!writable) out.push(problem(what, 'is reachable but this user may not write to it', 'GRANT the user INSERT, UPDATE and DELETE on Parley\'s tables (or make it their owner), and CREATE on the database for a new one'));
    out.push(...migrationFinding(what, applied, POSTGRES_MIGRATIONS));
    if (!out.length) {
      out.push(ok(what, row.tables ? `reachable and writable, ${POSTGRES_MIGRATIONS.length} of ${POSTGRES_MIGRATIONS.length} migrations applied` : 'reachable and writable, no tables yet: parley serve creates them'));
    }
    // The database's clock against this machine's, the round trip's middle as this machine's moment.
    const skew = row.now - (sent + received) / 2;
    const slack = 2_000 + (received - sent) / 2;
    if (Math.abs(skew) > slack) {
      out.push(problem('clock', `this machine's clock and the database's differ by ${(skew / 1000).toFixed(1)} s`, 'keep both synchronised with NTP (timedatectl set-ntp true, or chrony): edit windows, rate limits and link lifetimes compare times from both'));
    } else {
      out.push(ok('clock', `agrees with the database's (within ${(Math.abs(skew) / 1000).toFixed(1)} s)`));
    }
    return out;
  } catch (error) {
    return [problem(what, `answered with an error (${reason(error)})`, 'check that --db names the database Parley uses and that the user may read it')];
  } finally {
    await client.end().catch(() => {});
  }
}

/** Guessable tokens: short for their alphabet, few distinct characters, or one piece repeated. */
export function tokenStrength(token: string): { bits: number; weak: string | null } {
  const chars = [...token];
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];
  const pool = [26, 26, 10, 33].reduce((sum, size, i) => sum + (classes[i]!.test(token) ? size : 0), 0);
  const distinct = new Set(chars).size;
  const bits = Math.round(chars.length * Math.log2(Math.max(2, Math.min(pool, distinct * 2))));
  const period = [...Array(Math.floor(chars.length / 2)).keys()].map((i) => i + 1).find((p) => chars.every((c, i) => c === chars[i % p]));
  if (period !== undefined) return { bits, weak: `it repeats "${chars.slice(0, period).join('')}"` };
  if (distinct < 8) return { bits, weak: `it has only ${distinct} different characters` };
  if (bits < 80) return { bits, weak: `it carries about ${bits} bits, under 80` };
  return { bits, weak: null };
}

export function checkAdminToken(token: string | undefined): Finding {
  if (!token) return ok('admin token', 'none: the admin API and /admin are off');
  const { bits, weak } = tokenStrength(token);
  if (weak) return problem('admin token', `is easy to guess: ${weak}`, 'make one with openssl rand -hex 24 and set it with PARLEY_ADMIN_TOKEN');
  return ok('admin token', `${[...token].length} characters, about ${bits} bits`);
}

const withTimeout = async <T>(deps: DoctorDeps, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
  const signal = AbortSignal.timeout(deps.timeoutMs);
  return work(signal);
};

/** Each origin answers over HTTP (any status but a 5xx). */
export async function checkOrigins(origins: readonly string[], deps: DoctorDeps): Promise<Finding[]> {
  if (!origins.length) {
    return [problem('origin', 'none given: only pages this server serves itself can post from a browser', 'add the site that embeds Parley: --origin https://blog.example (repeat it for each)')];
  }
  return Promise.all(
    origins.map(async (origin) => {
      const what = `origin ${origin}`;
      try {
        const res = await withTimeout(deps, (signal) => deps.fetch(`${origin}/`, { signal, redirect: 'manual' }));
        await res.body?.cancel();
        if (res.status >= 500) return problem(what, `answers ${res.status}`, 'fix the site: the echo rule reads its article pages');
        return ok(what, `reachable (HTTP ${res.status})`);
      } catch (error) {
        return problem(what, `cannot be reached (${reason(error)})`, 'check the address in --origin, DNS and the firewall from this machine: the echo rule fetches article pages from it');
      }
    }),
  );
}

/** The article page as the echo rule reads it: its main text's first words and length, and its canonical URL. */
export async function checkArticle(url: string, origins: readonly string[], timeoutMs: number, deps: DoctorDeps): Promise<Finding[]> {
  const what = `article ${url}`;
  let canonical: string | null = null;
  const page = await fetchArticle(url, {
    allowedOrigins: origins,
    fetch: deps.fetch,
    timeoutMs,
    read: async (html, signal) => {
      const href = parseHTML(html).document.querySelector('link[rel~="canonical"]')?.getAttribute('href');
      canonical = href && URL.canParse(href, url) ? new URL(href, url).href : null;
      return readInWorker(html, signal);
    },
  });
  if (!page.ok) {
    const fix = page.reason.startsWith('origin not allowed')
      ? `give the page's origin with --origin, or name a page of one with --article`
      : 'open the page in a browser from this machine; the echo rule needs it to answer within article-timeout with HTML';
    return [problem(what, `could not be read as the echo rule reads it (${page.reason})`, fix)];
  }
  const words = page.text.split(/\s+/).filter(Boolean);
  const first = words.slice(0, 12).join(' ');
  const out: Finding[] = [ok(what, `${count(words.length)} words: "${first}${words.length > 12 ? ' …' : ''}"`)];
  if (words.length < 50) {
    out.push(problem(what, `only ${count(words.length)} words of article text were found`, 'put the article in <article> or <main>, or name an article page (not a front page) with --article'));
  }
  out.push(canonical ? ok('canonical URL', canonical) : ok('canonical URL', 'none (<link rel="canonical">); threads are keyed by each page\'s own path'));
  return out;
}

export async function checkSmtp(settings: Pick<Settings, 'smtpUrl' | 'notifyEmail' | 'dkimDomain' | 'publicUrl' | 'webhooks'>, deps: DoctorDeps): Promise<Finding[]> {
  if (!settings.smtpUrl) return [ok('mail', 'off (no --smtp)')];
  const what = `SMTP ${redactUrl(settings.smtpUrl)}`;
  const out: Finding[] = [];
  try {
    await deps.verifySmtp(settings.smtpUrl);
    out.push(ok(what, 'reachable, greeted and accepted the login'));
  } catch (error) {
    // nodemailer's codes (ESOCKET, EAUTH) say less than its messages ("connect ECONNREFUSED 127.0.0.1:25").
    out.push(problem(what, `failed (${(error as Error).message ?? reason(error)})`, 'check the host, port, user and password in --smtp (smtps:// for port 465, smtp:// with STARTTLS for 587)'));
  }
  for (const warning of readerMailWarnings(settings)) {
    const [says, fix] = warning.split(/: (?=set )/);
    out.push(problem('reader mail', says!.replace(/\.$/, ''), fix ?? warning));
  }
  return out;
}

/** Each webhook URL answers over HTTP (a HEAD request: receivers act on POSTs only). */
export async function checkWebhooks(webhooks: readonly string[], deps: DoctorDeps): Promise<Finding[]> {
  return Promise.all(
    webhooks.map(async (url) => {
      const what = `webhook ${url}`;
      try {
        const res = await withTimeout(deps, (signal) => deps.fetch(url, { method: 'HEAD', signal, redirect: 'manual' }));
        if (res.status >= 500) return problem(what, `answers ${res.status}`, 'fix the receiver: Parley retries failed deliveries, then gives up');
        return ok(what, `reachable (HTTP ${res.status} to HEAD)`);
      } catch (error) {
        return problem(what, `cannot be reached (${reason(error)})`, 'check the URL in --webhook, DNS and the firewall from this machine');
      }
    }),
  );
}

/** --public-url, as readers and mail links reach this server: its /healthz through any proxy. */
export async function checkPublicUrl(publicUrl: string | undefined, deps: DoctorDeps): Promise<Finding[]> {
  if (!publicUrl) return [];
  const what = `public URL ${publicUrl}`;
  try {
    const res = await withTimeout(deps, (signal) => deps.fetch(`${publicUrl}/healthz`, { signal }));
    await res.body?.cancel();
    if (res.ok) return [ok(what, 'answers /healthz')];
    return [problem(what, `answers /healthz with ${res.status}`, 'start parley serve, and check that the reverse proxy passes requests on to it')];
  } catch (error) {
    return [problem(what, `cannot be reached (${reason(error)}); is parley serve running?`, 'start parley serve, and check --public-url, DNS and the reverse proxy')];
  }
}
