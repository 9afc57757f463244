// dist/adapters/wordpress.js: the WordPress REST API backend as a script tag (see register.ts).
//
//   <script src="/parley/adapters/wordpress.js"></script>
//   <script src="/parley/parley.js" data-backend="wordpress" defer></script>
//
// Without data-api the page's own site is the WordPress site, the usual case for a theme; its REST
// API is where the page's <link rel="https://api.w.org/"> says (apiRoot in the adapter).
import { apiRoot, createWordPressBackend } from '../../src/adapters/wordpress.ts';
import { registerBackend } from './register.ts';

registerBackend('wordpress', (api) =>
  createWordPressBackend({ api: apiRoot(api ? new URL(api, location.href).href : '', document.querySelector<HTMLLinkElement>('link[rel="https://api.w.org/"]')?.href, location.origin) }),
);
