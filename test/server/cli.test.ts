import { describe, expect, it } from 'vitest';
import { CliError, commandArgs, parseArgs, redactDb, runCli } from '../../src/server/cli.ts';

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { env: {}, out: (l: string) => out.push(l), err: (l: string) => err.push(l), stopSignal: async () => {} } };
};

describe('parley serve CLI', () => {
  it('says the port is taken, and exits 1, when something already listens there', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/parley-cli-`);
    const { err, io: cli } = io();
    try {
      expect(await runCli(['serve', '--port', String(port), '--host', '127.0.0.1', '--db', `${dir}/p.db`], cli)).toBe(1);
      expect(err.join('\n')).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('lists every command in `parley --help`, each with a --help of its own, and names them for an unknown one', async () => {
    const { out, io: cli } = io();
    expect(await runCli(['--help'], cli)).toBe(0);
    for (const command of ['serve', 'import FILE', 'export --format json|wxr', 'alias OLD NEW']) expect(out.join('\n')).toContain(`  ${command}`);
    for (const command of ['import', 'export', 'alias']) {
      const one = io();
      expect(await runCli([command, '--help'], one.io)).toBe(0);
      expect(one.out.join('\n')).toMatch(new RegExp(`parley ${command}`));
    }
    const wrong = io();
    expect(await runCli(['imprt', 'x.xml'], wrong.io)).toBe(2);
    expect(wrong.err.join('\n')).toContain('the commands are serve, import, export, alias, backup, restore, doctor');
  });

  it('refuses a short --admin-token at start, naming where it came from (issue 14)', async () => {
    expect(() => parseArgs(['serve', '--admin-token', 'a'])).toThrow(new CliError('--admin-token must be at least 16 characters, so it cannot be guessed (it has 1). Make one with: openssl rand -hex 24'));
    expect(() => parseArgs(['serve'], { PARLEY_ADMIN_TOKEN: 'short' })).toThrow(/^PARLEY_ADMIN_TOKEN must be at least 16 characters/);
    const { err, io: cli } = io();
    expect(await runCli(['serve', '--admin-token', 'secret'], cli)).toBe(2);
    expect(err.join('\n')).toContain('--admin-token must be at least 16 characters');
    expect(parseArgs(['serve', '--admin-token', 'x'.repeat(16)])).toMatchObject({ options: { adminToken: 'x'.repeat(16) } });
  });

  it('reads the flags of import, export and alias with errors a person can act on', () => {
    const flags = { db: 'string', list: 'boolean' } as const;
    expect(commandArgs('alias', ['/a', '--db', 'p.db', '/b'], flags)).toEqual({ values: { db: 'p.db' }, positionals: ['/a', '/b'] });
    expect(commandArgs('alias', ['--db=p.db', '--list'], flags)).toEqual({ values: { db: 'p.db', list: true }, positionals: [] });
    // "--" ends the flags: a thread id may start with "--".
    expect(commandArgs('alias', ['--', '--odd', '/b'], flags).positionals).toEqual(['--odd', '/b']);
    for (const [args, message] of [
      [['--force'], 'Unknown flag --force; alias takes --db, --list.'],
      [['--db'], '--db needs a value.'],
      [['--db', '--list'], '--db needs a value.'],
      [['--db='], '--db needs a value.'],
      [['--list=yes'], '--list takes no value.'],
    ] as const) {
      expect(() => commandArgs('alias', args, flags), args.join(' ')).toThrow(new CliError(message));
    }
  });

    it('lists every flag with its env variable and default in --help', async () => {
    const { out, io: cli } = io();
    expect(await runCli(['serve', '--help'], cli)).toBe(0);
    const help = out.join('\n');
    for (const [flag, env, fallback] of [
      ['--port', 'PARLEY_PORT', '8080'],
      ['--host', 'PARLEY_HOST', '0.0.0.0'],
      ['--db', 'DATABASE_URL', './data/parley.db'],
      ['--origin', 'PARLEY_ORIGINS', 'none'],
      ['--admin-token', 'PARLEY_ADMIN_TOKEN', 'none: admin off'],
      ['--moderation', 'PARLEY_MODERATION', 'publish'],
      ['--edit-window', 'PARLEY_EDIT_WINDOW', '900'],
      ['--posts-per-minute', 'PARLEY_POSTS_PER_MINUTE', '5'],
    ]) {
      expect(help).toContain(flag);
      expect(help).toContain(env);
      expect(help).toMatch(new RegExp(`${env}[^\\n]*default ${fallback.replace(/\./g, '\\.')}`));
    }
  });

  it('refuses a bad flag value with a message naming the flag and exit code 2', async () => {
    const { err, io: cli } = io();
    expect(await runCli(['serve', '--port', 'eighty'], cli)).toBe(2);
    expect(err.join('\n')).toContain('--port');
    expect(await runCli(['serve', '--moderation', 'sometimes'], cli)).toBe(2);
    expect(err.join('\n')).toContain('--moderation');
  });

  it('lets flags override env and env override defaults', () => {
    const parsed = parseArgs(['serve', '--port', '3000', '--origin', 'https://a.example', '--origin=https://b.example'], {
      PARLEY_PORT: '4000',
      PARLEY_HOST: '127.0.0.1',
      PARLEY_ORIGINS: 'https://ignored.example',
      PARLEY_SECRET: 's3cret',
    });
    expect(parsed).toMatchObject({
      command: 'serve',
      options: { port: 3000, host: '127.0.0.1', db: './data/parley.db', origins: ['https://a.example', 'https://b.example'], moderation: 'publish', editWindowSeconds: 900, postsPerMinute: 5, secret: 's3cret' },
    });
    expect(parseArgs(['serve'], { PARLEY_ORIGINS: 'https://x.example, https://y.example' })).toMatchObject({ options: { origins: ['https://x.example', 'https://y.example'] } });
  });

  it('takes a PostgreSQL URL from DATABASE_URL and refuses one that is not a URL', () => {
    expect(parseArgs(['serve'], { DATABASE_URL: 'postgres://db/parley' })).toMatchObject({ options: { db: 'postgres://db/parley' } });
    expect(() => parseArgs(['serve', '--db', 'postgres://bad host/x'])).toThrow(CliError);
  });

  it('never prints a database password', async () => {
    expect(redactDb('postgres://parley:hunter2@db:5432/p')).toBe('postgres://parley:***@db:5432/p');
    expect(redactDb('./data/parley.db')).toBe('./data/parley.db');
  });

  it('starts, prints what missing origin and admin token mean, and shuts down', async () => {
    const { out, io: cli } = io();
    const dir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/parley-cli-`);
    expect(await runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--db', `${dir}/p.db`], cli)).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(text).toContain('No --origin given');
    expect(text).toContain('No --admin-token given');
  });
});
