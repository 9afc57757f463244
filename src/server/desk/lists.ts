// The moderation lists (issue 21 item 4): hold words, spam words, blocked link domains and banned
// authors (by address, by client, by website domain; for a time or for ever), kept in the store so
// every instance uses the same, and edited on the desk. --hold-words and --spam-words are their
// starting values: a word a flag names is added the first time the server sees that flag name it,
// so a word the owner removed on the desk stays removed until a flag names it anew.
import type { UseCaseDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { LIST_NAMES, type ListEntry, type ListName } from '../store/store.ts';
import { logAction } from './log.ts';
import { BAN_ACTION, moderationLists, websiteDomain } from '../moderation/owner-lists.ts';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A list entry's value as stored, or a 400 saying what to type. */
export function listValue(list: ListName, raw: unknown): string {
  const value = typeof raw === 'string' ? raw.trim() : '';
  const refuse = (message: string) => new ApiError('invalid', message, { value: message });
  if (!value || value.length > 200) throw refuse('Type a value of 1 to 200 characters.');
  if (list === 'blocked-domains' || list === 'ban-domain') {
    const domain = value.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, '');
    if (!DOMAIN.test(domain)) throw refuse('Type a domain such as spam.example.');
    return domain;
  }
  if (list === 'ban-email') {
    if (!/^[^\s@]+@[^\s@]+$/.test(value)) throw refuse('Type an email address.');
    return value.toLowerCase();
  }
  if (/[\p{Cc}\p{Cf}]/u.test(value)) throw refuse('The value may not hold control or format characters.');
  return value;
}

const isList = (value: unknown): value is ListName => LIST_NAMES.includes(value as ListName);

/** `days`: a whole number of days from now, or null/absent for ever. */
function untilOf(now: number, days: unknown): number | null {
  if (days === null || days === undefined || days === '') return null;
  const n = Number(days);
  if (!Number.isInteger(n) || n < 1 || n > 3650) throw new ApiError('invalid', 'days must be a whole number from 1 to 3650, or left out for ever.', { days: 'Use 1 to 3650, or leave it out.' });
  return now + n * 86_400_000;
}

/** GET /api/v1/admin/lists */
export async function readLists(deps: Pick<UseCaseDeps, 'store' | 'settings' | 'now'>) {
  const lists = await moderationLists(deps.store, deps.settings, deps.now());
  const entries = await deps.store.desk.listEntries();
  return {
    entries: entries.map((e) => ({ ...e, until: e.until === null ? null : new Date(e.until).toISOString(), createdAt: new Date(e.createdAt).toISOString() })),
    banAction: lists.banAction,
  };
}

/** POST /api/v1/admin/lists `{ list, value, days?, note? }`: adds (or renews) an entry. */
export async function addToList(deps: UseCaseDeps, who: string, body: unknown) {
  const { list, value, days, note } = (body ?? {}) as Record<string, unknown>;
  if (!isList(list)) throw new ApiError('invalid', `list must be one of ${LIST_NAMES.join(', ')}.`, { list: 'Unknown list.' });
  const now = deps.now();
  await moderationLists(deps.store, deps.settings, now);
  const entry: ListEntry = { list, value: listValue(list, value), until: untilOf(now, days), createdAt: now, note: typeof note === 'string' && note.trim() ? note.trim().slice(0, 200) : null };
  await deps.store.desk.putListEntry(entry);
  await logAction(deps, { who, action: list.startsWith('ban-') ? 'ban' : 'list', ids: [], detail: JSON.stringify({ list, value: entry.value, until: entry.until }) });
  return { entry: { ...entry, until: entry.until === null ? null : new Date(entry.until).toISOString(), createdAt: new Date(now).toISOString() } };
}

/** POST /api/v1/admin/lists/remove `{ list, value }` */
export async function removeFromList(deps: UseCaseDeps, who: string, body: unknown) {
  const { list, value } = (body ?? {}) as Record<string, unknown>;
  if (!isList(list) || typeof value !== 'string') throw new ApiError('invalid', 'Name the list and the value to remove.', { value: 'Missing.' });
  const removed = await deps.store.desk.removeListEntry(list, value);
  if (removed) await logAction(deps, { who, action: list.startsWith('ban-') ? 'unban' : 'unlist', ids: [], detail: JSON.stringify({ list, value }) });
  return { removed };
}

/** POST /api/v1/admin/settings `{ banAction }` */
export async function saveDeskSettings(deps: UseCaseDeps, who: string, body: unknown) {
  const { banAction } = (body ?? {}) as Record<string, unknown>;
  if (banAction !== 'refuse' && banAction !== 'spam') throw new ApiError('invalid', 'banAction must be refuse or spam.', { banAction: 'Use refuse or spam.' });
  await deps.store.desk.setSetting(BAN_ACTION, banAction);
  await logAction(deps, { who, action: 'settings', ids: [], detail: JSON.stringify({ banAction }) });
  return { banAction };
}

const BAN_LIST = { email: 'ban-email', client: 'ban-client', domain: 'ban-domain' } as const;

/** POST /api/v1/admin/comments/:id/ban `{ kind: email|client|domain, days? }`: bans this comment's author. */
export async function banAuthor(deps: UseCaseDeps, who: string, id: string, body: unknown) {
  const { kind, days } = (body ?? {}) as Record<string, unknown>;
  if (kind !== 'email' && kind !== 'client' && kind !== 'domain') throw new ApiError('invalid', 'kind must be email, client or domain.', { kind: 'Use email, client or domain.' });
  const row = await deps.store.comments.get(id);
  if (!row) throw new ApiError('not_found', 'There is no comment with that id.');
  const value = kind === 'email' ? row.email.toLowerCase() : kind === 'client' ? row.clientHash : websiteDomain(row.website);
  if (!value) throw new ApiError('invalid', kind === 'client' ? 'This comment’s client is not known (an imported comment?).' : 'This comment has no website to take a domain from.', { kind: 'Not known for this comment.' });
  return addToList(deps, who, { list: BAN_LIST[kind], value, days, note: `from the comment by ${row.name} (${row.id})` });
}
