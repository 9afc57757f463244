// The outbox part of the store (webhooks, owner email): jobs kept in the store, so any instance
// may deliver them and a restart loses none. Delivery is at least once. Jobs of a comment write
// are written by the comments part in the write's own transaction (comments.ts, WriteJobs).

/** An outbox entry to write. `payload` must be JSON-serialisable. */
export interface NewJob {
  kind: string;
  payload: unknown;
  runAt: number;
}

/** One outbox entry. `payload` is the JSON value given to enqueue. */
export interface Job {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  runAt: number;
  lastError: string | null;
  dead: boolean;
  createdAt: number;
}

export interface OutboxPart {
  enqueue(job: NewJob): Promise<string>;
  /**
   * Take up to `limit` jobs that are due (`runAt <= now`, not dead): each one's `attempts` grows by
   * one and its `runAt` moves to `now + leaseMs`, in one atomic step, so no other instance takes
   * the same job meanwhile; a worker that dies leaves it to be taken again after the lease.
   * `kinds`, when given, limits the claim to the jobs of those kinds: an instance takes only what it
   * can deliver, so a webhook job is not given up by an instance started without `--webhook`.
   */
  claim(now: number, limit: number, leaseMs: number, kinds?: readonly string[]): Promise<Job[]>;
  /** Delivered: the job is deleted. */
  complete(id: string): Promise<void>;
  /** Not delivered: try again at `runAt`, or never (`dead`, kept with its last error for the owner). */
  fail(id: string, update: { runAt: number; error: string; dead: boolean }): Promise<void>;
  /** Jobs still waiting or dead, oldest first (tests, the admin page). */
  list(filter: { dead?: boolean; limit: number }): Promise<Job[]>;
}
