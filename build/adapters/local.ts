// dist/adapters/local.js: the localStorage backend as a script tag (see register.ts).
import { createLocalBackend } from '../../src/adapters/local-storage.ts';
import { registerBackend } from './register.ts';

// The embed calls a factory with its data-api address; a browser-only backend has no use for it.
registerBackend('local', () => createLocalBackend());
