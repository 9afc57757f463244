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
import { dirname, join } from 'node:path';
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
// - mangle.properties: Preact's internal vnode and component fields are already three-character names
//   (`__k`, `__e`, `__v`, … and `__` itself), read and written hundreds of times; one character each
//   saved about 45 bytes gzipped. Safe because nothing outside this IIFE sees them: the bundle carries
//   Preact's core alone (no preact/hooks, no devtools) and the options object is private to it.
//   The pattern cannot reach a public name: `__html` (dangerouslySetInnerHTML) is longer.
// Not used: unsafe_arrows (turns arrows into functions, changing `this`).
// The ESM library and the backend scripts keep esbuild's output: they carry source maps or are small.
const TERSER = {
  ecma: 2020,
  toplevel: true,
  compress: { passes: 3, unsafe: true, unsafe_comps: true, pure_getters: true },
  mangle: { properties: { regex: /^__\w?$/ } },
  format: { comments: false },
};

// The Preact UI files use classic JSX, `h(type, props, ...children)`, rather than the automatic
// runtime's `jsx(type, { ...props, children: [...] })`: an element without props costs `null` instead
// of `{children:[…]}`, and preact/jsx-runtime stays out (h is in Preact's core anyway). This saved
// about 120 bytes gzipped on the embed. tsconfig keeps the automatic runtime for type checking and
// for vitest; both produce the same vnodes. Only for bundles with UI: an injected file is always
// included, so count.js would otherwise carry all of Preact.
const ui = { jsx: 'transform', jsxFactory: 'h', jsxFragment: 'Fragment', inject: [join(root, 'build/jsx-classic.js')] };

// The embed renders host elements, arrays and Preact's own Fragment, nothing else: App.tsx has no
// class component, no hook, no context and no error boundary, and window.Parley takes no component
// from a page (mount's options are data). Preact's core still ships the machinery for all of them,
// and a minifier cannot see that it is unreachable, so for dist/parley.js alone this plugin cuts it
// out of preact.module.js before bundling (dist/parley.esm.js keeps Preact whole, for sites that
// bundle it with components of their own). Each cut matches the minified source by its shape, not
// its one-letter names, and must match exactly once: a Preact release that moves any of them fails
// the build here instead of shipping a half-applied patch. test/build/bundle.test.ts checks the
// result and runs it. Measured on the embed, gzip -9, each cut after the ones above it (10,813 → 10,124):
// - setState and forceUpdate: only class components and hooks call them. Without them the render
//   queue (enqueueRender, the debounce, the sort, the re-render of one component) is unreferenced
//   and goes too: about 360 bytes.
// - the error-boundary walk (options.__e): it asks each ancestor component for
//   getDerivedStateFromError or componentDidCatch, which only a class can have, then rethrows; a
//   plain rethrow is the same for this tree: about 85 bytes.
// - "is this a class component" and contextType, in diff(): with the answer fixed at `false` and
//   the context at the parent's, the minifier drops the class-only lifecycle calls
//   (getDerivedStateFromProps, componentWillMount, componentDidMount, componentWillReceiveProps,
//   componentDidUpdate, getSnapshotBeforeUpdate) and the context lookup: about 240 bytes. Fragment,
//   a plain function, took the function-component path already.
// Should the UI ever need a component with state, a hook or a context, drop the matching cut.
const PREACT_CUTS = [
  [/(\w+)\.prototype\.setState=function\([^]*?\},\1\.prototype\.forceUpdate=function\([^]*?\},(?=\1\.prototype\.render=)/, ''],
  [/\{__e:function\((\w+),\w+,\w+,\w+\)\{for\([^]*?throw \1\}\}/, '{__e:function($1){throw $1}}'],
  [
    /(\w+)=(\w+)\.prototype&&\2\.prototype\.render,(\w+)=\((\w+)=\2\.contextType\)&&(\w+)\[\4\.__c\],(\w+)=\4\?\3\?\3\.props\.value:\4\.__:\5,/,
    '$1=!1,$3=0,$6=$5,',
  ],
  // The cuts below were found to pay for the language loader and the edit/delete hook (issue 8);
  // measured together on the embed: see build/budget.json's "why".
  // - style objects: the widget sets `style` only as a string (the avatar's hue), so the object
  //   path, its per-property setter and the "needs px" regex go.
  [/if\("string"==typeof (\w+)\)(\w+)\.style\.cssText=\1;else\{[^{}]*\}(?=else if\("o"==)/, '$2.style.cssText=$1||"";'],
  // - SVG and MathML: the widget renders HTML elements only, so the namespace is always XHTML and
  //   the xlink attribute renaming goes.
  [/if\("http:\/\/www\.w3\.org\/2000\/svg"==\w+\)\w+=\w+\.replace\(\/xlink\(H\|:h\)\/,"h"\)\.replace\(\/sName\$\/,"s"\);else /, ''],
  [/"svg"==(\w+)\?(\w+)="http:\/\/www\.w3\.org\/2000\/svg":"math"==\1\?\2="http:\/\/www\.w3\.org\/1998\/Math\/MathML":\2\|\|\(\2=("http:\/\/www\.w3\.org\/1999\/xhtml")\)/, '$2=$3'],
  [/"foreignObject"==\w+\?"http:\/\/www\.w3\.org\/1999\/xhtml":(\w+)/, '$1'],
  // - dangerouslySetInnerHTML: the widget never sets markup (DESIGN promise 3, and
  //   test/build/architecture.test.ts keeps the prop out of src/widget), so the embed's Preact
  //   does not even know the prop: no innerHTML write is left in dist/parley.js at all.
  [/"dangerouslySetInnerHTML"==(\w+)\?\w+=\w+:(?="children"==\1\|\|)/, ''],
  [/("children"==(\w+)\?\w+=\w+:)"dangerouslySetInnerHTML"==\2\?\w+=\w+:/, '$1'],
  // - refs: the widget uses none (it finds elements by id after render), so the ref queue and
  //   applyRef go.
  [/(\w+)\.ref&&(\w+)\.ref!=\1\.ref&&\(\2\.ref&&\w+\(\2\.ref,null,\1\),\w+\.push\(\1\.ref,\1\.__c\|\|\w+,\1\)\),/, ''],
  [/for\(var (\w+)=0;\1<(\w+)\.length;\1\+\+\)\w+\(\2\[\1\],\2\[\+\+\1\],\2\[\+\+\1\]\);/, ''],
  [/\((\w+)=(\w+)\.ref\)&&\(\1\.current&&\1\.current!=\2\.__e\|\|\w+\(\1,null,\w+\)\),/, ''],
  // - defaultProps: only components have them, and the widget has none.
  [/,"function"==typeof (\w+)&&null!=\1\.defaultProps\)for\(\w+ in \1\.defaultProps\)[^;]*;/, ');'],
  // - elements and attributes the widget never renders: <progress>/<option> value quirks, <template>
  //   content, `popover`, and the attributes Preact must set as attributes rather than properties
  //   (width, height, list, form, download, rowSpan, colSpan), of which the widget uses none; it
  //   keeps href, tabIndex and role, which it does use.
  [/"progress"==(\w+)&&null==(\w+)\?\w+\.removeAttribute\("value"\):null!=\2&&\(\2!==(\w+)\[(\w+)\]\|\|"progress"==\1&&!\2\|\|"option"==\1&&\2!=\w+\[\4\]\)&&/, 'null!=$2&&$2!==$3[$4]&&'],
  [/"template"==\w+\.type\?(\w+)\.content:\1/, '$1'],
  [/"width"!=(\w+)&&"height"!=\1&&("href"!=\1&&)"list"!=\1&&"form"!=\1&&("tabIndex"!=\1&&)"download"!=\1&&"rowSpan"!=\1&&"colSpan"!=\1&&("role"!=\1&&)"popover"!=\1&&/, '$2$3$4'],
  [/"popover"==\w+&&1==(\w+)\?"":\1/, '$1'],
  // - Suspense and error recovery: a render error can only be rethrown (the error-boundary cut
  //   above), so the catch that rewinds the tree for a thrown promise goes too.
  [/\}catch\((\w+)\)\{if\(\w+\.length=\w+,[^]*?\.__e\(\1,\w+,\w+\)\}/, '}catch($1){throw $1}'],
];
const preactCuts = {
  name: 'preact-cuts',
  setup(b) {
    b.onLoad({ filter: /[\\/]preact[\\/]dist[\\/]preact\.module\.js$/ }, ({ path }) => {
      let contents = readFileSync(path, 'utf8');
      for (const [pattern, to] of PREACT_CUTS) {
        const hits = contents.match(new RegExp(pattern, 'g'))?.length ?? 0;
        if (hits != 1) throw new Error(`preact-cuts: ${pattern} matched ${hits} times in ${path}, not once; see build/build.mjs.`);
        contents = contents.replace(pattern, to);
      }
      // Preact's plug-in hooks (options.vnode, .diffed, .unmount, .event and the internal __b, __r,
      // __c, __m, __): only preact/hooks and preact/devtools set them, and the embed's `options`
      // object never leaves the bundle, so every read is `undefined` and the minifier can drop the
      // calls. Each read becomes `void 0`; a write (`options.vnode = …`) would not match, and the
      // reads must all be found, or the build fails as for the cuts above. (Preact 10.29 has 17, plus
      // one `l.__c` in createContext, whose local function shares the letter; the embed drops it.)
      const options = contents.match(/(\w+)=\{__e:function\(/)?.[1];
      const hooks = new RegExp(`\\b${options}\\.(vnode|__b|diffed|unmount|__c|__r|__m|__|event)\\b(?!=[^=])`, 'g');
      const reads = contents.match(hooks)?.length ?? 0;
      if (!options || reads != 18) throw new Error(`preact-cuts: found ${reads} reads of Preact's option hooks in ${path}, not 18; see build/build.mjs.`);
      contents = contents.replace(hooks, 'void 0');
      return { contents, loader: 'js' };
    });
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
      contents: `export const chunkSources = {${Object.entries(files)
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
  { out: 'dist/parley.js', entry: 'src/widget/embed.ts', options: { ...browser, ...ui, metafile: true, plugins: [preactCuts] }, terser: true, chunks: true },
  { out: 'dist/count.js', entry: 'src/widget/count.ts', options: browser, terser: true },
  {
    out: 'dist/parley.esm.js',
    // The widget's table of contents plus every browser backend and the core helpers.
    entry: 'build/esm-entry.ts',
    needs: ['src/widget/index.ts'],
    options: { ...browser, ...ui, format: 'esm', sourcemap: true },
  },
  { out: 'dist/adapters/local.js', entry: 'build/adapters/local.ts', options: browser },
  { out: 'dist/adapters/memory.js', entry: 'build/adapters/memory.ts', options: browser },
  { out: 'dist/adapters/wordpress.js', entry: 'build/adapters/wordpress.ts', options: browser },
  ...languageTargets(),
  { out: 'dist/server/index.js', entry: 'src/server/index.ts', options: node },
  { out: 'dist/server/cli.js', entry: 'src/server/bin.ts', options: { ...node, banner: { js: '#!/usr/bin/env node' } } },
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
        const built = await esbuild.build({ ...target.options, ...(plugins && { plugins }), ...entry, outfile: at(target.out), write: false });
        // Written whole, then renamed: a test or a running demo reading dist/ meanwhile never sees half a file.
        for (const file of built.outputFiles) {
          const contents = target.terser ? (await minify(file.text, target.terser === true ? TERSER : target.terser)).code : file.contents;
          writeFileSync(`${file.path}.tmp`, contents);
          renameSync(`${file.path}.tmp`, file.path);
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
