// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../src/core/i18n/en.ts';
import { button, comment, setup } from './helpers.tsx';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the count heading', () => {
  it('says there are no comments yet on an empty thread', async () => {
    const m = await setup();
    expect(m.$('h2')!.textContent).toBe('No comments yet');
  });

  it('says one thought for a single comment', async () => {
    const m = await setup({ comments: [comment('a')] });
    expect(m.$('h2')!.textContent).toBe('One thought on “Putin to visit China – Kremlin”');
  });

  it('counts the thread total even when fewer comments are listed', async () => {
    const m = await setup({ comments: ['a', 'b', 'c'].map((id) => comment(id)), pageSize: 2 });
    expect(m.$$('article')).toHaveLength(2);
    expect(m.$('h2')!.textContent).toBe('3 thoughts on “Putin to visit China – Kremlin”');
  });
});

describe('the thread', () => {
  it('nests replies in lists inside their parent item', async () => {
    const m = await setup({ comments: [comment('a'), comment('b', 'a'), comment('c')] });
    const b = m.$('#comment-b')!;
    expect(b.parentElement!.parentElement!.closest('li')!.querySelector('article')!.id).toBe('comment-a');
    expect(b.closest('ol')!.parentElement!.closest('ol')).toBeTruthy();
    expect(m.$('#comment-c')!.closest('ol')!.parentElement?.closest('ol') ?? null).toBeNull();
  });

  it('caps the displayed depth at maxDepth', async () => {
    const chain = [comment('a'), comment('b', 'a'), comment('c', 'b'), comment('d', 'c')];
    const m = await setup({ comments: chain, maxDepth: 2 });
    const depth = (id: string) => {
      let n = 0;
      for (let el: Element | null = m.$(`#comment-${id}`); el; el = el.parentElement) if (el.tagName == 'OL') n++;
      return n;
    };
    expect([depth('a'), depth('b'), depth('c'), depth('d')]).toEqual([1, 2, 2, 2]);
  });

  it('names each comment, dates it, links it and offers a reply', async () => {
    const m = await setup({ comments: [comment('a', null, { editedAt: '2026-05-11T00:00:00Z' })] });
    const a = m.$('#comment-a')!;
    expect(a.tagName).toBe('ARTICLE');
    expect(a.getAttribute('aria-label')).toBe('Comment by Author a');
    expect(a.querySelector('time')!.getAttribute('datetime')).toMatch(/^2026-05-10T12:/);
    expect(a.querySelector('a[href="#comment-a"]')).toBeTruthy();
    expect(a.textContent).toContain('(edited)');
    expect(a.querySelector('.av')!.textContent).toBe('AA');
    expect(a.querySelector('.av')!.getAttribute('style')).toMatch(/hsl\(\d+ 50% 30%\)/);
    expect(a.querySelector('button')!.getAttribute('aria-label')).toBe('Reply to Author a');
  });

  it('links the author to a website with nofollow ugc noopener', async () => {
    const m = await setup({ comments: [comment('a', null, { author: { name: 'Ann', website: 'https://ann.example/', avatar: 'x' } })] });
    const link = m.$('#comment-a a[rel]')!;
    expect(link.getAttribute('href')).toBe('https://ann.example/');
    expect(link.getAttribute('rel')).toBe('nofollow ugc noopener');
    expect(link.textContent).toBe('Ann');
  });

  it('shows a deleted comment that has replies as "This comment was deleted."', async () => {
    const m = await setup({ comments: [comment('a', null, { deleted: true, text: '' }), comment('b', 'a')] });
    expect(m.$('#comment-a')!.textContent).toBe(en.deleted);
    expect(m.$('#comment-b')).toBeTruthy();
  });

  it('renders paragraphs, line breaks and http links from the text', async () => {
    const m = await setup({ comments: [comment('a', null, { text: 'One\ntwo https://x.org/a.\n\nThree' })] });
    const ps = m.$$('#comment-a p[dir=auto]');
    expect(ps).toHaveLength(2);
    expect(ps[0]!.querySelectorAll('br')).toHaveLength(1);
    const a = ps[0]!.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://x.org/a');
    expect(a.getAttribute('rel')).toBe('nofollow ugc noopener');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(ps[1]!.textContent).toBe('Three');
  });
});

describe('formatting (issue 16)', () => {
  const MARKDOWN = '**Bold** and *it*, `a < b`:\n\n> quoted\n\n- one\n- two\n\n3. three\n\n```\ncode *here*\n```\n\n[the docs](https://example.org/docs) <b>b</b>';

  it('renders a markdown comment as the format tree’s elements, each block dir="auto", links with rel', async () => {
    const m = await setup({ comments: [comment('a', null, { text: MARKDOWN, format: 'markdown' })] });
    const a = m.$('#comment-a')!;
    expect(a.querySelector('p strong')!.textContent).toBe('Bold');
    expect(a.querySelector('p em')!.textContent).toBe('it');
    expect(a.querySelector('p code')!.textContent).toBe('a < b');
    expect(a.querySelector('blockquote p')!.textContent).toBe('quoted');
    expect([...a.querySelectorAll('ul li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(a.querySelector('ol')!.getAttribute('start')).toBe('3');
    expect(a.querySelector('pre code')!.textContent).toBe('code *here*');
    const link = [...a.querySelectorAll('a')].find((x) => x.textContent == 'the docs')!;
    expect([link.getAttribute('href'), link.getAttribute('rel'), link.getAttribute('target')]).toEqual(['https://example.org/docs', 'nofollow ugc noopener', '_blank']);
    // Blocks read their own direction; inline elements do not need to.
    for (const block of a.querySelectorAll('p, blockquote, ul, ol, li, pre')) expect(block.getAttribute('dir'), block.outerHTML).toBe('auto');
    expect(a.querySelector('strong')!.hasAttribute('dir')).toBe(false);
    // HTML a reader typed is text.
    expect(a.querySelector('b')?.textContent ?? '').not.toBe('b');
    expect(a.textContent).toContain('<b>b</b>');
  });

  it('renders a plain comment (written before formatting, or imported) as it always did', async () => {
    const m = await setup({ comments: [comment('a', null, { text: '2*3*4 is **24**\n> not a quote', format: 'plain' })] });
    const ps = m.$$('#comment-a p[dir=auto]');
    expect(ps.map((p) => p.textContent)).toEqual(['2*3*4 is **24**> not a quote']);
    expect(m.$('#comment-a em, #comment-a strong, #comment-a blockquote')).toBeNull();
  });

  it('renders a comment without a format (kept in the browser from before issue 16) as plain', async () => {
    const old = comment('a', null, { text: '*not italic*' });
    delete (old as Partial<typeof old>).format;
    const m = await setup({ comments: [old] });
    expect(m.$('#comment-a em')).toBeNull();
    expect(m.$('#comment-a p[dir=auto]')!.textContent).toBe('*not italic*');
  });
});

describe('safe text', () => {
  it('renders markup in a comment as text, creating no elements', async () => {
    const text = '<script>alert(1)</script> <img src=x onerror=alert(1)>';
    const m = await setup({ comments: [comment('a', null, { text, author: { name: '<b onmouseover=alert(1)>x</b>', website: null, avatar: '' } })] });
    expect(m.$('script')).toBeNull();
    expect(m.$('img')).toBeNull();
    expect(m.$('[onerror]')).toBeNull();
    expect(m.$('[onmouseover]')).toBeNull();
    expect(m.$('#comment-a p[dir=auto]')!.textContent).toBe(text);
  });

  it('never turns a javascript: URL in the text or the website into an href', async () => {
    const m = await setup({
      comments: [comment('a', null, { text: 'javascript:alert(1) and JavaScript://x%0aalert(1)', author: { name: 'Eve', website: 'javascript:alert(1)', avatar: 'e' } })],
    });
    expect(m.$$('a').filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? ''))).toEqual([]);
    expect(m.$('#comment-a b')!.textContent).toBe('Eve');
  });
});

describe('paging', () => {
  it('appends the next page with Show more comments and focuses the first new comment', async () => {
    const m = await setup({ comments: ['a', 'b', 'c'].map((id) => comment(id)), pageSize: 2 });
    expect(m.$('#comment-c')).toBeNull();
    await m.click(button(m, 'Show more comments'));
    expect(m.$$('article').map((a) => a.id)).toEqual(['comment-a', 'comment-b', 'comment-c']);
    expect(button(m, 'Show more comments')).toBeNull();
    expect(m.root.activeElement?.id).toBe('comment-c');
  });

  it('fetches the rest of a subtree with Show more replies', async () => {
    const comments = [comment('a'), comment('a1', 'a'), comment('a2', 'a'), comment('a3', 'a1')];
    const m = await setup({ comments, memory: { repliesPerPage: 2 } });
    expect(m.$('#comment-a2')).toBeTruthy();
    expect(m.$('#comment-a3')).toBeNull();
    await m.click(button(m, 'Show more replies'));
    expect(m.$('#comment-a3')!.parentElement!.parentElement!.closest('li')!.querySelector('article')!.id).toBe('comment-a1');
    expect(button(m, 'Show more replies')).toBeNull();
    expect(m.root.activeElement?.id).toBe('comment-a3');
  });

  it('shows loading, then a load failure with a Retry that works', async () => {
    let fail = true;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const m = await setup({
      backend: {
        async list(thread) {
          await gate;
          if (fail) throw new Error('offline');
          return { thread: { id: thread, count: 1 }, comments: [comment('a')], nextCursor: null };
        },
        post: () => Promise.reject(new Error('no')),
      },
    });
    expect(m.$('[role=status]')!.textContent!.trim()).toBe(en.loading);
    release();
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    const alert = m.$('[role=alert]')!;
    expect(alert.textContent).toContain('The comments could not be loaded. The comment server could not be reached.');
    expect(alert.className).toBe('e');
    expect(m.$('form [role=status]')!.className).toBe('');
    fail = false;
    await m.click(button(m, 'Retry'));
    expect(m.$('[role=alert]')).toBeNull();
    expect(m.$('#comment-a')).toBeTruthy();
  });
});

describe('mounting', () => {
  it('lives in an open shadow root with its styles and theme attribute', async () => {
    const m = await setup({ theme: 'dark' });
    const host = m.el.querySelector('.parley')!;
    expect(host.getAttribute('data-theme')).toBe('dark');
    expect(m.$('style')!.textContent).toContain('--parley-accent');
    expect(document.querySelector('form')).toBeNull(); // nothing outside the shadow root
  });

  it('runs two widgets on one page independently', async () => {
    const one = await setup({ comments: [comment('a')], thread: '/t' });
    const two = await setup({ comments: [], thread: '/u' });
    expect(one.$('h2')!.textContent).toContain('One thought');
    expect(two.$('h2')!.textContent).toBe('No comments yet');
    await one.click(one.$('#r-a'));
    expect(one.$('#comment-a')!.closest('li')!.querySelector('form')).toBeTruthy();
    expect(two.$('form')!.closest('li')).toBeNull();
    expect(two.$('h3')!.textContent).toBe('Leave a Reply');
  });

  it('removes everything on unmount', async () => {
    const m = await setup({ comments: [comment('a')] });
    m.unmount();
    expect(m.el.innerHTML).toBe('');
    expect(m.el.childNodes).toHaveLength(0);
  });
});
