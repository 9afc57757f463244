// The embed's trimmed Preact (issue 12, item 4), everything from one list, build/preact-trim.json:
// the pinned version, the patch's hunks, README's table, the widget code refused, and what must be
// gone from dist/parley.js. Nothing here edits a built file: the patch is applied to Preact's
// source by patch-package on npm install, and the embed is bundled from that source.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readmeRows, readPreactTrim } from '../../build/preact-trim.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(root + path, 'utf8');
const trim = readPreactTrim();
const sourceFiles = (dir: string) =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
/** Comments removed (as in architecture.test.ts), so a comment naming a feature is not taken for code. */
const stripComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
const markers = (text: string) => [...text.matchAll(/parley-trim: ([a-z-]+)/g)].map((m) => m[1]!);

describe('Preact, pinned and patched at its source', () => {
  it('is one exact version in package.json and the lock, the version the patch is for', () => {
    const pkg = JSON.parse(read('package.json'));
    const lock = JSON.parse(read('package-lock.json'));
    expect(pkg.dependencies.preact).toBe(trim.version);
    expect(lock.packages['node_modules/preact'].version).toBe(trim.version);
    expect(JSON.parse(read('node_modules/preact/package.json')).version).toBe(trim.version);
    // In `prepare` (every install in a clone, and npm pack), not `postinstall`, which would also run
    // where the packed package is installed, without patch-package or the patches (issue 19).
    expect(pkg.scripts.prepare).toMatch(/^patch-package --error-on-fail && /);
    expect(pkg.scripts.postinstall).toBeUndefined();
  });

  it('has one patch whose hunks are exactly the features of the list, each marked', () => {
    const added = read(trim.patch).split('\n').filter((line) => line.startsWith('+') && !line.startsWith('+++'));
    expect(new Set(markers(added.join('\n')))).toEqual(new Set(trim.removed.map((f) => f.id)));
    // Source files only: the built dist/ files Preact publishes are never patched.
    const files = [...read(trim.patch).matchAll(/^\+\+\+ b\/node_modules\/preact\/(\S+)/gm)].map((m) => m[1]!);
    expect(files.length).toBeGreaterThan(3);
    expect(files.filter((f) => !f.startsWith('src/'))).toEqual([]);
  });

  it('is applied: the installed source carries every marker', () => {
    const installed = ['component.js', 'create-element.js', 'render.js', 'diff/index.js', 'diff/children.js', 'diff/props.js', 'diff/catch-error.js'].map((f) => read(`node_modules/preact/src/${f}`)).join('\n');
    expect(new Set(markers(installed))).toEqual(new Set(trim.removed.map((f) => f.id)));
  });

  it('is listed in README, row for row from the same list', () => {
    const readme = read('README.md');
    const table = readme.slice(readme.indexOf('<!-- preact-trim: node build/preact-trim.mjs --readme -->'), readme.indexOf('<!-- /preact-trim -->')).split('\n').slice(1).map((line) => line.trim()).filter(Boolean);
    expect(table).toEqual(readmeRows());
  });
});

describe('widget code that would need what was left out', () => {
  const widget = sourceFiles('src/widget').map((file) => ({ file, code: stripComments(read(file)) }));

  for (const feature of trim.removed) {
    it(`is refused: ${feature.id}`, () => {
      const patterns = feature.refuse.map((p) => new RegExp(p));
      // The guard could fail: the list's own example trips it.
      expect(patterns.some((p) => p.test(feature.example)), feature.example).toBe(true);
      const found = widget.flatMap(({ file, code }) => patterns.filter((p) => p.test(code)).map((p) => `${file} matches ${p}`));
      expect(found, `src/widget needs ${feature.what}; drop it from build/preact-trim.json and the patch first`).toEqual([]);
    });
  }

  it('is gone from dist/parley.js, and only there', () => {
    const embed = read('dist/parley.js');
    const esm = read('dist/parley.esm.js');
    const absent = trim.removed.flatMap((f) => f.absent);
    expect(absent.filter((word) => embed.includes(word))).toEqual([]);
    // The ESM library keeps Preact as published, for sites that bundle their own components.
    expect(absent.filter((word) => word != 'setProperty' && !esm.includes(word))).toEqual([]);
  });
});
