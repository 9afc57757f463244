// How reader mail names the site and links its pages: the host of the first --origin (the blog
// readers know), else of --public-url. Never anything a reader typed.
import { threadPage } from '../routes/feeds.ts';

export function readerSite(origins: readonly string[], publicUrl: string): { site: string; page: (thread: string) => string | null } {
  const origin = origins[0] ?? publicUrl;
  return { site: new URL(origin).host, page: (thread) => threadPage(origin, thread) };
}
