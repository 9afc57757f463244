// Types for size.mjs, so the TypeScript tests can import it.
export function gzipSize(contents: string | Uint8Array): number;
export function brotliSize(contents: string | Uint8Array): number;
export function measure(file: string): { raw: number; gzip: number; br: number };
export interface Budget {
  groups: Record<string, { max: number; files: string[] }>;
  files: Record<string, number>;
}
export function readBudget(file?: string | URL): Budget;
export interface BudgetRow {
  name: string;
  size: number;
  max: number;
  over: number;
  files: string[];
}
export function checkBudgets(sizes: Record<string, number>, budget?: Budget): BudgetRow[];
