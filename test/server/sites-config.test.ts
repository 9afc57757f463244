// Many sites (issue 19 item 5): how `parley serve` reads them: `--site NAME=ORIGIN[,ORIGIN]`, repeated,
// and `[sites.NAME]` tables in the config file with the site's own settings; every mistake is a
// sentence naming where it is.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/server/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-sites-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function configFile(text: string): string {
  const file = join(dir, `parley-${++files}.toml`);
  writeFileSync(file, text);
  return file;
}

const serve = (argv: string[]) => {
  const parsed = parseArgs(['serve', ...argv], {});
  if (parsed.command !== 'serve') throw new Error('expected serve');
  return parsed.options;
};

describe('many sites in the settings', () => {
  it('reads --site NAME=ORIGIN[,ORIGIN], repeated', () => {
    expect(serve(['--site', 'blog=https://blog.example,https://www.blog.example', '--site', 'shop=https://shop.example/']).sites).toEqual([
      { name: 'blog', origins: ['https://blog.example', 'https://www.blog.example'], settings: {} },
      { name: 'shop', origins: ['https://shop.example'], settings: {} },
    ]);
    expect(serve([]).sites).toEqual([]);
  });

  it('reads [sites.NAME] tables with their own settings, a flag naming the same site keeping its origins', () => {
    const file = configFile(
      [
        '[sites.blog]',
        'origin = ["https://blog.example", "https://www.blog.example"]',
        'moderation = "all"',
        'owner-name = "Ann"',
        'close-after-days = 30',
        '',
        '[sites.shop]',
        'origin = "https://shop.example"',
        'hold-words = ["refund"]',
      ].join('\n'),
    );
    expect(serve(['--config', file]).sites).toEqual([
      { name: 'blog', origins: ['https://blog.example', 'https://www.blog.example'], settings: { moderation: 'all', ownerName: 'Ann', closeAfterDays: 30 } },
      { name: 'shop', origins: ['https://shop.example'], settings: { holdWords: ['refund'] } },
    ]);
    expect(serve(['--config', file, '--site', 'shop=https://shop.test']).sites).toContainEqual({ name: 'shop', origins: ['https://shop.test'], settings: { holdWords: ['refund'] } });
  });

  it('refuses a bad name, origin, per-site key, or --origin beside --site, saying what to write', () => {
    expect(() => serve(['--site', 'Blog=https://blog.example'])).toThrow('--site: "Blog" is not a site name');
    expect(() => serve(['--site', 'https://blog.example'])).toThrow('--site must be NAME=ORIGIN[,ORIGIN] (like blog=https://blog.example)');
    expect(() => serve(['--site', 'blog=https://blog.example/path'])).toThrow("must be a site's origin");
    expect(() => serve(['--site', 'blog=https://blog.example', '--origin', 'https://other.example'])).toThrow('--origin and --site do not mix');
    // A page's address names its site (a Webmention's target): one origin, one site.
    expect(() => serve(['--site', 'blog=https://blog.example', '--site', 'shop=https://shop.example,https://blog.example'])).toThrow(
      '--site: https://blog.example is an origin of both "blog" and "shop"; each origin belongs to one site.',
    );
    expect(() => serve(['--config', configFile('[sites.blog]\norigin = "https://blog.example"\nport = 80')])).toThrow('"port" cannot be set per site');
    expect(() => serve(['--config', configFile('[sites.blog]\nmoderation = "all"')])).toThrow('needs origin = "https://…"');
    expect(() => serve(['--config', configFile('[sites.blog]\norigin = "https://blog.example"\nmoderation = "most"')])).toThrow('moderation in [sites.blog]');
  });
});
