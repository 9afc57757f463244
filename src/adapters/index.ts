// src/adapters: the Backend seam and its browser-side implementations.
export { BackendError, type Backend, type BackendErrorCode } from './backend.ts';
export { createHttpBackend, createReaderHttpBackend, type HttpOptions } from './http.ts';
export { createMemoryBackend, type MemoryOptions, type MemoryRow } from './memory.ts';
export { createLocalBackend, type LocalOptions } from './local-storage.ts';
export { createWordPressBackend, type WordPressOptions } from './wordpress.ts';
