// The notification settings of `parley serve` (--webhook, --webhook-secret, --smtp, --notify-email,
// --mail-from, --public-url), checked once at start-up so a mistake is an error naming the flag,
// not a job that dies eleven hours later. The options table (options.ts) checks each value with
// the functions below; `checkNotifySettings` then checks the ones that need each other.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkEmail } from '../../core/checks.ts';
import { CliError } from '../cli/cli-error.ts';

export interface NotifySettings {
  webhooks: string[];
  webhookSecret?: string;
  smtpUrl?: string;
  notifyEmail?: string;
  mailFrom?: string;
  publicUrl?: string;
  dkimDomain?: string;
  dkimSelector?: string;
  dkimKey?: string;
}

/** A URL with its password replaced by ***, for error messages and logs. */
export function redactUrl(raw: string): string {
  if (!URL.canParse(raw)) return raw.replace(/:[^:@/]*@/, ':***@');
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}

const fail = (message: string): never => {
  throw new CliError(message);
};

/** Partners and lengths: a webhook needs its secret, mail needs both a server and an address. */
export function checkNotifySettings(settings: NotifySettings): void {
  if (settings.webhooks.length) {
    const secret = settings.webhookSecret ?? '';
    if (!secret) fail('--webhook needs --webhook-secret (or PARLEY_WEBHOOK_SECRET): the key that signs each body. Make one with: openssl rand -hex 32');
    if ([...secret].length < 16) fail('--webhook-secret must be at least 16 characters, so the signature cannot be guessed. Make one with: openssl rand -hex 32');
  }
  const dkim = [settings.dkimDomain, settings.dkimSelector, settings.dkimKey];
  if (dkim.some(Boolean) && !dkim.every(Boolean)) fail('--dkim-domain, --dkim-selector and --dkim-key go together: the signature names the domain and selector whose DNS record holds the public key of --dkim-key.');
  if (dkim.every(Boolean) && !settings.smtpUrl) fail('--dkim-domain signs mail, but no mail is sent without --smtp.');
  if (Boolean(settings.smtpUrl) !== Boolean(settings.notifyEmail)) {
    fail(
      settings.smtpUrl
        ? '--smtp needs --notify-email: the address that gets mail about held comments.'
        : '--notify-email needs --smtp: the mail server to send through, like smtps://user:password@mail.example:465.',
    );
  }
}

export function webhookUrl(raw: string, label: string): string {
  // Owner's config, not a reader's: no origin check (issue 8), but only http(s).
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || !/^https?:$/.test(url.protocol) || !url.hostname) fail(`${label} must be an http:// or https:// URL, not "${redactUrl(raw)}".`);
  if (url!.username || url!.password) fail(`${label} URLs may not carry a user or password (${redactUrl(raw)}): receivers check X-Parley-Signature instead.`);
  return url!.toString();
}

export function smtpUrl(raw: string, label: string): string {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || !/^smtps?:$/.test(url.protocol) || !url.hostname || (url.pathname && url.pathname !== '/') || url.search) {
    fail(`${label} must be a URL like smtp://user:password@mail.example:587 or smtps://user:password@mail.example:465, not "${redactUrl(raw)}". Percent-encode special characters in the password.`);
  }
  return raw;
}

export function notifyEmail(raw: string, label: string): string {
  const to = raw.trim();
  if (checkEmail(to) || /[,;<>]/.test(to)) fail(`${label} must be one email address like owner@blog.example, not "${to}".`);
  return to;
}

export function mailFrom(raw: string, label: string): string {
  const value = raw.trim();
  const match = /^(?:([^<>\p{Cc}]*)<([^<>\s]+)>|([^<>\s]+))$/u.exec(value);
  const address = match?.[2] ?? match?.[3] ?? '';
  if (!match || checkEmail(address)) fail(`${label} must be an address like parley@blog.example or "Blog comments <parley@blog.example>", not "${value}".`);
  return value;
}

export function publicUrl(raw: string, label: string): string {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    fail(`${label} must be this server's address as you open it, like https://comments.blog.example (a path is fine; no query), not "${raw}".`);
  }
  return url!.toString().replace(/\/+$/, '');
}

export function dkimDomain(raw: string, label: string): string {
  const value = raw.trim().toLowerCase();
  if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(value)) fail(`${label} must be a domain name like blog.example, not "${raw}".`);
  return value;
}

export function dkimSelector(raw: string, label: string): string {
  const value = raw.trim();
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62})$/.test(value)) fail(`${label} must be a DNS label like parley2026 (the record is <selector>._domainkey.<domain>), not "${raw}".`);
  return value;
}

/**
 * The DKIM private key: PEM text as given, or read from the file it names. A key that is neither
 * is an error naming the flag, at start-up, not a mail that fails to sign hours later.
 */
export function dkimKey(raw: string, label: string): string {
  let pem = raw.trim();
  if (!pem.startsWith('-----BEGIN')) {
    try {
      pem = readFileSync(raw.trim(), 'utf8').trim();
    } catch (error) {
      fail(`${label} must be a PEM private key file that Parley can read; "${raw.trim()}" could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Make one with: openssl genrsa -out dkim.pem 2048`);
    }
  }
  try {
    createPrivateKey(pem);
  } catch {
    fail(`${label} is not a PEM private key (expected "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----"). Make one with: openssl genrsa -out dkim.pem 2048`);
  }
  return pem;
}

/**
 * What reader mail lacks for the inbox (issue 17; printed at start-up): RFC 8058 one-click
 * unsubscribe needs an HTTPS link and a DKIM signature covering the List-Unsubscribe headers, and
 * large mail providers drop or bin mail without them.
 */
export function readerMailWarnings(settings: NotifySettings & { publicUrl?: string }): string[] {
  if (!settings.smtpUrl) return [];
  const out: string[] = [];
  if (!settings.dkimDomain) out.push('Reader mail is not DKIM-signed: set --dkim-domain, --dkim-selector and --dkim-key (RFC 8058 one-click unsubscribe needs a signature).');
  if (!settings.publicUrl?.startsWith('https://')) out.push('Reader mail links are not HTTPS: set --public-url to this server\'s https:// address (RFC 8058 one-click unsubscribe needs HTTPS).');
  return out;
}
