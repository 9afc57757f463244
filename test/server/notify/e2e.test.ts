// The wiring in main.ts, through the built `parley serve` process: --webhook and --smtp flags, the
// outbox in the SQLite store, the worker started with the server, and the mail links answered by
// the same process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { call } from '../../helpers/http.ts';
import { spawnParley } from '../../helpers/server.ts';
import { expectedSignature, parts, startReceiver, startSmtp } from './helpers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'parley-notify-'));
const SECRET = 'e2e-webhook-secret-0123456789';
const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  rmSync(dir, { recursive: true, force: true });
});

describe('parley serve with --webhook and --smtp', () => {
  it('posts a signed webhook and mails working moderation links for a held comment', async () => {
    const receiver = await startReceiver();
    closers.push(() => receiver.close());
    const smtp = await startSmtp();
    closers.push(() => smtp.close());
    const { url, child, output } = await spawnParley([
      '--db', path.join(dir, 'notify.db'),
      '--moderation', 'all',
      '--min-submit-seconds', '0',
      '--flood-seconds', '0',
      '--admin-token', 'e2e-admin-token-16',
      '--webhook', receiver.url,
      '--webhook-secret', SECRET,
      '--smtp', smtp.url,
      '--notify-email', 'owner@blog.example',
    ]);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    closers.push(async () => {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    });
    // Printed after the "listening" line that spawnParley waits for.
    await vi.waitFor(() => {
      expect(output()).toContain('Webhooks: 1 URL(s)');
      expect(output()).toContain('Held comments are mailed to the --notify-email address (at blog.example).');
    });

    const res = await call(url, 'POST', '/api/v1/comments', {
      body: { thread: '/e2e', text: 'Through the real process', name: 'Ada', email: 'ada@example.com', idempotencyKey: 'e2e-notify-1' },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('held');
    const id = res.body.comment.id as string;

    await receiver.waitFor(1);
    const hook = receiver.received[0]!;
    expect(hook.headers['x-parley-signature']).toBe(expectedSignature(SECRET, hook.body));
    expect(JSON.parse(hook.body)).toMatchObject({
      event: 'comment.held',
      comment: { id, thread: '/e2e', status: 'pending', author: { email: 'ada@example.com' } },
      moderationUrl: `${url}/admin`,
    });

    await smtp.waitFor(1);
    const { text } = parts(smtp.mails[0]!.raw);
    const approve = new RegExp(`^Approve: ${url.replace(/[.]/g, '\\.')}(/moderate\\?t=\\S+)$`, 'm').exec(text)?.[1];
    expect(approve, text).toBeTruthy();
    const page = await call(url, 'GET', approve!);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Through the real process');
    expect((await call(url, 'GET', '/api/v1/comments?thread=/e2e')).body.thread.count).toBe(0);
    // The button posts the page's hidden fields: the token and the stamp of the text shown.
    const fields = new URLSearchParams([...String(page.body).matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
    expect(fields.get('t')).toBe(new URL(approve!, url).searchParams.get('t'));
    const done = await call(url, 'POST', approve!, { body: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(done.status).toBe(200);
    const listed = await call(url, 'GET', '/api/v1/comments?thread=/e2e');
    expect(listed.body.comments.map((c: { id: string }) => c.id)).toEqual([id]);
    // The approval is a webhook too (no second mail: the owner did it).
    await receiver.waitFor(2);
    expect(JSON.parse(receiver.received[1]!.body)).toMatchObject({ event: 'comment.published', cause: 'approved', comment: { id, status: 'published' } });

    // A clean stop: the worker and the SMTP transport let the process exit.
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
