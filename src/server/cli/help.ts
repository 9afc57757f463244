// `parley serve --help` and the README's table of options, both written from the options table
// (options.ts), so neither can drift from what the parser reads. test/server/options.test.ts checks
// that the README holds exactly `optionsMarkdown()`.
import { OPTIONS, type OptionSpec, type Part } from '../options.ts';

type Spec = OptionSpec<unknown>;
const SPECS = Object.values(OPTIONS) as Spec[];

/** Who reads each part's settings, in words. */
const PART_NAMES: Record<Part, string> = {
  cli: 'the command line',
  listen: 'the listener',
  store: 'the store',
  api: 'the API',
  moderation: 'moderation rules',
  article: 'the article fetch',
  akismet: 'Akismet',
  notify: 'notifications',
  webmention: 'Webmention',
};

const shownDefault = (spec: Spec) => spec.shows ?? (Array.isArray(spec.default) ? spec.default.join(',') || 'none' : String(spec.default));

const envText = (spec: Spec) =>
  `${spec.env.join(' or ')}${spec.kind.list ? ' (comma-separated)' : ''}${spec.kind.switch ? ' (1 or 0)' : ''}`;

const flagText = (spec: Spec) => `--${spec.name}${spec.value ? ` ${spec.value}` : ''}`;

const COLUMN = 44;

export const SERVE_HELP = [
  'Usage: parley serve [flags]',
  '',
  'Runs the Parley comments server. Flags override environment variables, which override the',
  'config file (--config FILE, TOML: the same names without --, e.g. port = 8080).',
  '',
  ...SPECS.filter((s) => s.flag !== false).map(
    (s) => `  ${flagText(s)}`.padEnd(COLUMN) + `${s.help}\n${' '.repeat(COLUMN)}env ${envText(s)}; default ${shownDefault(s)}`,
  ),
  '  --help'.padEnd(COLUMN) + 'show this help',
  '',
  'Without a flag (environment or config file only):',
  ...SPECS.filter((s) => s.flag === false).map(
    (s) =>
      `  ${s.env.length ? `${s.env.join(' or ')}, ` : ''}${s.name} in the file`.padEnd(COLUMN) + `${s.help}\n${' '.repeat(COLUMN)}default ${shownDefault(s)}`,
  ),
].join('\n');

const cell = (text: string) => text.replaceAll('|', '\\|');
const code = (text: string) => `\`${cell(text)}\``;

/** The README's table of `parley serve`'s options, one row per entry of the table. */
export function optionsMarkdown(): string {
  const rows = SPECS.map((s) => {
    const flag = s.flag === false ? `${code(s.name)} (no flag)` : code(flagText(s));
    const env = s.env.length ? `${s.env.map(code).join(', ')}${s.kind.list ? ' (comma-separated)' : ''}` : '—';
    const fallback = code(shownDefault(s));
    return `| ${flag} | ${env} | ${cell(s.kind.type)} | ${fallback} | ${PART_NAMES[s.part]} | ${cell(s.help)} |`;
  });
  return ['| flag (config key without --) | environment | value | default | read by | what it does |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
