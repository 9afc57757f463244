// `parley export --format wxr`: a WordPress eXtended RSS 1.2 file that WordPress's importer (Tools →
// Import → WordPress) reads: the way out to WordPress. One <item> per thread, each comment with
// WordPress's numeric ids and parents, its status, local and GMT dates, author email and URL, and its
// text and author name escaped as HTML (WordPress keeps both as HTML, and its importer filters a
// name like `Heidi <h>` down to `Heidi`; Parley's are plain text) inside CDATA. The posts are by one
// author, Parley (`<wp:author>`, `<dc:creator>`): without one the importer says "Failed to import
// author" for every thread. Parley's own ids ride along as meta (`_parley_thread`, `_parley_id`), so
// `parley import` reads the file back into exactly the comments it came from, and the Parley plugin
// for WordPress (docs/wordpress/parley) adds a thread whose address is a post of the site to it.
// Votes are not in it: WordPress has no votes on comments to show them with. A move that keeps
// votes goes through Parley JSON (parley-format.ts).
import { parse, renderHtml } from '../../core/format/index.ts';
import type { Status } from '../../core/types.ts';
import type { StoredComment } from '../store/store.ts';

export interface WxrOptions {
  /** The site the threads are pages of, e.g. https://blog.example: each item's link is site + thread id. */
  site: string;
  /** IANA time zone for WordPress's local dates (comment_date); GMT dates are always written too. */
  timeZone?: string;
  exportedAt: Date;
}

const APPROVED: Record<Status, string> = { published: '1', pending: '0', spam: 'spam', deleted: 'trash' };

// XML 1.0 allows tab, LF, CR and everything from U+0020 but U+FFFE/U+FFFF and lone surrogates.
const NOT_XML = /[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const xmlText = (value: string) => value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A CDATA section that stays one: "]]>" inside the value is split across two sections. */
export const cdata = (value: string) => `<![CDATA[${value.replace(NOT_XML, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
/** The login and name of the one author of the exported posts (the drafts, not the comments). */
export const WXR_AUTHOR = { login: 'parley', name: 'Parley' };

/** Plain text as the HTML WordPress will show: the characters that would be markup, escaped. */
const asHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const formats = new Map<string, Intl.DateTimeFormat>();

/** "2024-05-01 12:00:00" in UTC, or in `timeZone`. */
export function wpDate(ms: number, timeZone = 'UTC'): string {
  if (timeZone === 'UTC') return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  // Making a DateTimeFormat costs far more than using one: one per zone, kept.
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The item's link: a path thread is a page of the site; any other id (a custom data-thread) is kept by its meta. */
function linkOf(site: string, thread: string): string {
  const base = site.replace(/\/+$/, '');
  return thread.startsWith('/') ? `${base}${thread}` : `${base}/?parley_thread=${encodeURIComponent(thread)}`;
}

const slug = (thread: string) =>
  thread
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 190) || 'home';

/**
 * The file as lines. `rows` must be in export order (thread, then parents before replies).
 * @example for (const line of wxrExportLines(rows, { site: 'https://blog.example', exportedAt: new Date() })) out(line);
 */
export function* wxrExportLines(rows: readonly StoredComment[], options: WxrOptions): Generator<string> {
  const { site, timeZone = 'UTC', exportedAt } = options;
  const base = site.replace(/\/+$/, '');
  yield '<?xml version="1.0" encoding="UTF-8" ?>';
  yield '<!-- Parley comments as WordPress eXtended RSS (WXR) 1.2. Import it in WordPress with Tools → Import → WordPress. -->';
  yield '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">';
  yield '<channel>';
  yield `\t<title>${xmlText(`Comments of ${base}`)}</title>`;
  yield `\t<link>${xmlText(base)}</link>`;
  yield '\t<description>Exported from Parley</description>';
  yield `\t<pubDate>${exportedAt.toUTCString().replace('GMT', '+0000')}</pubDate>`;
  yield '\t<language>en</language>';
  yield '\t<wp:wxr_version>1.2</wp:wxr_version>';
  yield `\t<wp:base_site_url>${xmlText(base)}</wp:base_site_url>`;
  yield `\t<wp:base_blog_url>${xmlText(base)}</wp:base_blog_url>`;
  yield '\t<generator>Parley</generator>';
  // The importer offers to map each author to a user (a new one by default). On one line, as
  // WordPress writes it: the importer's line-by-line parser reads it only so.
  yield `\t<wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata(WXR_AUTHOR.login)}</wp:author_login><wp:author_email><![CDATA[]]></wp:author_email><wp:author_display_name>${cdata(WXR_AUTHOR.name)}</wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>`;

  // WordPress numbers comments across the whole file; a reply names its parent by that number.
  const numbers = new Map<string, number>();
  let post = 0;
  for (let i = 0; i < rows.length; ) {
    const thread = rows[i]!.thread;
    let end = i;
    while (end < rows.length && rows[end]!.thread === thread) end++;
    const comments = rows.slice(i, end);
    i = end;
    post++;
    const first = Math.min(...comments.map((c) => c.createdAt));
    yield '\t<item>';
    yield `\t\t<title>${cdata(thread)}</title>`;
    yield `\t\t<link>${xmlText(linkOf(base, thread))}</link>`;
    yield `\t\t<pubDate>${new Date(first).toUTCString().replace('GMT', '+0000')}</pubDate>`;
    yield `\t\t<dc:creator>${cdata(WXR_AUTHOR.login)}</dc:creator>`;
    yield `\t\t<guid isPermaLink="false">${xmlText(linkOf(base, thread))}</guid>`;
    yield '\t\t<description></description>';
    yield '\t\t<content:encoded><![CDATA[]]></content:encoded>';
    yield '\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>';
    yield `\t\t<wp:post_id>${post}</wp:post_id>`;
    yield `\t\t<wp:post_date>${cdata(wpDate(first, timeZone))}</wp:post_date>`;
    yield `\t\t<wp:post_date_gmt>${cdata(wpDate(first))}</wp:post_date_gmt>`;
    yield '\t\t<wp:comment_status>open</wp:comment_status>';
    yield '\t\t<wp:ping_status>closed</wp:ping_status>';
    yield `\t\t<wp:post_name>${cdata(slug(thread))}</wp:post_name>`;
    // A draft: the importer creates a post for a thread it cannot match, and that post should not
    // go live on its own.
    yield '\t\t<wp:status>draft</wp:status>';
    yield '\t\t<wp:post_parent>0</wp:post_parent>';
    yield '\t\t<wp:menu_order>0</wp:menu_order>';
    yield '\t\t<wp:post_type>post</wp:post_type>';
    yield '\t\t<wp:post_password></wp:post_password>';
    yield '\t\t<wp:is_sticky>0</wp:is_sticky>';
    yield '\t\t<wp:postmeta>';
    yield '\t\t\t<wp:meta_key>_parley_thread</wp:meta_key>';
    yield `\t\t\t<wp:meta_value>${cdata(thread)}</wp:meta_value>`;
    yield '\t\t</wp:postmeta>';
    for (const c of comments) {
      const id = numbers.size + 1;
      numbers.set(c.id, id);
      yield '\t\t<wp:comment>';
      yield `\t\t\t<wp:comment_id>${id}</wp:comment_id>`;
      yield `\t\t\t<wp:comment_author>${cdata(asHtml(c.name))}</wp:comment_author>`;
      yield `\t\t\t<wp:comment_author_email>${cdata(c.email)}</wp:comment_author_email>`;
      yield `\t\t\t<wp:comment_author_url>${xmlText(c.website ?? '')}</wp:comment_author_url>`;
      yield '\t\t\t<wp:comment_author_IP></wp:comment_author_IP>';
      yield `\t\t\t<wp:comment_date>${cdata(wpDate(c.createdAt, timeZone))}</wp:comment_date>`;
      yield `\t\t\t<wp:comment_date_gmt>${cdata(wpDate(c.createdAt))}</wp:comment_date_gmt>`;
      // A markdown comment as the thread shows it (issue 20 bug 7: its links are links again in
      // WordPress); a plain one as its escaped text, which WordPress shows as typed.
      yield `\t\t\t<wp:comment_content>${cdata(c.format === 'markdown' ? renderHtml(parse(c.text, 'markdown')) : asHtml(c.text))}</wp:comment_content>`;
      yield `\t\t\t<wp:comment_approved>${APPROVED[c.status]}</wp:comment_approved>`;
      yield '\t\t\t<wp:comment_type>comment</wp:comment_type>';
      yield `\t\t\t<wp:comment_parent>${c.parent === null ? 0 : (numbers.get(c.parent) ?? 0)}</wp:comment_parent>`;
      yield '\t\t\t<wp:comment_user_id>0</wp:comment_user_id>';
      yield '\t\t\t<wp:commentmeta>';
      yield '\t\t\t\t<wp:meta_key>_parley_id</wp:meta_key>';
      yield `\t\t\t\t<wp:meta_value>${cdata(c.id)}</wp:meta_value>`;
      yield '\t\t\t</wp:commentmeta>';
      yield '\t\t</wp:comment>';
    }
    yield '\t</item>';
  }
  yield '</channel>';
  yield '</rss>';
}
