// The counters, settings and article cache parts on PostgreSQL (store/counters.ts, settings.ts, articles.ts).
import type { ArticlesPart } from '../articles.ts';
import { windowStart, type CountersPart } from '../counters.ts';
import type { SettingsPart } from '../settings.ts';
import { pgText, type Pg } from './pool.ts';

export function pgCounters({ run }: Pg): CountersPart {
  return {
    hit: async (key, windowSeconds, now) => (await run<{ count: number }>('hit', [key, windowStart(windowSeconds, now)])).rows[0]!.count,
    current: async (key, windowSeconds, now) => (await run<{ count: number }>('counterGet', [key, windowStart(windowSeconds, now)])).rows[0]?.count ?? 0,
  };
}

export function pgSettings({ run }: Pg): SettingsPart {
  const read = async () => (await run<{ value: string }>('secretGet')).rows[0]?.value;
  return {
    secret: async (create) => {
      const found = await read();
      if (found !== undefined) return found;
      // INSERT … DO NOTHING, then read: instances starting at once all end up with the one that won.
      await run('secretInsert', [create()]);
      return (await read())!;
    },
  };
}

export function pgArticles({ run }: Pg): ArticlesPart {
  return {
    get: async (url) => {
      const row = (await run<{ text: string; fetched_at: number }>('articleGet', [url])).rows[0];
      return row ? { text: row.text, fetchedAt: row.fetched_at } : null;
    },
    put: async (url, article) => {
      await run('articlePut', [url, pgText(article.text), article.fetchedAt]);
    },
    remove: async (key) => {
      await run('articleDelete', [key]);
    },
    prune: async (keep) => (await run('articlePrune', [keep])).rowCount ?? 0,
    listPrefix: async (prefix, limit) =>
      (await run<{ url: string; text: string; fetched_at: number }>('articlePrefix', [prefix, limit])).rows.map((r) => ({ key: r.url, text: r.text, fetchedAt: Number(r.fetched_at) })),
  };
}
