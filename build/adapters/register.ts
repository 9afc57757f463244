// Shared by the small backend scripts (dist/adapters/*.js): put a backend factory on
// `window.Parley.backends`, merging with whatever is already there. Include such a script BEFORE the
// embed, and `data-backend="local"` (or "memory") finds its factory there when the embed mounts:
//
//   <script src="/parley/adapters/local.js"></script>
//   <script src="/parley/parley.js" data-backend="local" defer></script>
//
// The embed must merge into `window.Parley` too (not replace it), or it would drop these.
import type { Backend } from '../../src/adapters/backend.ts';

/** Called with the script's data-api address ('' when absent), like the embed's own `http` factory. */
type Factory = (api: string) => Backend;
interface ParleyGlobal {
  backends?: Record<string, Factory>;
}

export function registerBackend(name: string, factory: Factory): void {
  const w = window as unknown as { Parley?: ParleyGlobal };
  const parley = (w.Parley ??= {});
  (parley.backends ??= {})[name] = factory;
}
