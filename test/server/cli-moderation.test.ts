// The moderation flags of `parley serve`: defaults, env, the --trust-proxy switch, clear errors.
import { describe, expect, it } from 'vitest';
import { CliError, HELP, parseArgs } from '../../src/server/cli.ts';

const options = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseArgs(['serve', ...argv], env);
  if (parsed.command !== 'serve') throw new Error('expected serve');
  return parsed.options;
};

describe('parley serve moderation flags', () => {
  it('lists each rule flag with its env variable and default in --help', () => {
    for (const [flag, env, fallback] of [
      ['--min-submit-seconds <seconds>', 'PARLEY_MIN_SUBMIT_SECONDS', '3'],
      ['--flood-seconds <seconds>', 'PARLEY_FLOOD_SECONDS', '15'],
      ['--max-links <n>', 'PARLEY_MAX_LINKS', '2'],
      ['--hold-words <a,b,…>', 'PARLEY_HOLD_WORDS', 'none'],
      ['--spam-words <a,b,…>', 'PARLEY_SPAM_WORDS', 'none'],
      ['--trust-proxy ', 'PARLEY_TRUST_PROXY', 'off'],
    ]) {
      expect(HELP).toContain(flag);
      expect(HELP).toMatch(new RegExp(`env ${env}[^\\n]*default ${fallback}`));
    }
  });

  it('defaults to 3 s form time, 15 s flood, 2 links, no word lists and no proxy trust', () => {
    expect(options([])).toMatchObject({ minSubmitSeconds: 3, floodSeconds: 15, maxLinks: 2, holdWords: [], spamWords: [], trustProxy: false });
  });

  it('takes flags over env, comma-separated and repeatable word lists', () => {
    const env = { PARLEY_MIN_SUBMIT_SECONDS: '5', PARLEY_FLOOD_SECONDS: '30', PARLEY_MAX_LINKS: '1', PARLEY_HOLD_WORDS: 'refund, free  money', PARLEY_SPAM_WORDS: 'casino', PARLEY_TRUST_PROXY: '1' };
    expect(options([], env)).toMatchObject({ minSubmitSeconds: 5, floodSeconds: 30, maxLinks: 1, holdWords: ['refund', 'free money'], spamWords: ['casino'], trustProxy: true });
    expect(options(['--min-submit-seconds', '0', '--flood-seconds=0', '--max-links', '4', '--spam-words', 'a,b', '--spam-words=c'], env)).toMatchObject({
      minSubmitSeconds: 0,
      floodSeconds: 0,
      maxLinks: 4,
      spamWords: ['a', 'b', 'c'],
    });
  });

  it('treats --trust-proxy as a plain switch that takes no value', () => {
    expect(options(['--trust-proxy', '--port', '1234'])).toMatchObject({ trustProxy: true, port: 1234 });
    expect(options([], { PARLEY_TRUST_PROXY: 'off' })).toMatchObject({ trustProxy: false });
    expect(() => options(['--trust-proxy=yes'])).toThrow(/--trust-proxy is a switch and takes no value/);
    expect(() => options([], { PARLEY_TRUST_PROXY: 'maybe' })).toThrow(new CliError('PARLEY_TRUST_PROXY must be 1 or 0 (true/false, yes/no, on/off), not "maybe".'));
  });

  it('refuses bad values with a message naming the flag', () => {
    expect(() => options(['--min-submit-seconds', '-1'])).toThrow(/--min-submit-seconds must be a whole number from 0 to 86400/);
    expect(() => options(['--flood-seconds', 'soon'])).toThrow(/--flood-seconds must be a whole number/);
    expect(() => options(['--max-links', '2.5'])).toThrow(/--max-links must be a whole number/);
    expect(() => options(['--hold-words', `ok,${'x'.repeat(101)}`])).toThrow(/--hold-words takes words or phrases of at most 100 characters/);
    expect(() => options(['--max-links'])).toThrow(/--max-links needs a value/);
  });
});
