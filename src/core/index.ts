// src/core: pure TypeScript shared by the widget, the adapters and the server. No DOM, no Node.
export * from './types.ts';
export * from './limits.ts';
export * from './checks.ts';
export * from './thread-id.ts';
export * from './tree.ts';
// The format tree (issue 16); its HTML and text renderers are the server's (core/format/index.ts).
export { parse } from './format/parse.ts';
export { isBlock, type FormatElement, type FormatNode, type Tag } from './format/tree.ts';
export * from './avatar.ts';
export * from './time.ts';
export * from './errors.ts';
export * from './strings.ts';
export { en, type Strings, type StringKey } from './i18n/en.ts';
