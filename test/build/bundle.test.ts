// The shipped browser files, tested as shipped (STYLE: preact runs its tests on the minified build,
// nanoid and zod check a byte ceiling and a must-not-appear list on every `npm test`). The byte
// ceilings are checked on the wire, in wire.test.ts.
import * as esbuild from 'esbuild';
import { Window } from 'happy-dom';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { languageTargets } from '../../build/build.mjs';
import { createMemoryBackend } from '../../src/adapters/memory.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BROWSER_FILES = ['dist/parley.js', 'dist/count.js', 'dist/parley.esm.js', 'dist/adapters/local.js', 'dist/adapters/memory.js', 'dist/adapters/wordpress.js', ...languageTargets().map((t) => t.out)];

/**
 * Names that must never reach a browser file. Each one marks a mistake: a server module pulled into
 * the bundle through a stray import, or zod ("ZodString" is full zod's class name, $ZodString
 * zod/mini's core), or a `process.env` that esbuild's define did not replace and would throw in a
 * browser. Not listed: `innerHTML` and `dangerouslySetInnerHTML`, because Preact's own diff
 * legitimately holds both (it implements the prop). They are checked below against Preact's own
 * count instead, and test/build/architecture.test.ts keeps them out of src/widget entirely.
 */
const MUST_NOT_APPEAR: (string | RegExp)[] = [
  '"ZodString"',
  '$ZodString',
  'better-sqlite3',
  // A quoted specifier ("node:fs"), not the bare text: minified code has object keys like {node:m}.
  /["'`]node:/,
  'hono',
  'createSqliteStore',
  'process.env',
];
const found = (text: string) => MUST_NOT_APPEAR.filter((name) => (typeof name === 'string' ? text.includes(name) : name.test(text))).map(String);

/**
 * The built file's text (test/build/global-setup.ts built it from today's source before any suite
 * ran); a clear failure, not a skip, when it is missing.
 */
function shipped(out: string): string {
  if (!existsSync(root + out)) throw new Error(`${out} is not built; run \`npm run build\` to see why.`);
  return readFileSync(root + out, 'utf8');
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

/** A page to run built files in. Its fetch is `respond` (default: refuse), so nothing reaches the network. */
function newWindow(respond: (url: string, init?: RequestInit) => Promise<Response> = () => Promise.reject(new TypeError('offline'))) {
  const window = new Window({
    url: 'https://blog.example.org/2024/05/putin-china',
    // We run only our own built files here, so a VM context is fine.
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  (window as unknown as { fetch: unknown }).fetch = respond;
  return window;
}

/** Run a built script as a classic <script> would, with document.currentScript set. */
function runScript(window: Window, code: string, data: Record<string, string> = {}) {
  const script = window.document.createElement('script');
  Object.assign(script.dataset, data);
  script.textContent = code;
  window.document.body.append(script);
}

async function until(check: () => boolean, what: string, window: Window) {
  for (let i = 0; i < 100; i++) {
    await window.happyDOM.waitUntilComplete();
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

describe('what must never be in a browser file', () => {
  it('spots each name, so the check could fail', () => {
    const sample = 'a("ZodString");b.$ZodString;import"better-sqlite3";import"node:fs";hono;createSqliteStore;process.env.X';
    expect(found(sample)).toHaveLength(MUST_NOT_APPEAR.length);
    expect(found('let x={node:m}')).toEqual([]);
  });

  for (const out of BROWSER_FILES) {
    it(`${out} holds no server code, no zod and no process.env`, () => {
      const text = shipped(out);
      expect(found(text)).toEqual([]);
    });
  }

  it('the embed holds innerHTML no more often than Preact itself does', async () => {
    const embed = shipped('dist/parley.js');
    const preactOnly = await esbuild.build({
      stdin: { contents: "import { render, h } from 'preact'; import { useState } from 'preact/hooks'; render(h(() => h('p', null, useState(0)[0]), null), document.body);", resolveDir: root },
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2019',
      define: { 'process.env.NODE_ENV': '"production"' },
      write: false,
      logLevel: 'silent',
    });
    const preact = preactOnly.outputFiles[0]!.text;
    for (const name of ['innerHTML', 'dangerouslySetInnerHTML', 'outerHTML', 'insertAdjacentHTML']) {
      expect(occurrences(embed, name), name).toBeLessThanOrEqual(occurrences(preact, name));
    }
  });
});

describe('dist/parley.js in a page (smoke test of the minified embed)', () => {
  it('mounts itself after its script tag from the data-* attributes and reads the thread over HTTP', async () => {
    const code = shipped('dist/parley.js');
    const asked: string[] = [];
    const comment = { id: 'c1', thread: '/t', parent: null, author: { name: 'Ann Server', website: null, avatar: 'as' }, text: 'From the server.', createdAt: '2024-05-01T10:00:00.000Z', editedAt: null };
    const window = newWindow(async (url) => {
      asked.push(url);
      return new Response(JSON.stringify({ thread: { id: '/t', count: 15 }, comments: [comment], nextCursor: null }), { headers: { 'content-type': 'application/json' } });
    });
    runScript(window, code, { api: 'https://comments.example.org', thread: '/t', title: 'Putin to visit China – Kremlin' });
    const host = () => window.document.querySelector('script + div')?.firstElementChild ?? window.document.querySelector('.parley');
    await until(() => (host()?.shadowRoot?.textContent ?? '').includes('From the server.'), 'the thread to load', window);
    expect(host()!.shadowRoot!.textContent).toContain('15 thoughts on “Putin to visit China – Kremlin”');
    expect(asked[0]).toMatch(/^https:\/\/comments\.example\.org\/api\/v1\/comments\?thread=%2Ft(&|$)/);
    await window.happyDOM.close();
  });

  it('says an inline copy cannot post (no chunks beside it): nothing sent, the text kept', async () => {
    // Checking and posting are the post chunk's (dist/chunks/post-HASH.js), which the embed loads
    // from beside its own src; an inline copy has no src. The minified chunk's paths (the checks'
    // messages, the form token, the idempotency key) run in Chromium: test/browser/chunks.test.ts.
    // (happy-dom 21's module compiler misreads a regular expression after `!`, as in `!/re/.test(x)`,
    // so it cannot evaluate that chunk here.)
    const code = shipped('dist/parley.js');
    const posts: unknown[] = [];
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const window = newWindow(async (url, init) => {
      if (url.includes('/api/v1/form?')) return json({ token: 'form-token' });
      if (init?.method == 'POST') posts.push(init.body);
      return json({ thread: { id: '/t', count: 0 }, comments: [], nextCursor: null });
    });
    const errors: unknown[] = [];
    window.addEventListener('error', (event) => errors.push((event as unknown as { error: unknown }).error));
    runScript(window, code, { api: 'https://comments.example.org', thread: '/t', title: 'T' });
    const root = () => window.document.querySelector('.parley')?.shadowRoot;
    await until(() => (root()?.textContent ?? '').includes('No comments yet'), 'the empty thread', window);
    const shadow = root()!;
    expect(shadow.querySelector('h3')!.textContent).toBe('Leave a Reply');
    const text = shadow.getElementById('p-text') as unknown as HTMLTextAreaElement;
    text.dispatchEvent(new window.FocusEvent('focusin', { bubbles: true }) as unknown as Event);
    text.value = 'Typed in an inline copy.';
    text.dispatchEvent(new window.Event('input', { bubbles: true }) as unknown as Event);
    shadow.querySelector('form')!.dispatchEvent(new window.Event('submit', { bubbles: true, cancelable: true }));
    const status = () => shadow.querySelector('form [role=status]')?.textContent ?? '';
    await until(() => status().includes('could not be reached'), 'the failure', window);
    expect(status()).toContain('The comment server could not be reached.');
    // Post Comment is still there to try again (Retry and Discard are the chunk's, which did not load).
    expect([...shadow.querySelectorAll('form button')].map((b) => b.textContent)).toEqual(['Post Comment']);
    expect((shadow.getElementById('p-text') as unknown as HTMLTextAreaElement).value).toBe('Typed in an inline copy.');
    expect(posts).toEqual([]);
    expect(errors).toEqual([]);
    await window.happyDOM.close();
  });

  it('exposes Parley.mount, which renders the heading and a comment as text in a shadow root', async () => {
    const code = shipped('dist/parley.js');
    const window = newWindow();
    const errors: unknown[] = [];
    window.addEventListener('error', (event) => errors.push((event as unknown as { error: unknown }).error));
    runScript(window, code);
    const Parley = (window as unknown as { Parley?: { mount?: (el: unknown, options: object) => () => void } }).Parley;
    expect(typeof Parley?.mount, 'the embed should put mount on window.Parley').toBe('function');

    const backend = createMemoryBackend({
      comments: [
        {
          id: 'c1',
          thread: '/t',
          parent: null,
          author: { name: 'Grace Hopper', website: null, avatar: 'gh' },
          text: 'Hello <b>bold</b> <img src=x onerror=alert(1)> **world**\n\n> [a link](https://example.org/a) [not one](javascript:alert(1))',
          format: 'markdown',
          createdAt: '2024-05-01T10:00:00.000Z',
          editedAt: null,
        },
      ],
    });
    const el = window.document.createElement('section');
    window.document.body.append(el);
    const unmount = Parley!.mount!(el, { backend, thread: '/t', title: 'T', storage: null });

    const shadow = () => el.querySelector('.parley')?.shadowRoot ?? el.firstElementChild?.shadowRoot;
    await until(() => (shadow()?.textContent ?? '').includes('Grace Hopper'), 'the comment to render', window);
    const text = shadow()!.textContent ?? '';
    expect(text).toContain('One thought on “T”');
    expect(text).toContain('Hello <b>bold</b> <img src=x onerror=alert(1)> world');
    // The comment's markup arrived as text: no element made from it. Its markdown made the
    // format tree's own elements (issue 16), and a javascript: link stayed text.
    expect(shadow()!.querySelector('img')).toBeNull();
    expect([...shadow()!.querySelectorAll('b')].map((b) => b.textContent)).not.toContain('bold');
    expect(shadow()!.querySelector('article p strong')!.textContent).toBe('world');
    const link = shadow()!.querySelector('article blockquote a')!;
    expect([link.getAttribute('href'), link.getAttribute('rel'), link.textContent]).toEqual(['https://example.org/a', 'nofollow ugc noopener', 'a link']);
    expect(text).toContain('[not one](javascript:alert(1))');
    expect(errors).toEqual([]);

    unmount();
    expect(el.children.length).toBe(0);
    await window.happyDOM.close();
  });
});

describe('the other browser files', () => {
  it('dist/count.js fills every data-parley-count with one request', async () => {
    const code = shipped('dist/count.js');
    const window = newWindow();
    const number = 'data-parley-count-format="number"';
    window.document.body.innerHTML = `<span data-parley-count="/a" ${number}>?</span> <span data-parley-count="/b?p=4">?</span> <span data-parley-count="/a">?</span>`;
    const asked: string[] = [];
    (window as unknown as { fetch: unknown }).fetch = async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify({ counts: { '/a': 15, '/b?p=4': 0 } }));
    };
    runScript(window, code, { api: 'https://comments.example.org/' });
    await until(() => window.document.body.textContent!.includes('15'), 'the counts', window);
    expect([...window.document.querySelectorAll('[data-parley-count]')].map((el) => el.textContent)).toEqual(['15', 'No comments', '15 comments']);
    expect(asked).toEqual(['https://comments.example.org/api/v1/counts?thread=%2Fa&thread=%2Fb%3Fp%3D4']);
    await window.happyDOM.close();
  });

  it('dist/count.js leaves the page as it was when the server cannot be reached', async () => {
    const window = newWindow();
    window.document.body.innerHTML = '<span data-parley-count="/a">Comments</span>';
    const errors: unknown[] = [];
    window.addEventListener('error', (event) => errors.push(event));
    runScript(window, shipped('dist/count.js'), { api: 'https://comments.example.org' });
    await window.happyDOM.waitUntilComplete();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(window.document.querySelector('span')!.textContent).toBe('Comments');
    expect(errors).toEqual([]);
    await window.happyDOM.close();
  });

  it('dist/adapters/*.js register their factories on window.Parley.backends without replacing it', async () => {
    const window = newWindow();
    const w = window as unknown as { Parley: { mount?: unknown; backends?: Record<string, (o?: object) => { list: (t: string) => Promise<unknown> }> } };
    w.Parley = { mount: 'kept' };
    runScript(window, shipped('dist/adapters/memory.js'));
    runScript(window, shipped('dist/adapters/local.js'));
    expect(w.Parley.mount).toBe('kept');
    expect(Object.keys(w.Parley.backends ?? {}).sort()).toEqual(['local', 'memory']);
    expect(await w.Parley.backends!.memory!().list('/t')).toMatchObject({ thread: { id: '/t', count: 0 } });
    await window.happyDOM.close();
  });

  it('dist/parley.js with data-backend="local" uses the factory dist/adapters/local.js registered', async () => {
    const requests: string[] = [];
    const window = newWindow((url) => (requests.push(url), Promise.reject(new TypeError('offline'))));
    runScript(window, shipped('dist/adapters/local.js'));
    runScript(window, shipped('dist/parley.js'), { backend: 'local', thread: '/t', title: 'T' });
    const w = window as unknown as { Parley: { mount?: unknown; backends?: Record<string, unknown> } };
    expect(typeof w.Parley.mount).toBe('function');
    expect(Object.keys(w.Parley.backends ?? {})).toEqual(['local']);
    const shadow = () => window.document.querySelector('.parley')?.shadowRoot;
    await until(() => shadow()?.querySelector('h2')?.textContent === 'No comments yet', 'the local thread', window);
    expect(requests).toEqual([]);
    await window.happyDOM.close();
  });

  it('dist/i18n/de.js, loaded before dist/parley.js, makes the widget German', async () => {
    const window = newWindow();
    runScript(window, shipped('dist/i18n/de.js'));
    runScript(window, shipped('dist/adapters/local.js'));
    runScript(window, shipped('dist/parley.js'), { backend: 'local', thread: '/t', title: 'T' });
    const shadow = () => window.document.querySelector('.parley')?.shadowRoot;
    await until(() => shadow()?.querySelector('h2')?.textContent === 'Noch keine Kommentare', 'the German heading', window);
    expect(shadow()!.querySelector('h3')!.textContent).toBe('Schreibe einen Kommentar');
    expect(shadow()!.querySelector('form > button:last-child')!.textContent).toBe('Kommentar abschicken');
    await window.happyDOM.close();
  });

  it('dist/parley.esm.js exports the library and does nothing at import time', async () => {
    shipped('dist/parley.esm.js');
    const lib = await import(/* @vite-ignore */ pathToFileURL(root + 'dist/parley.esm.js').href + `?t=${Date.now()}`);
    for (const name of ['mount', 'createHttpBackend', 'createMemoryBackend', 'createLocalBackend', 'threadIdFromUrl', 'BackendError']) {
      expect(typeof lib[name], name).toBe('function');
    }
  });

  // Issue 21: the ESM library is minified by terser too; its map must still lead to our sources.
  it('dist/parley.esm.js names its source map, which maps into src/ with the sources inside', () => {
    expect(shipped('dist/parley.esm.js').trimEnd().endsWith('//# sourceMappingURL=parley.esm.js.map')).toBe(true);
    const map = JSON.parse(readFileSync(root + 'dist/parley.esm.js.map', 'utf8')) as { sources: string[]; sourcesContent: string[]; mappings: string };
    expect(map.sources).toContain('../src/widget/mount.ts');
    expect(map.sourcesContent[map.sources.indexOf('../src/widget/mount.ts')]).toContain('export function mount');
    expect(map.mappings.length).toBeGreaterThan(1000);
  });
});
