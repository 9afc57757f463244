// What a reader downloads, measured where it is decided (STYLE: "measure what the user receives"):
// each browser file in dist/ is fetched through the server's own route (createApp + the file
// source main.ts uses), and the budgets of build/budget.json are checked on the bytes that came
// back, brotli as every current browser asks for it. README "Size and speed" quotes these numbers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserTargets } from '../../build/build.mjs';
import { brotliSize, checkBudgets, gzipSize, readBudget } from '../../build/size.mjs';
import { createApp } from '../../src/server/app.ts';
import { createFileAssets } from '../../src/server/assets.ts';
import { createMemoryStore } from '../../src/server/store/memory.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');

/**
 * The ESM library is for sites that bundle Parley themselves (npm), not a file the server hands to
 * browsers; its ceiling is checked on its brotli size on disk.
 */
const NOT_SERVED = ['dist/parley.esm.js'];

/** Every browser file the build wrote (the entries and whatever chunks they have), as dist/… paths. */
const shippedFiles = () =>
  readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .filter((path) => !path.startsWith('dist/server/'))
    .sort();
const servedFiles = () => shippedFiles().filter((f) => !NOT_SERVED.includes(f));

const app = createApp({
  store: createMemoryStore(),
  origins: [],
  moderation: 'publish',
  editWindowSeconds: 900,
  assets: createFileAssets(dist),
  logger: { info() {}, error() {} },
});
const get = (path: string, encoding?: string) => app.request(path, { headers: encoding ? { 'accept-encoding': encoding } : {} });

/** path → { br, gzip, raw }: body bytes as the server sent them. */
const wire: Record<string, { br: number; gzip: number; raw: number }> = {};
/** What the budgets count: the brotli bytes sent, and the ESM library's on disk. */
const budgetSizes = () => ({
  ...Object.fromEntries(Object.entries(wire).map(([file, sent]) => [file, sent.br])),
  ...Object.fromEntries(NOT_SERVED.map((file) => [file, brotliSize(readFileSync(join(root, file)))])),
});

beforeAll(async () => {
  for (const file of servedFiles()) {
    const url = '/' + file.slice('dist/'.length);
    const original = readFileSync(join(root, file));
    const br = await get(url, 'gzip, deflate, br, zstd');
    const gz = await get(url, 'gzip, deflate');
    const raw = await get(url);
    const [brBody, gzBody, rawBody] = await Promise.all([br, gz, raw].map(async (r) => new Uint8Array(await r.arrayBuffer())));
    // What came back is the file: decompressed, byte for byte.
    expect(Buffer.from(brotliDecompressSync(brBody)).equals(original), `${url} br`).toBe(true);
    expect(Buffer.from(gunzipSync(gzBody)).equals(original), `${url} gzip`).toBe(true);
    expect(Buffer.from(rawBody).equals(original), `${url} identity`).toBe(true);
    expect([br.headers.get('content-encoding'), gz.headers.get('content-encoding'), raw.headers.get('content-encoding')], url).toEqual(['br', 'gzip', null]);
    wire[file] = { br: brBody.byteLength, gzip: gzBody.byteLength, raw: rawBody.byteLength };
  }
});

describe('bytes on the wire (GET through the server, Accept-Encoding as a browser sends it)', () => {
  it('fetches every browser file the build makes', () => {
    expect([...Object.keys(wire), ...NOT_SERVED].filter((f) => !f.startsWith('dist/chunks/')).sort()).toEqual([...browserTargets()].sort());
  });

  it('sends what the build reported: the same brotli and gzip settings, byte for byte', () => {
    for (const [file, sent] of Object.entries(wire)) {
      const bytes = readFileSync(join(root, file));
      expect({ file, br: sent.br, gzip: sent.gzip }).toEqual({ file, br: brotliSize(bytes), gzip: gzipSize(bytes) });
    }
  });

  it('keeps every budget of build/budget.json on the brotli bytes sent', () => {
    const rows = checkBudgets(budgetSizes());
    // Printed for the README's table: the numbers it quotes are these.
    console.log(['file brotli gzip raw', ...Object.entries(wire).map(([f, s]) => `${f} ${s.br} ${s.gzip} ${s.raw}`)].join('\n'));
    console.log(rows.map((r) => `${r.name}: ${r.size} / ${r.max}`).join('\n'));
    expect(rows.filter((r) => r.over).map((r) => `${r.name} is ${r.size} B, over ${r.max} B`)).toEqual([]);
  });

  it('has a ceiling or a group for every browser file', () => {
    const budget = readBudget();
    const counted = new Set(checkBudgets(budgetSizes(), budget).flatMap((r) => r.files));
    expect(shippedFiles().filter((f) => !counted.has(f))).toEqual([]);
  });

  it('fails `npm run build` when a budget is exceeded, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-budget-'));
    const tight = { ...readBudget(), groups: { ...readBudget().groups, 'English first render': { max: 1000, files: ['dist/parley.js'] } } };
    writeFileSync(join(dir, 'budget.json'), JSON.stringify(tight));
    const run = spawnSync(process.execPath, ['build/build.mjs', '--quiet', '--budget', join(dir, 'budget.json')], { cwd: root, encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/English first render is [\d,]+ B brotli, over its budget of 1,000 B/);
  });

  it('counts the budget rule itself right: over by one byte is over', () => {
    const budget = { groups: { 'first render': { max: 100, files: ['dist/a.js', 'largest:dist/i18n/*.js'] } }, files: { 'dist/b.js': 10 } };
    const rows = checkBudgets({ 'dist/a.js': 60, 'dist/i18n/x.js': 41, 'dist/i18n/y.js': 5, 'dist/b.js': 10 }, budget);
    expect(rows.map((r) => [r.name, r.size, r.over])).toEqual([
      ['first render', 101, 1],
      ['dist/b.js', 10, 0],
    ]);
  });
});
