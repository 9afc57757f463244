// Code chunks: what a reader needs only after an action (editing their comment today; a formatting
// preview, reply-notification settings, the owner's tools tomorrow) loads on first use, or is
// prefetched when the reader is about to need it, so it is there when they act.
//
// `chunkSources` (sources.ts) imports the chunk modules themselves: vitest and the ESM library
// (where esbuild puts them inline) use it as it is. For dist/parley.js, build/build.mjs builds each
// chunk as an ES module of its own, dist/chunks/NAME-HASH.js, and gives the embed a sources.ts
// whose entries import those files from beside parley.js. A chunk carries no Preact of its own:
// its `preact` is the entry's, handed over here (bindPreact) before anything in it runs.
import { Fragment, h } from 'preact';
import { chunkSources, type ChunkName } from './sources.ts';

type Chunks = { [name in ChunkName]: Awaited<ReturnType<(typeof chunkSources)[name]>> };

// Loose maps inside; loadChunk and loadedChunk give each name its own module's type.
const loading: Partial<Record<ChunkName, Promise<unknown>>> = {};
const loaded: Partial<Record<ChunkName, unknown>> = {};
let base = '';

/**
 * Where the chunk files are: the folder of parley.js, from its script tag (embed.ts). An absolute
 * URL, because import() from a script loaded from another origin cannot resolve a relative one.
 */
export const setChunkBase = (url: string) => void (base = url);

/** The chunk, loading it the first time (a failed load is tried again next time). */
export function loadChunk<N extends ChunkName>(name: N): Promise<Chunks[N]> {
  return (loading[name] ||= (chunkSources[name](base) as Promise<object>).then(
    (chunk) => {
      // Only a built chunk has it (its `preact` is a stand-in until this call); see build.mjs.
      (chunk as { bindPreact?: (preact: object) => void }).bindPreact?.({ h, Fragment });
      return (loaded[name] = chunk);
    },
    (failure) => {
      delete loading[name];
      throw failure;
    },
  )) as Promise<Chunks[N]>;
}

/** The chunk if it has loaded, for a view deciding what to show now. */
export const loadedChunk = <N extends ChunkName>(name: N) => loaded[name] as Chunks[N] | undefined;

/** Every chunk load under way settled (tests wait for this as they wait for other promises). */
export const chunksSettled = () => Promise.allSettled(Object.values(loading));
