// `parley doctor [serve's flags] [--article URL]` (issue 19, item 4): reads the settings exactly as
// `parley serve` reads them (flags, environment, --config) and checks what the server would meet.
// One line per check; every problem names its fix; exit code 1 when there is one.
import { CliError, type CliIo } from './args.ts';
import { readSettings } from './settings.ts';
import { checkAdminToken, checkArticle, checkDatabase, checkOrigins, checkPublicUrl, checkSmtp, checkWebhooks, defaultDoctorDeps, type DoctorDeps, type Finding } from '../doctor/checks.ts';

export const HELP = [
  'Usage: parley doctor [serve\'s flags] [--article <url>]',
  '',
  'Checks the setup parley serve would run with (the same flags, environment variables and',
  '--config file): the database (reachable, writable, migrations current; PostgreSQL\'s clock),',
  'each --origin, an article page read as the echo rule reads it (its first words, word count and',
  'canonical URL), the SMTP server and reader-mail settings, each --webhook, --public-url\'s',
  '/healthz, and the admin token\'s strength. One line per check; each problem names its fix.',
  '',
  '  --article <url>'.padEnd(28) + 'the article page to read (default: the first --origin\'s front page)',
  '',
  'Exit code 0 when everything is fine, 1 when there is a problem, 2 for wrong flags.',
].join('\n');

/** `--article URL` taken out; the rest is serve's. */
function splitArticle(args: readonly string[]): { article?: string; rest: string[] } {
  const rest: string[] = [];
  let article: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--article' || arg.startsWith('--article=')) {
      article = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (!article || !URL.canParse(article) || !/^https?:$/.test(new URL(article).protocol)) throw new CliError('--article needs an http(s) URL of an article page, like https://blog.example/2024/05/a-post.');
    } else rest.push(arg);
  }
  return { article, rest };
}

/** Every check, in the order they print. */
export async function diagnose(args: readonly string[], env: CliIo['env'], deps: DoctorDeps = defaultDoctorDeps(), readFile?: (path: string) => string): Promise<Finding[]> {
  const { article, rest } = splitArticle(args);
  const { settings } = readSettings(rest, env, { readFile });
  // Many sites (issue 19): every site's origins are the server's.
  const origins = settings.sites.length ? [...new Set(settings.sites.flatMap((site) => site.origins))] : settings.origins;
  const articleUrl = article ?? (origins[0] ? `${origins[0]}/` : undefined);
  const groups = await Promise.all([
    checkDatabase(settings.db, deps),
    checkOrigins(origins, deps),
    articleUrl ? checkArticle(articleUrl, origins, Math.max(settings.articleTimeoutMs, deps.timeoutMs), deps) : Promise.resolve([]),
    checkSmtp(settings, deps),
    checkWebhooks(settings.webhooks, deps),
    checkPublicUrl(settings.publicUrl, deps),
    Promise.resolve([checkAdminToken(settings.adminToken)]),
  ]);
  return groups.flat();
}

/** A finding as printed: `ok       database …` or `PROBLEM  origin …: says. Fix: …`. */
export const findingLine = (f: Finding) => (f.fix ? `PROBLEM  ${f.what}: ${f.says}. Fix: ${f.fix}.` : `ok       ${f.what}: ${f.says}`);

/** @example await run(['--origin', 'https://blog.example', '--db', './data/parley.db'], io) // 0 or 1 */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const findings = await diagnose(args, io.env, defaultDoctorDeps(), io.readFile);
  for (const finding of findings) io.out(findingLine(finding));
  const problems = findings.filter((f) => f.fix).length;
  io.out(problems ? `parley doctor: ${problems} problem${problems === 1 ? '' : 's'} (the PROBLEM lines above, each with its fix).` : 'parley doctor: no problems found.');
  return problems ? 1 : 0;
}
