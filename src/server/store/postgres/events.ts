// The events part on PostgreSQL (store/events.ts): NOTIFY on one channel, and one dedicated
// connection per instance that LISTENs, opened on the first listener and reopened with backoff when
// it drops (a database restart). Announcements made while it is down are not heard by this
// instance's streams; their readers see those comments on their next read, as without live updates.
import pg from 'pg';
import type { EventsPart, PublishedEvent } from '../events.ts';
import type { Pg } from './pool.ts';

export const LIVE_CHANNEL = 'parley_live';

export function pgEvents({ run }: Pg, url: string, onError: (message: string, error: unknown) => void): EventsPart & { end(): Promise<void> } {
  const hearers = new Set<(event: PublishedEvent) => void>();
  let client: pg.Client | undefined;
  let opening = false;
  let ended = false;
  let delay = 1_000;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const hear = (message: pg.Notification) => {
    if (message.channel !== LIVE_CHANNEL || !message.payload) return;
    let event: PublishedEvent;
    try {
      event = JSON.parse(message.payload) as PublishedEvent;
    } catch {
      return; // not ours
    }
    if (typeof event?.thread !== 'string' || typeof event.id !== 'string') return;
    for (const heard of [...hearers]) heard({ thread: event.thread, id: event.id });
  };

  const retry = () => {
    if (ended || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void open();
    }, delay);
    timer.unref?.();
    delay = Math.min(delay * 2, 30_000);
  };

  async function open() {
    if (ended || client || opening) return;
    opening = true;
    const next = new pg.Client({ connectionString: url, application_name: 'parley-live', keepAlive: true });
    next.on('notification', hear);
    next.on('error', (error) => {
      onError('PostgreSQL: the live-update listener lost its connection (reopening)', error);
      if (client === next) client = undefined;
      void next.end().catch(() => {});
      retry();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${LIVE_CHANNEL}`);
      if (ended) {
        await next.end();
        return;
      }
      client = next;
      delay = 1_000;
    } catch (error) {
      onError('PostgreSQL: the live-update listener could not connect (retrying)', error);
      void next.end().catch(() => {});
      retry();
    } finally {
      opening = false;
    }
  }

  return {
    async announce(event) {
      await run('announce', [JSON.stringify({ thread: event.thread, id: event.id })]);
    },
    listen(heard) {
      hearers.add(heard);
      void open();
      return () => void hearers.delete(heard);
    },
    async end() {
      ended = true;
      clearTimeout(timer);
      const last = client;
      client = undefined;
      await last?.end().catch(() => {});
    },
  };
}
