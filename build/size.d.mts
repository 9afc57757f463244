// Types for size.mjs, so the TypeScript tests can import it.
export function gzipSize(contents: string | Uint8Array): number;
export function measure(file: string): { raw: number; gzip: number };
export function readBudget(file?: string | URL): Record<string, number>;
