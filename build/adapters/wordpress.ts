// dist/adapters/wordpress.js: the WordPress REST API backend as a script tag (see register.ts).
//
//   <script src="/parley/adapters/wordpress.js"></script>
//   <script src="/parley/parley.js" data-backend="wordpress" data-api="https://blog.example.org" defer></script>
//
// Without data-api the page's own origin is the WordPress site, the usual case for a theme.
import { createWordPressBackend } from '../../src/adapters/wordpress.ts';
import { registerBackend } from './register.ts';

registerBackend('wordpress', (api) => createWordPressBackend({ api: api || location.origin }));
