// The counters part of the store: rate limits, counted where every instance sees them (DESIGN "Scale").

export interface CountersPart {
  /**
   * Count one event for `key` and return how many the current window holds, this one included.
   * Windows are fixed and aligned to multiples of `windowSeconds` since the epoch, so a caller
   * can tell when the window ends: `windowSeconds - (floor(now / 1000) % windowSeconds)` seconds.
   */
  hit(key: string, windowSeconds: number, now: number): Promise<number>;
  /**
   * How many events the current window of `key` holds, without counting one: a limit that must
   * refuse before it counts (the admin guard refuses even the right token once a client has
   * failed too often, so a guesser cannot go on guessing).
   */
  current(key: string, windowSeconds: number, now: number): Promise<number>;
}

/** Start of the fixed counter window `now` falls in, in seconds. */
export function windowStart(windowSeconds: number, now: number): number {
  const seconds = Math.floor(now / 1000);
  return seconds - (seconds % windowSeconds);
}
