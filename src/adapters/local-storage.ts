// A backend in the reader's own browser, for a static site with no server (`data-backend="local"`).
//
// Be honest about what this is: the comments live in this browser's localStorage, so a reader sees
// only the comments posted from this browser (their own, plus any the page seeds), nobody else sees
// them, and clearing site data loses them. It is a way to try Parley, demo it, or run a
// single-author notebook, not a shared discussion. There is no spam defence and no moderator; the
// edit token guards nothing that the same browser could not already change.
//
// The rules are the memory backend's (memory.ts), not written twice: every call rebuilds a memory
// backend over the stored rows, runs the call, and stores the rows again.
import type { Backend } from './backend.ts';
import { BackendError } from './backend.ts';
import { createMemoryBackend, type MemoryOptions, type MemoryRow } from './memory.ts';

export interface LocalOptions extends Pick<MemoryOptions, 'now' | 'moderate' | 'editWindowMs' | 'repliesPerPage' | 'votes'> {
  /** Any Web Storage; `sessionStorage` or a test double work too. */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** The storage key; one key holds every thread of the site. */
  key?: string;
}

interface Saved {
  v: 1;
  rows: MemoryRow[];
}

/**
 * @example
 * mount(el, { backend: createLocalBackend(), thread: location.pathname, title: document.title });
 */
export function createLocalBackend({ storage = localStorage, key = 'parley:local', ...rules }: LocalOptions = {}): Backend {
  function load(): MemoryRow[] {
    try {
      const saved = JSON.parse(storage.getItem(key) ?? 'null') as Saved | null;
      if (saved?.v === 1 && Array.isArray(saved.rows)) return saved.rows;
    } catch {
      // Unreadable (hand-edited, or another script's value under our key): start empty rather than
      // break the page. The next post overwrites it.
    }
    return [];
  }

  // Writes run one after another, so two posts from one page cannot both read the old rows and
  // the second overwrite the first. (Two tabs posting in the same instant still can: localStorage
  // has no transactions. An acceptable edge for a single-reader store.)
  let queue: Promise<unknown> = Promise.resolve();

  function run<T>(write: boolean, action: (backend: Backend) => Promise<T>): Promise<T> {
    const task = async () => {
      const rows = load();
      const result = await action(createMemoryBackend({ ...rules, rows }));
      if (write) {
        try {
          storage.setItem(key, JSON.stringify({ v: 1, rows } satisfies Saved));
        } catch {
          // Quota exceeded, or storage turned off (some private modes): nothing was kept, so say so.
          throw new BackendError('unavailable', 'This browser would not store the comment: its storage is full or turned off.');
        }
      }
      return result;
    };
    if (!write) return task();
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    list: (thread, page) => run(false, (b) => b.list(thread, page)),
    replies: (parent, page) => run(false, (b) => b.replies!(parent, page)),
    post: (draft) => run(true, (b) => b.post(draft)),
    edit: (id, token, text) => run(true, (b) => b.edit!(id, token, text)),
    remove: (id, token) => run(true, (b) => b.remove!(id, token)),
    counts: (threads) => run(false, (b) => b.counts!(threads)),
    // Votes (issue 16) where asked for (`votes: 'up'`): one browser, so one voter; kept with the rows.
    ...(rules.votes && rules.votes != 'off' && { vote: (id, vote) => run(true, (b) => b.vote!(id, vote)) }),
  };
}
