#!/usr/bin/env node
// The `parley` command. The server runs from its built bundle (dist/server/cli.js, made from
// src/server/bin.ts, which runs the CLI as soon as it is imported). In a fresh checkout dist/ does
// not exist yet: build it once, saying so, rather than fail with a bare "module not found".
import { existsSync } from 'node:fs';

const cli = new URL('../dist/server/cli.js', import.meta.url);

if (!existsSync(cli)) {
  process.stderr.write('parley: dist/ is missing, so building it first (run `npm run build` after changing the source).\n');
  try {
    const { build } = await import('../build/build.mjs');
    await build();
  } catch (error) {
    // An installed copy has no build/ or esbuild; its dist/ should have come with it.
    process.stderr.write(`parley: could not build (${error instanceof Error ? error.message : error}). Run \`npm run build\`.\n`);
  }
  if (!existsSync(cli)) {
    process.stderr.write('parley: dist/server/cli.js is still missing. Run `npm run build` and look at its errors.\n');
    process.exit(1);
  }
}

await import(cli.href);
