// The kinds of value a server option takes (options.ts): how each is read from a flag, an
// environment variable or the config file, checked, and described in --help and the README. Every
// message names where the value came from (`--port`, `PARLEY_PORT`, `port in parley.toml`), so a
// person knows what to fix.
import { checkName } from '../core/checks.ts';
import { CliError } from './cli/cli-error.ts';
import { redactUrl } from './notify/config.ts';

/** What a config file may hold for a kind of value (TOML types). */
export type TomlType = 'integer' | 'string' | 'boolean' | 'strings';

export interface ValueKind<T> {
  /** The README's type column: "whole number 0–65535", "URL, repeatable". */
  type: string;
  toml: TomlType;
  /**
   * Several values make one setting (each use of the flag, the comma-separated environment
   * variable, a TOML array); otherwise the last value given wins.
   */
  list?: true;
  /** A plain switch: the flag takes no value. */
  switch?: true;
  /** The raw values from one source (never empty) → the setting, or a CliError naming `label`. */
  parse(raws: readonly string[], label: string): T;
}

const last = (raws: readonly string[]) => raws[raws.length - 1]!;

export function integer(min: number, max: number): ValueKind<number> {
  return {
    type: `whole number ${min}–${max}`,
    toml: 'integer',
    parse(raws, label) {
      const raw = last(raws);
      if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        throw new CliError(`${label} must be a whole number from ${min} to ${max}, not "${raw}".`);
      }
      return Number(raw);
    },
  };
}

/** Any text; `check` may refuse it (with a message naming `label`) or tidy it. */
export function text(check: (raw: string, label: string) => string = (raw) => raw): ValueKind<string> {
  return { type: 'text', toml: 'string', parse: (raws, label) => check(last(raws), label) };
}

/** Text that may be left unset (no default value). */
export function optionalText(check?: (raw: string, label: string) => string): ValueKind<string | undefined> {
  return text(check) as ValueKind<string | undefined>;
}

export function oneOf<const T extends string>(choices: readonly T[]): ValueKind<T> {
  const words = `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
  return {
    type: `one of ${choices.join(', ')}`,
    toml: 'string',
    parse(raws, label) {
      const raw = last(raws);
      if (!choices.includes(raw as T)) throw new CliError(`${label} must be ${words}, not "${raw}".`);
      return raw as T;
    },
  };
}

/** A switch: a flag without value turns it on; elsewhere 1/true/yes/on or 0/false/no/off. */
export const onOff: ValueKind<boolean> = {
  type: 'switch',
  toml: 'boolean',
  switch: true,
  parse(raws, label) {
    const raw = last(raws);
    const value = raw.trim().toLowerCase();
    if (['', '0', 'false', 'no', 'off'].includes(value)) return false;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    throw new CliError(`${label} must be 1 or 0 (true/false, yes/no, on/off), not "${raw}".`);
  },
};

/**
 * A list: each value checked by `check`, blanks dropped, repeats removed. `splitFlags`: a flag's
 * value is itself comma-separated (words), which a URL's may not be (a comma is legal in a query).
 */
export function listOf(type: string, check: (raw: string, label: string) => string, splitFlags = false): ValueKind<string[]> {
  return {
    type: `${type}, repeatable`,
    toml: 'strings',
    list: true,
    parse(raws, label) {
      const pieces = splitFlags ? raws.flatMap((raw) => raw.split(',')) : raws;
      return [...new Set(pieces.map((raw) => raw.trim()).filter(Boolean).map((raw) => check(raw, label)))];
    },
  };
}

/** A site's origin (scheme, host, optional port), as browsers send it in `Origin`. */
export function origin(raw: string, label: string): string {
  try {
    const url = new URL(raw);
    if (/^https?:$/.test(url.protocol) && raw.replace(/\/$/, '') === url.origin) return url.origin;
  } catch {
    // worded below
  }
  throw new CliError(`${label} must be a site's origin like https://blog.example (scheme, host, optional port, no path), not "${raw}".`);
}

/** A word or phrase of a word list: spaces collapsed, at most 100 characters, no control or format characters. */
export function word(raw: string, label: string): string {
  const value = raw.replace(/\s+/g, ' ');
  if (value.length > 100 || /[\p{Cc}\p{Cf}]/u.test(value)) {
    throw new CliError(`${label} takes words or phrases of at most 100 characters, separated by commas; "${value.slice(0, 40)}" is not one.`);
  }
  return value;
}

/**
 * The admin token (issue 14): at least 16 characters, so that, with the admin guard's limit of 10
 * wrong tries a minute per client, it cannot be guessed. Checked where `parley serve` reads it
 * and again by createApp, so code that builds the app meets the same rule.
 */
export function adminToken(raw: string, label: string): string {
  const length = [...raw].length;
  if (length < 16) throw new CliError(`${label} must be at least 16 characters, so it cannot be guessed (it has ${length}). Make one with: openssl rand -hex 24`);
  return raw;
}

/** The longest owner's badge (issue 16 item 4): a label beside a name, not a sentence. */
export const BADGE_MAX = 24;

/**
 * The owner's badge (`--owner-badge`, issue 16 item 4): a short label shown beside the owner's
 * name, so it follows the name rules (no control, bidi or invisible characters) and is at most
 * BADGE_MAX characters.
 */
export function badge(raw: string, label: string): string {
  const value = raw.trim().replace(/\s+/g, ' ');
  const problem = checkName(value);
  if (!value) throw new CliError(`${label} must not be empty: it is the label shown beside the owner's name (the default is "Author").`);
  if (problem || [...value].length > BADGE_MAX) {
    throw new CliError(`${label} must be a short label of at most ${BADGE_MAX} characters without control or invisible characters, like "Author" or "Editor"; "${value.slice(0, 40)}" is not one.`);
  }
  return value;
}

export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

/** A SQLite file path, or a postgres:// URL that is a URL. */
export function database(raw: string, label: string): string {
  if (isPostgresUrl(raw) && !URL.canParse(raw)) throw new CliError(`${label} must be a SQLite file path or a URL like postgres://user@host:5432/dbname.`);
  // Any other scheme:// is a typo (postgress://, postgre://, mysql://), not a file name: taken as
  // a path it quietly made a SQLite file named "postgress:" (issue 14).
  if (!isPostgresUrl(raw) && /^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw new CliError(`${label} "${redactUrl(raw)}" is a URL but not a PostgreSQL one: write postgres:// or postgresql://, or give a SQLite file path.`);
  }
  return raw;
}
