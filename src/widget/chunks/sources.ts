// The table of code chunks: one line per chunk, its name and its module. For dist/parley.js the
// build replaces this file with one whose entries import dist/chunks/NAME-HASH.js from `base`
// (build/build.mjs, chunkSources); test/build/chunks.test.ts keeps the two lists the same.
// A chunk is a file src/widget/chunks/NAME.tsx whose exports are what the entry uses of it.
export const chunkSources = {
  edit: (_base: string) => import('./edit.tsx'),
  post: (_base: string) => import('./post.tsx'),
  live: (_base: string) => import('./live.tsx'),
  votes: (_base: string) => import('./votes.tsx'),
};

export type ChunkName = keyof typeof chunkSources;
