// Shared set-up for the widget suites: a memory backend, an in-memory Storage, and a mounted widget
// whose shadow root the tests query.
import { createMemoryBackend, type MemoryOptions } from '../../src/adapters/memory.ts';
import type { Backend } from '../../src/adapters/backend.ts';
import type { PublicComment } from '../../src/core/types.ts';
import { chunksSettled } from '../../src/widget/chunks/load.ts';
import { mount, type MountOptions } from '../../src/widget/mount.ts';

/** A Storage that belongs to one test (or one "browser"), so tests cannot see each other's data. */
export class MemoryStorage implements Storage {
  map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.has(key) ? this.map.get(key)! : null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, String(value));
  }
}

let seq = 0;
export function comment(id: string, parent: string | null = null, extra: Partial<PublicComment> = {}): PublicComment {
  return {
    id,
    thread: '/t',
    parent,
    author: { name: `Author ${id}`, website: null, avatar: 'ab' + id },
    text: `Text of ${id}`,
    format: 'plain',
    createdAt: new Date(Date.UTC(2026, 4, 10, 12, seq++ % 60)).toISOString(),
    editedAt: null,
    ...extra,
  };
}

/** Let promises and the re-renders they cause settle, code chunks loading on first use included. */
export async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  await chunksSettled();
  for (let i = 0; i < 2; i++) await new Promise((r) => setTimeout(r, 0));
}

export interface Mounted {
  el: HTMLElement;
  root: ShadowRoot;
  unmount: () => void;
  $: <T extends Element = HTMLElement>(sel: string) => T | null;
  $$: (sel: string) => HTMLElement[];
  type: (id: string, value: string) => void;
  submit: () => Promise<void>;
  click: (el: Element | null | undefined) => Promise<void>;
  text: () => string;
}

export async function setup(
  options: Partial<MountOptions> & { comments?: PublicComment[]; memory?: MemoryOptions } = {},
): Promise<Mounted & { backend: Backend }> {
  const backend = options.backend ?? createMemoryBackend({ comments: options.comments ?? [], ...options.memory });
  const el = document.createElement('div');
  document.body.append(el);
  const unmount = mount(el, { thread: '/t', title: 'Putin to visit China – Kremlin', storage: new MemoryStorage(), ...options, backend });
  await settle();
  return { ...helpers(el), unmount, backend };
}

export function helpers(el: HTMLElement): Omit<Mounted, 'unmount'> {
  const root = el.querySelector('.parley')!.shadowRoot!;
  const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel) as T | null;
  return {
    el,
    root,
    $,
    $$: (sel) => [...root.querySelectorAll<HTMLElement>(sel)],
    type(id, value) {
      const input = root.getElementById(id) as HTMLInputElement;
      input.focus();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    async submit() {
      root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      await settle();
    },
    async click(target) {
      if (!target) throw new Error('nothing to click');
      (target as HTMLElement).click();
      await settle();
    },
    text: () => root.textContent ?? '',
  };
}

/** Find a button by its visible text. */
export const button = (m: Mounted, label: string) => m.$$('button').find((b) => b.textContent?.trim() == label) ?? null;
