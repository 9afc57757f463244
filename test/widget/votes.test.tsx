// @vitest-environment happy-dom
// Issue 16 items 2–4 in the widget: vote buttons and their counts, the sort control and data-sort,
// the owner's badge and "Pinned". They come with the votes chunk, loaded after the first page
// (settle() waits for it), over the memory backend with votes on, or a backend answering as a
// server would (pinned and badged comments: the server's part of item 4 is another's).
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, type Backend } from '../../src/adapters/backend.ts';
import { createMemoryBackend, type MemoryOptions } from '../../src/adapters/memory.ts';
import type { PageRequest, PublicComment, Vote } from '../../src/core/types.ts';
import { readConfig } from '../../src/widget/config.ts';
import { comment, MemoryStorage, settle, setup, type Mounted } from './helpers.tsx';

afterEach(() => {
  document.body.innerHTML = '';
});

/** The memory backend with votes, recording what the widget asks of it. */
function votingBackend(options: MemoryOptions = {}) {
  const inner = createMemoryBackend({ comments: [comment('a'), comment('b'), comment('c', 'a')], votes: 'up', ...options });
  const lists: (PageRequest | undefined)[] = [];
  const votes: [string, Vote][] = [];
  const backend: Backend = {
    ...inner,
    list: (thread, page) => (lists.push(page), inner.list(thread, page)),
    vote: (id, vote) => (votes.push([id, vote]), inner.vote!(id, vote)),
  };
  return { backend, inner, lists, votes };
}

const upButton = (m: Mounted, id: string) => m.$(`#comment-${id} .vt`) as HTMLButtonElement | null;
const voteButtons = (m: Mounted, id: string) => m.$$(`#comment-${id} .vt`);
const order = (m: Mounted) => m.$$('article').map((a) => a.id.slice('comment-'.length));
/** The sort control's buttons: [order, its words, pressed]. */
const sorts = (m: Mounted) => m.$$('.so button').map((b) => [b.id.slice('p-sort-'.length), b.textContent, b.getAttribute('aria-pressed')]);
const chosen = (m: Mounted) => m.$('.so [aria-pressed=true]')?.id.slice('p-sort-'.length);
const choose = (m: Mounted, sort: string) => m.click(m.$(`#p-sort-${sort}`));

describe('votes', () => {
  it('puts an up-vote button with its count on every published comment, named by its word and count', async () => {
    const { backend } = votingBackend();
    const m = await setup({ backend });
    for (const id of ['a', 'b', 'c']) {
      expect(voteButtons(m, id)).toHaveLength(1);
      expect(upButton(m, id)!.textContent).toBe('Vote up ▲ 0');
      expect(upButton(m, id)!.getAttribute('aria-pressed')).toBe('false');
      // The arrow is for the eye; the name is the word and the count.
      expect(upButton(m, id)!.querySelector('[aria-hidden=true]')!.textContent).toBe('▲');
    }
  });

  it('adds a down vote where the backend takes them (thread.votes = updown)', async () => {
    const { backend } = votingBackend({ votes: 'updown' });
    const m = await setup({ backend });
    expect(voteButtons(m, 'a').map((b) => b.textContent)).toEqual(['Vote up ▲ 0', 'Vote down ▼ 0']);
  });

  it('shows no vote buttons where the backend has no votes, or votes are off', async () => {
    for (const votes of [undefined, 'off'] as const) {
      const m = await setup({ backend: createMemoryBackend({ comments: [comment('a'), comment('b')], votes }) });
      expect(m.$$('article')).toHaveLength(2);
      expect(m.$$('.vt')).toEqual([]);
      m.unmount();
    }
  });

  it('counts a vote at once, sends it with the browser’s voter key, and takes it back on a second press', async () => {
    const { backend, votes } = votingBackend();
    const storage = new MemoryStorage();
    storage.setItem('parley:key', JSON.stringify('signed-author-key'));
    const m = await setup({ backend, storage });
    // Held back: the count and the pressed state must change before the backend answers.
    let answer!: () => void;
    const slow: Backend = { ...backend, vote: (id, vote) => new Promise((resolve) => (answer = () => resolve(backend.vote!(id, vote)))) };
    m.unmount();
    const w = await setup({ backend: slow, storage });
    upButton(w, 'b')!.click();
    expect(upButton(w, 'b')!.textContent).toBe('Vote up ▲ 1');
    expect(upButton(w, 'b')!.getAttribute('aria-pressed')).toBe('true');
    answer();
    await settle();
    expect(upButton(w, 'b')!.textContent).toBe('Vote up ▲ 1');
    const voter = JSON.parse(storage.getItem('parley:voter')!);
    expect(voter).toMatch(/^[!-~]{16,64}$/);
    expect(votes).toEqual([['b', { value: 1, voter, authorKey: 'signed-author-key' }]]);
    expect(JSON.parse(storage.getItem('parley:votes:/t')!)).toEqual({ b: 1 });

    upButton(w, 'b')!.click();
    answer();
    await settle();
    expect(upButton(w, 'b')!.textContent).toBe('Vote up ▲ 0');
    expect(upButton(w, 'b')!.getAttribute('aria-pressed')).toBe('false');
    expect(votes[1]).toEqual(['b', { value: 0, voter, authorKey: 'signed-author-key' }]);
    expect(JSON.parse(storage.getItem('parley:votes:/t')!)).toEqual({});
  });

  it('keeps the vote over a reload: pressed from the browser, counted by the backend, one voter key', async () => {
    const { backend } = votingBackend();
    const storage = new MemoryStorage();
    const first = await setup({ backend, storage });
    await first.click(upButton(first, 'a'));
    const voter = storage.getItem('parley:voter');
    first.unmount();
    // Another reader voted meanwhile.
    await backend.vote!('a', { value: 1, voter: 'another-browser-voter-key' });

    const again = await setup({ backend, storage });
    expect(upButton(again, 'a')!.textContent).toBe('Vote up ▲ 2');
    expect(upButton(again, 'a')!.getAttribute('aria-pressed')).toBe('true');
    expect(upButton(again, 'b')!.getAttribute('aria-pressed')).toBe('false');
    // Taking it back after the reload counts as this voter's, not a new one.
    await again.click(upButton(again, 'a'));
    expect(upButton(again, 'a')!.textContent).toBe('Vote up ▲ 1');
    expect(storage.getItem('parley:voter')).toBe(voter);
  });

  it('moves a vote from up to down in one press, counting both', async () => {
    const { backend } = votingBackend({ votes: 'updown' });
    const m = await setup({ backend });
    await m.click(voteButtons(m, 'a')[0]);
    await m.click(voteButtons(m, 'a')[1]);
    expect(voteButtons(m, 'a').map((b) => [b.textContent, b.getAttribute('aria-pressed')])).toEqual([
      ['Vote up ▲ 0', 'false'],
      ['Vote down ▼ 1', 'true'],
    ]);
  });

  it('puts the count back and says why when the vote fails', async () => {
    const { backend } = votingBackend();
    const failing: Backend = { ...backend, vote: async () => Promise.reject(new BackendError('rate_limited', 'Too many votes from this address; please wait 30 seconds.', { status: 429 })) };
    const storage = new MemoryStorage();
    const m = await setup({ backend: failing, storage });
    await m.click(upButton(m, 'a'));
    expect(upButton(m, 'a')!.textContent).toBe('Vote up ▲ 0');
    expect(upButton(m, 'a')!.getAttribute('aria-pressed')).toBe('false');
    expect(m.$('#comment-a [role=alert]')!.textContent).toBe('Your vote was not counted. Too many votes from this address; please wait 30 seconds. ');
    expect(JSON.parse(storage.getItem('parley:votes:/t')!)).toEqual({});
    // Unreachable: the reader's own words.
    const offline: Backend = { ...backend, vote: async () => Promise.reject(new BackendError('network', 'x')) };
    m.unmount();
    const o = await setup({ backend: offline });
    await o.click(upButton(o, 'b'));
    expect(o.$('#comment-b [role=alert]')!.textContent).toContain('Your vote was not counted. The comment server could not be reached.');
  });

  it('offers no vote on the reader’s own comments: those posted here, and those the server says are theirs', async () => {
    const { backend } = votingBackend();
    const m = await setup({ backend });
    m.type('p-text', 'My own comment');
    m.type('p-name', 'Me');
    m.type('p-email', 'me@example.com');
    await m.submit();
    const mine = m.$$('article').at(-1)!.id.slice('comment-'.length);
    expect(mine).not.toBe('c');
    expect(voteButtons(m, mine)).toEqual([]);
    expect(voteButtons(m, 'a')).toHaveLength(1);

    // A comment of theirs that the widget no longer lists as theirs (its edit window is over).
    const own: Backend = { ...backend, vote: async () => Promise.reject(new BackendError('own_comment', 'You cannot vote on your own comment.', { status: 403 })) };
    const storage = new MemoryStorage();
    const o = await setup({ backend: own, storage });
    await o.click(upButton(o, 'b'));
    expect(voteButtons(o, 'b')).toEqual([]);
    expect(o.$('#comment-b')!.textContent).not.toContain('▲');
    o.unmount();
    const again = await setup({ backend: own, storage });
    expect(voteButtons(again, 'b')).toEqual([]);
    expect(voteButtons(again, 'a')).toHaveLength(1);
  });

  it('names the buttons in the page’s language', async () => {
    const { de } = await import('../../src/core/i18n/de.ts');
    const { backend } = votingBackend({ votes: 'updown' });
    const m = await setup({ backend, strings: de });
    expect(voteButtons(m, 'a').map((b) => b.querySelector('.vh')!.textContent)).toEqual(['Positiv bewerten ', 'Negativ bewerten ']);
  });
});

describe('sorting', () => {
  it('offers Oldest, Newest and Best beside the heading, Oldest chosen, Best only where the thread has votes', async () => {
    const m = await setup({ backend: votingBackend().backend });
    const group = m.$('.so')!;
    expect(group.getAttribute('role')).toBe('group');
    expect(m.root.getElementById(group.getAttribute('aria-labelledby')!)!.textContent).toBe('Sort by');
    expect(sorts(m)).toEqual([
      ['oldest', 'Oldest', 'true'],
      ['newest', 'Newest', 'false'],
      ['best', 'Best', 'false'],
    ]);
    // Before the heading in the DOM: it floats at the end of the heading's line.
    expect(group.nextElementSibling!.tagName).toBe('H2');
    m.unmount();
    const plain = await setup({ comments: [comment('a'), comment('b')] });
    expect(sorts(plain).map(([sort]) => sort)).toEqual(['oldest', 'newest']);
  });

  it('reads the first page again in the order chosen, and remembers the choice over data-sort', async () => {
    const { backend, lists } = votingBackend();
    const storage = new MemoryStorage();
    const m = await setup({ backend, storage, sort: 'oldest' });
    expect(order(m)).toEqual(['a', 'c', 'b']);
    await choose(m, 'newest');
    expect(lists.at(-1)).toMatchObject({ sort: 'newest' });
    expect(chosen(m)).toBe('newest');
    expect(order(m)).toEqual(['b', 'a', 'c']);
    expect(JSON.parse(storage.getItem('parley:sort')!)).toBe('newest');
    m.unmount();

    // A reload: the reader's choice wins over the site's data-sort (here oldest), from the first request.
    lists.length = 0;
    const again = await setup({ backend, storage, sort: 'oldest' });
    expect(lists[0]).toMatchObject({ sort: 'newest' });
    expect(order(again)).toEqual(['b', 'a', 'c']);
    expect(chosen(again)).toBe('newest');
  });

  it('orders best first by votes', async () => {
    const { backend } = votingBackend();
    await backend.vote!('b', { value: 1, voter: 'voter-key-number-one' });
    const m = await setup({ backend });
    await choose(m, 'best');
    expect(order(m)).toEqual(['b', 'a', 'c']);
  });

  it('takes the site’s order from the mount option (data-sort) while the reader has chosen none', async () => {
    const { backend, lists } = votingBackend();
    const m = await setup({ backend, sort: 'newest' });
    expect(lists[0]).toMatchObject({ sort: 'newest' });
    expect(order(m)).toEqual(['b', 'a', 'c']);
    expect(chosen(m)).toBe('newest');
  });

  it('reads data-sort from the script tag', () => {
    const script = document.createElement('script');
    script.dataset.sort = 'best';
    document.body.append(script);
    const config = readConfig(script, { http: () => createMemoryBackend() });
    expect(config.options!.sort).toBe('best');
  });

  it('keeps the comments and their order, and says why, when the new order cannot be read', async () => {
    const { backend } = votingBackend();
    let fail = false;
    const flaky: Backend = { ...backend, list: (thread, page) => (fail ? Promise.reject(new BackendError('network', 'x')) : backend.list(thread, page)) };
    const m = await setup({ backend: flaky });
    fail = true;
    await choose(m, 'newest');
    expect(order(m)).toEqual(['a', 'c', 'b']);
    expect(m.$('.so [role=alert]')!.textContent).toContain('The comments could not be loaded. The comment server could not be reached.');
    // The order shown is the one pressed, and nothing was remembered.
    expect(chosen(m)).toBe('oldest');
    fail = false;
    await choose(m, 'newest');
    expect(order(m)).toEqual(['b', 'a', 'c']);
    expect(m.$('.so [role=alert]')).toBeNull();
  });

  it('shows no control for a thread of one comment', async () => {
    const m = await setup({ comments: [comment('a')] });
    expect(m.$$('article')).toHaveLength(1);
    expect(m.$('.so')).toBeNull();
  });
});

describe('the site owner’s voice (issue 16 item 4): badge and pinned comments', () => {
  /** A backend answering as the server does: pinned comments first on the first page, the owner's badged. */
  function ownerBackend(): Backend {
    const owner = { name: 'The Editor', website: null, avatar: 'ed', badge: 'Author' };
    const comments: PublicComment[] = [
      comment('p2', null, { pinned: true, author: owner, createdAt: '2026-05-12T10:00:00.000Z', votes: { up: 0, down: 0 } }),
      comment('p1', null, { pinned: true, createdAt: '2026-05-11T10:00:00.000Z', votes: { up: 2, down: 0 } }),
      comment('x', null, { createdAt: '2026-05-10T10:00:00.000Z', author: { name: 'Reader', website: null, avatar: 'r', badge: null }, votes: { up: 0, down: 0 } }),
      comment('y', 'x', { createdAt: '2026-05-13T10:00:00.000Z', author: owner, votes: { up: 0, down: 0 } }),
    ];
    return { list: async (thread) => ({ thread: { id: thread, count: 4, votes: 'up' }, comments, nextCursor: null }), post: async () => Promise.reject(new Error('no')) };
  }

  it('marks pinned comments "Pinned" and keeps them first, as the server sent them', async () => {
    const m = await setup({ backend: ownerBackend() });
    expect(order(m)).toEqual(['p2', 'p1', 'x', 'y']);
    expect(m.$$('.pin').map((p) => p.closest('article')!.id)).toEqual(['comment-p2', 'comment-p1']);
    expect(m.$('#comment-p1 .pin')!.textContent).toBe('Pinned');
  });

  it('shows the owner’s badge beside their name, in the server’s words, and none on anyone else’s', async () => {
    const m = await setup({ backend: ownerBackend() });
    expect(m.$$('.bd').map((b) => [b.closest('article')!.id, b.textContent])).toEqual([
      ['comment-p2', 'Author'],
      ['comment-y', 'Author'],
    ]);
    // Beside the name, in the comment's header.
    expect(m.$('#comment-p2 header .bd')!.previousElementSibling!.textContent).toBe('The Editor');
  });

  it('says "Pinned" in the page’s language; the badge stays the owner’s word', async () => {
    const { ja } = await import('../../src/core/i18n/ja.ts');
    const m = await setup({ backend: ownerBackend(), strings: ja });
    expect(m.$('#comment-p1 .pin')!.textContent).toBe('固定');
    expect(m.$('#comment-p2 .bd')!.textContent).toBe('Author');
  });
});
