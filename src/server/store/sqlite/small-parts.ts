// The counters, settings and article cache parts on SQLite (store/counters.ts, settings.ts, articles.ts).
import type { ArticlesPart } from '../articles.ts';
import { windowStart, type CountersPart } from '../counters.ts';
import type { SettingsPart } from '../settings.ts';
import type { Sqlite } from './db.ts';

export function sqliteCounters({ db, q }: Sqlite): CountersPart {
  const hit = db.transaction((key: string, windowSeconds: number, now: number) => {
    const start = windowStart(windowSeconds, now);
    q('prune').run(key, start);
    return q<{ count: number }>('hit').get(key, start)!.count;
  });
  return {
    hit: async (key, windowSeconds, now) => hit.immediate(key, windowSeconds, now),
    current: async (key, windowSeconds, now) => q<{ count: number }>('counterGet').get(key, windowStart(windowSeconds, now))?.count ?? 0,
  };
}

export function sqliteSettings({ q }: Sqlite): SettingsPart {
  const get = q<{ value: string }>('secretGet');
  return {
    secret: async (create) => {
      const found = get.get();
      if (found) return found.value;
      // INSERT … DO NOTHING then read: two instances starting at once agree on one secret.
      q('secretInsert').run(create());
      return get.get()!.value;
    },
  };
}

export function sqliteArticles({ q }: Sqlite): ArticlesPart {
  return {
    get: async (url) => {
      const row = q<{ text: string; fetched_at: number }>('articleGet').get(url);
      return row ? { text: row.text, fetchedAt: row.fetched_at } : null;
    },
    put: async (url, article) => {
      q('articlePut').run(url, article.text, article.fetchedAt);
    },
    remove: async (key) => {
      q('articleDelete').run(key);
    },
    prune: async (keep) => q('articlePrune').run(keep).changes,
    listPrefix: async (prefix, limit) =>
      q<{ url: string; text: string; fetched_at: number }>('articlePrefix')
        .all(prefix, prefix, limit)
        .map((r) => ({ key: r.url, text: r.text, fetchedAt: r.fetched_at })),
  };
}
