// `parley serve`'s settings from the options table (options.ts): flags (node:util's parseArgs),
// then environment variables, then the config file (`--config FILE`, TOML), then the table's
// defaults. A pure function of argv, env and a file reader, so tests need no process.
import { readFileSync } from 'node:fs';
import { parseArgs as nodeParseArgs } from 'node:util';
import { parse as parseToml, TomlError } from 'smol-toml';
import { CROSS_CHECKS, OPTIONS, type OptionKey, type OptionSpec, type Settings } from '../options.ts';
import { listOf, origin, type TomlType } from '../option-values.ts';
import { mergeSites, PER_SITE, siteName, type SiteConfig } from '../sites/config.ts';
import { CliError } from './cli-error.ts';

type Spec = OptionSpec<unknown>;
const ENTRIES = Object.entries(OPTIONS) as [OptionKey, Spec][];
const FLAGGED = ENTRIES.filter(([, spec]) => spec.flag !== false);

export interface ReadSettingsOptions {
  /** How the config file is read; default readFileSync. */
  readFile?: (path: string) => string;
}

/** Where each raw value came from, for messages: `--port`, `PARLEY_PORT`, `port in parley.toml`. */
interface Found {
  raws: string[];
  label: string;
}

/**
 * The settings `parley serve` runs with, and the config file they were read from, if any.
 *
 * @example readSettings(['--port', '3000'], process.env) // { settings: { port: 3000, … }, configFile: undefined }
 */
export function readSettings(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  { readFile = (path) => readFileSync(path, 'utf8') }: ReadSettingsOptions = {},
): { settings: Settings; configFile?: string } {
  const flags = readFlags(argv);
  const envValue = (name: string) => (env[name] ? env[name] : undefined);
  const configFile = flags.get('config')?.raws.at(-1) ?? envValue('PARLEY_CONFIG');
  const { found: file, sites: fileSites } = configFile === undefined ? { found: new Map<string, Found>(), sites: [] } : readConfigFile(configFile, readFile);

  const settings: Record<string, unknown> = {};
  for (const [key, spec] of ENTRIES) {
    if (spec.part === 'cli') continue;
    const fromEnv = spec.env.map((name) => [name, envValue(name)] as const).find(([, value]) => value !== undefined);
    const found: Found | undefined =
      flags.get(spec.name) ??
      (fromEnv ? { raws: spec.kind.list ? fromEnv[1]!.split(',') : [fromEnv[1]!], label: fromEnv[0] } : undefined) ??
      file.get(spec.name);
    settings[key] = found ? spec.kind.parse(found.raws, found.label) : Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  // Many sites (issue 19): the config file's [sites.NAME] tables join the --site flags.
  settings.sites = mergeSites(settings.sites as SiteConfig[], fileSites);
  for (const check of CROSS_CHECKS) check(settings as Settings);
  return { settings: settings as Settings, configFile };
}

function readFlags(argv: readonly string[]): Map<string, Found> {
  const options = Object.fromEntries(FLAGGED.map(([, spec]) => [spec.name, { type: spec.kind.switch ? ('boolean' as const) : ('string' as const), multiple: true }]));
  // "--min-submit-seconds -1" is a value, not a flag (node:util would call it ambiguous): a value
  // that does not start with "--" is joined to its flag, so its own error says what is wrong with it.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const takesValue = options[arg.slice(2)]?.type === 'string';
    const next = argv[i + 1];
    if (takesValue && next !== undefined && next.startsWith('-') && !next.startsWith('--')) args.push(`${arg}=${argv[++i]}`);
    else args.push(arg);
  }
  let values: Record<string, (string | boolean)[] | undefined>;
  try {
    values = nodeParseArgs({ args, options, strict: true, allowPositionals: false }).values as typeof values;
  } catch (error) {
    throw flagError(error as NodeJS.ErrnoException);
  }
  const found = new Map<string, Found>();
  for (const [name, given] of Object.entries(values)) {
    if (!given?.length) continue;
    const spec = FLAGGED.find(([, s]) => s.name === name)![1];
    const raws = given.map((v) => (v === true ? '1' : String(v)));
    if (!spec.kind.switch && raws.some((raw) => raw === '')) throw new CliError(`--${name} needs a value (${spec.value}).`);
    found.set(name, { raws, label: `--${name}` });
  }
  return found;
}

/** node:util's parse errors, worded for a person. */
function flagError(error: NodeJS.ErrnoException): Error {
  const flag = /'(--?[^' ]+)/.exec(error.message)?.[1] ?? '';
  const spec = FLAGGED.find(([, s]) => `--${s.name}` === flag)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const near = closest(flag.replace(/^-+/, ''), FLAGGED.map(([, s]) => s.name));
      return new CliError(`Unknown flag "${flag}"${near ? ` (did you mean --${near}?)` : ''}.`);
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (spec?.kind.switch) return new CliError(`${flag} is a switch and takes no value; leave it out to turn it off.`);
      return new CliError(`${flag} needs a value${spec?.value ? ` (${spec.value})` : ''}.`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const arg = /'([^']*)'/.exec(error.message)?.[1] ?? '';
      return new CliError(`Unexpected argument "${arg}": serve takes flags only (every flag starts with --).`);
    }
    default:
      return error;
  }
}

/** The config file's settings by option name, type-checked; ranges and shapes are checked by each option's kind. */
function readConfigFile(path: string, readFile: (path: string) => string): { found: Map<string, Found>; sites: SiteConfig[] } {
  let source: string;
  try {
    source = readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new CliError(`Cannot read the config file ${path}: ${why}.`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(source, { unsafeKeyBehaviour: 'throw' }) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const message = error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
    throw new CliError(`${path}, line ${error.line}, column ${error.column}: ${message} (the file must be TOML: key = value, one a line).`);
  }
  const settable = ENTRIES.filter(([, spec]) => spec.part !== 'cli').map(([, spec]) => spec);
  const found = new Map<string, Found>();
  let sites: SiteConfig[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'sites') {
      sites = siteTables(path, value);
      continue;
    }
    const spec = settable.find((s) => s.name === key);
    if (!spec) {
      if (key === 'config') throw new CliError(`${path}: "config" cannot be set inside a config file.`);
      const near = closest(key, settable.map((s) => s.name));
      throw new CliError(`${path}: unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}. The keys are the flag names without --: ${settable.map((s) => s.name).join(', ')}.`);
    }
    found.set(key, { raws: tomlRaws(path, key, spec.kind.toml, value), label: `${key} in ${path}` });
  }
  return { found, sites };
}

/** `[sites.NAME]` tables: each site's `origin` (a string or a list) and its own values of the PER_SITE options. */
function siteTables(path: string, value: unknown): SiteConfig[] {
  const isTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
  if (!isTable(value)) throw new CliError(`${path}: sites must be tables, one a site: [sites.blog] then origin = "https://blog.example".`);
  return Object.entries(value).map(([name, table]) => {
    const where = `[sites.${name}] in ${path}`;
    siteName(name, where);
    if (!isTable(table)) throw new CliError(`${where} must be a table: [sites.${name}] then origin = "https://…" on the next line.`);
    const site: SiteConfig = { name, origins: [], settings: {} };
    for (const [key, v] of Object.entries(table)) {
      if (key === 'origin') {
        site.origins = listOf('origin', origin).parse(tomlRaws(path, `sites.${name}.origin`, 'strings', v), `origin in ${where}`);
        continue;
      }
      const entry = (PER_SITE as readonly string[]).includes(key) ? ENTRIES.find(([, spec]) => spec.name === key) : undefined;
      if (!entry) throw new CliError(`${where}: "${key}" cannot be set per site. A site's table takes origin and ${PER_SITE.join(', ')}.`);
      const [settingKey, spec] = entry;
      site.settings[settingKey] = spec.kind.parse(tomlRaws(path, `sites.${name}.${key}`, spec.kind.toml, v), `${key} in ${where}`);
    }
    if (!site.origins.length) throw new CliError(`${where} needs origin = "https://…": the pages that may use the site.`);
    return site;
  });
}

const EXAMPLE: Record<TomlType, string> = { integer: '= 10', string: '= "text"', boolean: '= true', strings: '= ["a", "b"]' };
const NAMES: Record<TomlType, string> = { integer: 'a whole number', string: 'a string', boolean: 'true or false', strings: 'a list of strings' };

/** A TOML value as the raw strings a flag would have given, or a CliError naming the key and the file. */
function tomlRaws(path: string, key: string, type: TomlType, value: unknown): string[] {
  const ok =
    type === 'integer' ? typeof value === 'number' && Number.isInteger(value)
    : type === 'string' ? typeof value === 'string'
    : type === 'boolean' ? typeof value === 'boolean'
    : typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
  if (!ok) throw new CliError(`${path}: ${key} must be ${NAMES[type]} (like ${key} ${EXAMPLE[type]}), not ${describe(value)}.`);
  return Array.isArray(value) ? (value as string[]) : [String(value)];
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list with other values in it';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the fraction ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return 'a date';
  return 'a table';
}

/** The name nearest to a mistyped one (at most two edits away), for "did you mean". */
function closest(typed: string, names: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(typed, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
