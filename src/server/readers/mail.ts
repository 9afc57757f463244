// The mails a reader gets (issue 17): the confirmation (nothing in it was typed by whoever asked:
// only the site's name and the link, so it cannot carry spam to a stranger), the batch of new
// comments (RFC 8058 one-click unsubscribe headers, a "Manage my comments" link) and the link to
// /my. Plain text first; the HTML says the same.
import type { StoredComment } from '../store/store.ts';
import { esc, mailText, type MailMessage } from '../notify/mail.ts';
import type { ReaderSite } from './site.ts';

/** The sender, and how the site and its threads are named (site.ts readerSite). */
export interface ReaderMailContext extends ReaderSite {
  from: string;
}

const STYLE = 'font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem';
const html = (body: string) => `<!doctype html><html><body style="${STYLE}">${body}</body></html>`;
// Every line break a header could be split or shown broken by (notify/mail.ts does the same).
const oneLine = (value: string) => value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');

export function confirmMail(ctx: ReaderMailContext, to: string, link: string): MailMessage {
  const subject = `Confirm that you want emails about replies to your comments on ${ctx.site}`;
  const text = [
    `Someone, we hope you, asked for emails about replies to comments on ${ctx.site} to be sent to this address.`,
    '',
    `To confirm, open this link within 48 hours and press Confirm:`,
    link,
    '',
    'If it was not you, ignore this mail: nothing more will be sent to you, and the request is forgotten in a week.',
  ].join('\n');
  return {
    from: ctx.from,
    to,
    subject,
    text,
    html: html(`<p>Someone, we hope you, asked for emails about replies to comments on <b>${esc(ctx.site)}</b> to be sent to this address.</p>
<p><a href="${esc(link)}">Confirm that you want these emails</a> (the link works for 48 hours).</p>
<p style="color:#555">If it was not you, ignore this mail: nothing more will be sent to you, and the request is forgotten in a week.</p>`),
  };
}

export function manageMail(ctx: ReaderMailContext, to: string, link: string): MailMessage {
  const text = [`Here is the link to your comments on ${ctx.site}. It works for 24 hours:`, link, '', 'There you can read, download or delete them, and stop all mail from us.', '', 'If you did not ask for it, ignore this mail.'].join('\n');
  return {
    from: ctx.from,
    to,
    subject: `Your comments on ${ctx.site}`,
    text,
    html: html(`<p><a href="${esc(link)}">Your comments on ${esc(ctx.site)}</a> (the link works for 24 hours).</p>
<p>There you can read, download or delete them, and stop all mail from us.</p><p style="color:#555">If you did not ask for it, ignore this mail.</p>`),
  };
}

export interface CommentsMailLinks {
  /** RFC 8058: the HTTPS URL that a POST of `List-Unsubscribe=One-Click` unsubscribes. */
  unsubscribe: string;
  manage: string;
}

/**
 * One mail for a batch of new comments (replies to the reader's, or on a followed thread), each
 * comment's text formatted as the thread shows it (issue 16): as text, quoted, and as escaped HTML.
 */
export function commentsMail(ctx: ReaderMailContext, to: string, comments: readonly StoredComment[], links: CommentsMailLinks): MailMessage {
  const where = (c: StoredComment) => {
    const page = ctx.page(c.thread);
    return page ? `${page}#comment-${encodeURIComponent(c.id)}` : null;
  };
  const subject = comments.length === 1 ? `${oneLine(comments[0]!.name)} replied on ${ctx.site}` : `${comments.length} new comments on ${ctx.site}`;
  const text = [
    comments.length === 1 ? `A new comment on ${ctx.site}:` : `${comments.length} new comments on ${ctx.site}:`,
    ...comments.flatMap((c) => {
      const link = where(c);
      return ['', `${c.name} wrote on ${ctx.named(c.thread)} (${new Date(c.createdAt).toUTCString()}):`, '', ...mailText(c.text, c.format).quoted, ...(link ? ['', `Read and reply: ${link}`] : [])];
    }),
    '',
    '--',
    `You get these mails because you asked for them on ${ctx.site}.`,
    `Manage my comments (works for 24 hours): ${links.manage}`,
    `Unsubscribe: ${links.unsubscribe}`,
  ].join('\n');
  const items = comments
    .map((c) => {
      const link = where(c);
      return `<p><b>${esc(c.name)}</b> wrote on ${esc(ctx.named(c.thread))}:</p>
<blockquote style="overflow-wrap:anywhere;border-left:3px solid #ccc;margin:0;padding-left:1em">${mailText(c.text, c.format).html}</blockquote>${
        link ? `<p><a href="${esc(link)}">Read and reply</a></p>` : ''
      }`;
    })
    .join('\n');
  return {
    from: ctx.from,
    to,
    subject,
    text,
    html: html(`${items}
<hr><p style="color:#555">You get these mails because you asked for them on ${esc(ctx.site)}. <a href="${esc(links.manage)}">Manage my comments</a> · <a href="${esc(links.unsubscribe)}">Unsubscribe</a></p>`),
    headers: {
      'List-Unsubscribe': `<${links.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
