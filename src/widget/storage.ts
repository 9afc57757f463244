// localStorage through one forgiving wrapper: storage may be absent (null), blocked (a sandboxed
// iframe throws on access), full (setItem throws) or hold junk; the widget then simply forgets.
export interface Store {
  get<T>(key: string): T | null;
  set(key: string, value: unknown): void;
  del(key: string): void;
}

// Every storage key the widget uses (README): the opt-in details, the author key, the chosen order,
// and per thread the unsent draft and the reader's own held comments; the votes chunk's own keys
// (the voter key, the reader's votes) are in chunks/votes/.
export const AUTHOR_KEY = 'parley:author';
/**
 * The signed author key the server gave (issue 14): sent with every post, so this browser keeps
 * one look and the trust its approved comments earned. Kept without the opt-in: it says nothing
 * about the reader (no name, no address), as the edit tokens of `parley:mine:` don't.
 */
export const SIGNED_KEY = 'parley:key';
/** The reader's choice of order (issue 16), one for the whole site; it wins over data-sort. */
export const SORT_KEY = 'parley:sort';
export const draftKey = (thread: string) => `parley:draft:${thread}`;
export const mineKey = (thread: string) => `parley:mine:${thread}`;

/** `s` undefined means the page's localStorage, null means nowhere. */
export function createStore(s?: Storage | null): Store {
  // Every access runs inside `run`: reading `localStorage` where the page may not use it throws, and
  // so does a null `s`; both take the same "forget it" path as a full or broken storage.
  const run = (f: (s: Storage) => unknown): any => {
    try {
      return f(s === undefined ? localStorage : s!);
    } catch {
      return null;
    }
  };
  return {
    get: (key) => run((s) => JSON.parse(s.getItem(key)!)),
    set: (key, value) => run((s) => s.setItem(key, JSON.stringify(value))),
    del: (key) => run((s) => s.removeItem(key)),
  };
}
