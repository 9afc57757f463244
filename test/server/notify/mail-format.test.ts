// Mail shows a comment as the thread does (issue 16): the owner's held-comment mail and a reader's
// reply mail carry the text's format tree, as quoted text in the text part and as escaped HTML in
// the HTML part. A plain comment (older, imported, or a job queued before formatting) is as before.
import { describe, expect, it } from 'vitest';
import { composeHeldMail } from '../../../src/server/notify/mail.ts';
import type { CommentEvent } from '../../../src/server/notify/events.ts';
import { commentsMail } from '../../../src/server/readers/mail.ts';
import { draft } from '../store/context.ts';

const TEXT = '**Bold** and <b>tag</b>\n\n> quoted\n\n- one\n- two\n\n[docs](https://x.org/d)';

const event = (format?: 'plain' | 'markdown'): CommentEvent => ({
  event: 'comment.held',
  cause: 'posted',
  comment: {
    id: 'c1',
    thread: '/a',
    parent: null,
    author: { name: 'Ada', email: 'ada@example.com', website: null },
    text: TEXT,
    ...(format && { format }),
    createdAt: '2026-01-01T00:00:00.000Z',
    editedAt: null,
    status: 'pending',
  },
  reasons: [],
});
const held = (format?: 'plain' | 'markdown') =>
  composeHeldMail(event(format), { approve: 'https://p.example/a', spam: 'https://p.example/s' }, 0, { from: 'p@example.org', to: 'o@example.org', publicUrl: 'https://p.example' });

describe('mail about a comment', () => {
  it('formats a markdown comment in the owner’s held mail: quoted text, and escaped HTML with the tree’s elements', () => {
    const mail = held('markdown');
    expect(mail.text).toContain(['> Bold and <b>tag</b>', '>', '> > quoted', '>', '> - one', '> - two', '>', '> docs (https://x.org/d)'].join('\n'));
    expect(mail.html).toContain(
      '<p dir="auto"><strong>Bold</strong> and &lt;b&gt;tag&lt;/b&gt;</p><blockquote dir="auto"><p dir="auto">quoted</p></blockquote><ul dir="auto"><li dir="auto">one</li><li dir="auto">two</li></ul>',
    );
    expect(mail.html).toContain('<a href="https://x.org/d" rel="nofollow ugc noopener" target="_blank">docs</a>');
    expect(mail.html).not.toContain('<b>tag');
  });

  it('shows a plain comment, and a job queued before formatting (no format), as typed', () => {
    for (const mail of [held('plain'), held()]) {
      expect(mail.text).toContain('> **Bold** and <b>tag</b>\n>\n> > quoted\n>\n> - one\n> - two');
      expect(mail.html).toContain('<p dir="auto">**Bold** and &lt;b&gt;tag&lt;/b&gt;</p><p dir="auto">&gt; quoted</p>');
      expect(mail.html).not.toContain('<strong>');
    }
  });

  it('formats each comment of a reader’s mail the same way', () => {
    const ctx = { from: 'p@example.org', site: 'blog.example', page: (thread: string) => `https://blog.example${thread}`, named: (thread: string) => thread };
    const links = { manage: 'https://p.example/my', unsubscribe: 'https://p.example/u' };
    const mail = commentsMail(ctx, 'r@example.org', [{ ...draft({ id: 'r1', thread: '/a', text: TEXT }), seq: 1, format: 'markdown', authorKey: null, mention: null, source: null, votesUp: 0, votesDown: 0, owner: false, pinnedAt: null }], links);
    expect(mail.text).toContain('> Bold and <b>tag</b>\n>\n> > quoted');
    expect(mail.html).toContain('<p dir="auto"><strong>Bold</strong> and &lt;b&gt;tag&lt;/b&gt;</p>');
  });
});
