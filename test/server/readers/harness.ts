// Reader mail in process (issue 17): the API over a memory store with a settable clock, the outbox
// worker with the reader deliverers, a real SMTP server on 127.0.0.1 (the notify suites' fake),
// nodemailer signing with a DKIM key made for the test, and a DKIM check by mailauth whose DNS
// answers with that key's public half.
import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import type { Hono } from 'hono';
import { createNotifier } from '../../../src/server/notify/events.ts';
import { createSmtpTransport } from '../../../src/server/notify/mail.ts';
import { byKind, createOutboxWorker } from '../../../src/server/notify/worker.ts';
import { readerDeliverers } from '../../../src/server/readers/deliver.ts';
import { readerSite } from '../../../src/server/readers/site.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';
import type { AppOptions } from '../../../src/server/app.ts';
import { body, post, setup } from '../../helpers/app.ts';
import { header, parts, startSmtp, type Mail } from '../notify/helpers.ts';

export const PUBLIC = 'https://comments.blog.example';
export const MINUTE = 60_000;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_KEY = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

export async function readerHarness(over: Partial<AppOptions> = {}) {
  const smtp = await startSmtp();
  const store = createMemoryStore();
  const notify = createNotifier({ mail: true, readers: true, now: () => clock.now });
  const { app, clock } = setup({ store, notify, readerMail: true, publicUrl: PUBLIC, adminToken: 'reader-mail-admin-token', ...over });
  const transport = createSmtpTransport(smtp.url, { secure: false, ignoreTLS: true, dkim: { domainName: 'blog.example', keySelector: 'parley', privateKey: PRIVATE } });
  const worker = createOutboxWorker({
    store,
    now: () => clock.now,
    logger: { info: () => {}, error: (m: string, e?: unknown) => console.error(m, e) },
    deliver: byKind({
      ...readerDeliverers({ store, transport, from: 'Parley <parley@blog.example>', publicUrl: PUBLIC, secret: async () => 'test-secret', now: () => clock.now, ...readerSite(['https://blog.example'], PUBLIC) }),
    }),
  });
  /** Run every due job (and the jobs they queue that are due), then wait for the mails to arrive. */
  const drain = async () => {
    while ((await worker.runOnce()) > 0);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const close = async () => {
    await worker.stop();
    transport.close?.();
    await smtp.close();
  };
  return { app, store, clock, smtp, worker, drain, close, mailsTo: (to: string) => smtp.mails.filter((m) => m.to.includes(to)) };
}

export type Harness = Awaited<ReturnType<typeof readerHarness>>;

/** POST a comment; the answer's JSON. */
export async function postJson(app: Hono, over: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await post(app, body(over), headers);
  return { status: res.status, json: (await res.json()) as { comment: { id: string }; status: string; authorKey: string; editToken: string } };
}

/** The first link in the mail's text that starts with PUBLIC + path, as a path with its query. */
export function linkIn(mail: Mail, path: string): string {
  const { text } = parts(mail.raw);
  const found = new RegExp(`${PUBLIC.replace(/[.]/g, '\\.')}(${path.replace(/[/?]/g, '\\$&')}\\?t=[A-Za-z0-9_.-]+)`).exec(text)?.[1];
  if (!found) throw new Error(`no ${path} link in:\n${text}`);
  return found;
}

export const form = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) params.append(k, one);
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params.toString() };
};

/** The DKIM check a receiving server makes, with DNS answering our test key at parley._domainkey.blog.example. */
export async function dkimOf(mail: Mail) {
  const result = await dkimVerify(mail.raw, {
    resolver: async (name: string, type: string) => {
      if (type === 'TXT' && name === 'parley._domainkey.blog.example') return [[`v=DKIM1; k=rsa; p=${PUBLIC_KEY}`]];
      throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
    },
  } as never);
  return result.results[0]!;
}

export { header, parts };
