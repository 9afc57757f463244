// The Akismet settings of `parley serve` (--akismet-key, --akismet-blog, --akismet-url), checked at
// start so a mistake names the flag.
import { CliError } from '../cli/cli-error.ts';

/** An http(s) URL (the site's front page, or Akismet's API root). */
export function httpUrl(raw: string, label: string): string {
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) throw new CliError(`${label} must be an http(s) URL, like https://blog.example, not "${raw}".`);
  return raw;
}

/** A key without its site, or a site without a key, is a half-made setting. */
export function checkAkismetSettings(settings: { akismetKey?: string; akismetBlog?: string }): void {
  if (settings.akismetKey && !settings.akismetBlog) throw new CliError('--akismet-key needs --akismet-blog (or PARLEY_AKISMET_BLOG): the front page of the site the key was registered for.');
  if (settings.akismetBlog && !settings.akismetKey) throw new CliError('--akismet-blog needs --akismet-key (or PARLEY_AKISMET_KEY).');
}
