// The events part of the store (issue 16 item 6, live updates): "a comment was published", told to
// every instance that shares the store, so a reader's open stream on any instance hears of a
// comment posted or approved through another. PostgreSQL carries it with LISTEN/NOTIFY; SQLite and
// memory tell the listeners of this process only (README: one process per SQLite file).

/** A comment that became public (posted and published, or approved). Only ids travel. */
export interface PublishedEvent {
  thread: string;
  id: string;
}

export interface EventsPart {
  /** Tells every instance sharing this store, this one included. Resolves once sent; never throws for a listener's failure. */
  announce(event: PublishedEvent): Promise<void>;
  /** Hears every announcement, from any instance sharing the store; the function returned stops it. */
  listen(hear: (event: PublishedEvent) => void): () => void;
}

/** The events of one process: memory, and SQLite (one process per file). */
export function localEvents(): EventsPart {
  const hearers = new Set<(event: PublishedEvent) => void>();
  return {
    async announce(event) {
      for (const hear of [...hearers]) hear({ ...event });
    },
    listen(hear) {
      hearers.add(hear);
      return () => void hearers.delete(hear);
    },
  };
}
