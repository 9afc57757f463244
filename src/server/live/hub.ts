// The live streams of one instance (issue 16 item 6): who is listening to which thread, bounded by
// --max-streams, and the fan-out of the store's "a comment was published" events (store/events.ts:
// from this instance or, on PostgreSQL, any other) to them. A stream is told only of comments that
// are published when it hears of them, as their public form: never a held comment, never an email.
import type { PublicComment } from '../../core/types.ts';
import type { Logger } from '../deps.ts';
import { toPublic } from '../present.ts';
import type { Store } from '../store/store.ts';

/** What a stream is sent: the comment and its event id (the store's sequence, for Last-Event-ID). */
export type LiveSend = (comment: PublicComment, id: number) => void;

export interface LiveHub {
  /** A stream of `thread`; null when this instance already holds --max-streams of them. The function returned ends it. */
  open(thread: string, send: LiveSend, finish: () => void): (() => void) | null;
  /** Streams open now (for /metrics and the bench). */
  size(): number;
  /** Stops hearing the store's events and finishes every open stream (the server is closing). */
  close(): void;
}

/**
 * @example
 * const hub = createLiveHub({ store, maxStreams: 2000, logger, badge: 'Author' });
 * const end = hub.open('/a', (comment, id) => write(comment, id));
 */
export function createLiveHub({ store, maxStreams, logger, badge }: { store: Store; maxStreams: number; logger: Logger; badge: string }): LiveHub {
  const byThread = new Map<string, Set<LiveSend>>();
  const finishers = new Set<() => void>();
  let size = 0;
  let stop: (() => void) | undefined;
  let closed = false;

  const hear = async ({ thread, id }: { thread: string; id: string }) => {
    if (!byThread.has(thread)) return; // nobody here reads that thread: no store read
    try {
      const row = await store.comments.get(id);
      if (!row || row.status !== 'published' || row.thread !== thread) return;
      const comment = toPublic(row, badge);
      for (const send of [...(byThread.get(thread) ?? [])]) send(comment, row.seq);
    } catch (error) {
      logger.error(`live update for comment ${id} could not be read`, error);
    }
  };

  return {
    open(thread, send, finish) {
      if (size >= maxStreams || closed) return null;
      // The first stream starts the listening (PostgreSQL: one LISTEN connection per instance).
      stop ??= store.events.listen((event) => void hear(event));
      let set = byThread.get(thread);
      if (!set) byThread.set(thread, (set = new Set()));
      set.add(send);
      finishers.add(finish);
      size++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        size--;
        finishers.delete(finish);
        set.delete(send);
        if (!set.size) byThread.delete(thread);
      };
    },
    size: () => size,
    close() {
      closed = true;
      stop?.();
      stop = undefined;
      for (const finish of [...finishers]) finish();
    },
  };
}
