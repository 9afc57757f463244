// Sizes as a reader's browser receives them. The budget counts brotli, which every browser in the
// embed's target takes and the server sends first (src/server/assets.ts); gzip is reported beside
// it for the proxies and old clients that get gzip. The settings are the server's: brotli quality
// 11 in text mode with the size hint, gzip -9 with no name and a zero mtime (as `gzip -9 -n`), so a
// number is the same on every machine and every run, and test/build/wire.test.ts checks it is the
// number the server actually sends.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const bytesOf = (contents) => (typeof contents === 'string' ? Buffer.from(contents) : contents);

/** gzip -9 -n size of some bytes or text. */
export function gzipSize(contents) {
  return gzipSync(bytesOf(contents), { level: 9 }).length;
}

/** Brotli size of some bytes or text, as src/server/assets.ts compresses them. */
export function brotliSize(contents) {
  const bytes = bytesOf(contents);
  return brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
}

/** Raw, gzip -9 and brotli sizes of a file. */
export function measure(file) {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSize(bytes), br: brotliSize(bytes) };
}

/**
 * build/budget.json without its "why" notes: `{ groups: { name: { max, files } }, files: { path: max } }`.
 * A group's `files` are paths under dist/, where `*` stands for any run of name characters
 * (`dist/chunks/*.js`) and `largest:` in front of a pattern counts only the largest file it matches
 * (one language file of many).
 */
export function readBudget(file = new URL('./budget.json', import.meta.url)) {
  const { groups, files } = JSON.parse(readFileSync(file, 'utf8'));
  return { groups, files };
}

const glob = (pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

/**
 * Every budget against measured sizes (`{ 'dist/parley.js': 9193, … }`, brotli bytes): one row per
 * group and per file ceiling, `over` > 0 when it is exceeded. The build prints these rows and exits
 * non-zero on any `over`; the wire test feeds the same function the bytes the server sent.
 */
export function checkBudgets(sizes, budget = readBudget()) {
  const rows = [];
  for (const [name, { max, files }] of Object.entries(budget.groups)) {
    let total = 0;
    const counted = [];
    for (const entry of files) {
      const largest = entry.startsWith('largest:');
      const matching = Object.keys(sizes).filter((path) => glob(largest ? entry.slice(8) : entry).test(path));
      if (!matching.length && !entry.includes('*')) throw new Error(`build/budget.json: group "${name}" counts ${entry}, which was not measured.`);
      const chosen = largest ? matching.sort((a, b) => sizes[b] - sizes[a]).slice(0, 1) : matching;
      for (const path of chosen) {
        total += sizes[path];
        counted.push(path);
      }
    }
    rows.push({ name, size: total, max, over: Math.max(0, total - max), files: counted });
  }
  for (const [path, max] of Object.entries(budget.files)) {
    if (!(path in sizes)) throw new Error(`build/budget.json has a ceiling for ${path}, which was not measured.`);
    rows.push({ name: path, size: sizes[path], max, over: Math.max(0, sizes[path] - max), files: [path] });
  }
  return rows;
}
