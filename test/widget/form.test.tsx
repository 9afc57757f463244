// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, type Backend } from '../../src/adapters/backend.ts';
import { createMemoryBackend } from '../../src/adapters/memory.ts';
import { en, enPost } from '../../src/core/i18n/en.ts';
import type { NewComment } from '../../src/core/types.ts';
import { mount } from '../../src/widget/mount.ts';
import { button, comment, helpers, MemoryStorage, settle, setup, type Mounted } from './helpers.tsx';

afterEach(() => {
  document.body.innerHTML = '';
});

/** A memory backend that records every post it is sent. */
function recording(options: Parameters<typeof createMemoryBackend>[0] = {}) {
  const inner = createMemoryBackend(options);
  const posts: NewComment[] = [];
  const backend: Backend = { ...inner, post: (d) => (posts.push(d), inner.post(d)) };
  return { backend, posts, inner };
}

function fill(m: Pick<Mounted, 'type'>, text = 'Hello there', name = 'Ann Lee', email = 'ann@example.com') {
  m.type('p-text', text);
  m.type('p-name', name);
  m.type('p-email', email);
}

const errorOf = (m: Mounted, field: string) => {
  const input = m.$(`#p-${field}`)!;
  const id = input.getAttribute('aria-describedby');
  return id ? m.root.getElementById(id)?.textContent : undefined;
};

describe('the author key (issue 14)', () => {
  it('keeps the author key a post answers with in localStorage and sends it with every later post, on any thread', async () => {
    const storage = new MemoryStorage();
    const { backend, posts } = recording();
    const answered: string[] = [];
    let n = 0;
    const keyed: Backend = {
      ...backend,
      post: async (d) => {
        const posted = await backend.post(d);
        // The server's key: the one sent, else a fresh one.
        const authorKey = d.authorKey ?? `key-${++n}`;
        answered.push(authorKey);
        return { ...posted, authorKey };
      },
    };
    const m = await setup({ backend: keyed, storage });
    fill(m, 'First comment');
    await m.submit();
    expect(posts[0]!.authorKey).toBeUndefined();
    expect(JSON.parse(storage.getItem('parley:key')!)).toBe('key-1');
    fill(m, 'Second comment');
    await m.submit();
    expect(posts[1]!.authorKey).toBe('key-1');
    m.unmount();
    // After a reload, on another article, without the "Save my name…" opt-in: the same key.
    const other = await setup({ backend: keyed, storage, thread: '/other' });
    fill(other, 'On another page');
    await other.submit();
    expect(posts[2]!.authorKey).toBe('key-1');
    expect(answered).toEqual(['key-1', 'key-1', 'key-1']);
  });

  it('takes a fresh key the server gives in place of the one it sent', async () => {
    const storage = new MemoryStorage();
    storage.setItem('parley:key', JSON.stringify('forged'));
    const { backend, posts } = recording();
    const m = await setup({ backend: { ...backend, post: async (d) => ({ ...(await backend.post(d)), authorKey: 'fresh' }) }, storage });
    fill(m);
    await m.submit();
    expect(posts[0]!.authorKey).toBe('forged');
    expect(JSON.parse(storage.getItem('parley:key')!)).toBe('fresh');
  });
});

describe('the form', () => {
  it('is "Leave a Reply" with labelled, required fields and the privacy note', async () => {
    const m = await setup();
    expect(m.$('h3')!.textContent).toBe('Leave a Reply');
    for (const [id, label, required] of [
      ['p-text', 'Comment', true],
      ['p-name', 'Name', true],
      ['p-email', 'Email', true],
      ['p-website', 'Website', false],
    ] as const) {
      const label$ = m.$(`label[for=${id}]`)!;
      expect(label$.textContent).toContain(label);
      expect(m.$(`#${id}`)!.hasAttribute('required')).toBe(required);
      if (required) {
        expect(m.$(`#${id}`)!.getAttribute('aria-required')).toBe('true');
        expect(label$.querySelector('[aria-hidden=true]')!.textContent!.trim()).toBe('*');
        expect(label$.querySelector('.vh')!.textContent!.trim()).toBe('required');
      }
    }
    expect(m.$('label[for=p-save]')!.textContent).toBe(en.saveDetails);
    expect(m.text()).toContain('Your email address will not be published. Required fields are marked *');
    expect(button(m, 'Post Comment')).toBeTruthy();
    const hp = m.$<HTMLInputElement>('input[name=hp]')!;
    expect([hp.getAttribute('tabindex'), hp.getAttribute('autocomplete'), hp.getAttribute('aria-hidden')]).toEqual(['-1', 'off', 'true']);
  });

  it('moves under a comment to reply, focuses the text, and Cancel returns it and the focus', async () => {
    const m = await setup({ comments: [comment('a'), comment('b')] });
    m.type('p-text', 'kept while moving');
    await m.click(m.$('#r-a'));
    const form = m.$('form')!;
    expect(form.closest('li')!.querySelector('article')!.id).toBe('comment-a');
    expect(m.$('h3')!.textContent).toBe('Replying to Author a');
    expect(m.root.activeElement?.id).toBe('p-text');
    expect(m.$<HTMLTextAreaElement>('#p-text')!.value).toBe('kept while moving');
    await m.click(button(m, 'Cancel reply'));
    expect(m.$('form')!.closest('li')).toBeNull();
    expect(m.$('h3')!.textContent).toBe('Leave a Reply');
    expect(m.root.activeElement?.id).toBe('r-a');
  });

  it('cancels a reply with Escape inside the form', async () => {
    const m = await setup({ comments: [comment('a')] });
    await m.click(m.$('#r-a'));
    m.$('#p-text')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(m.$('form')!.closest('li')).toBeNull();
    expect(m.root.activeElement?.id).toBe('r-a');
  });

  it('posts a reply under its parent', async () => {
    const { backend, posts } = recording({ comments: [comment('a')] });
    const m = await setup({ backend });
    await m.click(m.$('#r-a'));
    fill(m);
    await m.submit();
    expect(posts[0]!.parent).toBe('a');
    const mine = m.$$('article').find((a) => a.textContent!.includes('Hello there'))!;
    expect(mine.parentElement!.parentElement!.closest('li')!.querySelector('article')!.id).toBe('comment-a');
  });
});

describe('validation', () => {
  it('marks every empty required field, describes it, and focuses the first', async () => {
    const { backend, posts } = recording();
    const m = await setup({ backend });
    await m.submit();
    expect(posts).toHaveLength(0);
    expect(errorOf(m, 'text')).toBe('Comment is required.');
    expect(errorOf(m, 'name')).toBe('Name is required.');
    expect(errorOf(m, 'email')).toBe('Email is required.');
    expect(errorOf(m, 'website')).toBeUndefined();
    for (const f of ['text', 'name', 'email']) expect(m.$(`#p-${f}`)!.getAttribute('aria-invalid')).toBe('true');
    expect(m.$('#p-website')!.getAttribute('aria-invalid')).not.toBe('true');
    expect(m.root.activeElement?.id).toBe('p-text');
    expect(m.$('form [role=status]')!.textContent!.trim()).toBe(enPost.fixErrors);
  });

  it('words each kind of problem and focuses the first invalid field', async () => {
    const m = await setup();
    m.type('p-text', 'fine');
    m.type('p-name', 'a\u0007b');
    m.type('p-email', 'not-an-email');
    m.type('p-website', 'javascript:alert(1)');
    await m.submit();
    expect(errorOf(m, 'text')).toBeUndefined();
    expect(errorOf(m, 'name')).toBe('Name contains invisible control characters; please remove them.');
    expect(errorOf(m, 'email')).toBe('Enter an email address like name@example.com.');
    expect(errorOf(m, 'website')).toBe('Enter a web address starting with http:// or https://.');
    expect(m.root.activeElement?.id).toBe('p-name');

    m.type('p-name', 'evil\u202Egnp.exe');
    m.type('p-text', 'x'.repeat(10_001));
    await m.submit();
    expect(errorOf(m, 'name')).toBe('Name contains text-direction control characters; please remove them.');
    expect(errorOf(m, 'text')).toBe('Comment is too long: at most 10000 characters.');
    expect(m.root.activeElement?.id).toBe('p-text');
    expect(m.$<HTMLTextAreaElement>('#p-text')!.value).toHaveLength(10_001); // never wiped
  });

  it('shows the server\'s field errors the same way, keeping the text', async () => {
    const backend: Backend = {
      list: async (thread) => ({ thread: { id: thread, count: 0 }, comments: [], nextCursor: null }),
      post: async () => {
        throw new BackendError('invalid', 'Please correct the marked fields.', { status: 400, fields: { email: 'That domain takes no mail.', parent: 'Gone.' } });
      },
    };
    const m = await setup({ backend });
    fill(m);
    await m.submit();
    expect(errorOf(m, 'email')).toBe('That domain takes no mail.');
    expect(m.$('#p-email')!.getAttribute('aria-invalid')).toBe('true');
    expect(m.root.activeElement?.id).toBe('p-email');
    expect(m.$('form [role=status]')!.textContent).toContain('Please correct the marked fields. Gone.');
    expect(m.$<HTMLTextAreaElement>('#p-text')!.value).toBe('Hello there');
    expect(button(m, 'Retry')).toBeNull();
  });
});

describe('posting', () => {
  it('shows a published comment in place, adds one to the count and clears the form', async () => {
    const { backend, posts } = recording({ comments: [comment('a')] });
    const storage = new MemoryStorage();
    const m = await setup({ backend, storage, url: 'https://news.example/a' });
    fill(m, 'Hello  ', ' Ann Lee', 'ann@example.com');
    m.type('p-website', 'ann.example');
    await m.submit();
    expect(posts[0]).toMatchObject({ thread: '/t', url: 'https://news.example/a', parent: null, text: 'Hello', name: 'Ann Lee', website: 'https://ann.example' });
    expect(m.$('h2')!.textContent).toBe('2 thoughts on “Putin to visit China – Kremlin”');
    expect(m.$$('article')).toHaveLength(2);
    expect(m.$<HTMLTextAreaElement>('#p-text')!.value).toBe('');
    expect(storage.getItem('parley:draft:/t')).toBeNull();
    // Issue 21: said where the reader's eyes are, on the new comment the focus moves to, which it
    // describes; not by the Post button.
    const focused = m.root.activeElement as HTMLElement;
    expect(focused.tagName).toBe('ARTICLE');
    expect(focused.textContent).toContain('Hello');
    const notice = m.root.getElementById(focused.getAttribute('aria-describedby')!)!;
    expect(notice.textContent).toBe(enPost.posted);
    expect(notice.className).toBe('n');
    expect(m.$('form [role=status]')!.textContent!.trim()).toBe('');
  });

  it('sends the honeypot and the form token fetched once on first focus', async () => {
    const { backend: inner, posts } = recording();
    let asked = 0;
    const backend: Backend = { ...inner, formToken: async () => (asked++, 'tok-1') };
    const m = await setup({ backend });
    expect(asked).toBe(0);
    m.$('#p-text')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    m.$('#p-name')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await settle();
    expect(asked).toBe(1);
    fill(m);
    const hp = m.$<HTMLInputElement>('input[name=hp]')!;
    hp.value = 'bot was here';
    hp.dispatchEvent(new Event('input', { bubbles: true }));
    await m.submit();
    expect(posts[0]!.form).toEqual({ hp: 'bot was here', token: 'tok-1' });
  });

  it('keeps the draft across a failed post and a re-mount, and Retry sends the same key once', async () => {
    const { backend: inner, posts } = recording();
    let down = true;
    // The first attempt reaches the server but the answer is lost: the retry must not duplicate it.
    const backend: Backend = {
      ...inner,
      async post(d) {
        const r = await inner.post(d);
        if (down) throw new BackendError('network', 'The comment server could not be reached.');
        return r;
      },
    };
    const storage = new MemoryStorage();
    const first = await setup({ backend, storage });
    fill(first, 'Do not lose me');
    await first.submit();
    expect(first.$('form [role=status]')!.textContent).toContain('Your comment was not sent. The comment server could not be reached.');
    // Issue 21: worded and styled as an error (the error class: its colour, a bar and a sign).
    expect(first.$('form [role=status]')!.className).toBe('e');
    expect(first.$<HTMLTextAreaElement>('#p-text')!.value).toBe('Do not lose me');
    const saved = JSON.parse(storage.getItem('parley:draft:/t')!);
    expect(saved).toMatchObject({ text: 'Do not lose me', parent: null, key: posts[0]!.idempotencyKey });

    first.unmount();
    const second = await setup({ backend, storage });
    expect(second.$<HTMLTextAreaElement>('#p-text')!.value).toBe('Do not lose me');
    second.type('p-name', 'Ann Lee');
    second.type('p-email', 'ann@example.com');
    await second.submit();
    expect(posts[1]!.idempotencyKey).toBe(posts[0]!.idempotencyKey);
    down = false;
    await second.click(button(second, 'Retry'));
    expect(posts.map((p) => p.idempotencyKey)).toEqual(Array(3).fill(posts[0]!.idempotencyKey));
    expect(second.$$('article').filter((a) => a.textContent!.includes('Do not lose me'))).toHaveLength(1);
    expect((await inner.list('/t')).comments).toHaveLength(1);
    expect(storage.getItem('parley:draft:/t')).toBeNull();

    second.type('p-text', 'A second comment');
    expect(JSON.parse(storage.getItem('parley:draft:/t')!).key).not.toBe(posts[0]!.idempotencyKey);
  });

  it('words "could not be reached" in the language of the page, whatever the adapter said', async () => {
    const { de } = await import('../../src/core/i18n/de.ts');
    const backend: Backend = {
      list: async (thread) => ({ thread: { id: thread, count: 0 }, comments: [], nextCursor: null }),
      post: async () => {
        throw new BackendError('network', 'The comment server could not be reached.');
      },
    };
    const m = await setup({ backend, strings: de });
    fill(m);
    await m.submit();
    expect(m.$('form [role=status]')!.textContent).toContain('Dein Kommentar wurde nicht gesendet. Der Kommentar-Server ist nicht erreichbar.');
    expect(button(m, 'Erneut versuchen')).not.toBeNull();
  });

  it('shows a non-retryable refusal without Retry and keeps the text', async () => {
    const backend: Backend = {
      list: async (thread) => ({ thread: { id: thread, count: 0 }, comments: [], nextCursor: null }),
      post: async () => {
        throw new BackendError('duplicate', 'You already said that.', { status: 409 });
      },
    };
    const m = await setup({ backend });
    fill(m);
    await m.submit();
    expect(m.$('form [role=status]')!.textContent!.trim()).toBe('You already said that.');
    expect(m.$('form [role=status]')!.className).toBe('e');
    expect(button(m, 'Retry')).toBeNull();
    expect(m.$<HTMLTextAreaElement>('#p-text')!.value).toBe('Hello there');
  });

  it('discards the draft on request', async () => {
    const storage = new MemoryStorage();
    const m = await setup({
      storage,
      backend: {
        list: async (thread) => ({ thread: { id: thread, count: 0 }, comments: [], nextCursor: null }),
        post: async () => {
          throw new BackendError('unavailable', 'Down for maintenance.', { status: 503 });
        },
      },
    });
    fill(m);
    await m.submit();
    expect(storage.getItem('parley:draft:/t')).not.toBeNull();
    await m.click(button(m, 'Discard draft'));
    expect(m.$<HTMLTextAreaElement>('#p-text')!.value).toBe('');
    expect(storage.getItem('parley:draft:/t')).toBeNull();
    expect(button(m, 'Retry')).toBeNull();
  });
});

describe('held comments', () => {
  const heldBackend = () => recording({ moderate: () => 'held' });

  it('shows a held comment to its author only, and still after a re-mount', async () => {
    const { backend } = heldBackend();
    const storage = new MemoryStorage();
    const m = await setup({ backend, storage });
    fill(m, 'Wait for me');
    await m.submit();
    const mine = m.$$('article').find((a) => a.textContent!.includes('Wait for me'))!;
    // Issue 21: one tinted box in the comment says it was sent and waits, and describes the focused comment.
    expect(mine.querySelector('.n')!.textContent).toBe(enPost.held);
    expect(m.root.activeElement).toBe(mine);
    expect(mine.getAttribute('aria-describedby')).toBe(mine.querySelector('.n')!.id);
    expect(m.$('h2')!.textContent).toBe('No comments yet');
    expect(m.$('form [role=status]')!.textContent!.trim()).toBe('');
    expect(JSON.parse(storage.getItem('parley:mine:/t')!)[0]).toMatchObject({ editToken: expect.any(String), comment: { text: 'Wait for me' } });

    const stranger = await setup({ backend, storage: new MemoryStorage() });
    expect(stranger.text()).not.toContain('Wait for me');

    m.unmount();
    const again = await setup({ backend, storage });
    expect(again.$$('article').find((a) => a.textContent!.includes('Wait for me'))!.querySelector('.n')!.textContent).toBe(en.awaiting);
  });

  it('forgets a held comment after the 15-minute edit window', async () => {
    let t = Date.parse('2026-05-10T12:00:00Z');
    // The backend's clock is the page's: its editableUntil is 15 minutes after posting.
    const { backend } = recording({ moderate: () => 'held', now: () => t });
    const storage = new MemoryStorage();
    const m = await setup({ backend, storage, now: () => t });
    fill(m, 'Wait for me');
    await m.submit();
    m.unmount();
    t += 14 * 60_000;
    expect((await setup({ backend, storage, now: () => t })).text()).toContain('Wait for me');
    t += 2 * 60_000;
    expect((await setup({ backend, storage, now: () => t })).text()).not.toContain('Wait for me');
  });
});

describe('the opt-in', () => {
  it('stores name, email and website only when ticked, and forgets them when unticked', async () => {
    const storage = new MemoryStorage();
    const m = await setup({ storage });
    fill(m, 'First');
    await m.submit();
    expect(storage.getItem('parley:author')).toBeNull();

    const box = m.$<HTMLInputElement>('#p-save')!;
    box.click();
    fill(m, 'Second');
    m.type('p-website', 'https://ann.example');
    await m.submit();
    expect(JSON.parse(storage.getItem('parley:author')!)).toEqual({ name: 'Ann Lee', email: 'ann@example.com', website: 'https://ann.example' });

    m.unmount();
    const again = await setup({ storage });
    expect(again.$<HTMLInputElement>('#p-name')!.value).toBe('Ann Lee');
    expect(again.$<HTMLInputElement>('#p-email')!.value).toBe('ann@example.com');
    expect(again.$<HTMLInputElement>('#p-save')!.checked).toBe(true);
    again.$<HTMLInputElement>('#p-save')!.click();
    await settle();
    expect(storage.getItem('parley:author')).toBeNull();
  });
});

describe('storage', () => {
  it('works with no storage at all', async () => {
    const el = document.createElement('div');
    document.body.append(el);
    mount(el, { backend: createMemoryBackend(), thread: '/t', title: 'T', storage: null });
    await settle();
    const m = helpers(el);
    fill(m, 'No storage here');
    await m.submit();
    expect(m.text()).toContain('No storage here');
  });
});

describe('"Notify me of replies by email" (issue 17)', () => {
  /** A backend whose thread says the server mails readers (the GET answer's thread.mail). */
  function mailing() {
    const r = recording();
    r.backend.list = async (thread, page) => {
      const got = await r.inner.list(thread, page);
      return { ...got, thread: { ...got.thread, mail: true } };
    };
    return r;
  }

  it('is there, unticked, only when the server mails readers, and sends notify only when ticked', async () => {
    const plain = await setup({ backend: recording().backend });
    expect(plain.$('#p-notify')).toBeNull();
    plain.unmount();

    const { backend, posts } = mailing();
    const m = await setup({ backend });
    const box = m.$('#p-notify') as HTMLInputElement;
    expect(box).not.toBeNull();
    expect(box.checked).toBe(false);
    expect(m.root.querySelector('label[for="p-notify"]')!.textContent).toBe(en.notifyReplies);
    fill(m, 'Without the box');
    await m.submit();
    expect(posts[0]!.notify).toBeUndefined();
    box.click();
    await settle();
    expect((m.$('#p-notify') as HTMLInputElement).checked).toBe(true);
    fill(m, 'With the box');
    await m.submit();
    expect(posts[1]!.notify).toBe('replies');
  });
});

describe('formatting: the hint and Preview (issue 16)', () => {
  const preview = (m: Mounted) => m.$('#p-preview');

  it('shows the formatting hint under the comment box, and no hint for a backend that keeps plain text', async () => {
    const m = await setup();
    const hint = m.$('p.h')!;
    expect(hint.textContent).toContain(en.formatHint);
    // Right after the comment box's own paragraph, before the name.
    expect(hint.previousElementSibling!.querySelector('textarea')).not.toBeNull();
    m.unmount();
    const inner = createMemoryBackend();
    const plain = await setup({ backend: { ...inner, plainOnly: true } });
    expect(plain.$('p.h')).toBeNull();
  });

  it('previews the text as the thread will show it, follows the typing, and hides again', async () => {
    const m = await setup();
    // Preview comes with the post chunk, on the form's first focus (test/browser/chunks.test.ts
    // checks that it is not in the first render; here the chunk is a module, loaded once per file).
    m.type('p-text', '**Bold** and a [link](https://example.org) <b>x</b>');
    await settle();
    const toggle = button(m, enPost.preview)!;
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(preview(m)).toBeNull();
    await m.click(toggle);
    expect(button(m, enPost.preview)!.getAttribute('aria-pressed')).toBe('true');
    const box = preview(m)!;
    expect(box.getAttribute('aria-label')).toBe(enPost.preview);
    expect(box.querySelector('p[dir=auto] strong')!.textContent).toBe('Bold');
    expect(box.querySelector('a')!.getAttribute('href')).toBe('https://example.org');
    expect(box.textContent).toContain('<b>x</b>');
    m.type('p-text', '*changed*');
    await settle();
    expect(preview(m)!.querySelector('em')!.textContent).toBe('changed');
    await m.click(button(m, enPost.preview));
    expect(preview(m)).toBeNull();
    // The text is untouched by previewing.
    expect((m.$('#p-text') as HTMLTextAreaElement).value).toBe('*changed*');
  });

  it('posts the text as typed, and the thread shows it formatted', async () => {
    const { backend, posts } = recording();
    const m = await setup({ backend });
    fill(m, '> quoted\n\n**strong** reply');
    await m.submit();
    expect(posts[0]!.text).toBe('> quoted\n\n**strong** reply');
    const mine = m.$$('article').find((a) => a.textContent!.includes('strong reply'))!;
    expect(mine.querySelector('blockquote')!.textContent).toBe('quoted');
    expect(mine.querySelector('strong')!.textContent).toBe('strong');
  });
});
