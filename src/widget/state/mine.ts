// The reader's own comments (DESIGN promise 6 and README "Editing and deleting"): every comment
// posted from this browser, published or held, with its edit token, kept in localStorage
// (`parley:mine:<thread>`) for the edit window so Edit, Delete and a held comment survive a reload.
import type { Posted, PublicComment } from '../../core/types.ts';
import { mineKey, type Store } from '../storage.ts';

export interface Mine {
  comment: PublicComment;
  editToken: string;
  /**
   * When the edit window ends, on the widget's clock: the backend's `editableUntil`, else DESIGN's
   * 15 minutes from posting. 0 once the server said the window is closed.
   */
  until: number;
  /** Held for a moderator: shown to its author only, from here, not from the public list. */
  held: boolean;
}

/** DESIGN's edit window, for a backend that does not say its own (`editableUntil`). */
export const EDIT_WINDOW = 15 * 60_000;

/** The reader's comments still inside their window; the expired ones are forgotten. */
export function loadMine(store: Store, thread: string, now: number): Mine[] {
  const mine = (store.get<Mine[]>(mineKey(thread)) || []).filter((m) => now < m.until);
  saveMine(store, thread, mine);
  return mine;
}

export const saveMine = (store: Store, thread: string, mine: Mine[]) => store.set(mineKey(thread), mine);

/** Keep what a post answered. The server's window wins; a reader's clock minutes off moves it as much. */
export function rememberPosted(mine: Mine[], posted: Posted, now: number): Mine {
  const m = { comment: posted.comment, editToken: posted.editToken, until: Date.parse(posted.editableUntil!) || now + EDIT_WINDOW, held: posted.status == 'held' };
  mine.push(m);
  return m;
}

/** Any comment the reader may still change: the edit tools are worth loading. */
export const hasEditable = (mine: readonly Mine[], now: number) => mine.some((m) => now < m.until);
