// `parley import FILE [--db …] [--dry-run]`: a WordPress WXR, Disqus XML or Parley JSON export into
// the store. The file is read and checked whole before anything is written, then written in one
// transaction; a second run of the same file adds nothing (import/plan.ts derives every key from
// the source's own ids).
import { randomBytes } from 'node:crypto';
import { Presets, SingleBar } from 'cli-progress';
import { CliError, commandArgs, redactDb, resolveDb, type CliIo } from './args.ts';
import { importComments } from '../comments/import.ts';
import { formatSummary } from '../import/import-file.ts';
import { ImportError } from '../import/types.ts';
import { openStore } from '../main.ts';
import { siteName } from '../sites/config.ts';
import { forSite } from '../store/for-site.ts';

export const HELP = [
  'Usage: parley import FILE [--db <path|url>] [--site <name>] [--dry-run]',
  '',
  'Reads a WordPress export (WXR 1.0–1.2: Tools → Export), a Disqus export (XML) or a Parley',
  'export (parley export --format json) into the store; the format is detected from the file.',
  '',
  '  --db <path|url>'.padEnd(28) + 'SQLite file or postgres:// URL (env PARLEY_DB or DATABASE_URL; default ./data/parley.db)',
  '  --site <name>'.padEnd(28) + 'into this site when the server serves many (--site NAME=… of serve); default: the default site',
  '  --dry-run'.padEnd(28) + 'read and check the file, print the summary, write nothing',
  '',
  'Threads get the id the widget computes from each page\'s link. Pingbacks and trackbacks are',
  'skipped. Importing the same file again adds nothing. A malformed file is refused whole with',
  'the line of the error, and nothing is written. Exit code 0 when imported, 1 when refused.',
].join('\n');

function parse(args: readonly string[], env: CliIo['env']) {
  const { values, positionals } = commandArgs('import', args, { db: 'string', site: 'string', 'dry-run': 'boolean' });
  const [file, other] = positionals;
  if (other !== undefined) throw new CliError(`One file at a time: "${file}" and "${other}" were both given.`);
  const db = values.db;
  const dryRun = values['dry-run'] ?? false;
  if (!file) throw new CliError('Name the export file to import: parley import FILE.');
  return { file, db: resolveDb(db, env), dryRun, site: values.site === undefined ? undefined : siteName(values.site, '--site') };
}

/** @example await run(['wordpress.xml', '--db', './data/parley.db'], io) // 0 */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { file, db, dryRun, site } = parse(args, io.env);
  const whole = await openStore(db);
  // Into one site's threads (store/sites.ts); without --site, the default site, as before sites.
  const store = site === undefined ? whole : forSite(whole, site);
  const bar = io.terminal ? new SingleBar({ stream: io.terminal, format: 'reading {bar} {percentage}% | {value}/{total} KB', clearOnComplete: true, hideCursor: true }, Presets.shades_classic) : null;
  try {
    // The secret as the server reads it, so avatars match the ones it computes for new comments.
    const secret = async () => io.env.PARLEY_SECRET || (await store.settings.secret(() => randomBytes(32).toString('base64url')));
    let started = false;
    const summary = await importComments({ store, secret }, {
      file,
      dryRun,
      onProgress: (done, total) => {
        if (!bar) return;
        if (!started) bar.start(Math.ceil(total / 1024), 0);
        started = true;
        bar.update(Math.ceil(done / 1024));
      },
    });
    bar?.stop();
    for (const line of formatSummary(summary)) io.out(line);
    if (!dryRun) io.out(`  into ${redactDb(db)}${site === undefined ? '' : `, site "${site}"`}`);
    return 0;
  } catch (error) {
    bar?.stop();
    if (!(error instanceof ImportError)) throw error;
    io.err(`parley import: ${file}: ${error.message}`);
    return 1;
  } finally {
    await whole.close();
  }
}
