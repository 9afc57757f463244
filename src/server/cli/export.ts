// `parley export --format json|wxr [--db …]`: every comment to stdout, emails included (it is the
// owner's file). JSON is Parley's own format (import reads it back to the same comments); WXR is
// the way out to WordPress.
import { CliError, commandArgs, resolveDb, type CliIo } from './args.ts';
import { jsonExportLines } from '../export/json.ts';
import { exportOrder, readAllComments, readJsonExport } from '../export/read-all.ts';
import { wxrExportLines } from '../export/wxr.ts';
import { openStore } from '../main.ts';
import { siteName } from '../sites/config.ts';
import { forSite } from '../store/for-site.ts';
import { DEFAULT_SITE } from '../store/sites.ts';

export const HELP = [
  'Usage: parley export [--format json|wxr] [--db <path|url>] [--site <name>] [--base-url <url>] [--timezone <zone>] > FILE',
  '',
  'Writes every comment (any status, emails included: keep the file private) to stdout.',
  '',
  '  --format json|wxr'.padEnd(28) + 'json (default): Parley\'s own export, read back by parley import;',
  ''.padEnd(28) + 'wxr: WordPress eXtended RSS 1.2 for WordPress\'s importer (Tools → Import → WordPress)',
  '  --db <path|url>'.padEnd(28) + 'SQLite file or postgres:// URL (env PARLEY_DB or DATABASE_URL; default ./data/parley.db)',
  '  --site <name>'.padEnd(28) + 'the site to export when the server serves many (--site NAME=… of serve); default: the default site',
  '  --base-url <url>'.padEnd(28) + 'wxr only, required: the address the threads are pages of (each item links to it + thread id);',
  ''.padEnd(28) + 'formerly --site <url>, which is still read as --base-url (with a warning)',
  '  --timezone <zone>'.padEnd(28) + 'wxr only: IANA zone for WordPress\'s local comment dates (default UTC; GMT dates are always written)',
].join('\n');

function parse(args: readonly string[], env: CliIo['env'], warn: (line: string) => void) {
  const { values, positionals } = commandArgs('export', args, { format: 'string', db: 'string', site: 'string', 'base-url': 'string', timezone: 'string' });
  if (positionals.length) throw new CliError(`Unknown argument "${positionals[0]}"; export writes to stdout: parley export --format json > comments.json.`);
  const given = new Map(Object.entries(values));
  const format = given.get('format') ?? 'json';
  if (format !== 'json' && format !== 'wxr') throw new CliError(`--format must be json or wxr, not "${format}".`);
  // Issue 19: --site names a site now; the address WXR links to is --base-url. A --site that is a
  // URL is the old spelling, still read as --base-url.
  let site = given.get('site');
  let baseUrl = given.get('base-url');
  if (site !== undefined && site.includes('://')) {
    warn(`parley export: --site <url> is deprecated (--site now names a site); reading ${site} as --base-url ${site}.`);
    if (baseUrl !== undefined) throw new CliError('Give the address once, with --base-url.');
    baseUrl = site;
    site = undefined;
  }
  if (site !== undefined) siteName(site, '--site');
  if (format === 'wxr') {
    if (!baseUrl) throw new CliError('--format wxr needs --base-url https://your.blog: each thread becomes a post whose link is that address plus the thread id (WordPress\'s importer creates the posts as drafts; see the README).');
    if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) throw new CliError(`--base-url must be an http(s) URL like https://blog.example, not "${baseUrl}".`);
  } else if (baseUrl || given.has('timezone')) {
    throw new CliError('--base-url and --timezone are for --format wxr.');
  }
  const timeZone = given.get('timezone') ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new CliError(`--timezone must be an IANA time zone like Europe/Berlin, not "${timeZone}".`);
  }
  return { format, db: resolveDb(given.get('db'), env), site: site ?? DEFAULT_SITE, baseUrl: baseUrl ?? '', timeZone };
}

/** @example await run(['--format', 'json', '--db', './data/parley.db'], io) // 0, the file on io.out */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { format, db, site, baseUrl, timeZone } = parse(args, io.env, io.err);
  const whole = await openStore(db);
  // One site's comments, with its own thread ids (store/sites.ts); a store of one site is all default.
  const store = forSite(whole, site);
  try {
    const exportedAt = new Date();
    // WordPress has no votes (nor aliases): WXR needs the comments only.
    const data = format === 'json' ? await readJsonExport(store) : null;
    const rows = data?.rows ?? exportOrder(await readAllComments(store));
    const lines = data ? jsonExportLines(data, exportedAt) : wxrExportLines(rows, { site: baseUrl, timeZone, exportedAt });
    for (const line of lines) io.out(line);
    await io.flush?.();
    io.err(`parley export: ${rows.length.toLocaleString('en')} comments on ${new Set(rows.map((r) => r.thread)).size.toLocaleString('en')} threads written as ${format === 'json' ? 'Parley JSON' : 'WXR 1.2'}.`);
    return 0;
  } finally {
    await whole.close();
  }
}
