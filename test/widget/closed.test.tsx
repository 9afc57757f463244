// @vitest-environment happy-dom
// A closed thread (DESIGN: the GET answer's `thread.closed`; Parley issue 20 for WordPress, issue
// 16 for Parley's own server): its comments stay, "Comments are closed." takes the form's place,
// as on a WordPress page, and nothing offers a reply.
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, type Backend } from '../../src/adapters/backend.ts';
import { createMemoryBackend } from '../../src/adapters/memory.ts';
import { button, comment, setup } from './helpers.tsx';

afterEach(() => {
  document.body.innerHTML = '';
});

/** A memory backend whose threads answer `closed`. */
function closedBackend(closed: boolean): Backend {
  const inner = createMemoryBackend({ comments: [comment('a'), comment('b', 'a')] });
  return {
    ...inner,
    async list(thread, page) {
      const answer = await inner.list(thread, page);
      return { ...answer, thread: { ...answer.thread, closed } };
    },
  };
}

describe('a closed thread', () => {
  it('shows its comments and "Comments are closed." instead of the form and the Reply buttons', async () => {
    const m = await setup({ backend: closedBackend(true) });
    expect(m.$$('article')).toHaveLength(2);
    expect(m.$('form')).toBeNull();
    expect(m.$$('button').filter((b) => b.textContent == 'Reply')).toEqual([]);
    expect(m.$('p.closed')!.textContent).toBe('Comments are closed.');
  });

  it('says so in the page’s language, in WordPress’s words', async () => {
    const { de } = await import('../../src/core/i18n/de.ts');
    const m = await setup({ backend: closedBackend(true), strings: de });
    expect(m.$('p.closed')!.textContent).toBe('Kommentare sind geschlossen.');
  });

  it('keeps the form and the Reply buttons when the thread says it is open', async () => {
    const m = await setup({ backend: closedBackend(false) });
    expect(m.$('form')).not.toBeNull();
    expect(button(m, 'Reply')).not.toBeNull();
    expect(m.$('p.closed')).toBeNull();
  });

  it('keeps the text and says why when a post is refused because the thread closed meanwhile', async () => {
    const inner = closedBackend(false);
    const backend: Backend = {
      ...inner,
      post: async () => {
        throw new BackendError('thread_closed', 'Sorry, comments are closed for this item.', { status: 403 });
      },
    };
    const m = await setup({ backend });
    m.type('p-text', 'Too late?');
    m.type('p-name', 'Ann Lee');
    m.type('p-email', 'ann@example.com');
    await m.submit();
    expect(m.$('form [role=status]')!.textContent).toContain('Sorry, comments are closed for this item.');
    expect(button(m, 'Retry')).toBeNull();
    expect(m.$<HTMLTextAreaElement>('#p-text')!.value).toBe('Too late?');
  });
});
