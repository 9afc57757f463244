// GET /api/v1/comments: a thread's page of roots with their replies, or (with `parent`) the rest
// of one subtree. The same for every reader, so it carries an ETag and answers 304. What is kept
// and how it is checked is reads.ts's; a kept page is usually sent by fast-path.ts before a request
// reaches Hono, so this route answers first reads, misses and errors (and every request of an app
// used through app.request()).
import { Hono, type Context } from 'hono';
import type { Deps } from '../deps.ts';
import { keptPageHead, matchesTag, pageHead, pageQuery, READ_CACHE_CONTROL, requireThread, type Reads } from '../reads.ts';
import { negotiate } from './read-cache.ts';

export { READ_CACHE_CONTROL, requireThread };

/** True when any of If-None-Match's tags is ours (weak comparison, as RFC 9110 asks for GET). */
export const matches = (c: Context, etag: string): boolean => matchesTag(c.req.header('if-none-match'), etag);

/** Sets a flat [name, value, …] header list (reads.ts) on the answer. */
export function setHead(c: Context, head: readonly string[]): void {
  for (let i = 0; i < head.length; i += 2) c.header(head[i]!, head[i + 1]!);
}

export function commentsReadRoutes(_deps: Deps, reads: Reads): Hono {
  const app = new Hono();

  app.get('/comments', async (c) => {
    // One parse of the query string: each c.req.query(name) parses the whole URL again, which
    // showed in the read benchmark's profile.
    const lookup = await reads.page(pageQuery(c.req.query()));
    const { kept } = lookup;
    const etag = await reads.etag(lookup);
    if (matches(c, etag)) {
      setHead(c, kept ? keptPageHead(kept, 'notModified') : pageHead(etag, 'notModified'));
      // A reader revalidating a page this process has not rendered (it restarted, or another
      // instance served the page): render and keep it once the 304 is on its way, so the next
      // revalidation is the fast path's, not two statements and an HMAC again (issue 22).
      if (!kept) setImmediate(() => void reads.render(lookup, etag).catch(() => {}));
      return c.body(null, 304);
    }
    const rendered = await reads.render(lookup, etag);
    const { body, encoding } = reads.cache.encoded(lookup.key, rendered, negotiate(c.req.header('accept-encoding')));
    setHead(c, keptPageHead(rendered, encoding));
    // An ArrayBuffer view of exactly these bytes: @hono/node-server writes it as is, with its length.
    return c.body(body as Uint8Array<ArrayBuffer>, 200);
  });

  return app;
}
