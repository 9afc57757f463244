// What the logs never carry (issue 19, item 6): an email address, a raw client address, an
// Authorization header, a token from a query string (/moderate, confirm, unsubscribe, /my links).
// Two sources, both JSON logs (--log-format json, a line per request):
// 1. the reliability suites that run real server processes (durability: kill -9 under writes,
//    SQLite and PostgreSQL; hostile-browser: XSS payloads through Chromium), run again here with
//    PARLEY_TEST_LOG_DIR, which makes test/helpers/server.ts keep every server's output;
// 2. a server taken through every token-bearing path: a held comment mailed to the owner (its
//    /moderate link opened and used), a reader's confirmation (confirm and unsubscribe links, /my),
//    an edit with its Bearer token, the admin API with the admin token and a wrong one, all from a
//    client address given through X-Forwarded-For (--trust-proxy).
// Each log is scanned for the secrets the test knows and for anything shaped like one.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, SCRIPTED, startInstance } from '../helpers/server.ts';
import { parts, startSmtp } from '../server/notify/helpers.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'parley-logs-'));
const ADMIN = 'admin-token-for-the-log-scan-7f3a9c';
const CLIENT = '203.0.113.77';
const READER = 'reader.log-scan@example.com';
const OWNER = 'owner.log-scan@blog.example';

afterAll(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

/** Every way a log line could leak, for lines known to be from Parley's log. */
function leaks(log: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const line of log.split('\n').filter(Boolean)) {
    for (const secret of secrets) if (line.includes(secret)) found.push(`secret ${secret.slice(0, 12)}…: ${line}`);
    if (/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u.test(line.replace(/\w+:\/\/[^\s"@/]*@/g, ''))) found.push(`email: ${line}`);
    if (/\b(?:Bearer|Basic)\s+(?!<redacted>)\S/i.test(line) || /authorization/i.test(line)) found.push(`authorization: ${line}`);
    if (/[?&;](?:t|token|key|code|secret|access_token)=(?!<redacted>)[^&\s"]/i.test(line)) found.push(`query token: ${line}`);
    // A client address anywhere but in what the server prints about itself (its listen address and URL).
    const withoutUrls = line.replace(/\w+:\/\/[^\s"]+/g, '').replace(/\(bound to [^)]*\)/, '');
    if (/\b\d{1,3}(?:\.\d{1,3}){3}\b/.test(withoutUrls) || /(?:^|[^\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/i.test(withoutUrls.replace(/"time":"[^"]*"/, ''))) {
      found.push(`address: ${line}`);
    }
  }
  return found;
}

describe('the logs', () => {
  let suiteLogs = '';
  beforeAll(async () => {
    const logDir = join(dir, 'suites');
    (await import('node:fs')).mkdirSync(logDir);
    const child = spawn(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/reliability/durability.test.ts', 'test/reliability/hostile-browser.test.ts'], {
      cwd: root,
      env: { ...process.env, PARLEY_TEST_LOG_DIR: logDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (code !== 0) throw new Error(`the reliability suites failed when run for their logs:\n${output.slice(-4000)}`);
    suiteLogs = readdirSync(logDir)
      .map((file) => readFileSync(join(logDir, file), 'utf8'))
      .join('');
  }, 320_000);

  it('of the reliability suites carry no email, client address, Authorization header or query-string token', () => {
    // The suites ran servers and logged their requests: the scan looked at something.
    expect(suiteLogs.split('\n').filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThan(100);
    expect(suiteLogs).toContain('"msg":"Parley listening on http://127.0.0.1:');
    expect(leaks(suiteLogs, [])).toEqual([]);
  });

  it('of a server taken through every token-bearing link carry none of them', async () => {
    const smtp = await startSmtp();
    const server = await startInstance([
      '--db', join(dir, 'tokens.db'),
      '--log-format', 'json',
      '--trust-proxy',
      '--moderation', 'all',
      '--admin-token', ADMIN,
      '--smtp', smtp.url,
      '--notify-email', OWNER,
      '--mail-batch-seconds', '0',
      ...SCRIPTED,
    ]);
    const headers = { 'content-type': 'application/json', 'x-forwarded-for': CLIENT };
    const get = (path: string, extra: Record<string, string> = {}) => fetch(new URL(path, server.url), { headers: { 'x-forwarded-for': CLIENT, ...extra } });
    try {
      const posted = await fetch(`${server.url}/api/v1/comments`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ thread: '/logs', text: 'A comment whose links are all secrets.', name: 'Lee', email: READER, idempotencyKey: 'logs-1', notify: 'replies' }),
      });
      expect(posted.status).toBe(201);
      const { comment, editToken } = await posted.json();
      const secrets = [ADMIN, editToken as string, READER, OWNER, CLIENT];

      // Mail: the owner's (held comment: Approve / Spam links) and the reader's confirmation.
      await smtp.waitFor(2);
      const links = smtp.mails.flatMap((mail) => [...parts(mail.raw).text.matchAll(/https?:\/\/\S+[?&]t=[^\s>]+/g)].map((m) => m[0]));
      expect(links.some((l) => l.includes('/moderate?t='))).toBe(true);
      expect(links.some((l) => l.includes('/notify/confirm?t='))).toBe(true);
      for (const link of links) {
        secrets.push(new URL(link).searchParams.get('t')!);
        expect((await get(link)).status).toBeLessThan(500);
      }
      // The confirmation, as its page's button sends it; then /my and unsubscribe links from the mail that follows.
      const confirm = links.find((l) => l.includes('/notify/confirm?t='))!;
      const confirmed = await fetch(new URL('/notify/confirm', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': CLIENT },
        body: new URLSearchParams({ t: new URL(confirm).searchParams.get('t')! }).toString(),
      });
      expect(confirmed.status).toBeLessThan(500);
      for (const path of ['/my?t=not-a-real-token-but-secret-like', '/notify/unsubscribe?t=another-secret-looking-token']) {
        secrets.push(new URL(path, server.url).searchParams.get('t')!);
        expect((await get(path)).status).toBeLessThan(500);
      }
      // The edit token and the admin token in Authorization headers, and a wrong admin token.
      const edit = await fetch(`${server.url}/api/v1/comments/${comment.id}`, { method: 'PATCH', headers: { ...headers, authorization: `Bearer ${editToken}` }, body: JSON.stringify({ text: 'Edited, with the token in a header.' }) });
      expect(edit.status).toBe(200);
      expect((await get('/api/v1/admin/comments?status=pending', { authorization: `Bearer ${ADMIN}` })).status).toBe(200);
      expect((await get('/api/v1/admin/comments?status=pending', { authorization: 'Bearer wrong-admin-token-secret-1' })).status).toBe(401);
      secrets.push('wrong-admin-token-secret-1');
      await server.stop();
      const log = server.output();
      expect(log.split('\n').filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThanOrEqual(8);
      expect(log).toContain('"path":"/moderate"');
      expect(leaks(log, secrets)).toEqual([]);
    } finally {
      await smtp.close();
    }
  });
});
