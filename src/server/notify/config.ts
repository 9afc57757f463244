// The notification settings of `parley serve` (--webhook, --webhook-secret, --smtp, --notify-email,
// --mail-from, --public-url), checked once at start-up so a mistake is an error naming the flag,
// not a job that dies eleven hours later. cli.ts passes `fail`, which throws its CliError.
import { checkEmail } from '../../core/checks.ts';

export interface NotifyRaw {
  webhooks: readonly string[];
  webhookSecret?: string;
  smtp?: string;
  notifyEmail?: string;
  mailFrom?: string;
  publicUrl?: string;
}

export interface NotifySettings {
  webhooks: string[];
  webhookSecret?: string;
  smtpUrl?: string;
  notifyEmail?: string;
  mailFrom?: string;
  publicUrl?: string;
}

/** A URL with its password replaced by ***, for error messages and logs. */
export function redactUrl(raw: string): string {
  if (!URL.canParse(raw)) return raw.replace(/:[^:@/]*@/, ':***@');
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}

export function readNotifySettings(raw: NotifyRaw, fail: (message: string) => never): NotifySettings {
  const webhooks = [...new Set(raw.webhooks.map((w) => w.trim()).filter(Boolean))].map((w) => webhookUrl(w, fail));
  const settings: NotifySettings = { webhooks };
  if (webhooks.length) {
    const secret = raw.webhookSecret ?? '';
    if (!secret) fail('--webhook needs --webhook-secret (or PARLEY_WEBHOOK_SECRET): the key that signs each body. Make one with: openssl rand -hex 32');
    if ([...secret].length < 16) fail('--webhook-secret must be at least 16 characters, so the signature cannot be guessed. Make one with: openssl rand -hex 32');
    settings.webhookSecret = secret;
  }
  if (Boolean(raw.smtp) !== Boolean(raw.notifyEmail)) {
    fail(raw.smtp ? '--smtp needs --notify-email: the address that gets mail about held comments.' : '--notify-email needs --smtp: the mail server to send through, like smtps://user:password@mail.example:465.');
  }
  if (raw.smtp) {
    settings.smtpUrl = smtpUrl(raw.smtp, fail);
    const to = raw.notifyEmail!.trim();
    if (checkEmail(to) || /[,;<>]/.test(to)) fail(`--notify-email must be one email address like owner@blog.example, not "${to}".`);
    settings.notifyEmail = to;
  }
  if (raw.mailFrom) settings.mailFrom = mailFrom(raw.mailFrom, fail);
  if (raw.publicUrl) settings.publicUrl = publicUrl(raw.publicUrl, fail);
  return settings;
}

function webhookUrl(raw: string, fail: (message: string) => never): string {
  // Owner's config, not a reader's: no origin check (issue 8), but only http(s).
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || !/^https?:$/.test(url.protocol) || !url.hostname) fail(`--webhook must be an http:// or https:// URL, not "${redactUrl(raw)}".`);
  if (url.username || url.password) fail(`--webhook URLs may not carry a user or password (${redactUrl(raw)}): receivers check X-Parley-Signature instead.`);
  return url.toString();
}

function smtpUrl(raw: string, fail: (message: string) => never): string {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || !/^smtps?:$/.test(url.protocol) || !url.hostname || (url.pathname && url.pathname !== '/') || url.search) {
    fail(`--smtp must be a URL like smtp://user:password@mail.example:587 or smtps://user:password@mail.example:465, not "${redactUrl(raw)}". Percent-encode special characters in the password.`);
  }
  return raw;
}

function mailFrom(raw: string, fail: (message: string) => never): string {
  const value = raw.trim();
  const match = /^(?:([^<>\p{Cc}]*)<([^<>\s]+)>|([^<>\s]+))$/u.exec(value);
  const address = match?.[2] ?? match?.[3] ?? '';
  if (!match || checkEmail(address)) fail(`--mail-from must be an address like parley@blog.example or "Blog comments <parley@blog.example>", not "${value}".`);
  return value;
}

function publicUrl(raw: string, fail: (message: string) => never): string {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    fail(`--public-url must be this server's address as you open it, like https://comments.blog.example (a path is fine; no query), not "${raw}".`);
  }
  return url.toString().replace(/\/+$/, '');
}
