// Sizes as the budget counts them: gzip at level 9, as `gzip -9 -n` would make them. Node's zlib
// writes no file name and a zero mtime in the header, which is exactly what `-n` asks for, so the
// number is the same on every machine and every run.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** gzip -9 -n size of some bytes or text. */
export function gzipSize(contents) {
  return gzipSync(typeof contents === 'string' ? Buffer.from(contents) : contents, { level: 9 }).length;
}

/** Raw and gzip -9 sizes of a file. */
export function measure(file) {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSize(bytes) };
}

/** The ceilings from build/budget.json: `{ "dist/parley.js": 10240, … }` (the "why" note left out). */
export function readBudget(file = new URL('./budget.json', import.meta.url)) {
  const { why: _why, ...budget } = JSON.parse(readFileSync(file, 'utf8'));
  return budget;
}
