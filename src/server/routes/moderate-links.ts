// GET and POST /moderate: the pages behind the Approve / Spam links of the owner's mail (issue 8).
// HTTP and HTML only: what a link names and what its POST does are comments/moderate-actions.ts.
// A GET only shows the comment and a button, and changes nothing: mail scanners and link previews
// open every link. The POST does the action. The token in the POST body is the authority (it came
// from the owner's mail, signed with the server secret), so no cookie or sign-in is needed, and a
// cross-site POST cannot forge one.
//
// The token names the comment, not its text, and the author may still edit a held comment (within
// the edit window). So the page also carries a stamp of the text it showed, and the POST acts only
// while the comment still has that text: the owner never approves words they have not seen.
//
// Many sites (issue 19): the mailed link names its comment's site (`site=`, notify/mail.ts), so the
// site's own app answers it: the thread as the site knows it, the decision in that site's action log
// and learning filter. A link without it (mailed before, or cut short) reaches the whole store's app,
// which sends it on to the comment's site (307 keeps a POST's form).
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { actOnModerationLink, readModerationLink, seenStamp } from '../comments/moderate-actions.ts';
import { ACTION_STATUS } from '../comments/statuses.ts';
import type { LinkAction } from '../notify/action-links.ts';
import { esc } from '../notify/mail.ts';
import { mediaType, readBodyText, tokenPageHeaders } from '../http.ts';
import type { Deps } from '../deps.ts';
import { splitThreadKey } from '../store/sites.ts';
import type { StoredComment } from '../store/store.ts';

const VERB: Record<LinkAction, { ask: string; button: string; done: string }> = {
  approve: { ask: 'Approve this comment?', button: 'Approve', done: 'Approved: the comment is published.' },
  spam: { ask: 'Mark this comment as spam?', button: 'Mark as spam', done: 'Marked as spam: the comment stays hidden.' },
};

const CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
blockquote{white-space:pre-wrap;overflow-wrap:anywhere;border-left:3px solid #cbd5e1;margin:1rem 0;padding:.25rem 1rem;background:#f8fafc}
dt{font-weight:600}dd{margin:0 0 .5rem;overflow-wrap:anywhere}
button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:6px;background:#2563eb;color:#fff;cursor:pointer}
button.spam{background:#b91c1c}.note{color:#4b5563}`;

let cssHash: string | undefined;

/**
 * Like the admin page's policy (routes/admin-page.ts), but the one stylesheet is inline, allowed by
 * its hash, and the one form may post back here.
 */
export function moderatePageCsp(): string {
  cssHash ??= createHash('sha256').update(CSS).digest('base64');
  return `default-src 'none'; style-src 'sha256-${cssHash}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
}

/** A form body is two short fields; anything bigger is not ours. */
const MAX_FORM_BYTES = 4096;

export function moderateLinkRoutes(deps: Deps): Hono {
  const app = new Hono();

  app.use('*', tokenPageHeaders(moderatePageCsp));

  /** On the front of many sites: the site of the link's comment, whose page answers it; else null. */
  const siteOf = async (token: string | undefined): Promise<string | null> => {
    if (deps.options.site !== undefined || !deps.settings.sites.length) return null;
    const target = await readModerationLink(deps, token);
    if (target.kind !== 'found') return null;
    const { site } = splitThreadKey(target.row.thread);
    return deps.settings.sites.some((s) => s.name === site) ? site : null;
  };
  /** The same page on `site`: a query-only reference, so it also works under a path prefix. */
  const onSite = (c: Context, site: string) => {
    const query = new URLSearchParams(new URL(c.req.url).search);
    query.set('site', site);
    return c.redirect(`?${query}`, 307);
  };
  const shown = (row: StoredComment) => details(row, deps.options.site);

  /** The page for a link that names no comment, or null when it names one. */
  const noComment = (c: Context, target: { kind: 'expired'; expiresAt: number } | { kind: 'invalid' } | { kind: 'gone' }) =>
    target.kind === 'expired'
      ? page(c, 400, 'This link has expired', `<p>It worked until ${esc(new Date(target.expiresAt).toUTCString())}. Nothing was changed.</p>${adminHint(deps)}`)
      : target.kind === 'invalid'
        ? page(c, 400, 'This link is not valid', `<p>It may have been cut short or changed: open the whole link from the mail again. Nothing was changed.</p>${adminHint(deps)}`)
        : page(c, 404, 'This comment no longer exists', `<p>Nothing was changed.</p>${adminHint(deps)}`);

  const deleted = (c: Context, row: StoredComment) => page(c, 409, 'This comment was deleted', `${shown(row)}<p>Nothing was changed.</p>`);
  const already = (row: StoredComment) => `<p class="note">It is already ${row.status}; there is nothing to do.</p>`;

  app.get('/', async (c) => {
    const token = c.req.query('t');
    const site = await siteOf(token);
    if (site !== null) return onSite(c, site);
    const target = await readModerationLink(deps, token);
    if (target.kind !== 'found') return noComment(c, target);
    const { row, action } = target;
    if (row.status === 'deleted') return deleted(c, row);
    const verb = VERB[action];
    if (row.status === ACTION_STATUS[action]) return page(c, 200, verb.ask, `${shown(row)}${already(row)}`);
    return page(c, 200, verb.ask, `${shown(row)}${confirmForm(token ?? '', action, row)}`);
  });

  app.post('/', async (c) => {
    const { token, seen } = await formFields(c);
    const site = await siteOf(token);
    if (site !== null) return onSite(c, site);
    const done = await actOnModerationLink(deps, { token, seen });
    switch (done.kind) {
      case 'done':
        return page(c, 200, VERB[done.action].done, shown(done.row));
      case 'deleted':
        // An author may delete their own held comment before the owner gets to the mail.
        return deleted(c, done.row);
      case 'edited':
        // 409: the text is not the one the owner confirmed; nothing changed, and here is the new one to confirm.
        return page(
          c,
          409,
          'The comment was edited since this page was shown',
          `<p>Nothing was changed. Here it is again, as it reads now:</p>${shown(done.row)}${
            done.row.status === ACTION_STATUS[done.action] ? already(done.row) : confirmForm(token!, done.action, done.row)
          }`,
        );
      default:
        return noComment(c, done);
    }
  });

  return app;
}

/**
 * The confirmation: the token (the authority) and the stamp of the text shown with it. No action
 * attribute: the form posts to this very URL, which also works under a path prefix.
 */
function confirmForm(token: string, action: LinkAction, row: StoredComment): string {
  return `<form method="post"><input type="hidden" name="t" value="${esc(token)}"><input type="hidden" name="seen" value="${esc(seenStamp(row))}"><button type="submit"${
    action === 'spam' ? ' class="spam"' : ''
  }>${VERB[action].button}</button></form>`;
}

/** The `t` (token) and `seen` (text stamp) fields of a url-encoded form body, read with a size cap. */
async function formFields(c: Context): Promise<{ token?: string; seen?: string }> {
  if (mediaType(c) !== 'application/x-www-form-urlencoded') return {};
  const text = await readBodyText(c, MAX_FORM_BYTES);
  if (text === null) return {};
  const fields = new URLSearchParams(text);
  return { token: fields.get('t') ?? undefined, seen: fields.get('seen') ?? undefined };
}

/**
 * What the owner needs to decide; never the email (DESIGN promise 1: this is a page, reachable by
 * whoever holds the link). `site`: the comment's site, on a server of many.
 */
function details(row: StoredComment, site: string | undefined): string {
  const facts: [string, string][] = [
    ['Author', row.name],
    ...(row.website ? [['Website', row.website] as [string, string]] : []),
    ['Thread', row.thread],
    ...(site === undefined ? [] : [['Site', site] as [string, string]]),
    ['Posted', new Date(row.createdAt).toUTCString()],
    ['Status', row.status],
  ];
  return `<dl>${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl><blockquote>${esc(row.text)}</blockquote>`;
}

const adminHint = (deps: Deps) =>
  deps.settings.adminToken ? `<p class="note">Every held comment is on the <a href="admin${deps.options.site === undefined ? '' : `?site=${esc(encodeURIComponent(deps.options.site))}`}">admin page</a>.</p>` : '';

function page(c: Context, status: ContentfulStatusCode, title: string, body: string): Response {
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)} · Parley</title><style>${CSS}</style></head><body><h1>${esc(title)}</h1>${body}</body></html>`,
    status,
  );
}
