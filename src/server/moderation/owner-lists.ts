// The owner's moderation lists as the rules read them (issue 21; desk/lists.ts edits them): kept in
// the store, with --hold-words and --spam-words as their starting values (a word a flag names is
// added the first time the server sees that flag name it, so a word the owner removed on the desk
// stays removed until a flag names it anew). No use case imports here: the rules import this.
import type { ListEntry, ListName, Store } from '../store/store.ts';

/** What banned authors' posts get: refused (a 400 with a sentence), or stored straight as spam. */
export type BanAction = 'refuse' | 'spam';

export interface ModerationLists {
  holdWords: string[];
  spamWords: string[];
  blockedDomains: string[];
  /** Bans in force now. */
  bans: ListEntry[];
  banAction: BanAction;
}

const SEEDED = 'lists-seeded';
export const BAN_ACTION = 'ban-action';

/** The lists as the rules read them, after adding any word a flag names for the first time. */
export async function moderationLists(store: Store, flags: { holdWords: readonly string[]; spamWords: readonly string[] }, now: number): Promise<ModerationLists> {
  await seedFromFlags(store, flags, now);
  const [entries, action] = await Promise.all([store.desk.listEntries(), store.desk.setting(BAN_ACTION)]);
  const of = (list: ListName) => entries.filter((e) => e.list === list && (e.until === null || e.until > now));
  return {
    holdWords: of('hold-words').map((e) => e.value),
    spamWords: of('spam-words').map((e) => e.value),
    blockedDomains: of('blocked-domains').map((e) => e.value),
    bans: [...of('ban-email'), ...of('ban-client'), ...of('ban-domain')],
    banAction: action === 'spam' ? 'spam' : 'refuse',
  };
}

async function seedFromFlags(store: Store, flags: { holdWords: readonly string[]; spamWords: readonly string[] }, now: number): Promise<void> {
  const current = JSON.stringify({ hold: flags.holdWords, spam: flags.spamWords });
  const stored = await store.desk.setting(SEEDED);
  if (stored === current) return;
  const before = stored ? (JSON.parse(stored) as { hold: string[]; spam: string[] }) : { hold: [], spam: [] };
  const add = async (list: ListName, words: readonly string[], seen: readonly string[]) => {
    for (const word of words) if (!seen.includes(word)) await store.desk.putListEntry({ list, value: word, until: null, createdAt: now, note: 'from the command line' });
  };
  await add('hold-words', flags.holdWords, before.hold);
  await add('spam-words', flags.spamWords, before.spam);
  await store.desk.setSetting(SEEDED, current);
}

/** The host of an http(s) website, lower case, without a leading www. */
export function websiteDomain(website: string | null | undefined): string | null {
  if (!website || !URL.canParse(website)) return null;
  const url = new URL(website);
  return /^https?:$/.test(url.protocol) ? url.hostname.toLowerCase().replace(/^www\./, '') : null;
}

/** True when `host` is `domain` or one of its subdomains. */
export const inDomain = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`);
