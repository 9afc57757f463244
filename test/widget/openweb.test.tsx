// @vitest-environment happy-dom
// Issue 18 in the widget: Webmentions listed apart under "Mentions" with their source link, and the
// widget taking the place of a server-rendered fragment once its first page is rendered.
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryBackend } from '../../src/adapters/memory.ts';
import type { Backend } from '../../src/adapters/backend.ts';
import { mount } from '../../src/widget/mount.ts';
import { comment, helpers, MemoryStorage, settle, setup } from './helpers.tsx';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('Webmentions in the widget', () => {
  it('lists them under "Mentions", after the comments, their date linking to the source', async () => {
    const m = await setup({
      comments: [
        comment('a'),
        comment('m1', null, { kind: 'mention', source: 'https://alice.example/post', inReplyTo: true }),
        comment('b'),
        comment('r', 'm1'),
      ],
    });
    const lists = [...m.root.children].filter((c) => c.tagName == 'OL');
    expect(lists).toHaveLength(2);
    expect([...lists[0]!.querySelectorAll('article')].map((a) => a.id)).toEqual(['comment-a', 'comment-b']);
    expect(lists[1]!.previousElementSibling!.outerHTML).toBe('<h3>Mentions</h3>');
    // The mention, and the reply to it beneath it.
    expect([...lists[1]!.querySelectorAll('article')].map((a) => a.id)).toEqual(['comment-m1', 'comment-r']);
    expect(m.$('#comment-m1 time')!.parentElement!.getAttribute('href')).toBe('https://alice.example/post');
    expect(m.$('#comment-a time')!.parentElement!.getAttribute('href')).toBe('#comment-a');
  });

  it('never links a source that is not http(s)', async () => {
    const m = await setup({ comments: [comment('m', null, { kind: 'mention', source: 'javascript:alert(1)' })] });
    expect(m.$('#comment-m time')!.parentElement!.getAttribute('href')).toBe('#comment-m');
  });

  it('shows no Mentions heading on a thread without mentions', async () => {
    const m = await setup({ comments: [comment('a')] });
    expect(m.$$('h3').map((h) => h.textContent)).toEqual(['Leave a Reply']);
  });
});

describe('taking over the server-rendered fragment', () => {
  function page(backend: Backend) {
    const el = document.createElement('div');
    el.innerHTML = '<p>before</p><div class="parley-ssr" data-parley-ssr><h2>Server heading</h2></div><p>after</p>';
    document.body.append(el);
    const unmount = mount(el, { thread: '/t', title: 'T', storage: new MemoryStorage(), backend });
    return { el, unmount };
  }

  it('leaves the fragment until the first page is rendered, then puts the widget exactly in its place', async () => {
    let release!: () => void;
    const memory = createMemoryBackend({ comments: [comment('a')] });
    const backend: Backend = { ...memory, list: async (...args) => (await new Promise<void>((r) => (release = r)), memory.list(...args)) };
    const { el } = page(backend);
    await settle();
    expect(el.querySelector('[data-parley-ssr]')).toBeTruthy();
    expect(el.querySelector('.parley')).toBeNull();
    release();
    await settle();
    expect(el.querySelector('[data-parley-ssr]')).toBeNull();
    expect([...el.children].map((c) => c.className || c.textContent)).toEqual(['before', 'parley', 'after']);
    expect(helpers(el).$('h2')!.textContent).toBe('One thought on “T”');
  });

  it('keeps the fragment when the thread cannot be loaded', async () => {
    const backend: Backend = { ...createMemoryBackend(), list: () => Promise.reject(new Error('down')) };
    const { el } = page(backend);
    await settle();
    expect(el.querySelector('[data-parley-ssr] h2')!.textContent).toBe('Server heading');
    expect(el.querySelector('.parley')).toBeNull();
  });

  it('removes the widget on unmount after a takeover', async () => {
    const { el, unmount } = page(createMemoryBackend());
    await settle();
    unmount();
    expect([...el.children].map((c) => c.textContent)).toEqual(['before', 'after']);
  });
});
