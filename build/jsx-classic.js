// Classic JSX for the browser bundles (build.mjs, `ui`): esbuild injects this so every .tsx file has h and Fragment.
export { h, Fragment } from 'preact';
