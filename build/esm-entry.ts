// dist/parley.esm.js, for sites that bundle Parley themselves: the widget's own table of contents
// (mount, readConfig) plus every browser backend and the core helpers, in one import.
export * from '../src/widget/index.ts';
export * from '../src/adapters/index.ts';
export * from '../src/core/index.ts';
