// GET /api/v1/stream?thread=ID (issue 16 item 6): Server-Sent Events, event `comment` with a
// PublicComment as `data` and the comment's sequence as `id`. A reconnecting client sends the last
// id it saw (the browser's Last-Event-ID header, or `lastEventId=` from a client that reopens the
// stream itself) and first gets the thread's comments published after it, up to REPLAY_MAX. At the
// bound (--max-streams) the answer is 503 with Retry-After, so clients back off instead of piling up.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { resolveThread } from '../comments/thread-aliases.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import type { LiveHub } from '../live/hub.ts';
import { toPublic } from '../present.ts';
import { requireThread } from '../reads.ts';

/** The most comments sent again to a client that reconnects; one further back reloads instead. */
export const REPLAY_MAX = 100;
/** A comment line this often keeps proxies (nginx's 60 s proxy_read_timeout) from closing an idle stream. */
export const HEARTBEAT_MS = 25_000;
/** What a client at the bound is told to wait, in seconds (clients add their own jitter). */
export const FULL_RETRY_AFTER = 30;

export function streamRoutes(deps: Deps, hub: LiveHub): Hono {
  const app = new Hono();
  app.get('/stream', async (c) => {
    const asked = requireThread(c.req.query('thread'));
    const thread = await resolveThread(deps.store, asked);
    const last = Number(c.req.header('last-event-id') ?? c.req.query('lastEventId') ?? NaN);
    const queue: string[] = [];
    let wake: (() => void) | undefined;
    let open = true;
    const end = hub.open(
      thread,
      (comment, id) => {
        queue.push(`event: comment\nid: ${id}\ndata: ${JSON.stringify(comment)}\n\n`);
        wake?.();
      },
      () => {
        open = false;
        wake?.();
      },
    );
    if (!end) {
      throw new ApiError('unavailable', `This server is at its bound of ${deps.settings.maxStreams} live streams; try again in a little while.`, undefined, {
        'Retry-After': String(FULL_RETRY_AFTER),
      });
    }
    // streamSSE sends Cache-Control: no-cache (nothing may be served from a cache). nginx buffers a proxied answer unless told not to (README "Running in production").
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => {
        open = false;
        end();
        wake?.();
      });
      try {
        // A client that comes back gets what it missed first (published only, in order).
        if (Number.isSafeInteger(last) && last > 0) {
          const missed = (await deps.store.threads.listRecentPublished({ thread, limit: REPLAY_MAX }))
            .filter((row) => row.seq > last)
            .sort((a, b) => a.seq - b.seq);
          for (const row of missed) await stream.write(`event: comment\nid: ${row.seq}\ndata: ${JSON.stringify(toPublic(row, deps.settings.ownerBadge))}\n\n`);
        }
        // Opened. `ready` carries, as its id, how far the thread has got (its newest published
        // comment's sequence), so a client that closes the stream itself (a hidden tab) and opens it
        // again later asks for what came after (lastEventId) without having seen a comment.
        if (!(Number.isSafeInteger(last) && last > 0)) {
          const newest = (await deps.store.threads.listRecentPublished({ thread, limit: 1 }))[0]?.seq ?? 0;
          await stream.write(`event: ready\nid: ${newest}\ndata: ${newest}\n\n`);
        }
        await stream.write(': open\n\n');
        while (open) {
          while (queue.length) await stream.write(queue.shift()!);
          let timer: ReturnType<typeof setTimeout> | undefined;
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, HEARTBEAT_MS);
          });
          clearTimeout(timer);
          wake = undefined;
          if (open && !queue.length) await stream.write(': ping\n\n');
        }
      } finally {
        end();
      }
    });
  });
  return app;
}
