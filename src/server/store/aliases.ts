// The aliases part of the store: `parley alias OLD NEW` (issue 8). A thread that is an alias is
// answered from the thread it stands for; the comments part resolves it inside an insert, the
// threads part inside a count.

export interface AliasesPart {
  /**
   * OLD's comments move to NEW (both threads' versions bump) and OLD is recorded as an alias, so
   * later reads, counts and posts that name OLD land on NEW. Aliases never chain: an alias that
   * pointed at OLD now points at NEW (its version bumps too, so a resolution kept per thread
   * version is never stale). Throws AliasError when `from === to` or when NEW is itself an alias
   * (saying which thread it stands for).
   */
  set(from: string, to: string): Promise<{ moved: number }>;
  /** Each id asked → the thread it stands for (itself when it is no alias); keys exactly as asked. */
  resolve(threads: string[]): Promise<Record<string, string>>;
  /** Every alias, ordered by `from`. */
  list(): Promise<{ from: string; to: string }[]>;
}

/** A refused alias (`parley alias`): the message says what to do instead. */
export class AliasError extends Error {}
