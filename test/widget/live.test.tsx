// @vitest-environment happy-dom
// Live updates in the widget (issue 16 item 6): the live chunk opens the backend's stream after
// the first page, offers new published comments with a "2 new comments" button instead of moving
// the thread under the reader, inserts them when pressed, keeps the stream open only while the tab
// is visible (resuming from the last event), and reconnects with backoff when the server refuses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryBackend } from '../../src/adapters/memory.ts';
import type { Backend } from '../../src/adapters/backend.ts';
import { en } from '../../src/core/i18n/en.ts';
import type { PublicComment } from '../../src/core/types.ts';
import { live } from '../../src/widget/chunks/live.tsx';
import { emptyThread } from '../../src/widget/state/thread.ts';
import type { Widget } from '../../src/widget/state/widget.ts';
import { button, comment, setup, settle } from './helpers.tsx';

/** An EventSource the test drives: it records what was opened and lets the test send and fail. */
class FakeSource {
  static all: FakeSource[] = [];
  readyState = 1;
  onerror: (() => void) | null = null;
  listeners: ((e: { data: string; lastEventId: string }) => void)[] = [];
  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  addEventListener(type: string, listener: (e: { data: string; lastEventId: string }) => void) {
    if (type == 'comment') this.listeners.push(listener);
  }
  close() {
    this.readyState = 2;
  }
  send(c: PublicComment, id: string) {
    for (const l of this.listeners) l({ data: JSON.stringify(c), lastEventId: id });
  }
  refuse() {
    this.readyState = 2;
    this.onerror?.();
  }
}
const open = () => FakeSource.all.filter((s) => s.readyState != 2);

let hidden = false;
beforeEach(() => {
  FakeSource.all = [];
  hidden = false;
  vi.stubGlobal('EventSource', FakeSource);
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
});
const mounted: { unmount(): void }[] = [];
const track = <T extends { unmount(): void }>(m: T): T => (mounted.push(m), m);
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

const withLive = (inner: Backend): Backend => ({ ...inner, liveUrl: (thread) => `https://comments.example/api/v1/stream?thread=${encodeURIComponent(thread)}` });

describe('live updates', () => {
  it('offers new comments with a button, and inserts them (count included) only when pressed, focusing the first', async () => {
    const m = track(await setup({ backend: withLive(createMemoryBackend({ comments: [comment('a'), comment('b', 'a')] })) }));
    expect(open().map((s) => s.url)).toEqual(['https://comments.example/api/v1/stream?thread=%2Ft']);
    const live = m.$<HTMLButtonElement>('button.live')!;
    expect(live.hidden).toBe(true);
    open()[0]!.send(comment('c'), '7');
    open()[0]!.send(comment('d', 'a'), '8');
    expect(live.hidden).toBe(false);
    expect(live.textContent).toBe('2 new comments');
    expect(m.$$('article')).toHaveLength(2);
    expect(m.$('h2')!.textContent).toContain('2 thoughts');
    await m.click(live);
    expect(m.$$('article')).toHaveLength(4);
    expect(m.$('h2')!.textContent).toContain('4 thoughts');
    // The reply sits under its parent, the new root at the end.
    expect(m.$('#comment-a')!.closest('li')!.textContent).toContain('Text of d');
    expect(m.root.activeElement?.id).toBe('comment-c');
    expect(live.hidden).toBe(true);
    // The same comment again (a resumed stream) is not offered twice.
    open()[0]!.send(comment('c'), '7');
    expect(live.hidden).toBe(true);
  });

  it("says it in the page's language, with its plural forms", async () => {
    const { ru } = await import('../../src/core/i18n/ru.ts');
    const m = track(await setup({ backend: withLive(createMemoryBackend({ comments: [comment('a')] })), strings: ru }));
    for (const id of ['x', 'y', 'z']) open()[0]!.send(comment(id), id);
    expect(m.$('button.live')!.textContent).toBe('3 новых комментария');
  });

  it('does not offer a reply whose parent is not shown, nor a new root while older pages are unread', async () => {
    const many = Array.from({ length: 3 }, (_, i) => comment(`r${i}`));
    const m = track(await setup({ backend: withLive(createMemoryBackend({ comments: many })), pageSize: 2 }));
    expect(m.$$('article')).toHaveLength(2);
    open()[0]!.send(comment('new-root'), '1');
    open()[0]!.send(comment('reply-to-unread', 'r2'), '2');
    expect(m.$<HTMLButtonElement>('button.live')!.hidden).toBe(true);
    await m.click(button(m, 'Show more comments'));
    // Every page read: the new root can now go where it belongs; the reply's parent is shown too.
    expect(m.$('button.live')!.textContent).toBe('2 new comments');
  });

  it('keeps the stream open only while the tab is visible, and resumes from the last event', async () => {
    track(await setup({ backend: withLive(createMemoryBackend({ comments: [comment('a')] })) }));
    open()[0]!.send(comment('b'), '41');
    hidden = true;
    document.dispatchEvent(new Event('visibilitychange'));
    expect(open()).toEqual([]);
    hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
    expect(open().map((s) => s.url)).toEqual(['https://comments.example/api/v1/stream?thread=%2Ft&lastEventId=41']);
  });

  it('opens no stream for a backend without one', async () => {
    track(await setup({ backend: createMemoryBackend({ comments: [comment('a')] }) }));
    await settle();
    expect(FakeSource.all).toEqual([]);
  });
});

describe('the live chunk on its own', () => {
  it('reconnects after a refusal with backoff: 1 s, 2 s, 4 s … up to a minute, and stops when told', () => {
    vi.useFakeTimers();
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const widget = {
      state: { thread: emptyThread() },
      options: { backend: withLive(createMemoryBackend()), thread: '/t' },
      strings: en,
      root,
      update: () => {},
    } as unknown as Widget;
    const stop = live(widget, { random: () => 0.5 });
    expect(FakeSource.all).toHaveLength(1);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      open()[0]!.refuse();
      const before = FakeSource.all.length;
      let waited = 0;
      while (FakeSource.all.length == before) {
        vi.advanceTimersByTime(250);
        waited += 250;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    stop();
    expect(open()).toEqual([]);
    vi.advanceTimersByTime(120_000);
    expect(open()).toEqual([]);
    expect(root.querySelector('button.live')).toBeNull();
  });
});
