// `parley serve [flags]`: flags override env variables, which override defaults. Parsing is a
// pure function of argv and env so tests need no process; runCli does the printing and exiting.
import { parseArgs as nodeParseArgs } from 'node:util';
import type { ModerationMode } from './moderation/moderate.ts';
import { isPostgresUrl, startServer, type ServerOptions } from './main.ts';
import { readNotifySettings, redactUrl } from './notify/config.ts';

interface Flag {
  name: string;
  env: string;
  value: string;
  fallback: string;
  help: string;
  /** A plain switch: present means on, and it takes no value. */
  switch?: true;
}

const FLAGS: readonly Flag[] = [
  { name: 'port', env: 'PARLEY_PORT', value: '<n>', fallback: '8080', help: 'TCP port to listen on' },
  { name: 'host', env: 'PARLEY_HOST', value: '<addr>', fallback: '0.0.0.0', help: 'address to listen on' },
  { name: 'db', env: 'PARLEY_DB or DATABASE_URL', value: '<path|url>', fallback: './data/parley.db', help: 'SQLite file (created if missing) or postgres://user@host:5432/dbname' },
  { name: 'pool-size', env: 'PARLEY_POOL_SIZE', value: '<n>', fallback: '10', help: 'PostgreSQL connections per instance' },
  { name: 'origin', env: 'PARLEY_ORIGINS (comma-separated)', value: '<url>', fallback: 'none', help: 'a site whose pages may post from the browser; repeatable' },
  { name: 'admin-token', env: 'PARLEY_ADMIN_TOKEN', value: '<token>', fallback: 'none: admin off', help: 'bearer token for the admin API and page' },
  { name: 'moderation', env: 'PARLEY_MODERATION', value: 'publish|first-time|all', fallback: 'publish', help: 'what is held for a moderator' },
  { name: 'edit-window', env: 'PARLEY_EDIT_WINDOW', value: '<seconds>', fallback: '900', help: 'how long authors may edit or delete' },
  { name: 'posts-per-minute', env: 'PARLEY_POSTS_PER_MINUTE', value: '<n>', fallback: '5', help: 'posts per client a minute before 429; 0 is off' },
  { name: 'min-submit-seconds', env: 'PARLEY_MIN_SUBMIT_SECONDS', value: '<seconds>', fallback: '3', help: 'hold posts without a form token or sent sooner after the form opened; 0 is off' },
  { name: 'flood-seconds', env: 'PARLEY_FLOOD_SECONDS', value: '<seconds>', fallback: '15', help: "hold a client's post sent sooner after its last one; 0 is off" },
  { name: 'max-links', env: 'PARLEY_MAX_LINKS', value: '<n>', fallback: '2', help: 'hold comments with more links (text and website)' },
  { name: 'hold-words', env: 'PARLEY_HOLD_WORDS (comma-separated)', value: '<a,b,…>', fallback: 'none', help: 'words or phrases that hold a comment; repeatable' },
  { name: 'spam-words', env: 'PARLEY_SPAM_WORDS (comma-separated)', value: '<a,b,…>', fallback: 'none', help: 'words or phrases that mark a comment as spam; repeatable' },
  { name: 'trust-proxy', env: 'PARLEY_TRUST_PROXY (1 or 0)', value: '', fallback: 'off', switch: true, help: "behind a reverse proxy: the client is X-Forwarded-For's last hop" },
  { name: 'webhook', env: 'PARLEY_WEBHOOKS (comma-separated)', value: '<url>', fallback: 'none', help: 'POST each new published or held comment here, signed; repeatable' },
  { name: 'webhook-secret', env: 'PARLEY_WEBHOOK_SECRET', value: '<secret>', fallback: 'none (required with --webhook)', help: 'the HMAC-SHA256 key of X-Parley-Signature, 16+ characters' },
  { name: 'smtp', env: 'PARLEY_SMTP_URL', value: '<url>', fallback: 'none: no mail', help: 'mail server for owner mail: smtp://user:pass@host:587 or smtps://…:465' },
  { name: 'notify-email', env: 'PARLEY_NOTIFY_EMAIL', value: '<addr>', fallback: 'none', help: 'mail each held comment, with approve and spam links, here (needs --smtp)' },
  { name: 'mail-from', env: 'PARLEY_MAIL_FROM', value: '<addr>', fallback: 'Parley <parley@HOST>', help: "the mail's sender; HOST is --public-url's, else the SMTP server's" },
  { name: 'public-url', env: 'PARLEY_PUBLIC_URL', value: '<url>', fallback: 'the listen URL', help: "this server's address as you open it, for the links in mail" },
];

/**
 * The commands besides `serve`, each in a file of its own that exports
 * `run(args, io): Promise<number>` (the exit code) and `HELP`. Loaded only when named.
 */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(args: readonly string[], io: CliIo): Promise<number>; HELP: string }> }> = {
  import: { summary: 'import FILE [--db …]: read a WordPress WXR, Disqus XML or Parley JSON export into the store', load: () => import('./cli-import.ts') },
  export: { summary: 'export --format json|wxr [--db …]: write every comment to stdout', load: () => import('./cli-export.ts') },
  alias: { summary: 'alias OLD NEW [--db …]: show thread OLD\'s comments under thread NEW from now on', load: () => import('./cli-alias.ts') },
};

/** `parley --help`: every command in one screen. */
export const USAGE = [
  'Usage: parley <command> [flags]',
  '',
  ...[['serve [flags]', 'run the comments server (parley serve --help for its flags)'], ...Object.values(COMMANDS).map((c) => c.summary.split(': '))].map(
    ([usage, what]) => `  ${usage!.padEnd(36)}${what}`,
  ),
  '',
  'Run "parley <command> --help" for one command\'s flags.',
].join('\n');

export const HELP = [
  'Usage: parley serve [flags]',
  '',
  'Runs the Parley comments server. Flags override environment variables.',
  '',
  ...FLAGS.map((f) => `  --${f.name}${f.value ? ` ${f.value}` : ''}`.padEnd(44) + `${f.help}\n${' '.repeat(44)}env ${f.env}; default ${f.fallback}`),
  '  --help'.padEnd(44) + 'show this help',
  '',
  'PARLEY_SECRET, when set, replaces the secret kept in the database (edit tokens, avatar seeds).',
].join('\n');

export class CliError extends Error {}

/** The database setting as it may be printed: a URL's password replaced by ***; a file path as it is. */
export function redactDb(db: string): string {
  return URL.canParse(db) ? redactUrl(db) : db;
}

export type ParsedArgs = { command: 'help' } | { command: 'usage' } | { command: 'serve'; options: ServerOptions };

const MODES: readonly ModerationMode[] = ['publish', 'first-time', 'all'];

function integer(flag: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new CliError(`--${flag} must be a whole number from ${min} to ${max}, not "${raw}".`);
  }
  return Number(raw);
}

function origin(raw: string): string {
  try {
    const url = new URL(raw);
    if (/^https?:$/.test(url.protocol) && raw.replace(/\/$/, '') === url.origin) return url.origin;
  } catch {
    // worded below
  }
  throw new CliError(`--origin must be a site's origin like https://blog.example (scheme, host, optional port, no path), not "${raw}".`);
}

/** Comma-separated words or phrases, from each use of the flag (or the env variable). */
function wordList(flag: string, raws: readonly string[]): string[] {
  const words = raws.flatMap((raw) => raw.split(',')).map((w) => w.trim().replace(/\s+/g, ' ')).filter(Boolean);
  for (const word of words) {
    if (word.length > 100 || /[\p{Cc}\p{Cf}]/u.test(word)) {
      throw new CliError(`--${flag} takes words or phrases of at most 100 characters, separated by commas; "${word.slice(0, 40)}" is not one.`);
    }
  }
  return [...new Set(words)];
}

/** An env switch: 1/true/yes/on or 0/false/no/off (or unset). */
function onOff(name: string, raw: string | undefined): boolean {
  const value = (raw ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'no', 'off'].includes(value)) return false;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  throw new CliError(`${name} must be 1 or 0 (true/false, yes/no, on/off), not "${raw}".`);
}

/**
 * The flags and positional arguments of import, export and alias: node:util's parseArgs (strict:
 * `--flag value`, `--flag=value`, `--` before a positional that starts with "--"), its errors worded
 * for a person. `flags` names each flag and whether it takes a value.
 *
 * @example commandArgs('import', ['x.xml', '--db', 'p.db'], { db: 'string', 'dry-run': 'boolean' })
 * // { values: { db: 'p.db' }, positionals: ['x.xml'] }
 */
export function commandArgs<F extends Record<string, 'string' | 'boolean'>>(
  command: string,
  args: readonly string[],
  flags: F,
): { values: { [K in keyof F]?: F[K] extends 'string' ? string : boolean }; positionals: string[] } {
  const options = Object.fromEntries(Object.entries(flags).map(([name, type]) => [name, { type }]));
  try {
    const { values, positionals } = nodeParseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    for (const [name, value] of Object.entries(values)) if (value === '') throw new CliError(`--${name} needs a value.`);
    return { values: values as never, positionals };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const flag = /'(--?[^' ]+)/.exec((error as Error).message)?.[1] ?? 'a flag';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CliError(`Unknown flag ${flag}; ${command} takes ${Object.keys(flags).map((f) => `--${f}`).join(', ')}.`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new CliError(/does not take an argument/.test((error as Error).message) ? `${flag} takes no value.` : `${flag} needs a value.`);
    }
    throw error;
  }
}

/**
 * The database every command uses: `--db`, else PARLEY_DB, else DATABASE_URL, else ./data/parley.db,
 * checked as `serve` checks it. For import, export and alias.
 */
export function resolveDb(flag: string | undefined, env: Record<string, string | undefined>): string {
  const db = flag || env.PARLEY_DB || env.DATABASE_URL || FLAGS.find((f) => f.name === 'db')!.fallback;
  if (isPostgresUrl(db) && !URL.canParse(db)) throw new CliError('--db must be a SQLite file path or a URL like postgres://user@host:5432/dbname.');
  return db;
}

/** @example parseArgs(['serve', '--port', '3000'], process.env) */
export function parseArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { command: 'usage' };
  if (command !== 'serve') throw new CliError(`Unknown command "${command}"; the commands are serve, ${Object.keys(COMMANDS).join(', ')}.`);
  const given = new Map<string, string[]>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--help' || arg === '-h') return { command: 'help' };
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const flag = match && FLAGS.find((f) => f.name === match[1]);
    if (!match || !flag) throw new CliError(`Unknown flag "${arg}".`);
    if (flag.switch) {
      if (match[2] !== undefined) throw new CliError(`--${flag.name} is a switch and takes no value; leave it out to turn it off.`);
      given.set(flag.name, ['1']);
      continue;
    }
    const value = match[2] ?? rest[++i];
    if (value === undefined || (match[2] === undefined && value.startsWith('--'))) throw new CliError(`--${flag.name} needs a value (${flag.value}).`);
    given.set(flag.name, [...(given.get(flag.name) ?? []), value]);
  }
  // Flag, else env, else default; '' in env counts as unset.
  const pick = (name: string, ...envs: string[]) => given.get(name)?.at(-1) ?? envs.map((e) => env[e]).find((v) => v) ?? undefined;
  const fallback = (name: string) => FLAGS.find((f) => f.name === name)!.fallback;

  const moderation = pick('moderation', 'PARLEY_MODERATION') ?? 'publish';
  if (!MODES.includes(moderation as ModerationMode)) throw new CliError(`--moderation must be publish, first-time or all, not "${moderation}".`);
  const db = pick('db', 'PARLEY_DB', 'DATABASE_URL') ?? fallback('db');
  if (isPostgresUrl(db) && !URL.canParse(db)) throw new CliError('--db must be a SQLite file path or a URL like postgres://user@host:5432/dbname.');
  const origins = given.get('origin') ?? (env.PARLEY_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const seconds = (name: string, envName: string) => integer(name, pick(name, envName) ?? fallback(name), 0, 86_400);
  const notify = readNotifySettings(
    {
      webhooks: given.get('webhook') ?? (env.PARLEY_WEBHOOKS ?? '').split(','),
      webhookSecret: pick('webhook-secret', 'PARLEY_WEBHOOK_SECRET'),
      smtp: pick('smtp', 'PARLEY_SMTP_URL'),
      notifyEmail: pick('notify-email', 'PARLEY_NOTIFY_EMAIL'),
      mailFrom: pick('mail-from', 'PARLEY_MAIL_FROM'),
      publicUrl: pick('public-url', 'PARLEY_PUBLIC_URL'),
    },
    (message) => {
      throw new CliError(message);
    },
  );
  return {
    command: 'serve',
    options: {
      port: integer('port', pick('port', 'PARLEY_PORT') ?? fallback('port'), 0, 65535),
      host: pick('host', 'PARLEY_HOST') ?? fallback('host'),
      db,
      origins: origins.map(origin),
      adminToken: pick('admin-token', 'PARLEY_ADMIN_TOKEN'),
      moderation: moderation as ModerationMode,
      editWindowSeconds: integer('edit-window', pick('edit-window', 'PARLEY_EDIT_WINDOW') ?? fallback('edit-window'), 0, 31_536_000),
      postsPerMinute: integer('posts-per-minute', pick('posts-per-minute', 'PARLEY_POSTS_PER_MINUTE') ?? fallback('posts-per-minute'), 0, 1_000_000),
      minSubmitSeconds: seconds('min-submit-seconds', 'PARLEY_MIN_SUBMIT_SECONDS'),
      floodSeconds: seconds('flood-seconds', 'PARLEY_FLOOD_SECONDS'),
      maxLinks: integer('max-links', pick('max-links', 'PARLEY_MAX_LINKS') ?? fallback('max-links'), 0, 1_000),
      holdWords: wordList('hold-words', given.get('hold-words') ?? [env.PARLEY_HOLD_WORDS ?? '']),
      spamWords: wordList('spam-words', given.get('spam-words') ?? [env.PARLEY_SPAM_WORDS ?? '']),
      trustProxy: given.has('trust-proxy') || onOff('PARLEY_TRUST_PROXY', env.PARLEY_TRUST_PROXY),
      poolSize: integer('pool-size', pick('pool-size', 'PARLEY_POOL_SIZE') ?? fallback('pool-size'), 1, 1_000),
      secret: env.PARLEY_SECRET || undefined,
      ...notify,
    },
  };
}

export interface CliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Resolves when the process should stop (SIGINT/SIGTERM by default). */
  stopSignal?: () => Promise<void>;
  /** stderr when it is a terminal, for progress bars (parley import); absent means no bar. */
  terminal?: NodeJS.WritableStream;
  /** Resolves once everything given to `out` has been written: a piped stdout is asynchronous, and the process exits right after a command. */
  flush?: () => Promise<void>;
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
    parsed = parseArgs(argv, io.env);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`parley: ${error.message}\nRun "parley serve --help" to see every flag.`);
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
  const { options } = parsed;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ ...options, logger: { info: io.out, error: (m, e) => io.err(`${m}: ${e instanceof Error ? e.message : String(e)}`) } });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    io.err(`parley: port ${options.port} on ${options.host} is already in use; stop what is using it or choose another with --port.`);
    return 1;
  }
  io.out(`Parley listening on ${server.url} (bound to ${options.host}:${options.port}), database ${redactDb(options.db)}`);
  if (!options.origins.length) io.out('No --origin given: browsers can post only from pages served by this server itself.');
  if (!options.adminToken) io.out('No --admin-token given: the admin API and the /admin page are off.');
  else io.out(`Moderate comments at ${server.url}/admin (sign in with the admin token).`);
  if (options.webhooks?.length) io.out(`Webhooks: ${options.webhooks.length} URL(s) get new published and held comments.`);
  if (options.notifyEmail) {
    io.out(`Held comments are mailed to ${options.notifyEmail}.`);
    if (!options.publicUrl) io.out(`No --public-url given: the links in mail point at ${server.url}; set it to the address you open this server at.`);
  }
  await (io.stopSignal ?? defaultIo().stopSignal!)();
  io.out('Shutting down…');
  await server.close();
  return 0;
}
