// What a reader does from a mailed link (issue 17): confirm an address (binding the asking
// browser's author key), unsubscribe, and on /my read, download or erase their own comments and
// stop all mail. Each takes the token from the link; nothing here is reachable without one.
import type { UseCaseDeps } from '../deps.ts';
import { splitThreadKey } from '../store/sites.ts';
import type { StoredComment } from '../store/store.ts';
import { readReaderToken, type ReaderLink, type ReaderLinkPurpose } from './links.ts';

type Deps = Pick<UseCaseDeps, 'store' | 'now' | 'secret'>;

/** At most this many comments listed, downloaded or erased a request (a bound; the page says when there are more). */
export const MAX_MINE = 500;

export type LinkCheck = { ok: true; link: ReaderLink } | { ok: false; reason: 'invalid' | 'expired' };

export async function readLink(deps: Deps, purpose: ReaderLinkPurpose, token: string | undefined): Promise<LinkCheck> {
  return readReaderToken(await deps.secret(), purpose, token, deps.now());
}

/** Confirm the address and bind the asking browser's key. False when the address is no longer stored (unsubscribed, or a week passed). */
export async function confirmAddress(deps: Deps, link: ReaderLink): Promise<boolean> {
  return deps.store.readers.confirm(link.email, deps.now(), link.key);
}

/** Stop all mail to the address: what it follows, its bound keys and queued comments go (RFC 8058 one-click, and /my). */
export async function stopMail(deps: Deps, link: ReaderLink): Promise<void> {
  await deps.store.readers.forget(link.email);
}

/**
 * Mail about every new comment on one of the reader's threads (issue 17: "the reader may also
 * choose every new comment on the thread"). The /my link was opened from the address's own mailbox,
 * which is what a confirmation proves, so the address is confirmed too. False for a thread the
 * address has no comment on.
 */
export async function followThread(deps: Deps, link: ReaderLink, thread: string): Promise<boolean> {
  if (!(await myComments(deps, link)).some((c) => c.thread === thread)) return false;
  const now = deps.now();
  await deps.store.readers.follow(link.email, { kind: 'thread', target: thread }, now);
  await deps.store.readers.confirm(link.email, now, null);
  return true;
}

export async function myComments(deps: Deps, link: ReaderLink): Promise<StoredComment[]> {
  return deps.store.readers.commentsOf(link.email, MAX_MINE);
}

/** Erase the given comments of the link's address, or all of them (`all`). Returns how many. */
export async function eraseMine(deps: Deps, link: ReaderLink, which: { all: true } | { ids: string[] }): Promise<number> {
  const ids = 'all' in which ? (await myComments(deps, link)).map((c) => c.id) : which.ids.slice(0, MAX_MINE);
  return ids.length ? deps.store.readers.erase(link.email, ids) : 0;
}

/**
 * GDPR articles 15 and 20: the reader's comments and their mail subscription as JSON, in the fields
 * they gave and we keep about them, and each comment's vote counts (what every reader sees; Remark42's
 * download carries each comment's score too). The votes the reader cast are not in it: a vote is
 * kept by the browser's voter key, as a keyed hash, and nothing ties it to an address (README
 * "Votes and sorting"). `manySites`: the server has many (issue 19), so each thread is given as its
 * site knows it, with the site's name beside it.
 */
export async function exportMine(deps: Deps, link: ReaderLink, manySites = false) {
  const [comments, mail] = await Promise.all([myComments(deps, link), deps.store.readers.get(link.email)]);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const where = (key: string) => {
    const { site, thread } = splitThreadKey(key);
    return manySites ? { site, thread } : { thread: key };
  };
  return {
    address: link.email,
    mail: mail && {
      askedAt: iso(mail.createdAt),
      confirmedAt: iso(mail.confirmedAt),
      follows: mail.follows.map((f) => ({ kind: f.kind, ...(f.kind === 'replies' ? { comment: f.target } : where(f.target)), since: iso(f.createdAt) })),
    },
    comments: comments.map((c) => ({
      id: c.id,
      ...where(c.thread),
      parent: c.parent,
      status: c.status,
      name: c.name,
      email: c.email,
      website: c.website,
      text: c.text,
      createdAt: new Date(c.createdAt).toISOString(),
      editedAt: c.editedAt === null ? null : new Date(c.editedAt).toISOString(),
      votes: { up: c.votesUp, down: c.votesDown },
    })),
  };
}
