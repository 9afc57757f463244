// The notification flags of `parley serve`: env and flags, the rules between them, clear errors.
import { describe, expect, it } from 'vitest';
import { CliError, HELP, parseArgs } from '../../../src/server/cli.ts';
import { defaultMailFrom } from '../../../src/server/main.ts';

const options = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseArgs(['serve', ...argv], env);
  if (parsed.command !== 'serve') throw new Error('expected serve');
  return parsed.options;
};
const SECRET = '0123456789abcdef0123';

describe('parley serve notification flags', () => {
  it('lists each flag with its env variable and default in --help', () => {
    for (const [flag, env, fallback] of [
      ['--webhook <url>', 'PARLEY_WEBHOOKS', 'none'],
      ['--webhook-secret <secret>', 'PARLEY_WEBHOOK_SECRET', 'none'],
      ['--smtp <url>', 'PARLEY_SMTP_URL', 'none: no mail'],
      ['--notify-email <addr>', 'PARLEY_NOTIFY_EMAIL', 'none'],
      ['--mail-from <addr>', 'PARLEY_MAIL_FROM', 'Parley <parley@HOST>'],
      ['--public-url <url>', 'PARLEY_PUBLIC_URL', 'the listen URL'],
    ]) {
      expect(HELP).toContain(flag);
      expect(HELP).toMatch(new RegExp(`env ${env}[^\\n]*default ${fallback}`));
    }
  });

  it('is all off by default', () => {
    const o = options([]);
    expect(o.webhooks).toEqual([]);
    expect([o.webhookSecret, o.smtpUrl, o.notifyEmail, o.mailFrom, o.publicUrl]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('takes repeatable --webhook flags over the comma-separated env list', () => {
    const env = { PARLEY_WEBHOOKS: 'https://a.example/hook, https://b.example/hook', PARLEY_WEBHOOK_SECRET: SECRET };
    expect(options([], env)).toMatchObject({ webhooks: ['https://a.example/hook', 'https://b.example/hook'], webhookSecret: SECRET });
    expect(options(['--webhook', 'http://127.0.0.1:9000/x', '--webhook=https://c.example/'], env).webhooks).toEqual(['http://127.0.0.1:9000/x', 'https://c.example/']);
  });

  it('reads mail settings from flags and env, and trims the public URL', () => {
    const env = { PARLEY_SMTP_URL: 'smtps://parley:p%40ss@mail.example:465', PARLEY_NOTIFY_EMAIL: 'owner@blog.example', PARLEY_PUBLIC_URL: 'https://comments.blog.example/' };
    expect(options([], env)).toMatchObject({ smtpUrl: env.PARLEY_SMTP_URL, notifyEmail: 'owner@blog.example', publicUrl: 'https://comments.blog.example' });
    expect(options(['--mail-from', 'Blog comments <comments@blog.example>', '--public-url', 'https://blog.example/parley/'], env)).toMatchObject({
      mailFrom: 'Blog comments <comments@blog.example>',
      publicUrl: 'https://blog.example/parley',
    });
  });

  it('defaults the sender to parley@ the public host, else the mail server host', () => {
    expect(defaultMailFrom('https://comments.blog.example', 'smtp://mail.example')).toBe('Parley <parley@comments.blog.example>');
    expect(defaultMailFrom(undefined, 'smtps://u:p@mail.example:465')).toBe('Parley <parley@mail.example>');
  });

  it('refuses bad values and missing partners with a message naming the flag', () => {
    const bad: [string[], RegExp][] = [
      [['--webhook', 'ftp://a.example/x', '--webhook-secret', SECRET], /--webhook must be an http:\/\/ or https:\/\/ URL, not "ftp:\/\/a\.example\/x"/],
      [['--webhook', 'not a url', '--webhook-secret', SECRET], /--webhook must be an http/],
      [['--webhook', 'https://u:pw@a.example/x', '--webhook-secret', SECRET], /--webhook URLs may not carry a user or password \(https:\/\/u:\*\*\*@a\.example\/x\)/],
      [['--webhook', 'https://a.example/x'], /--webhook needs --webhook-secret/],
      [['--webhook', 'https://a.example/x', '--webhook-secret', 'short'], /--webhook-secret must be at least 16 characters/],
      [['--smtp', 'smtp://mail.example'], /--smtp needs --notify-email/],
      [['--notify-email', 'owner@blog.example'], /--notify-email needs --smtp/],
      [['--smtp', 'http://u:secretpw@mail.example', '--notify-email', 'owner@blog.example'], /--smtp must be a URL like smtp:\/\/.*not "http:\/\/u:\*\*\*@mail\.example\/"/],
      [['--smtp', 'smtp://mail.example', '--notify-email', 'owner'], /--notify-email must be one email address/],
      [['--smtp', 'smtp://mail.example', '--notify-email', 'a@b.example,c@d.example'], /--notify-email must be one email address/],
      [['--mail-from', 'Parley <nobody>'], /--mail-from must be an address like/],
      [['--public-url', 'comments.blog.example'], /--public-url must be this server's address/],
      [['--public-url', 'https://blog.example/?x=1'], /--public-url must be this server's address/],
    ];
    for (const [argv, message] of bad) {
      expect(() => options(argv)).toThrow(CliError);
      expect(() => options(argv)).toThrow(message);
    }
    // The SMTP password never appears in an error.
    expect(() => options(['--smtp', 'smtp://u:secretpw@mail.example/path', '--notify-email', 'o@b.example'])).not.toThrow(/secretpw/);
  });
});
