// The one table of server options (issue 13): the README's table, --help, the parser, the config
// file and createApp's defaults all come from src/server/options.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { CliError, HELP, parseArgs, runCli } from '../../src/server/cli.ts';
import { optionsMarkdown } from '../../src/server/cli/help.ts';
import { OPTIONS, withDefaults } from '../../src/server/options.ts';
import { createMemoryStore } from '../../src/server/store/memory.ts';
import { body, post } from '../helpers/app.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'parley-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A config file with this text; returns its path. */
let files = 0;
function configFile(text: string): string {
  const file = join(dir, `parley-${++files}.toml`);
  writeFileSync(file, text);
  return file;
}

const serve = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseArgs(['serve', ...argv], env);
  if (parsed.command !== 'serve') throw new Error('expected serve');
  return parsed.options;
};

describe('the options table', () => {
  it('is the README\'s table of options, row for row', () => {
    const table = /<!-- options-table[^>]*-->\n([^]*?)\n<!-- \/options-table -->/.exec(README)?.[1];
    // When this fails, paste the expected table (the test's "expected" side) into the README.
    expect(table).toBe(optionsMarkdown());
  });

  it('gives every option a flag in --help that the parser takes, with its environment variable and default', () => {
    for (const spec of Object.values(OPTIONS)) {
      if (spec.flag === false) {
        expect(HELP).toContain(`${spec.name} in the file`);
        continue;
      }
      expect(HELP, spec.name).toMatch(new RegExp(`  --${spec.name}\\b`));
      for (const env of spec.env) expect(HELP, spec.name).toContain(env);
      // The parser knows the flag: an unknown one would be refused before its value is judged.
      expect(() => serve([`--${spec.name}`, '%%']), spec.name).not.toThrow(/Unknown flag/);
    }
    expect(() => serve(['--prot', '80'])).toThrow(new CliError('Unknown flag "--prot" (did you mean --port?).'));
    expect(() => serve(['8080'])).toThrow(/Unexpected argument "8080": serve takes flags only/);
  });

  it('gives createApp the same defaults as `parley serve`', () => {
    const cli = serve([]);
    const app = withDefaults({});
    for (const key of Object.keys(app) as (keyof typeof app)[]) expect(app[key], key).toEqual(cli[key]);
    expect(cli).toMatchObject({ minSubmitSeconds: 3, floodSeconds: 15, postsPerMinute: 5, maxLinks: 2, editWindowSeconds: 900 });
  });

  it('holds a post without a form token, and a third one from the same client within 15 s, when createApp is given no settings', async () => {
    const store = createMemoryStore();
    const app = createApp({ store, secret: 's', clientAddress: () => '198.51.100.7' });
    const first = await post(app, body({ thread: '/defaults' }));
    expect(first.status).toBe(201);
    expect((await first.json()).status).toBe('held');
    const [held] = await store.comments.listByStatus({ status: 'pending', limit: 5 });
    expect(held!.reasons.map((r) => r.rule)).toContain('form-token');
    await post(app, body({ thread: '/defaults', text: 'A second thought' }));
    await post(app, body({ thread: '/defaults', text: 'A third thought' }));
    const [third] = await store.comments.listByStatus({ status: 'pending', limit: 1 });
    expect(third!.reasons.map((r) => r.rule)).toContain('flood');
  });
});

describe('the config file (--config, TOML)', () => {
  it('reads every kind of value, with comments beside them', () => {
    const file = configFile(`# The blog's comments
port = 3100                      # a number
db = "${join(dir, 'from-file.db')}"
origin = ["https://blog.example", "https://www.blog.example"]
moderation = "first-time"
hold-words = ["refund", "free  money"]
spam-words = "casino"            # one string works for a list too
trust-proxy = true
article-timeout = 5000
secret = "kept-in-the-file"
`);
    expect(serve(['--config', file])).toMatchObject({
      port: 3100,
      db: join(dir, 'from-file.db'),
      origins: ['https://blog.example', 'https://www.blog.example'],
      moderation: 'first-time',
      holdWords: ['refund', 'free money'],
      spamWords: ['casino'],
      trustProxy: true,
      articleTimeoutMs: 5000,
      secret: 'kept-in-the-file',
      // Not in the file: the table's default.
      floodSeconds: 15,
    });
  });

  it('lets the environment override the file, and flags override both; PARLEY_CONFIG names the file too', () => {
    const file = configFile('port = 3100\nhost = "127.0.0.1"\nmax-links = 7\n');
    expect(serve(['--config', file], { PARLEY_PORT: '3200' })).toMatchObject({ port: 3200, host: '127.0.0.1', maxLinks: 7 });
    expect(serve(['--config', file, '--port', '3300'], { PARLEY_PORT: '3200' })).toMatchObject({ port: 3300 });
    expect(serve([], { PARLEY_CONFIG: file })).toMatchObject({ port: 3100, maxLinks: 7 });
  });

  it('sizes the read cache from --read-cache-mb, PARLEY_READ_CACHE_MB or read-cache-mb in the file (issue 22)', () => {
    expect(serve([]).readCacheMb).toBe(64);
    expect(serve(['--config', configFile('read-cache-mb = 8\n')]).readCacheMb).toBe(8);
    expect(serve(['--config', configFile('read-cache-mb = 8\n')], { PARLEY_READ_CACHE_MB: '16' }).readCacheMb).toBe(16);
    expect(serve(['--read-cache-mb', '0'], { PARLEY_READ_CACHE_MB: '16' }).readCacheMb).toBe(0);
    expect(() => serve(['--read-cache-mb', '-1'])).toThrow(/--read-cache-mb must be a whole number from 0 to 1048576, not "-1"/);
  });

  it('refuses an unknown key, naming it, the file and the key it is close to', () => {
    const file = configFile('prot = 8080\n');
    expect(() => serve(['--config', file])).toThrow(CliError);
    expect(() => serve(['--config', file])).toThrow(`${file}: unknown key "prot" (did you mean "port"?).`);
    expect(() => serve(['--config', configFile('config = "other.toml"\n')])).toThrow(/"config" cannot be set inside a config file/);
    expect(() => serve(['--config', configFile('[server]\nport = 1\n')])).toThrow(/unknown key "server"/);
  });

  it('refuses a value of the wrong type or out of range, naming the key and the file', () => {
    const wrong: [string, string][] = [
      ['port = "8080"', 'port must be a whole number (like port = 10), not the string "8080".'],
      ['port = 80.5', 'port must be a whole number (like port = 10), not the fraction 80.5.'],
      ['trust-proxy = "yes"', 'trust-proxy must be true or false (like trust-proxy = true), not the string "yes".'],
      ['origin = [1, 2]', 'origin must be a list of strings (like origin = ["a", "b"]), not a list with other values in it.'],
      ['moderation = 2', 'moderation must be a string (like moderation = "text"), not the number 2.'],
    ];
    for (const [line, message] of wrong) {
      const file = configFile(`${line}\n`);
      expect(() => serve(['--config', file]), line).toThrow(new CliError(`${file}: ${message}`));
    }
    const ranged = configFile('port = 70000\nmoderation = "sometimes"\n');
    expect(() => serve(['--config', ranged])).toThrow(new CliError(`port in ${ranged} must be a whole number from 0 to 65535, not "70000".`));
    const origin = configFile('origin = ["https://blog.example/path"]\n');
    expect(() => serve(['--config', origin])).toThrow(`origin in ${origin} must be a site's origin like https://blog.example`);
  });

  it('says where a TOML syntax error is, and when the file cannot be read', () => {
    const file = configFile('port = 8080\nhost = "127.0.0.1\n');
    expect(() => serve(['--config', file])).toThrow(new RegExp(`^${file.replace(/[.]/g, '\\.')}, line 2, column \\d+: .*the file must be TOML`));
    expect(() => serve(['--config', join(dir, 'missing.toml')])).toThrow(new CliError(`Cannot read the config file ${join(dir, 'missing.toml')}: there is no such file.`));
    expect(() => serve(['--config', dir])).toThrow(/it is a directory/);
  });

  it('starts the server from a config file and says it did', async () => {
    const file = configFile(`port = 0\nhost = "127.0.0.1"\ndb = "${join(dir, 'served.db')}"\nadmin-token = "token-from-the-config-file"\n`);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['serve', '--config', file], { env: {}, out: (l) => out.push(l), err: (l) => err.push(l), stopSignal: async () => {} });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.join('\n')).toContain(`Settings read from ${file}`);
    expect(out.join('\n')).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(out.join('\n')).toContain('Moderate comments at');
  });

  it('refuses a bad config file with exit code 2 and a message naming it', async () => {
    const file = configFile('prot = 1\n');
    const err: string[] = [];
    expect(await runCli(['serve', '--config', file], { env: {}, out: () => {}, err: (l) => err.push(l) })).toBe(2);
    expect(err.join('\n')).toContain(`${file}: unknown key "prot"`);
  });
});
