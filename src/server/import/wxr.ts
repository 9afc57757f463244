// WordPress eXtended RSS (WXR 1.0, 1.1, 1.2: Tools → Export in WordPress). One <item> per post,
// its comments as <wp:comment> children. Field meanings follow WordPress's own importer
// (wordpress-importer/parsers/class-wxr-parser-simplexml.php).
import { threadIdFromUrl } from '../../core/thread-id.ts';
import type { Status } from '../../core/types.ts';
import { decodeEntities, htmlToComment } from './html-to-text.ts';
import type { ParsedFile, SourceComment } from './types.ts';
import { childText, children, type RecordHandler, type XmlElement, type XmlRoot } from './xml-records.ts';

/** The `wp:` namespace of every WXR version, http or https ("https://wordpress.org/export/1.2/"). */
export const WXR_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/(1\.[0-2])\/$/;

/** The postmeta key Parley's own WXR export keeps its thread id in, so a thread that is no URL path survives. */
export const THREAD_META = '_parley_thread';

// wp:comment_approved → stored status. 'post-trashed' is what WordPress sets on the comments of a
// trashed post.
const STATUS: Record<string, Status> = { '1': 'published', approve: 'published', approved: 'published', '0': 'pending', hold: 'pending', spam: 'spam', trash: 'deleted', 'post-trashed': 'deleted' };

/** "2014-01-14 17:31:03" read as UTC, or null ("0000-00-00 00:00:00" is WordPress for "none"). */
function wpDate(value: string | undefined): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec((value ?? '').trim());
  if (!match || match[1] === '0000') return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  return Number.isNaN(ms) ? null : ms;
}

/** Reads one WXR file; `parsed` fills as items stream by. */
/**
 * The site as part of a comment's key: its host and path, lower-case, without the scheme, a
 * leading "www." or a trailing slash. A blog that moved from http to https (or dropped "www.") and
 * is exported again must find the comments imported from its old address, not import them twice.
 */
export function siteKey(address: string): string {
  return address.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');
}

export function wxrHandler(root: XmlRoot, parsed: ParsedFile): RecordHandler {
  const version = Object.values(root.namespaces).map((uri) => WXR_NAMESPACE.exec(uri)?.[1]).find(Boolean);
  const wp = Object.values(root.namespaces).find((uri) => WXR_NAMESPACE.test(uri))!;
  parsed.label = `WordPress WXR ${version}`;
  // The site's address makes the keys unique across sites imported into one store.
  let site = '';
  let items = 0;

  return {
    // rss (1) > channel (2) > item and the channel's own fields (3).
    isRecord: (_local, _uri, depth) => depth === 3,
    // Post bodies can be most of the file and are never read.
    keepText: (local) => local !== 'encoded' && local !== 'description',
    record(el) {
      if (el.uri === wp && (el.local === 'base_blog_url' || el.local === 'base_site_url') && !site) site = siteKey(el.text);
      else if (el.uri === '' && el.local === 'link' && !site) site = siteKey(el.text);
      if (el.local !== 'item' || el.uri !== '') return;
      items++;
      readItem(el, items);
    },
  };

  function readItem(item: XmlElement, index: number) {
    const comments = children(item, 'comment', wp);
    if (!comments.length) return;
    const title = decodeEntities((childText(item, 'title') ?? '').trim());
    const label = title ? `“${title.length > 60 ? `${title.slice(0, 59)}…` : title}”` : `item ${index}`;
    const postId = (childText(item, 'post_id', wp) ?? '').trim();
    const link = (childText(item, 'link') ?? '').trim();
    const meta = children(item, 'postmeta', wp).find((m) => (childText(m, 'meta_key', wp) ?? '').trim() === THREAD_META);
    const own = meta ? (childText(meta, 'meta_value', wp) ?? '').trim() : '';
    // The widget's thread id of the item's page. Without a link, WordPress's own address of a post
    // is /?p=ID (it answers it on every site, pretty permalinks or not).
    const thread = own || (link ? threadIdFromUrl(link) : /^\d+$/.test(postId) ? threadIdFromUrl(`/?p=${postId}`) : null);
    // The item's identity: its post id, else its link, else its guid, else its place in the file.
    const itemKey = postId || link || (childText(item, 'guid') ?? '').trim() || `#${index}`;

    for (const c of comments) {
      const field = (name: string) => childText(c, name, wp) ?? '';
      const id = field('comment_id').trim();
      const where = `line ${c.line}, comment ${id || '(no id)'} of ${label}`;
      const type = field('comment_type').trim();
      if (type === 'pingback' || type === 'trackback') {
        parsed.skipped.push({ kind: type, where, detail: `a ${type}` });
        continue;
      }
      if (type && type !== 'comment') {
        // Plugins keep other things as comments (WooCommerce order notes, reviews): not a discussion.
        parsed.skipped.push({ kind: 'other-type', where, detail: `comment type "${type}"` });
        continue;
      }
      if (!thread) {
        parsed.skipped.push({ kind: 'no-thread', where, detail: 'its item has no link and no post id' });
        continue;
      }
      const gmt = wpDate(field('comment_date_gmt'));
      const local = wpDate(field('comment_date'));
      if (gmt === null && local === null) {
        parsed.skipped.push({ kind: 'no-date', where, detail: 'no comment_date_gmt or comment_date' });
        continue;
      }
      if (gmt === null) parsed.notes.push({ where, message: 'no comment_date_gmt: its local comment_date was read as UTC' });
      const approved = field('comment_approved').trim();
      let status = STATUS[approved];
      if (!status) {
        parsed.notes.push({ where, message: `unknown comment_approved "${approved}": imported as pending` });
        status = 'pending';
      }
      const parent = field('comment_parent').trim();
      const metaId = children(c, 'commentmeta', wp).find((m) => (childText(m, 'meta_key', wp) ?? '').trim() === '_parley_id');
      const comment: SourceComment = {
        key: `wxr\n${site}\n${itemKey}\n${id || `#${c.line}`}`,
        parentKey: parent && parent !== '0' ? `wxr\n${site}\n${itemKey}\n${parent}` : null,
        where,
        thread,
        status,
        name: decodeEntities(field('comment_author')),
        email: field('comment_author_email'),
        website: field('comment_author_url'),
        // A link stays a link (markdown), as do bold and italic; anything else imports as plain text.
        ...htmlToComment(field('comment_content'), { newlines: 'keep' }),
        createdAt: gmt ?? local!,
        editedAt: null,
      };
      // A Parley WXR export carries each comment's Parley id, so importing it back finds them.
      const parleyId = metaId ? (childText(metaId, 'meta_value', wp) ?? '').trim() : '';
      if (parleyId) comment.id = parleyId;
      parsed.comments.push(comment);
    }
  }
}

/** Whether an XML root is a WXR file (an RSS root that declares a WordPress export namespace). */
export const isWxr = (root: XmlRoot): boolean => root.local === 'rss' && Object.values(root.namespaces).some((uri) => WXR_NAMESPACE.test(uri));
