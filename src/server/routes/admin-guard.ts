// The admin API's door (issue 14 item 5): the bearer token, compared in constant time, and a limit
// on guessing it. A client that sent 10 wrong tokens in a minute gets 429 with Retry-After until
// the minute is over, for every admin request, the right token included: otherwise a guesser
// would simply keep going and know when one worked. Counted in the store (counters), so every
// instance behind a load balancer sees the same count (DESIGN "Scale"). A client whose address is
// unknown shares one count with every such client: locking the admin out for a minute is better
// than letting guesses through unlimited.
import type { Context, MiddlewareHandler } from 'hono';
import { clientHash } from '../crypto.ts';
import { adminOn, moderatorOf } from '../desk/tokens.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { bearer } from '../http.ts';
import { windowStart } from '../store/store.ts';

/** DESIGN "Added in the second round": 10 failures a minute from one client → 429. */
export const ADMIN_FAILURES_PER_MINUTE = 10;
const WINDOW_SECONDS = 60;

/** What the guard leaves on the request: who is acting (a token's name; `admin` for --admin-token). */
export type AdminEnv = { Variables: { moderator: string } };

/**
 * Issue 21: any named token (`parley token add`) or `--admin-token` (named `admin`) lets a moderator
 * in; with neither the admin API is off and answers 404, as an unknown path does.
 */
export function adminGuard(deps: Deps): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    if (!(await adminOn(deps.store, deps.settings.adminToken))) throw notFound(c);
    const now = deps.now();
    const key = `admin-failures:${clientHash(await deps.secret(), deps.clientAddress(c))}`;
    const refuse = () => {
      const retryAfter = Math.max(1, windowStart(WINDOW_SECONDS, now) + WINDOW_SECONDS - Math.floor(now / 1000));
      return new ApiError('rate_limited', `Too many wrong admin tokens from this client; wait ${retryAfter} seconds and try again.`, undefined, {
        'Retry-After': String(retryAfter),
      });
    };
    if ((await deps.store.counters.current(key, WINDOW_SECONDS, now)) >= ADMIN_FAILURES_PER_MINUTE) throw refuse();
    const moderator = await moderatorOf(deps.store, deps.settings.adminToken, bearer(c));
    if (moderator === null) {
      const failures = await deps.store.counters.hit(key, WINDOW_SECONDS, now);
      if (failures > ADMIN_FAILURES_PER_MINUTE) throw refuse();
      throw new ApiError('unauthorized', 'Send the admin token as Authorization: Bearer <token>.', undefined, { 'WWW-Authenticate': 'Bearer' });
    }
    c.set('moderator', moderator);
    await next();
  };
}

/** The 404 of a path that is not there: the admin API and page, when no token opens them. */
export const notFound = (c: Context) => new ApiError('not_found', `There is nothing at ${c.req.method} ${new URL(c.req.url).pathname}.`);
