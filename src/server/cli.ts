// `parley <command>`: `serve` runs the server with the settings of the options table (options.ts,
// read by cli/settings.ts); import, export and alias are one file each under cli/, loaded only when
// named. Parsing is a pure function of argv, env and a file reader, so tests need no process;
// runCli does the printing and exiting.
import { readerMailWarnings } from './notify/config.ts';
import { readSettings } from './cli/settings.ts';
import { SERVE_HELP } from './cli/help.ts';
import { CliError, redactDb, type CliIo } from './cli/args.ts';
import { createLogger } from './log.ts';
import { startServer } from './main.ts';
import type { Settings } from './options.ts';

export { CliError, commandArgs, redactDb, resolveDb, type CliIo } from './cli/args.ts';

/**
 * The commands besides `serve`, each in a file of its own that exports
 * `run(args, io): Promise<number>` (the exit code) and `HELP`. Loaded only when named.
 */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(args: readonly string[], io: CliIo): Promise<number>; HELP: string }> }> = {
  import: { summary: 'import FILE [--db …]: read a WordPress WXR, Disqus XML or Parley JSON export into the store', load: () => import('./cli/import.ts') },
  export: { summary: 'export --format json|wxr [--db …]: write every comment to stdout', load: () => import('./cli/export.ts') },
  alias: { summary: 'alias OLD NEW [--db …]: show thread OLD\'s comments under thread NEW from now on', load: () => import('./cli/alias.ts') },
  backup: { summary: 'backup FILE [--db …]: a consistent copy of the live database (SQLite), or its JSON export (PostgreSQL)', load: () => import('./cli/backup.ts') },
  restore: { summary: 'restore FILE [--db …] [--force]: put a backup back (refuses a database with comments unless --force)', load: () => import('./cli/restore.ts') },
  doctor: { summary: 'doctor [serve\'s flags] [--article URL]: check the database, origins, an article page, mail, webhooks and the admin token', load: () => import('./cli/doctor.ts') },
  token: { summary: 'token add NAME | list | revoke NAME [--db …]: named moderator tokens for /admin', load: () => import('./cli/token.ts') },
};

/** `parley --help`: every command in one screen. */
export const USAGE = [
  'Usage: parley <command> [flags]',
  '',
  ...[['serve [flags]', 'run the comments server (parley serve --help for its flags)'], ...Object.values(COMMANDS).map((c) => c.summary.split(': '))].map(
    // A usage too long for the column puts its description on the next line, under the others.
    ([usage, what]) => (usage!.length < 36 ? `  ${usage!.padEnd(36)}${what}` : `  ${usage}\n${' '.repeat(38)}${what}`),
  ),
  '',
  'Run "parley <command> --help" for one command\'s flags.',
].join('\n');

/** `parley serve --help`, written from the options table. */
export const HELP = SERVE_HELP;

export type ParsedArgs = { command: 'help' } | { command: 'usage' } | { command: 'serve'; options: Settings; configFile?: string };

/** @example parseArgs(['serve', '--port', '3000'], process.env) */
export function parseArgs(argv: readonly string[], env: Record<string, string | undefined> = {}, readFile?: (path: string) => string): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { command: 'usage' };
  if (command !== 'serve') throw new CliError(`Unknown command "${command}"; the commands are serve, ${Object.keys(COMMANDS).join(', ')}.`);
  if (rest.some((arg) => arg === '--help' || arg === '-h')) return { command: 'help' };
  const { settings, configFile } = readSettings(rest, env, { readFile });
  return { command: 'serve', options: settings, configFile };
}

const defaultIo = (): CliIo => ({
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stopSignal: () => new Promise((resolve) => ['SIGINT', 'SIGTERM'].forEach((s) => process.once(s, () => resolve()))),
  terminal: process.stderr.isTTY ? process.stderr : undefined,
  flush: () => new Promise((resolve) => process.stdout.write('', () => resolve())),
});

/** Run `parley …`; resolves with the exit code (after shutdown, for serve). */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const other = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? COMMANDS[argv[0]] : undefined;
  if (other) {
    const command = await other.load();
    if (argv.slice(1).some((a) => a === '--help' || a === '-h')) {
      io.out(command.HELP);
      return 0;
    }
    try {
      return await command.run(argv.slice(1), io);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.err(`parley ${argv[0]}: ${error.message}\nRun "parley ${argv[0]} --help" to see its flags.`);
      return 2;
    }
  }
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv, io.env, io.readFile);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    // An unknown command is helped by the list of commands, a bad flag by serve's list of flags.
    const known = argv[0] === 'serve';
    io.err(`parley: ${error.message}\nRun "parley ${known ? 'serve ' : ''}--help" to see every ${known ? 'flag' : 'command'}.`);
    return 2;
  }
  if (parsed.command === 'usage') {
    io.out(USAGE);
    return 0;
  }
  if (parsed.command === 'help') {
    io.out(HELP);
    return 0;
  }
  const { options, configFile } = parsed;
  // Every line from here on goes through the log (log.ts): plain sentences, or JSON with --log-format json.
  const log = createLogger(options.logFormat, io);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ ...options, logger: log });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    io.err(`parley: port ${options.port} on ${options.host} is already in use; stop what is using it or choose another with --port.`);
    return 1;
  }
  log.info(`Parley listening on ${server.url} (bound to ${options.host}:${options.port}), database ${redactDb(options.db)}`);
  if (configFile) log.info(`Settings read from ${configFile} (flags and environment variables win over it).`);
  if (options.sites.length) {
    // Many sites (issue 19): each is named by every request (site=, data-site).
    for (const site of options.sites) log.info(`Site "${site.name}": ${site.origins.join(', ')}${Object.keys(site.settings).length ? ` (its own ${Object.keys(site.settings).join(', ')})` : ''}; embed with data-site="${site.name}", moderate at ${server.url}/admin?site=${site.name}.`);
  } else if (!options.origins.length) log.info('No --origin given: browsers can post only from pages served by this server itself.');
  if (!options.adminToken) log.info(`No --admin-token given: the admin API and the /admin page are off unless a token was made with "parley token add NAME" (then moderate at ${server.url}/admin).`);
  else log.info(`Moderate comments at ${server.url}/admin (sign in with the admin token).`);
  if (options.webhooks.length) log.info(`Webhooks: ${options.webhooks.length} URL(s) get new published and held comments.`);
  if (options.notifyEmail) {
    log.info(`Held comments are mailed to the --notify-email address (at ${options.notifyEmail.split('@').pop()}).`);
    if (!options.publicUrl) log.info(`No --public-url given: the links in mail point at ${server.url}; set it to the address you open this server at.`);
    log.info(`Readers may ask for mail about replies (double opt-in; batched over ${options.mailBatchSeconds} s)${options.dkimDomain ? `, DKIM-signed for ${options.dkimDomain}` : ''}.`);
    for (const warning of readerMailWarnings(options)) log.info(`Warning: ${warning}`);
  }
  await (io.stopSignal ?? defaultIo().stopSignal!)();
  const inFlight = server.inFlight();
  log.info(`Shutting down: ${inFlight ? `finishing ${inFlight} request${inFlight === 1 ? '' : 's'} in flight (at most ${options.shutdownSeconds} s), ` : ''}then stopping the outbox worker and closing the database…`);
  await server.close();
  log.info('Stopped.');
  return 0;
}
