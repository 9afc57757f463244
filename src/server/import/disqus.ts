// The Disqus export (Admin → Community → Export): <thread> and <post> elements side by side under
// <disqus>, posts pointing at their thread and parent by dsq:id. A post may come before its thread
// in the file, so posts are matched to threads once the whole file is read.
import { createHash } from 'node:crypto';
import { threadIdFromUrl } from '../../core/thread-id.ts';
import type { Status } from '../../core/types.ts';
import { decodeEntities, htmlToText } from './html-to-text.ts';
import type { ParsedFile, SourceComment } from './types.ts';
import { attribute, childText, children, type RecordHandler, type XmlElement, type XmlRoot } from './xml-records.ts';

export const DISQUS_NAMESPACE = 'http://disqus.com';

export const isDisqus = (root: XmlRoot): boolean => root.local === 'disqus';

interface PendingPost {
  el: XmlElement;
  threadRef: string;
}

/** The dsq:id of a child like <thread dsq:id="2"/>, or '' when there is no such child. */
const ref = (el: XmlElement, local: string) => {
  const child = children(el, local)[0];
  return child ? (attribute(child, 'id') ?? '') : '';
};

const flag = (value: string | undefined) => (value ?? '').trim().toLowerCase() === 'true';

export function disqusHandler(_root: XmlRoot, parsed: ParsedFile): RecordHandler {
  parsed.label = 'Disqus XML';
  const threads = new Map<string, { link: string; where: string }>();
  const posts: PendingPost[] = [];

  return {
    isRecord: (local, _uri, depth) => depth === 2 && (local === 'thread' || local === 'post'),
    record(el) {
      const dsqId = attribute(el, 'id') ?? '';
      if (el.local === 'thread') {
        threads.set(dsqId, { link: (childText(el, 'link') ?? '').trim(), where: `line ${el.line}` });
      } else {
        posts.push({ el, threadRef: ref(el, 'thread') });
      }
    },
    end() {
      for (const { el, threadRef } of posts) {
        const dsqId = attribute(el, 'id') ?? '';
        const where = `line ${el.line}, post ${dsqId || '(no dsq:id)'}`;
        const thread = threads.get(threadRef);
        if (!thread) {
          parsed.skipped.push({ kind: 'no-thread', where, detail: threadRef ? `its thread ${threadRef} is not in the file` : 'it names no thread' });
          continue;
        }
        if (!thread.link) {
          parsed.skipped.push({ kind: 'no-thread', where, detail: `its thread ${threadRef} (${thread.where}) has no link` });
          continue;
        }
        const createdAt = Date.parse((childText(el, 'createdAt') ?? '').trim());
        if (Number.isNaN(createdAt)) {
          parsed.skipped.push({ kind: 'no-date', where, detail: `createdAt "${(childText(el, 'createdAt') ?? '').trim()}" is not a date` });
          continue;
        }
        const author = children(el, 'author')[0];
        const message = childText(el, 'message') ?? '';
        // Deleted wins over spam: a moderator removed it either way, and it is kept only as the
        // anchor of its replies (Disqus keeps deleted posts for the same reason).
        const status: Status = flag(childText(el, 'isDeleted')) ? 'deleted' : flag(childText(el, 'isSpam')) ? 'spam' : 'published';
        const name = author ? (childText(author, 'name') ?? '').trim() || (childText(author, 'username') ?? '').trim() : '';
        const parentRef = ref(el, 'parent');
        const comment: SourceComment = {
          // dsq:id is unique across Disqus; a post without one is known by what it says and when.
          key: dsqId ? `disqus\n${dsqId}` : `disqus\n#${createHash('sha256').update(JSON.stringify([threadRef, name, createdAt, message])).digest('hex')}`,
          parentKey: parentRef ? `disqus\n${parentRef}` : null,
          where,
          thread: threadIdFromUrl(thread.link),
          status,
          name: decodeEntities(name),
          email: author ? (childText(author, 'email') ?? '') : '',
          website: '',
          text: htmlToText(message.trim(), { newlines: 'collapse' }),
          createdAt,
          editedAt: null,
        };
        parsed.comments.push(comment);
      }
    },
  };
}
