// How reader mail and the reader's pages name the site and its threads: the host of the first
// --origin (the blog readers know), else of --public-url. Never anything a reader typed.
//
// Many sites (issue 19): the store's thread key carries the site (store/sites.ts: `NAME␟thread`).
// What a reader sees is the thread as its site knows it, with the site's name, and its page is on
// that site's first origin; the server itself is named by --public-url's host.
import { threadPage } from '../routes/feeds.ts';
import type { SiteConfig } from '../sites/config.ts';
import { splitThreadKey } from '../store/sites.ts';

export interface ReaderSite {
  /** The site as readers know it: a host. */
  site: string;
  /** The page of a thread (its store key) on its site, or null when its id names no page. */
  page: (thread: string) => string | null;
  /** A thread (its store key) as a reader knows it: its site's own id, and the site's name on a server of many. */
  named: (thread: string) => string;
}

export function readerSite(origins: readonly string[], publicUrl: string, sites: readonly SiteConfig[] = []): ReaderSite {
  if (!sites.length) {
    const origin = origins[0] ?? publicUrl;
    return { site: new URL(origin).host, page: (thread) => threadPage(origin, thread), named: (thread) => thread };
  }
  return {
    site: new URL(publicUrl).host,
    page: (key) => {
      const { site, thread } = splitThreadKey(key);
      return threadPage(sites.find((s) => s.name === site)?.origins[0], thread);
    },
    named: (key) => {
      const { site, thread } = splitThreadKey(key);
      return `${thread} (${site})`;
    },
  };
}
