// src → dist with esbuild's JS API (DESIGN "Parts": build). `npm run build` prints what each shipped
// file weighs (raw, gzip, brotli) against build/budget.json and exits 1 when a budget is exceeded;
// `npm test` runs it with --quiet, then test/build/wire.test.ts checks the bytes the server sends.
// Flags: --quiet (only failures), --analyze (bytes per module of the embed), --budget FILE.
//
// An entry whose source file does not exist yet is skipped with a warning (and its stale output
// removed), so the parts can arrive one at a time; an entry that exists and fails to build fails the
// build.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { minify } from 'terser';
import { checkBudgets, measure, readBudget } from './size.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => join(root, path);
const exists = (path) => existsSync(at(path));

const shared = {
  bundle: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
  absWorkingDir: root,
};

const browser = {
  ...shared,
  platform: 'browser',
  format: 'iife',
  // Safari 13.1, Chrome 80, Firefox 72: every browser still in use. es2020 keeps `?.` and `??` as
  // written; lowering them for es2019 cost the embed about 120 bytes gzipped.
  target: 'es2020',
  // Our classes declare fields only for their types (BackendError); with define semantics each one
  // became an Object.defineProperty call. Plain assignment in the constructor does the same job.
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
  minify: true,
  // Preact checks NODE_ENV for its dev warnings; fixing it here lets the minifier drop them.
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
};

// A second minification pass for the script-tag files (the embed and count.js), whose bytes every
// reader downloads. esbuild minifies one statement at a time; terser's repeated passes also inline
// single-use functions and constants across the whole bundle, join declarations, and mangle the
// top-level names of the IIFE. On the embed that was worth about 460 bytes gzipped.
// - toplevel: the IIFE's scope is ours alone, so its names may be renamed and unused ones dropped.
// - pure_getters: reading a property never has a side effect in our code or Preact's (the one getter,
//   BackendError's `retryable`, has none), so a property read whose value is unused can go.
// - unsafe: rewrites such as `String(x)` → `""+x` and `new Array()` → `[]`, which assume nobody has
//   replaced the built-ins; the smoke tests in test/build/bundle.test.ts run the result.
// - unsafe_comps: `!(a < b)` → `a >= b`, wrong only for NaN operands, which no comparison here has.
// Not used: unsafe_arrows (turns arrows into functions, changing `this`).
// The ESM library goes through it too, in module mode (its exports keep their names), its source map carried
// through; the backend scripts keep esbuild's output: they are small.
const TERSER = {
  ecma: 2020,
  toplevel: true,
  compress: { passes: 3, unsafe: true, unsafe_comps: true, pure_getters: true },
  format: { comments: false },
};

// The Preact UI files use classic JSX, `h(type, props, ...children)`, rather than the automatic
// runtime's `jsx(type, { ...props, children: [...] })`: an element without props costs `null` instead
// of `{children:[…]}`, and preact/jsx-runtime stays out (h is in Preact's core anyway). This saved
// about 120 bytes gzipped on the embed. tsconfig keeps the automatic runtime for type checking and
// for vitest; both produce the same vnodes. Only for bundles with UI: an injected file is always
// included, so count.js would otherwise carry all of Preact.
const ui = { jsx: 'transform', jsxFactory: 'h', jsxFragment: 'Fragment', inject: [join(root, 'build/jsx-classic.js')] };

// The embed's Preact (issue 12, item 4): Preact as published, pinned to one version, with the
// features the widget never uses left out of its source by a patch (patches/preact+VERSION.patch,
// applied by patch-package on npm install; what it removes and why: build/preact-trim.json, the one
// list the README's table and test/build/preact-trim.test.ts are made from). dist/parley.js is
// bundled from that patched source (node_modules/preact/src), never from an edited built file;
// dist/parley.esm.js, the chunks' stand-in and the tests use the published build, untouched.
// Bundled from source, Preact's internal property names are long (`_children`, `_dom`, …: its own
// build shortens them); esbuild's mangleProps shortens exactly those, the names Preact's source
// writes as `._name`, and nothing of ours.
const preactSource = join(root, 'node_modules/preact/src/index.js');
const preactInternals = () => {
  const dir = join(root, 'node_modules/preact/src');
  const names = new Set();
  for (const file of readdirSync(dir, { recursive: true })) {
    if (!String(file).endsWith('.js')) continue;
    for (const m of readFileSync(join(dir, String(file)), 'utf8').matchAll(/\._([a-zA-Z]\w*)/g)) names.add('_' + m[1]);
  }
  return new RegExp(`^(${[...names].sort().join('|')})$`);
};
const patchedPreact = {
  name: 'patched-preact',
  setup(b) {
    b.onResolve({ filter: /^preact$/ }, () => ({ path: preactSource }));
  },
};

// Code chunks (src/widget/chunks/load.ts): each src/widget/chunks/NAME.tsx becomes an ES module of
// its own, dist/chunks/NAME-HASH.js, that the embed import()s from beside itself on first use.
// - HASH is of the file's final bytes, so a chunk's URL always means the same bytes and the server
//   lets caches keep it for a year (src/server/assets.ts); a changed chunk gets a new name, and the
//   embed, which names it, changes with it.
// - A chunk carries no Preact: `preact` resolves to the stand-in below, whose h and Fragment the
//   entry hands over (bindPreact) before the chunk renders anything. One Preact renders every vnode;
//   test/build/chunks.test.ts checks that no chunk contains Preact's code.
// - The embed's copy of src/widget/chunks/sources.ts is made here from the chunks built: one import
//   of `base + "chunks/NAME-HASH.js"` per chunk, an absolute URL (load.ts says why). An inline copy
//   of the embed (no src) has no base: its chunks fail to load, and the widget goes on without them.
const SHARED_PREACT = `// The entry's Preact, handed over by loadChunk (src/widget/chunks/load.ts) before the chunk runs.
export let h, Fragment;
export const bindPreact = (preact) => void ({ h, Fragment } = preact);`;
const sharedPreact = {
  name: 'shared-preact',
  setup(b) {
    b.onResolve({ filter: /^preact$/ }, () => ({ path: 'shared-preact', namespace: 'parley' }));
    b.onLoad({ filter: /^shared-preact$/, namespace: 'parley' }, () => ({ contents: SHARED_PREACT, loader: 'js' }));
  },
};

/** The chunk names: src/widget/chunks/NAME.tsx, one file per chunk (its parts live in a folder beside it). */
export function chunkNames() {
  return readdirSync(at('src/widget/chunks'))
    .map((file) => /^([a-z-]+)\.tsx$/.exec(file)?.[1])
    .filter(Boolean)
    .sort();
}

const chunkTable = (files) => ({
  name: 'chunk-table',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]widget[\\/]chunks[\\/]sources\.ts$/ }, () => ({
      // By name: `files` fills in the order the chunks finish building, which varies from run to
      // run, and the entry's brotli size moved by up to 30 B with it (10,207–10,240 B for one source).
      contents: `export const chunkSources = {${Object.entries(files)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, file]) => `${JSON.stringify(name)}: (base) => base ? import(base + ${JSON.stringify(file)}) : Promise.reject()`)
        .join(', ')}};`,
      loader: 'js',
    }));
  },
});

/** Build every chunk; returns name → path under dist/ ("chunks/edit-0A1B2C3D.js") and their metafiles. */
async function buildChunks() {
  const files = {};
  const metafiles = {};
  await Promise.all(
    chunkNames().map(async (name) => {
      const built = await esbuild.build({
        ...browser,
        ...ui,
        format: 'esm',
        stdin: { contents: `export * from './src/widget/chunks/${name}.tsx'; export { bindPreact } from 'preact';`, resolveDir: root, sourcefile: `chunks/${name}.js`, loader: 'ts' },
        plugins: [sharedPreact],
        metafile: true,
        write: false,
      });
      const code = (await minify(built.outputFiles[0].text, { ...TERSER, module: true })).code;
      const file = `chunks/${name}-${createHash('sha256').update(code).digest('hex').slice(0, 8).toUpperCase()}.js`;
      mkdirSync(at('dist/chunks'), { recursive: true });
      writeFileSync(at(`dist/${file}.tmp`), code);
      renameSync(at(`dist/${file}.tmp`), at(`dist/${file}`));
      files[name] = file;
      metafiles[name] = built.metafile;
    }),
  );
  // Chunks of earlier builds go: the budget counts what is in dist/chunks, and only today's are named.
  const current = new Set(Object.values(files).map((file) => file.slice('chunks/'.length)));
  // What each chunk is made of (test/build/chunks.test.ts reads it: no chunk may carry Preact).
  writeFileSync(at('dist/meta-chunks.json.tmp'), JSON.stringify(metafiles, null, 1));
  renameSync(at('dist/meta-chunks.json.tmp'), at('dist/meta-chunks.json'));
  for (const old of readdirSync(at('dist/chunks'))) if (!current.has(old)) rmSync(at(`dist/chunks/${old}`), { force: true });
  return { files, metafiles };
}

const node = {
  ...shared,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The server's dependencies (hono, better-sqlite3, zod) stay in node_modules: installed, not bundled.
  packages: 'external',
  sourcemap: true,
};

/**
 * dist/i18n/<lang>.js for every language file in src/core/i18n but English (which the embed carries),
 * so a new language is one file there and nothing here. Each script is that one object and one
 * line, `(window.Parley ||= {}).strings = xx`: the embed, when the page's language asks for it,
 * fetches the file and mounts with Parley.strings, and count.js takes its count words from it.
 * A file is `xx.ts` (or `xxx.ts`, a language subtag) exporting `const xx: Strings`.
 */
export function languageTargets() {
  return readdirSync(at('src/core/i18n'))
    .map((file) => /^([a-z]{2,3})\.ts$/.exec(file)?.[1])
    .filter((lang) => lang && lang != 'en')
    .sort()
    .map((lang) => ({
      out: `dist/i18n/${lang}.js`,
      entry: `src/core/i18n/${lang}.ts`,
      stdin: `import { ${lang} as s } from './src/core/i18n/${lang}.ts'; (window.Parley ||= {}).strings = s;`,
      options: browser,
      // \u escapes instead of raw UTF-8 (about 60–100 bytes gzipped on Cyrillic, Arabic or Japanese):
      // the file then reads the same whatever charset a CDN or a legacy page (windows-1251) gives it.
      terser: { ...TERSER, format: { ...TERSER.format, ascii_only: true } },
    }));
}

/** Each output: where it goes, what it is built from, and any other files the entry needs. */
const targets = [
  // `chunks`: the embed names its code chunks, so they are built first (buildChunks).
  { out: 'dist/parley.js', entry: 'src/widget/embed.ts', options: { ...browser, ...ui, metafile: true, plugins: [patchedPreact] }, terser: true, chunks: true, preactSource: true },
  { out: 'dist/count.js', entry: 'src/widget/count.ts', options: browser, terser: true },
  {
    out: 'dist/parley.esm.js',
    // The widget's table of contents plus every browser backend and the core helpers.
    entry: 'build/esm-entry.ts',
    needs: ['src/widget/index.ts'],
    options: { ...browser, ...ui, format: 'esm', sourcemap: true },
    // Terser too (module: the exports keep their names), with esbuild's map as its input map, so the
    // map still points into src/. Issue 21: the library's ceiling had 18 B left; this pass was worth
    // about 700 B brotli and leaves room for what the widget gains next.
    terser: { ...TERSER, module: true },
    map: true,
  },
  { out: 'dist/adapters/local.js', entry: 'build/adapters/local.ts', options: browser },
  { out: 'dist/adapters/memory.js', entry: 'build/adapters/memory.ts', options: browser },
  { out: 'dist/adapters/wordpress.js', entry: 'build/adapters/wordpress.ts', options: browser },
  ...languageTargets(),
  { out: 'dist/server/index.js', entry: 'src/server/index.ts', options: node },
  { out: 'dist/server/cli.js', entry: 'src/server/bin.ts', options: { ...node, banner: { js: '#!/usr/bin/env node' } } },
  // The article reader's worker thread (src/server/article.ts readInWorker), found beside the two above.
  { out: 'dist/server/article-worker.js', entry: 'src/server/article-worker.ts', options: node },
];

/** Every output a browser downloads (not the server's). */
export const browserTargets = () => targets.map((t) => t.out).filter(isBrowserFile);

/**
 * Build everything (or the outputs named in `only`).
 * @returns {Promise<{ built: string[], skipped: { out: string, missing: string[] }[], failed: string[], metafile?: object }>}
 */
export async function build({ only, log = console } = {}) {
  const chosen = only ? targets.filter((t) => only.includes(t.out)) : targets;
  const result = { built: [], skipped: [], failed: [], metafile: undefined, chunks: undefined };
  let chunks;
  if (chosen.some((t) => t.chunks)) {
    try {
      chunks = await buildChunks();
      result.chunks = chunks;
    } catch {
      log.error('parley build: the code chunks (src/widget/chunks/*.tsx) failed to build.');
    }
  }
  await Promise.all(
    chosen.map(async (target) => {
      const missing = [target.entry, ...(target.needs ?? [])].filter((file) => !exists(file));
      if (missing.length) {
        // A stale file from an earlier build must not pass for a fresh one.
        rmSync(at(target.out), { force: true });
        result.skipped.push({ out: target.out, missing });
        log.warn(`parley build: skipped ${target.out}: ${missing.join(', ')} does not exist yet.`);
        return;
      }
      mkdirSync(dirname(at(target.out)), { recursive: true });
      try {
        // A generated entry (the language scripts) is esbuild's stdin, resolved from the repository root.
        const entry = target.stdin ? { stdin: { contents: target.stdin, resolveDir: root, sourcefile: target.out, loader: 'ts' } } : { entryPoints: [at(target.entry)] };
        if (target.chunks && !chunks) throw new Error('no chunks');
        const plugins = target.chunks ? [...target.options.plugins, chunkTable(chunks.files)] : target.options.plugins;
        const mangle = target.preactSource ? { mangleProps: preactInternals() } : {};
        const built = await esbuild.build({ ...target.options, ...(plugins && { plugins }), ...mangle, ...entry, outfile: at(target.out), write: false });
        // Written whole, then renamed: a test or a running demo reading dist/ meanwhile never sees half a file.
        const outputs = Object.fromEntries(built.outputFiles.map((file) => [file.path, file]));
        for (const file of built.outputFiles) {
          if (target.map && file.path.endsWith('.map')) continue;
          let contents = file.contents;
          const written = [];
          if (target.terser) {
            const options = target.terser === true ? TERSER : target.terser;
            const map = target.map && outputs[`${file.path}.map`];
            const url = `${basename(file.path)}.map`;
            const out = await minify(file.text, map ? { ...options, sourceMap: { content: map.text, url, includeSources: true } } : options);
            contents = out.code;
            if (map) written.push([`${file.path}.map`, out.map]);
          }
          written.unshift([file.path, contents]);
          for (const [path, text] of written) {
            writeFileSync(`${path}.tmp`, text);
            renameSync(`${path}.tmp`, path);
          }
        }
        if (built.metafile) {
          result.metafile = built.metafile;
          writeFileSync(at('dist/meta.json.tmp'), JSON.stringify(built.metafile, null, 1));
          renameSync(at('dist/meta.json.tmp'), at('dist/meta.json'));
        }
        result.built.push(target.out);
        if (target.chunks) result.built.push(...Object.values(chunks.files).map((file) => `dist/${file}`));
      } catch {
        // esbuild has already printed the errors (logLevel), with file and line.
        rmSync(at(target.out), { force: true });
        result.failed.push(target.out);
        log.error(`parley build: ${target.out} failed to build from ${target.entry}.`);
      }
    }),
  );
  const order = (list) => [...targets.map((t) => t.out).filter((out) => list.includes(out)), ...list.filter((out) => out.startsWith('dist/chunks/')).sort()];
  result.built = order(result.built);
  result.failed = order(result.failed);
  return result;
}

/** Brotli bytes of each built browser file, by path: what the budgets count. */
export function wireSizes(outs) {
  return Object.fromEntries(outs.filter(isBrowserFile).map((out) => [out, measure(at(out)).br]));
}

const isBrowserFile = (out) => out.startsWith('dist/') && !out.startsWith('dist/server/') && out.endsWith('.js');

/**
 * The size table: raw, gzip -9 and brotli bytes of each built browser file, then every budget of
 * build/budget.json against them. Returns true when a budget is exceeded.
 */
export function report(outs, log = console, budgetFile = undefined) {
  const files = outs.filter(isBrowserFile);
  const n = (v) => (typeof v === 'number' ? v.toLocaleString('en') : v);
  const print = (table) => {
    const widths = table[0].map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
    for (const row of table) log.log(row.map((cell, i) => (i === 0 || i === row.length - 1 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ').trimEnd());
  };
  const sizes = files.map((out) => [out, measure(at(out))]);
  print([['file', 'raw', 'gzip -9', 'brotli', ''], ...sizes.map(([out, m]) => [out, n(m.raw), n(m.gzip), n(m.br), ''])]);
  const rows = checkBudgets(Object.fromEntries(sizes.map(([out, m]) => [out, m.br])), readBudget(budgetFile));
  log.log('');
  print([['budget (brotli)', 'size', 'max', ''], ...rows.map((r) => [r.name, n(r.size), n(r.max), r.over ? `OVER by ${n(r.over)}` : 'ok'])]);
  const over = rows.filter((r) => r.over);
  for (const r of over) log.error(`parley build: ${r.name} is ${n(r.size)} B brotli, over its budget of ${n(r.max)} B (build/budget.json).`);
  return over.length > 0;
}

async function main(argv) {
  const result = await build();
  // Over budget fails the build, --quiet or not (the report then prints only the failures).
  const quiet = { log() {}, warn: console.warn, error: console.error };
  // --budget FILE: another budget file (the test that an exceeded budget fails the build uses it).
  const budgetFile = argv.includes('--budget') ? argv[argv.indexOf('--budget') + 1] : undefined;
  if (!result.failed.length && report(result.built, argv.includes('--quiet') ? quiet : console, budgetFile)) process.exitCode = 1;
  if (!argv.includes('--quiet') && existsSync(at('dist/meta.json'))) console.log('\nBytes per module of the embed: dist/meta.json (or run with --analyze).')
  if (argv.includes('--analyze') && result.metafile) console.log(await esbuild.analyzeMetafile(result.metafile));
  if (argv.includes('--analyze') && result.chunks) {
    for (const [name, meta] of Object.entries(result.chunks.metafiles)) console.log(`\nchunk ${name}:${await esbuild.analyzeMetafile(meta)}`);
  }
  if (result.failed.length) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
