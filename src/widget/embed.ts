// The script-tag entry (dist/parley.js):
//   <script src="https://comments.example.com/parley.js" async></script>
// It mounts one widget after itself (or into data-target) and exposes window.Parley for pages that
// mount widgets themselves: Parley.mount(el, { backend: Parley.createHttpBackend({ api }), thread, title }).
import { createReaderHttpBackend as createHttpBackend } from '../adapters/http.ts';
import { setChunkBase } from './chunks/load.ts';
import { readConfig, type BackendFactories } from './config.ts';
import { mount, type MountOptions } from './mount.ts';

// currentScript is only set while this script first runs; read it now, use it later.
const script = document.currentScript as HTMLScriptElement | null;
// The code chunks (edit and delete, …) are beside this file: dist/chunks/NAME-HASH.js.
if (script?.src) setChunkBase(new URL('.', script.src).href);

// Merged, not replaced: dist/adapters/*.js, included before this script, put their factories on
// Parley.backends, and data-backend="local" (or "wordpress", "memory") finds them there.
const P = ((window as unknown as { Parley?: { backends?: BackendFactories; strings?: MountOptions['strings'] } }).Parley ||= {});
Object.assign(P, { mount, createHttpBackend });

function start() {
  if (!script) return;
  const c = readConfig(script, { ...P.backends, http: (api, origin, site) => createHttpBackend({ api: api || origin, site }) });
  const o = c.options;
  if (o) {
    // Another language (dist/i18n/*.js) puts its strings on Parley.strings. A page may include the
    // file itself; otherwise a page in another language (data-lang, <html lang>) gets it fetched
    // from beside this script, and the widget mounts once it arrived, or in English when it cannot
    // (no such language, offline): English costs no request.
    const go = () => mount(c.el, { strings: P.strings, ...o });
    // An inline copy of the embed (no src) cannot know where the files are: English, or the page's own.
    if (P.strings || c.lang == 'en' || !script.src) return void go();
    const x = document.createElement('script');
    x.src = new URL(`i18n/${c.lang}.js`, script.src) + '';
    x.onload = x.onerror = go;
    return void document.head.append(x);
  }
  console.error('Parley:', c.error);
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = c.error;
  c.el.append(p);
}

if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
