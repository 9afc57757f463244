// dist/i18n/de.js: German for the script-tag embed. Include it before parley.js; the embed passes
// window.Parley.strings to every widget it mounts (a page's own mount() call may pass them too).
//
//   <script src="https://comments.example.com/i18n/de.js"></script>
//   <script src="https://comments.example.com/parley.js" async></script>
import { de } from '../../src/core/i18n/de.ts';

const w = window as unknown as { Parley?: { strings?: object } };
(w.Parley ||= {}).strings = de;
