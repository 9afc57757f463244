// Owner mail (issue 8): a comment held for a moderator is mailed to the owner with Approve and
// Spam links that work without signing in, for a limited time (action-links.ts). The links open
// a confirmation page; the action itself is a POST (routes/moderate-links.ts), because mail
// scanners and link previews open every link they see.
import { createTransport } from 'nodemailer';
import { parse, renderHtml, renderText } from '../../core/format/index.ts';
import type { Format } from '../../core/types.ts';
import type { Job } from '../store/store.ts';
import { LINK_TTL_SECONDS, makeActionToken, type LinkAction } from './action-links.ts';
import type { CommentEvent, MailJob } from './events.ts';
import { PermanentError } from './worker.ts';

/** What a transport needs to offer: nodemailer's Transporter has it, and so can a test's fake. */
export interface MailTransport {
  sendMail(message: MailMessage): Promise<unknown>;
  close?(): void;
}

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (reader mail: RFC 8058's List-Unsubscribe and List-Unsubscribe-Post). */
  headers?: Record<string, string>;
}

/**
 * A nodemailer SMTP transport from `smtp://user:pass@host:port` (STARTTLS when the server offers
 * it; port 587 by default) or `smtps://…` (TLS from the first byte; port 465 by default).
 * `extra` is merged last (tests pass `{ ignoreTLS: true }`).
 *
 * @example const transport = createSmtpTransport('smtps://parley:app-password@smtp.example:465');
 */
export function createSmtpTransport(url: string, extra: Record<string, unknown> = {}): MailTransport {
  const parsed = new URL(url);
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new Error(`An SMTP URL starts with smtp:// or smtps://, not ${parsed.protocol}//.`);
  const secure = parsed.protocol === 'smtps:';
  const user = decodeURIComponent(parsed.username);
  return createTransport({
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: user ? { user, pass: decodeURIComponent(parsed.password) } : undefined,
    // nodemailer waits two minutes by default; a mail job holds a lease in the outbox meanwhile.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...extra,
  });
}

export interface HeldMailOptions {
  from: string;
  to: string;
  /** The server's address as the owner reaches it (--public-url), without a trailing slash. */
  publicUrl: string;
  /** When the admin page is on: mentioned at the end of the mail. */
  adminUrl?: string;
}

/**
 * A comment's text for a mail (issue 16): its format's tree as text, each line quoted with "> ",
 * for the text part, and as escaped HTML for the HTML part, formatted as the thread shows it.
 */
export const mailText = (text: string, format: Format | undefined) => {
  const tree = parse(text, format ?? 'plain');
  return { quoted: renderText(tree).split('\n').map((line) => `> ${line}`.trimEnd()), html: renderHtml(tree) };
};

/** The message for one held comment, links given. Plain text first; the HTML says the same. */
export function composeHeldMail(event: CommentEvent, links: Record<LinkAction, string>, expiresAt: number, options: HeldMailOptions): MailMessage {
  const { comment } = event;
  const { author } = comment;
  const shown = mailText(comment.text, comment.format);
  const thread = comment.thread.length > 80 ? `${comment.thread.slice(0, 79)}…` : comment.thread;
  const until = new Date(expiresAt).toUTCString();
  const reasons = event.reasons.filter((r) => r.verdict !== 'publish');
  const facts: [string, string][] = [
    ['Author', author.name],
    ['Email', author.email],
    ...(author.website ? [['Website', author.website] as [string, string]] : []),
    ['Thread', comment.thread],
    // Many sites (issue 19): which site's thread.
    ...(comment.site ? [['Site', comment.site] as [string, string]] : []),
    ...(event.url ? [['Page', event.url] as [string, string]] : []),
    ['Posted', new Date(comment.createdAt).toUTCString()],
    // Jobs queued before the field existed have none.
    ...(comment.editedAt ? [['Edited', new Date(comment.editedAt).toUTCString()] as [string, string]] : []),
    ['Status', comment.status === 'spam' ? 'spam (held)' : 'pending (held for a moderator)'],
  ];
  const why = reasons.length ? reasons.map((r) => `${r.rule} (${r.verdict}): ${r.message}`) : ['No rule objected; the moderation mode holds it.'];
  const waiting = event.cause === 'edited' ? 'was edited by its author and is waiting for you again' : 'is waiting for you';
  const text = [
    `A comment on ${comment.thread} ${waiting}.`,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    'Why it was held:',
    ...why.map((line) => `- ${line}`),
    '',
    'The comment:',
    '',
    ...shown.quoted,
    '',
    `Approve: ${links.approve}`,
    `Mark as spam: ${links.spam}`,
    '',
    `Each link opens a page where you confirm the action. They work without signing in until ${until}.`,
    ...(options.adminUrl ? [`Every held comment: ${options.adminUrl}`] : []),
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">
<p>A comment on <b>${esc(comment.thread)}</b> ${waiting}.</p>
<table>${facts.map(([k, v]) => `<tr><th align="left" style="padding-right:1em">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>
<p>Why it was held:</p><ul>${why.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>
<blockquote style="border-left:3px solid #ccc;margin:0;padding-left:1em">${shown.html}</blockquote>
<p><a href="${esc(links.approve)}">Approve</a> &nbsp; <a href="${esc(links.spam)}">Mark as spam</a></p>
<p style="color:#555">Each link opens a page where you confirm the action. They work without signing in until ${esc(until)}.${
    options.adminUrl ? ` Every held comment: <a href="${esc(options.adminUrl)}">${esc(options.adminUrl)}</a>` : ''
  }</p>
</body></html>`;
  return { from: options.from, to: options.to, subject: `Held for moderation: ${oneLine(author.name)} on ${oneLine(thread)}${comment.site ? ` (${oneLine(comment.site)})` : ''}`, text, html };
}

export interface MailSenderOptions extends HeldMailOptions {
  transport: MailTransport;
  /** The server secret (deps.secret), which signs the links. */
  secret: () => Promise<string>;
  now?: () => number;
  /** How long the links work. Default 7 days. */
  linkTtlSeconds?: number;
}

/**
 * Deliver one mail job. The links are made now, at sending, so a mail that waited in the outbox
 * still gets its full week.
 */
export function createMailSender(options: MailSenderOptions): (job: Job) => Promise<void> {
  const now = options.now ?? Date.now;
  const ttl = (options.linkTtlSeconds ?? LINK_TTL_SECONDS) * 1000;
  return async (job) => {
    const { event } = (job.payload ?? {}) as Partial<MailJob>;
    if (typeof event !== 'object' || event === null || !event.comment) throw new PermanentError('the job has no comment event');
    const secret = await options.secret();
    const expiresAt = now() + ttl;
    // Many sites (issue 19): the link names the comment's site, whose page acts by that site's rules and log.
    const site = event.comment.site === undefined ? '' : `&site=${encodeURIComponent(event.comment.site)}`;
    const link = (action: LinkAction) => `${options.publicUrl}/moderate?t=${makeActionToken(secret, { id: event.comment.id, action, expiresAt })}${site}`;
    // makeActionToken keeps whole seconds: say the time the link really stops working.
    const until = Math.floor(expiresAt / 1000) * 1000;
    try {
      await options.transport.sendMail(composeHeldMail(event, { approve: link('approve'), spam: link('spam') }, until, options));
    } catch (error) {
      // RFC 5321: a 5xx reply is a permanent failure (no such mailbox, relaying denied, wrong
      // credentials): the same message will be refused again, so the job is dead at once with the
      // server's words for the owner. 4xx replies and network failures are worth the retries.
      const code = (error as { responseCode?: unknown }).responseCode;
      if (typeof code === 'number' && code >= 500) throw new PermanentError(`the SMTP server refused the mail for good (${code}): ${(error as Error).message}`);
      throw error;
    }
  };
}

// Every line break a header could be split or shown broken by: CR, LF, tab, the other C0/C1
// controls, and U+2028/U+2029, which some mail clients break lines at (issue 14).
const oneLine = (value: string) => value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');

export const esc = (value: string): string =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
