// Closing a thread (issue 16 item 5): by hand from the admin page, or by age with
// --close-after-days N, as WordPress's "Automatically close comments on articles older than N days".
// The age counts from the article's `article:published_time` (read when the article is fetched),
// else from the thread's first published comment. One function decides; the post use case, the
// reads (the GET answer's `thread.closed`, its ETag and how long a kept page stays true) and the
// server-rendered page all ask it.
import type { ThreadClosing } from '../store/store.ts';

export const DAY_MS = 86_400_000;

export interface ClosingState {
  /** The thread takes no new comments. */
  closed: boolean;
  /** When an open thread closes by age (ms since the epoch); null when it stays open or is closed. */
  closesAt: number | null;
}

/**
 * @example closingOf({ closedAt: null, publishedAt: Date.parse('2026-01-01'), firstAt: null }, 30, Date.now())
 */
export function closingOf(facts: ThreadClosing, closeAfterDays: number, now: number): ClosingState {
  if (facts.closedAt !== null) return { closed: true, closesAt: null };
  const start = facts.publishedAt ?? facts.firstAt;
  if (closeAfterDays <= 0 || start === null) return { closed: false, closesAt: null };
  const closesAt = start + closeAfterDays * DAY_MS;
  return now >= closesAt ? { closed: true, closesAt: null } : { closed: false, closesAt };
}

/** Reads the thread's facts and decides, for `deps.now()`. */
export async function threadClosing(deps: { store: { threads: { closing(thread: string): Promise<ThreadClosing> } }; settings: { closeAfterDays: number }; now: () => number }, thread: string): Promise<ClosingState> {
  return closingOf(await deps.store.threads.closing(thread), deps.settings.closeAfterDays, deps.now());
}
