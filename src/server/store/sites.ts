// Many sites on one store (issue 19 item 5). A thread id is unique within its site: `/about` on two
// sites is two threads. The store keeps one key per thread, so (site, thread) is encoded into that
// key: the default site's threads as they are, any other site's as `NAME␟thread` (U+001F). A thread
// id never holds a control character (core's checkThread), so no id of one site can be read as
// another's, and a store written before sites existed needs no data migration: every row of it
// belongs to the default site.
//
// for-site.ts makes the store's view of one site from these keys.

export const DEFAULT_SITE = 'default';
export const SITE_MARK = '\x1f';
/** A site's name: what `site=`, `data-site`, `--site NAME=…` and `[sites.NAME]` carry. */
export const SITE_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/**
 * Which threads a cross-thread listing reads (the admin queue, the desk, feeds, exports): a prefix
 * of the store's thread keys (`NAME␟`), '' for the default site (keys without the mark), or
 * undefined for every thread of every site.
 */
export type SiteScope = string | undefined;

export const siteScope = (site: string): string => (site === DEFAULT_SITE ? '' : site + SITE_MARK);

/** The store's key of a site's thread. */
export const threadKey = (site: string, thread: string): string => siteScope(site) + thread;

/** True when the store's thread key `key` is in `scope`. */
export function inScope(key: string, scope: SiteScope): boolean {
  if (scope === undefined) return true;
  return scope === '' ? !key.includes(SITE_MARK) : key.startsWith(scope);
}

/** The site and the site's own thread id of a store key. */
export function splitThreadKey(key: string): { site: string; thread: string } {
  const mark = key.indexOf(SITE_MARK);
  return mark === -1 ? { site: DEFAULT_SITE, thread: key } : { site: key.slice(0, mark), thread: key.slice(mark + 1) };
}
