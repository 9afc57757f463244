// What a Webmention's source says (issue 18): whether it links to the target (W3C Webmention 3.2.2:
// the receiver MUST check that the source links to the target), and, for an HTML page, its h-entry
// (microformats2, read by microformats-parser): the author's name and URL, the content as text, and
// whether it is in reply to the target. Photos are not kept (no third-party images, DESIGN).
import { parseHTML } from 'linkedom';
import { mf2 } from 'microformats-parser';
import { LIMITS } from '../../core/limits.ts';

export interface SourceEntry {
  /** The source links to the target. */
  links: boolean;
  /** `reply` when its h-entry is `in-reply-to` the target. */
  kind: 'reply' | 'mention';
  name: string;
  /** The author's page (http(s) only), else null. */
  website: string | null;
  text: string;
}

type Property = string | { value?: unknown; html?: string; properties?: Record<string, Property[]>; type?: string[] };

const same = (a: string, b: string): boolean => {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
};

/** A property's plain text: a string, an embedded value, or a nested item's name or value. */
function textOf(p: Property | undefined): string {
  if (p === undefined) return '';
  if (typeof p === 'string') return p;
  if (typeof p.value === 'string') return p.value;
  return textOf(p.properties?.name?.[0]);
}

const urlOf = (p: Property | undefined): string => (typeof p === 'object' && p.properties?.url ? textOf(p.properties.url[0]) : textOf(p));

const tidy = (text: string, max: number) => {
  // Control and format characters (bidi overrides among them) as the comment checks refuse them.
  const clean = text.replace(/[\p{Cc}\p{Cf}]/gu, (ch) => (ch === '\n' ? '\n' : ' ')).replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
};

const webUrl = (url: string) => (/^https?:\/\//i.test(url) && url.length <= LIMITS.website ? url : null);

/**
 * Read a fetched source for `target`. `url` is the page's final address (after redirects), the base
 * of its relative links. HTML is parsed; text/plain and JSON only need to contain the target.
 */
export function readSource({ body, contentType, url }: { body: string; contentType: string; url: string }, target: string): SourceEntry {
  const host = new URL(url).hostname;
  // Without an h-entry the comment's words are the page's title, else its address (a link to it).
  const plain = (links: boolean): SourceEntry => ({ links, kind: 'mention', name: host, website: null, text: url });
  if (contentType === 'text/plain' || contentType === 'application/json' || contentType.endsWith('+json')) return plain(body.includes(target));
  if (contentType !== 'text/html' && contentType !== 'application/xhtml+xml') return plain(false);

  const { document } = parseHTML(body);
  const hrefs = [...document.querySelectorAll('a[href], link[href], area[href], img[src], video[src], audio[src]')].map(
    (el) => el.getAttribute('href') ?? el.getAttribute('src') ?? '',
  );
  const links = hrefs.some((href) => {
    try {
      return same(new URL(href, url).href, target);
    } catch {
      return false;
    }
  });
  const title = tidy(document.querySelector('title')?.textContent ?? '', LIMITS.text);
  const parsed = mf2(body, { baseUrl: url });
  const items = parsed.items.flatMap((item) => (item.type?.includes('h-feed') ? (item.children ?? []) : [item])) as Property[];
  const entry = items.find((item) => typeof item === 'object' && item.type?.includes('h-entry')) as Exclude<Property, string> | undefined;
  // No h-entry: the page's title and address (the rules' duplicate check tells pages apart by it).
  if (!entry) return { links, kind: 'mention', name: host, website: null, text: title ? `${title}\n${url}` : url };

  const props = entry.properties ?? {};
  const author = props.author?.[0];
  const name = tidy(textOf(author), LIMITS.name) || host;
  const website = webUrl(urlOf(author));
  const text = tidy(textOf(props.content?.[0]) || textOf(props.summary?.[0]) || textOf(props.name?.[0]) || title || url, LIMITS.text);
  const replying = (props['in-reply-to'] ?? []).some((p) => same(urlOf(p), target));
  return { links, kind: replying ? 'reply' : 'mention', name, website, text };
}
