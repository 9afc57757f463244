// What every command shares: its input and output (CliIo), reading its flags with node:util's
// parseArgs (commandArgs), and the database it works on (resolveDb, redactDb).
import { parseArgs as nodeParseArgs } from 'node:util';
import { redactUrl } from '../notify/config.ts';
import { OPTIONS } from '../options.ts';
import { CliError } from './cli-error.ts';

export { CliError };

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
  /** Reads the config file (`--config`); default readFileSync. */
  readFile?: (path: string) => string;
}

/** The database setting as it may be printed: a URL's password replaced by ***; a file path as it is. */
export function redactDb(db: string): string {
  return URL.canParse(db) ? redactUrl(db) : db;
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
 * The database every command uses: `--db`, else PARLEY_DB, else DATABASE_URL, else the options
 * table's default, checked as `serve` checks it. For import, export and alias.
 */
export function resolveDb(flag: string | undefined, env: Record<string, string | undefined>): string {
  const { db } = OPTIONS;
  const fromEnv = db.env.find((name) => env[name]);
  if (flag) return db.kind.parse([flag], '--db');
  return fromEnv ? db.kind.parse([env[fromEnv]!], fromEnv) : db.default;
}
