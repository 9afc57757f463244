// The direction of imports (DESIGN "Parts and their direction"): core ← adapters ← widget, core ← server.
// Reads every import in src/ (type-only ones too: a type import is still a dependency of the design)
// and holds the lines, so a stray import fails here before it bloats the embed or drags Node into it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Comments removed, so a comment that mentions `innerHTML` or an import is not taken for code. */
const stripComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

// import … from '…', export … from '…', import '…', import('…')
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Import {
  file: string;
  /** As written. */
  spec: string;
  /** A path from the repo root for relative imports; the package name as written otherwise. */
  target: string;
}

function importsOf(file: string): Import[] {
  const code = stripComments(readFileSync(join(root, file), 'utf8'));
  return [...code.matchAll(IMPORT)].map((m) => {
    const spec = (m[1] ?? m[2] ?? m[3])!;
    const target = spec.startsWith('.') ? relative(root, resolve(dirname(join(root, file)), spec)) : spec;
    return { file, spec, target };
  });
}

const layer = (dir: string) => sourceFiles(dir).flatMap(importsOf);
const describeImport = (i: Import) => `${i.file} imports '${i.spec}'`;
const isPackage = (i: Import) => !i.spec.startsWith('.');
const isNodeBuiltin = (i: Import) => i.spec.startsWith('node:');
const isPackageNamed = (...names: string[]) => (i: Import) => names.some((n) => i.spec === n || i.spec.startsWith(`${n}/`));
const isUnder = (...dirs: string[]) => (i: Import) => dirs.some((d) => i.target === d || i.target.startsWith(`${d}/`));

function violations(imports: Import[], forbidden: (i: Import) => boolean): string[] {
  return imports.filter(forbidden).map(describeImport);
}

describe('import direction', () => {
  it('reads the imports it is meant to police', () => {
    // Guards the guard: if the pattern stopped matching, every rule below would pass vacuously.
    const adapters = layer('src/adapters');
    expect(adapters.map((i) => `${i.file} → ${i.target}`)).toContain('src/adapters/http.ts → src/core/errors.ts');
    expect(importsOf('test/build/architecture.test.ts').map((i) => i.spec)).toEqual(['node:fs', 'node:path', 'node:url', 'vitest']);
  });

  it('src/core imports nothing outside src/core: no packages, no Node, no DOM libraries', () => {
    expect(violations(layer('src/core'), (i) => isPackage(i) || !isUnder('src/core')(i))).toEqual([]);
  });

  it('src/adapters imports only src/core and src/adapters, and no preact, Node, zod or hono', () => {
    const forbidden = (i: Import) =>
      isPackage(i) ? isNodeBuiltin(i) || isPackageNamed('preact', 'zod', 'hono', 'better-sqlite3')(i) : !isUnder('src/core', 'src/adapters')(i);
    expect(violations(layer('src/adapters'), forbidden)).toEqual([]);
  });

  it('src/widget never imports src/server, zod, hono or Node', () => {
    const forbidden = (i: Import) =>
      isUnder('src/server')(i) || isNodeBuiltin(i) || isPackageNamed('zod', 'hono', '@hono/node-server', 'better-sqlite3')(i);
    expect(violations(layer('src/widget'), forbidden)).toEqual([]);
  });

  // What of Preact the widget may not use (the embed's Preact leaves it out) is refused by
  // test/build/preact-trim.test.ts, from build/preact-trim.json.

  it('src/server never imports src/widget, src/adapters or preact', () => {
    expect(violations(layer('src/server'), (i) => isUnder('src/widget', 'src/adapters')(i) || isPackageNamed('preact')(i))).toEqual([]);
  });
});

/** Every cycle of imports among `files` (each as the list of files around it), type-only imports included. */
export function importCycles(files: readonly string[]): string[][] {
  const known = new Set(files);
  const edges = new Map(files.map((file) => [file, importsOf(file).map((i) => i.target).filter((t) => known.has(t))]));
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

describe('no import cycles in src/server (issue 13)', () => {
  it('finds a cycle when there is one, so the check could fail', () => {
    // test/build/fixtures/cycle: a.ts imports b.ts, which imports a.ts back (type-only).
    const fixture = sourceFiles('test/build/fixtures/cycle');
    expect(importCycles(fixture).map((cycle) => cycle.map((f) => f.split('/').at(-1)))).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });

  it('has none: every module of the server can be read without its importers', () => {
    const cycles = importCycles(sourceFiles('src/server'));
    expect(cycles.map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});

describe('the widget’s layout (STYLE: one component per file, named after its export)', () => {
  it('has one exported component per .tsx file of view/ and of each chunk’s folder, named as the file', () => {
    const files = sourceFiles('src/widget').filter((f) => /^src\/widget\/(view|chunks\/[a-z-]+)\/[A-Z]\w*\.tsx$/.test(f));
    expect(files.length).toBeGreaterThan(8);
    const wrong = files.flatMap((file) => {
      const exported = [...stripComments(readFileSync(join(root, file), 'utf8')).matchAll(/^export\s+(?:function|const)\s+(\w+)/gm)].map((m) => m[1]);
      const name = file.split('/').pop()!.replace('.tsx', '');
      return exported.length == 1 && exported[0] == name ? [] : [`${file} exports ${exported.join(', ') || 'nothing'}`];
    });
    expect(wrong).toEqual([]);
  });

  it('keeps state apart from the view: src/widget/state imports no view, no chunk part and no Preact', () => {
    const imports = layer('src/widget/state');
    expect(imports.length).toBeGreaterThan(5);
    expect(violations(imports, (i) => isUnder('src/widget/view', 'src/widget/chunks/edit')(i) || isPackageNamed('preact')(i))).toEqual([]);
  });

  it('loads chunks only through chunks/load.ts: nothing else in the entry imports a chunk’s files', () => {
    const entry = sourceFiles('src/widget').filter((f) => !f.startsWith('src/widget/chunks/'));
    const found = entry.flatMap(importsOf).filter((i) => isUnder('src/widget/chunks')(i) && i.target != 'src/widget/chunks/load.ts');
    expect(found.map(describeImport)).toEqual([]);
  });
});

describe('safe text (DESIGN promise 3)', () => {
  it('src/widget never writes HTML strings into the DOM', () => {
    const found = sourceFiles('src/widget').flatMap((file) => {
      const code = stripComments(readFileSync(join(root, file), 'utf8'));
      return ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'dangerouslySetInnerHTML', 'document.write', 'createContextualFragment']
        .filter((name) => code.includes(name))
        .map((name) => `${file} uses ${name}`);
    });
    expect(found).toEqual([]);
  });
});
