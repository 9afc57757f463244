// Types for preact-trim.mjs, so the TypeScript tests can import it.
export interface TrimmedFeature {
  id: string;
  what: string;
  refuse: string[];
  example: string;
  absent: string[];
}
export function readPreactTrim(): { version: string; removed: TrimmedFeature[]; patch: string };
export function readmeRows(): string[];
