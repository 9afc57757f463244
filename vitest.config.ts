import { defineConfig } from 'vitest/config';

// Widget suites opt into happy-dom with a `// @vitest-environment happy-dom` line; everything else
// runs in Node. Browser suites (test/browser) drive Debian's Chromium through playwright-core.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Builds the browser files once, before every suite (the wire budgets, the smoke and browser suites read dist/).
    globalSetup: ['test/build/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
