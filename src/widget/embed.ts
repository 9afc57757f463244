// The script-tag entry (dist/parley.js):
//   <script src="https://comments.example.com/parley.js" async></script>
// It mounts one widget after itself (or into data-target) and exposes window.Parley for pages that
// mount widgets themselves: Parley.mount(el, { backend: Parley.createHttpBackend({ api }), thread, title }).
import { createReaderHttpBackend as createHttpBackend } from '../adapters/http.ts';
import { readConfig, type BackendFactories } from './config.ts';
import { mount, type MountOptions } from './mount.ts';

// currentScript is only set while this script first runs; read it now, use it later.
const script = document.currentScript as HTMLScriptElement | null;

// Merged, not replaced: dist/adapters/*.js, included before this script, put their factories on
// Parley.backends, and data-backend="local" (or "wordpress", "memory") finds them there.
const P = ((window as unknown as { Parley?: { backends?: BackendFactories; strings?: MountOptions['strings'] } }).Parley ||= {});
Object.assign(P, { mount, createHttpBackend });

function start() {
  if (!script) return;
  const c = readConfig(script, { ...P.backends, http: (api) => createHttpBackend({ api }) });
  // Another language (dist/i18n/*.js, loaded first) puts its strings on Parley.strings.
  if (c.options) return void mount(c.el, { strings: P.strings, ...c.options });
  console.error('Parley:', c.error);
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = c.error;
  c.el.append(p);
}

if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
