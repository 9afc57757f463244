// dist/adapters/memory.js: the in-memory backend as a script tag, for demos (see register.ts).
import { createMemoryBackend } from '../../src/adapters/memory.ts';
import { registerBackend } from './register.ts';

// The embed calls a factory with its data-api address; a browser-only backend has no use for it.
registerBackend('memory', () => createMemoryBackend());
