// Runs once before any suite (vitest.config.ts): builds the browser files from today's source, so
// `npx vitest run test/browser/edit.test.ts` alone tests what the source says, not yesterday's dist/,
// and no two suites rebuild the same files at once. A file that fails to build fails the run here.
import { build, browserTargets } from '../../build/build.mjs';

export default async function buildBrowserFiles() {
  const result = await build({ only: browserTargets(), log: { log() {}, warn() {}, error: console.error } });
  const broken = [...result.failed, ...result.skipped.map((s) => s.out)];
  if (broken.length) throw new Error(`These browser files could not be built: ${broken.join(', ')}; run \`npm run build\` to see why.`);
}
