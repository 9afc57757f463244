// Types for build.mjs, so the TypeScript tests can call the build.
export interface BuildResult {
  built: string[];
  skipped: { out: string; missing: string[] }[];
  failed: string[];
  metafile?: unknown;
}
type Log = Pick<Console, 'log' | 'warn' | 'error'>;
export function build(options?: { only?: string[]; log?: Log }): Promise<BuildResult>;
export function report(outs: string[], log?: Log, budgetFile?: string): boolean;
/** Brotli bytes of each built browser file, by path. */
export function wireSizes(outs: string[]): Record<string, number>;
/** dist/i18n/<lang>.js for each language file in src/core/i18n but English. */
export function languageTargets(): { out: string; entry: string }[];
/** Every output a browser downloads (not the server's). */
export function browserTargets(): string[];
/** The code chunks: src/widget/chunks/NAME.tsx, by NAME. */
export function chunkNames(): string[];
