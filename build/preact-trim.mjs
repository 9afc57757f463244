// build/preact-trim.json, read once for the build, the tests and the README (one list: issue 12).
import { readFileSync } from 'node:fs';

/** The list: `{ version, removed: [{ id, what, refuse, example, absent }] }`. */
export function readPreactTrim() {
  const { version, removed } = JSON.parse(readFileSync(new URL('./preact-trim.json', import.meta.url), 'utf8'));
  return { version, removed, patch: `patches/preact+${version}.patch` };
}

/** README's table of what the embed's Preact leaves out, one row per feature. */
export function readmeRows() {
  return ['| left out of the embed’s Preact | marker in the patch |', '|---|---|', ...readPreactTrim().removed.map((f) => `| ${f.what} | \`parley-trim: ${f.id}\` |`)];
}

if (process.argv[2] === '--readme') console.log(readmeRows().join('\n'));
