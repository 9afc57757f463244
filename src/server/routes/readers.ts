// The reader's pages behind mailed links (issue 17): /notify/confirm, /notify/unsubscribe (RFC 8058
// one-click: a POST to the List-Unsubscribe URL) and /my (ask for a link by email; with one, list,
// download, erase, stop all mail). HTTP and HTML only: readers/ holds what they do. Server-rendered,
// so none of it is in the widget's bytes. As for the owner's links (moderate-links.ts), a GET shows
// and a POST acts (mail scanners open every link), and the token in the URL or the form is the
// authority, so no cookie is needed and a cross-site POST cannot forge one.
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { checkEmail } from '../../core/checks.ts';
import { clientHash } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import { mediaType, readBodyText, tokenPageHeaders } from '../http.ts';
import { esc } from '../notify/mail.ts';
import { askForManageLink } from '../readers/ask.ts';
import type { ReaderLinkPurpose } from '../readers/links.ts';
import { readerSite } from '../readers/site.ts';
import { confirmAddress, eraseMine, exportMine, followThread, myComments, readLink, stopMail, MAX_MINE } from '../readers/self-service.ts';

const CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
blockquote{white-space:pre-wrap;overflow-wrap:anywhere;border-left:3px solid #cbd5e1;margin:.5rem 0;padding:.25rem 1rem;background:#f8fafc}
button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:6px;background:#2563eb;color:#fff;cursor:pointer}
button.danger{background:#b91c1c}input[type=email]{font:inherit;padding:.4rem;width:18rem;max-width:100%}
li{margin:0 0 1rem}.note{color:#4b5563}form{margin:1rem 0}`;

let csp: string | undefined;
const pageCsp = () =>
  (csp ??= `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`);

/** A form body here is a token, an address or a list of ids: small. */
const MAX_FORM_BYTES = 64 * 1024;

function page(c: Context, status: ContentfulStatusCode, title: string, body: string): Response {
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${CSS}</style></head><body><h1>${esc(title)}</h1>${body}</body></html>`,
    status,
  );
}

async function formOf(c: Context): Promise<URLSearchParams> {
  if (mediaType(c) !== 'application/x-www-form-urlencoded') return new URLSearchParams();
  return new URLSearchParams((await readBodyText(c, MAX_FORM_BYTES)) ?? '');
}

const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${esc(value)}">`;

export function readerRoutes(deps: Deps): Hono {
  const app = new Hono();
  // Links between these pages: under --public-url's path when it has one (a server behind a prefix).
  const base = () => (deps.settings.publicUrl ? new URL(deps.settings.publicUrl).pathname.replace(/\/+$/, '') : '');
  // This app is the whole store's (/my names no site): on a server of many sites a comment's thread
  // key carries its site, and the reader is shown the thread as its site knows it, with the site's name.
  const reader = (c: Context) => readerSite(deps.settings.origins, deps.settings.publicUrl ?? new URL(c.req.url).origin, deps.settings.sites);
  const site = (c: Context) => reader(c).site;

  // Only these pages: this app is mounted at the root, beside the assets and the owner's pages.
  const pageHeaders = tokenPageHeaders(pageCsp);
  for (const path of ['/notify/*', '/my', '/my/*']) app.use(path, pageHeaders);

  const badLink = (c: Context, reason: 'invalid' | 'expired', purpose: ReaderLinkPurpose) =>
    page(
      c,
      400,
      reason === 'expired' ? 'This link has expired' : 'This link is not valid',
      `<p>${reason === 'expired' ? 'It worked for a limited time.' : 'It may have been cut short or changed: open the whole link from the mail again.'} Nothing was changed.</p>${
        purpose === 'manage' ? `<p><a href="${base()}/my">Ask for a new link to your comments</a></p>` : ''
      }`,
    );

  // ---- Confirm (double opt-in) ----
  app.get('/notify/confirm', async (c) => {
    const token = c.req.query('t');
    const check = await readLink(deps, 'confirm', token);
    if (!check.ok) return badLink(c, check.reason, 'confirm');
    return page(
      c,
      200,
      `Emails from ${site(c)}`,
      `<p>Confirm that you want emails about replies to your comments on <b>${esc(site(c))}</b>. Every mail has a link to stop them.</p><form method="post">${hidden('t', token!)}<button type="submit">Confirm</button></form>`,
    );
  });
  app.post('/notify/confirm', async (c) => {
    const check = await readLink(deps, 'confirm', (await formOf(c)).get('t') ?? undefined);
    if (!check.ok) return badLink(c, check.reason, 'confirm');
    if (!(await confirmAddress(deps, check.link))) {
      return page(c, 410, 'Nothing to confirm', '<p>This request was stopped or has been forgotten (after a week). Tick the box under your next comment to ask again.</p>');
    }
    return page(c, 200, 'Confirmed', `<p>You will get an email when someone replies to your comments on <b>${esc(site(c))}</b>. Replies that come close together arrive in one mail.</p>`);
  });

  // ---- Unsubscribe (RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to this URL) ----
  app.get('/notify/unsubscribe', async (c) => {
    const token = c.req.query('t');
    const check = await readLink(deps, 'unsubscribe', token);
    if (!check.ok) return badLink(c, check.reason, 'unsubscribe');
    // No action: the form posts to this very URL, token included.
    return page(c, 200, 'Stop these emails?', `<p>No more mail from ${esc(site(c))} will be sent to this address.</p><form method="post"><button type="submit">Unsubscribe</button></form>`);
  });
  app.post('/notify/unsubscribe', async (c) => {
    const check = await readLink(deps, 'unsubscribe', c.req.query('t'));
    if (!check.ok) return badLink(c, check.reason, 'unsubscribe');
    await stopMail(deps, check.link);
    return page(c, 200, 'Unsubscribed', `<p>No more mail from ${esc(site(c))} will be sent to this address. Ticking the box under a comment asks again, with a new confirmation.</p>`);
  });

  // ---- /my ----
  const askForm = (note = '') =>
    `${note}<p>Enter the address you commented with. If comments were posted with it, a link to them is mailed there; it works for 24 hours.</p><form method="post" action="${base()}/my"><label>Email <input type="email" name="email" required maxlength="254" autocomplete="email"></label> <button type="submit">Send me the link</button></form>`;

  app.get('/my', async (c) => {
    const token = c.req.query('t');
    if (token === undefined) return page(c, 200, 'Your comments', askForm());
    const check = await readLink(deps, 'manage', token);
    if (!check.ok) return badLink(c, check.reason, 'manage');
    const comments = await myComments(deps, check.link);
    const { named } = reader(c);
    const list = comments.length
      ? `<form method="post" action="${base()}/my/erase">${hidden('t', token)}<ul>${comments
          .map(
            (row) =>
              `<li><label><input type="checkbox" name="id" value="${esc(row.id)}"> <b>${esc(named(row.thread))}</b>, ${esc(new Date(row.createdAt).toUTCString())} (${esc(row.status)})</label><blockquote>${esc(row.text)}</blockquote></li>`,
          )
          .join('')}</ul><button type="submit" class="danger">Delete the ticked comments</button> <button type="submit" class="danger" name="all" value="1">Delete all my comments</button></form>`
      : '<p>There are no comments with this address.</p>';
    const mail = deps.readerMail && comments.length ? await deps.store.readers.get(check.link.email) : null;
    const followed = new Set(mail?.confirmedAt ? mail.follows.filter((f) => f.kind === 'thread').map((f) => f.target) : []);
    const threads = [...new Set(comments.filter((row) => row.status !== 'deleted').map((row) => row.thread))].slice(0, 50);
    const follow =
      deps.readerMail && threads.length
        ? `<h2>Mail about whole threads</h2><p class="note">Besides replies to your comments, you can have every new comment on a thread mailed to you (new comments close together come in one mail).</p><ul>${threads
            .map((thread) =>
              followed.has(thread)
                ? `<li><b>${esc(named(thread))}</b>: every new comment is mailed to you.</li>`
                : `<li><form method="post" action="${base()}/my/follow">${hidden('t', token)}${hidden('thread', thread)}<b>${esc(named(thread))}</b> <button type="submit">Mail me every new comment</button></form></li>`,
            )
            .join('')}</ul>`
        : '';
    return page(
      c,
      200,
      'Your comments',
      `<p class="note">Comments posted with ${esc(check.link.email)} on ${esc(site(c))}${comments.length >= MAX_MINE ? ` (the first ${MAX_MINE})` : ''}. Deleting one erases its name, address, website and text; where replies hang on it, an empty placeholder keeps their place.</p>${list}
${follow}
<p><a href="${base()}/my/export?t=${esc(token)}" download="my-comments.json">Download all as JSON</a></p>
<form method="post" action="${base()}/my/stop">${hidden('t', token)}<button type="submit">Stop all mail to this address</button></form>`,
    );
  });

  app.post('/my', async (c) => {
    const email = ((await formOf(c)).get('email') ?? '').trim();
    if (checkEmail(email)) return page(c, 400, 'Your comments', askForm('<p><b>Please enter an email address, like ada@example.com.</b></p>'));
    // The same answer for every address, known or not, within the limits or over them.
    if (deps.readerMail) await askForManageLink(deps, { email, clientHash: clientHash(await deps.secret(), deps.clientAddress(c)) });
    return page(c, 200, 'Check your mail', `<p>If comments were posted with ${esc(email)} on ${esc(site(c))}, a link to them is on its way. It works for 24 hours.</p>`);
  });

  app.post('/my/erase', async (c) => {
    const form = await formOf(c);
    const token = form.get('t') ?? undefined;
    const check = await readLink(deps, 'manage', token);
    if (!check.ok) return badLink(c, check.reason, 'manage');
    const n = await eraseMine(deps, check.link, form.get('all') ? { all: true } : { ids: form.getAll('id') });
    return page(c, 200, n === 1 ? '1 comment deleted' : `${n} comments deleted`, `<p><a href="${base()}/my?t=${esc(token!)}">Back to your comments</a></p>`);
  });

  app.post('/my/follow', async (c) => {
    const form = await formOf(c);
    const token = form.get('t') ?? undefined;
    const check = await readLink(deps, 'manage', token);
    if (!check.ok) return badLink(c, check.reason, 'manage');
    const thread = form.get('thread') ?? '';
    if (!deps.readerMail || !(await followThread(deps, check.link, thread))) {
      return page(c, 400, 'Nothing changed', `<p>This server mails nobody, or you have no comment on that thread.</p><p><a href="${base()}/my?t=${esc(token!)}">Back to your comments</a></p>`);
    }
    return page(c, 200, 'Following the thread', `<p>Every new comment on <b>${esc(reader(c).named(thread))}</b> will be mailed to you; each mail has a link to stop them.</p><p><a href="${base()}/my?t=${esc(token!)}">Back to your comments</a></p>`);
  });

  app.post('/my/stop', async (c) => {
    const check = await readLink(deps, 'manage', (await formOf(c)).get('t') ?? undefined);
    if (!check.ok) return badLink(c, check.reason, 'manage');
    await stopMail(deps, check.link);
    return page(c, 200, 'No more mail', `<p>Nothing more will be mailed to this address about comments on ${esc(site(c))}.</p>`);
  });

  app.get('/my/export', async (c) => {
    const check = await readLink(deps, 'manage', c.req.query('t'));
    if (!check.ok) return badLink(c, check.reason, 'manage');
    c.header('Content-Disposition', 'attachment; filename="my-comments.json"');
    return c.json(await exportMine(deps, check.link, deps.settings.sites.length > 0));
  });

  return app;
}
