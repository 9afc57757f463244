// A browser suite on the demo article (issue 4's site): a fresh server with the demo thread seeded
// and Chromium, started before the suite and closed after it, so each suite states only what is
// its own (server options) instead of repeating the set-up.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { ServerOptions } from '../../src/server/main.ts';
import { launchChromium } from './browser.ts';
import { DEMO_PAGE, DEMO_THREAD, demoSeeds, removeDir, seed, startParley, type Parley } from './site.ts';

export interface DemoSuite {
  browser: Browser;
  parley: Parley;
  /** Seed key → comment id (demo/seed-comments.json). */
  ids: Map<string, string>;
}

export function useDemoSuite(over: Partial<ServerOptions> = {}): DemoSuite {
  const suite = {} as DemoSuite;
  beforeAll(async () => {
    suite.parley = await startParley({ [DEMO_THREAD]: readFileSync(DEMO_PAGE, 'utf8') }, over);
    suite.ids = await seed(suite.parley.url, DEMO_THREAD, demoSeeds());
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.parley?.close();
    removeDir(suite.parley);
  });
  return suite;
}
