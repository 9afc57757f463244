// The outbox worker (issue 8): takes due jobs from the store, delivers them, and retries failures
// with exponential backoff and jitter until a job is dead. Jobs live in the store (claimJobs is
// atomic and leased), so every instance may run a worker, and a crash loses nothing: a job taken
// by a worker that died is taken again after its lease.
import type { Logger } from '../deps.ts';
import type { Job, Store } from '../store/store.ts';

/** A failure that no retry can fix (a malformed job, an unknown kind): the job is dead at once. */
export class PermanentError extends Error {}

/** Delays after attempt 1, 2, 3 …: 30 s, 2 min, 8 min, 32 min, 2 h 8 min, then 4 h each. */
export const BASE_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 4 * 60 * 60 * 1000;
/** About 11 hours of trying, in all, before a job is given up (kept, dead, with its last error). */
export const MAX_ATTEMPTS = 8;

/**
 * When to try again after the given attempt (1-based), ±20 % jitter so many jobs that failed
 * together (a receiver that was down) do not all come back in the same second.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const plain = Math.min(BASE_DELAY_MS * 4 ** (attempt - 1), MAX_DELAY_MS);
  return Math.round(plain * (0.8 + 0.4 * random()));
}

export interface OutboxWorkerOptions {
  store: Store;
  /** Deliver one job; resolve when done, throw (with a short reason) to retry. */
  deliver: (job: Job) => Promise<void>;
  /**
   * The job kinds this worker delivers (see `deliverers`); it takes no other jobs, so those stay
   * queued for an instance that is configured for them. Default: every kind.
   */
  kinds?: readonly string[];
  now?: () => number;
  logger?: Logger;
  /** How often to look for due jobs (retries, other instances' jobs). Default 5000. */
  intervalMs?: number;
  /** Jobs taken at once; they are delivered side by side. Default 10. */
  batch?: number;
  /** How long a taken job is this worker's. Must outlast a delivery (the timeouts). Default 2 min. */
  leaseMs?: number;
  maxAttempts?: number;
  random?: () => number;
  /** Each delivery's outcome, for metrics (metrics.ts). */
  onSettled?: (kind: string, result: 'delivered' | 'failed' | 'given_up') => void;
}

export interface OutboxWorker {
  /** Look for jobs now (called right after an enqueue), instead of at the next poll. */
  poke(): void;
  /** One pass: take the due jobs, deliver them, record the outcome. Resolves with how many were taken. */
  runOnce(): Promise<number>;
  /** Start polling every `intervalMs`. */
  start(): void;
  /** Stop polling and wait for the pass under way; no timer is left behind. */
  stop(): Promise<void>;
}

/**
 * @example
 * const worker = createOutboxWorker({ store, deliver: byKind({ webhook: sendWebhook, mail: sendMail }) });
 * worker.start(); … await worker.stop();
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, deliver } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? { info: () => {}, error: (message: string, error?: unknown) => console.error(message, error) };
  const intervalMs = options.intervalMs ?? 5000;
  const batch = options.batch ?? 10;
  const leaseMs = options.leaseMs ?? 120_000;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const random = options.random ?? Math.random;

  let running = false;
  let stopped = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<unknown> = Promise.resolve();
  // A poke during a pass must not be lost: the job it announced may have been stored after the
  // pass's claim, so one more pass follows.
  let again = false;

  async function settle(job: Job): Promise<void> {
    try {
      await deliver(job);
      await store.outbox.complete(job.id);
      options.onSettled?.(job.kind, 'delivered');
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000) || 'failed';
      const dead = error instanceof PermanentError || job.attempts >= maxAttempts;
      await store.outbox.fail(job.id, { runAt: now() + retryDelay(job.attempts, random), error: message, dead });
      options.onSettled?.(job.kind, dead ? 'given_up' : 'failed');
      if (dead) logger.error(`notification ${job.kind} ${job.id} given up after ${job.attempts} attempt(s): ${message}`);
    }
  }

  async function runOnce(): Promise<number> {
    const jobs = await store.outbox.claim(now(), batch, leaseMs, options.kinds);
    // A store failure while recording one outcome leaves that job to its lease; the others go on.
    await Promise.all(jobs.map((job) => settle(job).catch((error: unknown) => logger.error(`recording notification ${job.id} failed`, error))));
    return jobs.length;
  }

  function schedule(delay: number) {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(tick, delay);
    // The server's socket keeps the process alive; a pending poll must not.
    timer.unref?.();
  }

  function tick() {
    timer = undefined;
    if (running || stopped) return;
    running = true;
    again = false;
    current = (async () => {
      try {
        // A full batch means more may be due: keep going before sleeping.
        while (!stopped && (await runOnce()) === batch);
      } catch (error) {
        logger.error('the notification outbox could not be read', error);
      } finally {
        running = false;
        schedule(again ? 0 : intervalMs);
      }
    })();
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    poke() {
      if (stopped) return;
      if (running) again = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await current;
    },
  };
}

/**
 * The configured deliverers of one instance: `deliver` by kind, and the `kinds` it claims. Instances
 * may be configured differently (only one has `--webhook` or SMTP); a job waits for one that can
 * deliver it instead of being given up by one that cannot.
 * @example createOutboxWorker({ store, ...deliverers({ webhook: sendWebhook, mail: undefined }) })
 */
export function deliverers(handlers: Record<string, ((job: Job) => Promise<void>) | undefined>): { deliver: (job: Job) => Promise<void>; kinds: string[] } {
  const kinds = Object.keys(handlers).filter((kind) => handlers[kind] !== undefined);
  return { deliver: byKind(handlers), kinds };
}

/** One deliverer per job kind; a job of a kind nobody delivers is dead at once, with that reason. */
export function byKind(handlers: Record<string, ((job: Job) => Promise<void>) | undefined>): (job: Job) => Promise<void> {
  return async (job) => {
    const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
    if (!handler) throw new PermanentError(`this server does not deliver "${job.kind}" notifications (is it configured on this instance?)`);
    await handler(job);
  };
}
