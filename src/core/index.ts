// src/core: pure TypeScript shared by the widget, the adapters and the server. No DOM, no Node.
export * from './types.ts';
export * from './limits.ts';
export * from './checks.ts';
export * from './thread-id.ts';
export * from './tree.ts';
export * from './text.ts';
export * from './avatar.ts';
export * from './time.ts';
export * from './errors.ts';
export * from './strings.ts';
export { en, type Strings, type StringKey } from './i18n/en.ts';
