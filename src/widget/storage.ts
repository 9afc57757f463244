// localStorage through one forgiving wrapper: storage may be absent (null), blocked (a sandboxed
// iframe throws on access), full (setItem throws) or hold junk; the widget then simply forgets.
export interface Store {
  get<T>(key: string): T | null;
  set(key: string, value: unknown): void;
  del(key: string): void;
}

// Every storage key the widget uses (README): the opt-in details, and per thread the unsent draft
// and the reader's own held comments.
export const AUTHOR_KEY = 'parley:author';
export const draftKey = (thread: string) => `parley:draft:${thread}`;
export const mineKey = (thread: string) => `parley:mine:${thread}`;

/** `localStorage` when the page may use it, else null. */
export function defaultStorage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

export function createStore(s: Storage | null): Store {
  // A null `s` throws inside `run`, the same "forget it" path as a broken storage.
  const run = (f: () => unknown): any => {
    try {
      return f();
    } catch {
      return null;
    }
  };
  return {
    get: (key) => run(() => JSON.parse(s!.getItem(key)!)),
    set: (key, value) => run(() => s!.setItem(key, JSON.stringify(value))),
    del: (key) => run(() => s!.removeItem(key)),
  };
}
