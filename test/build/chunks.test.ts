// The embed's code chunks as built (issue 12, "A split embed"): what loads on first use is in
// dist/chunks/NAME-HASH.js, named by content, loaded by absolute URL, and renders with the entry's
// Preact, never a second copy. Chromium loads them for real in test/browser/chunks.test.ts.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chunkNames } from '../../build/build.mjs';
import { chunkSources } from '../../src/widget/chunks/sources.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(root + path, 'utf8');
const chunkFiles = () => readdirSync(root + 'dist/chunks').sort();
const metafiles = () => JSON.parse(read('dist/meta-chunks.json')) as Record<string, { inputs: Record<string, unknown> }>;

describe('the code chunks', () => {
  it('are the ones the source table lists, one file each, named NAME-HASH.js', () => {
    expect(chunkNames()).toEqual(Object.keys(chunkSources).sort());
    expect(chunkFiles().map((f) => f.replace(/-[A-Z0-9]{8}\.js$/, ''))).toEqual(chunkNames());
  });

  it('are named by the hash of their bytes, so a cached URL never serves other code', () => {
    for (const file of chunkFiles()) {
      const hash = createHash('sha256').update(readFileSync(root + 'dist/chunks/' + file)).digest('hex').slice(0, 8).toUpperCase();
      expect(file).toMatch(new RegExp(`-${hash}\\.js$`));
    }
  });

  it('are loaded by the embed from beside itself, with an absolute URL', () => {
    const embed = read('dist/parley.js');
    for (const file of chunkFiles()) expect(embed, file).toMatch(new RegExp(`import\\(\\w+\\+"chunks/${file.replace('.', '\\.')}"\\)`));
    // The base is the script's own folder (embed.ts), never the page's.
    expect(read('src/widget/embed.ts')).toContain("setChunkBase(new URL('.', script.src).href)");
  });

  it('carry no Preact of their own: they render with the entry’s', () => {
    for (const [name, meta] of Object.entries(metafiles())) {
      const inputs = Object.keys(meta.inputs);
      expect(inputs.filter((input) => input.includes('node_modules/preact')), name).toEqual([]);
      // The stand-in the entry fills in (build.mjs, SHARED_PREACT) is there instead.
      expect(inputs, name).toContain('parley:shared-preact');
    }
    // Words of Preact's diff (how it creates, moves and patches DOM nodes), all in the entry; a chunk
    // that bundled Preact would carry them. A chunk may still touch the DOM itself (the live chunk
    // appends its button and listens for visibility): createElement alone says nothing.
    const preactWords = ['createElementNS', 'insertBefore', 'createTextNode', 'removeChild'];
    for (const word of preactWords) expect(read('dist/parley.js'), `parley.js ${word}`).toContain(word);
    for (const file of chunkFiles()) {
      const code = read('dist/chunks/' + file);
      for (const word of preactWords) expect(code, `${file} ${word}`).not.toContain(word);
      expect(code, file).toMatch(/export\{[^}]*\bbindPreact\b/);
    }
  });

  it('are inside the ESM library, for sites that bundle Parley themselves', () => {
    expect(read('dist/parley.esm.js')).not.toMatch(/import\([^)]*chunks\//);
    expect(read('dist/parley.esm.js')).toContain('Edit your comment');
  });

  it('keep the entry free of what they carry', () => {
    const embed = read('dist/parley.js');
    // The edit chunk's words and its form: none of them in the first render.
    for (const words of ['Edit your comment', 'Delete your comment? This cannot be undone.', 'Your change was not saved.']) expect(embed).not.toContain(words);
    expect(read(`dist/chunks/${chunkFiles().find((f) => f.startsWith('edit-'))}`)).toContain('Edit your comment');
    // The post chunk's: the checks and their words, what a post answers. The first render keeps
    // only what it shows before the reader acts (the form, its labels, "Posting…").
    const post = read(`dist/chunks/${chunkFiles().find((f) => f.startsWith('post-'))}`);
    for (const words of ['Please correct the marked fields.', 'Enter an email address like', 'Your comment was posted.', 'idempotency_conflict', 'p-preview', 'Discard draft']) {
      expect(embed, words).not.toContain(words);
      expect(post, words).toContain(words);
    }
  });
});
