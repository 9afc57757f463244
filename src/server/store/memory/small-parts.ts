// The counters, settings and article cache parts in memory (store/counters.ts, settings.ts, articles.ts).
import type { ArticlesPart } from '../articles.ts';
import { windowStart, type CountersPart } from '../counters.ts';
import type { SettingsPart } from '../settings.ts';
import { open, type MemoryState } from './state.ts';

export function memoryCounters(state: MemoryState): CountersPart {
  return {
    async hit(key, windowSeconds, now) {
      open(state);
      const start = windowStart(windowSeconds, now);
      const entry = state.counters.get(key);
      const next = entry && entry.start === start ? { start, count: entry.count + 1 } : { start, count: 1 };
      state.counters.set(key, next);
      return next.count;
    },
    async current(key, windowSeconds, now) {
      open(state);
      const entry = state.counters.get(key);
      return entry && entry.start === windowStart(windowSeconds, now) ? entry.count : 0;
    },
  };
}

export function memorySettings(state: MemoryState): SettingsPart {
  return {
    async secret(create) {
      open(state);
      state.secret ??= create();
      return state.secret;
    },
  };
}

export function memoryArticles(state: MemoryState): ArticlesPart {
  return {
    async get(url) {
      open(state);
      const found = state.articles.get(url);
      return found ? { ...found } : null;
    },
    async put(url, article) {
      open(state);
      state.articles.set(url, { ...article });
    },
    async remove(key) {
      open(state);
      state.articles.delete(key);
    },
    async prune(keep) {
      open(state);
      const gone = [...state.articles].sort(([ak, a], [bk, b]) => b.fetchedAt - a.fetchedAt || (ak < bk ? -1 : 1)).slice(keep);
      for (const [key] of gone) state.articles.delete(key);
      return gone.length;
    },
    async listPrefix(prefix, limit) {
      open(state);
      return [...state.articles]
        .filter(([key]) => key.startsWith(prefix))
        .sort(([, a], [, b]) => b.fetchedAt - a.fetchedAt)
        .slice(0, limit)
        .map(([key, a]) => ({ key, ...a }));
    },
  };
}
