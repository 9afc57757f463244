// A store that counts the calls made to it, part by part ("threads.version", "history.recentTexts"),
// so a test can say what a request read without timing anything.
import { createMemoryStore } from '../../src/server/store/memory.ts';
import type { Store } from '../../src/server/store/store.ts';

export function countingStore(inner: Store = createMemoryStore()): { store: Store; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const count = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);
  const wrap = <T extends object>(target: T, prefix: string): T =>
    new Proxy(target, {
      get(object, key: string) {
        const value = object[key as keyof T];
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            count(`${prefix}${key}`);
            return (value as (...a: unknown[]) => unknown).apply(object, args);
          };
        }
        return value && typeof value === 'object' ? wrap(value as object, `${prefix}${key}.`) : value;
      },
    });
  return { store: wrap(inner, ''), calls };
}
