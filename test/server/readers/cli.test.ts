// The reader-mail flags of `parley serve` (issue 17): --dkim-domain, --dkim-selector, --dkim-key
// (together, a readable PEM key), --mail-batch-seconds, and the start-up warnings when reader mail
// lacks what RFC 8058 wants (DKIM, an https:// public URL).
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, parseArgs } from '../../../src/server/cli.ts';
import { readerMailWarnings } from '../../../src/server/notify/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-dkim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PEM = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const keyFile = join(dir, 'dkim.pem');
writeFileSync(keyFile, PEM);
const MAIL = ['--smtp', 'smtp://127.0.0.1:2525', '--notify-email', 'owner@blog.example'];

const options = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseArgs(['serve', ...argv], env);
  if (parsed.command !== 'serve') throw new Error('expected serve');
  return parsed.options;
};
const refusal = (argv: string[], env: Record<string, string> = {}) => {
  try {
    options(argv, env);
  } catch (error) {
    if (error instanceof CliError) return error.message;
    throw error;
  }
  return null;
};

describe('reader mail flags', () => {
  it('reads the DKIM key from a file, or as PEM text from the environment', () => {
    const o = options([...MAIL, '--dkim-domain', 'Blog.Example', '--dkim-selector', 'parley2026', '--dkim-key', keyFile]);
    expect(o).toMatchObject({ dkimDomain: 'blog.example', dkimSelector: 'parley2026', dkimKey: PEM.trim() });
    expect(options([...MAIL, '--dkim-domain', 'blog.example', '--dkim-selector', 's1'], { PARLEY_DKIM_KEY: PEM }).dkimKey).toBe(PEM.trim());
    expect(options([]).mailBatchSeconds).toBe(600);
    expect(options(['--mail-batch-seconds', '60']).mailBatchSeconds).toBe(60);
  });

  it('refuses a partial DKIM setting, an unreadable or non-key file, and DKIM without mail, naming the flag', () => {
    expect(refusal([...MAIL, '--dkim-domain', 'blog.example'])).toMatch(/--dkim-domain, --dkim-selector and --dkim-key go together/);
    expect(refusal([...MAIL, '--dkim-domain', 'blog.example', '--dkim-selector', 's', '--dkim-key', join(dir, 'missing.pem')])).toMatch(/--dkim-key must be a PEM private key file.*ENOENT/);
    const notKey = join(dir, 'not-a-key.pem');
    writeFileSync(notKey, 'hello');
    expect(refusal([...MAIL, '--dkim-domain', 'blog.example', '--dkim-selector', 's', '--dkim-key', notKey])).toMatch(/--dkim-key is not a PEM private key/);
    expect(refusal(['--dkim-domain', 'blog.example', '--dkim-selector', 's', '--dkim-key', keyFile])).toMatch(/no mail is sent without --smtp/);
    expect(refusal([...MAIL, '--dkim-domain', 'not a domain', '--dkim-selector', 's', '--dkim-key', keyFile])).toMatch(/--dkim-domain must be a domain name/);
    expect(refusal(['--mail-batch-seconds', '-1'])).toMatch(/--mail-batch-seconds/);
  });

  it('warns at start when reader mail is unsigned or its links are not https', () => {
    expect(readerMailWarnings({ webhooks: [] })).toEqual([]);
    const plain = readerMailWarnings({ webhooks: [], smtpUrl: 'smtp://x', notifyEmail: 'o@x.example', publicUrl: 'http://comments.blog.example' });
    expect(plain).toHaveLength(2);
    expect(plain[0]).toMatch(/not DKIM-signed: set --dkim-domain/);
    expect(plain[1]).toMatch(/not HTTPS: set --public-url/);
    expect(
      readerMailWarnings({ webhooks: [], smtpUrl: 'smtp://x', notifyEmail: 'o@x.example', publicUrl: 'https://comments.blog.example', dkimDomain: 'blog.example', dkimSelector: 's', dkimKey: PEM }),
    ).toEqual([]);
  });
});
