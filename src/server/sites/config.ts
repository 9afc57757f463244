// Many sites on one server (issue 19 item 5): how they are configured. `--site NAME=ORIGIN[,ORIGIN]`
// (repeatable) names a site and its origins; a config file's `[sites.NAME]` table does the same and
// may set the site's own values of the options in PER_SITE. Without any, the server serves one site
// (the default site) exactly as before.
import { CliError } from '../cli/cli-error.ts';
import { origin, type ValueKind } from '../option-values.ts';
import { SITE_NAME } from '../store/sites.ts';

/** One site of a server that serves many. */
export interface SiteConfig {
  name: string;
  /** Pages that may use it from the browser (its CORS origins). */
  origins: string[];
  /** Its own values of the PER_SITE options (settings' names in code: `moderation`, `ownerName` …). */
  settings: Record<string, unknown>;
}

/**
 * The options a `[sites.NAME]` table may set for its site, by their flag names: who may post and
 * how comments are moderated there. Everything else (the database, the listener, mail, limits per
 * client, the read cache) is the server's and shared.
 */
export const PER_SITE = [
  'moderation',
  'votes',
  'edit-window',
  'close-after-days',
  'min-submit-seconds',
  'max-links',
  'hold-words',
  'spam-words',
  'owner-name',
  'owner-key',
] as const;

export function siteName(raw: string, label: string): string {
  if (!SITE_NAME.test(raw)) throw new CliError(`${label}: "${raw}" is not a site name: use 1-40 lower-case letters, digits, dashes or underscores, starting with a letter or digit.`);
  return raw;
}

/** `--site NAME=ORIGIN[,ORIGIN]`, repeatable: a later use of the same NAME adds origins. */
export const siteList: ValueKind<SiteConfig[]> = {
  type: 'NAME=ORIGIN[,ORIGIN], repeatable',
  toml: 'strings',
  list: true,
  parse(raws, label) {
    const sites = new Map<string, SiteConfig>();
    for (const raw of raws) {
      const eq = raw.indexOf('=');
      if (eq < 1) throw new CliError(`${label} must be NAME=ORIGIN[,ORIGIN] (like blog=https://blog.example), not "${raw}".`);
      const name = siteName(raw.slice(0, eq).trim(), label);
      const origins = raw.slice(eq + 1).split(',').map((o) => o.trim()).filter(Boolean).map((o) => origin(o, `${label} ${name}`));
      const site = sites.get(name) ?? { name, origins: [], settings: {} };
      site.origins = [...new Set([...site.origins, ...origins])];
      sites.set(name, site);
    }
    return [...sites.values()];
  },
};

/** Sites from flags first, then the config file's tables: a NAME in both keeps the flag's origins and the table's settings. */
export function mergeSites(first: readonly SiteConfig[], then: readonly SiteConfig[]): SiteConfig[] {
  const sites = new Map(first.map((s) => [s.name, { ...s, settings: { ...s.settings } }]));
  for (const site of then) {
    const known = sites.get(site.name);
    if (known) known.settings = { ...site.settings, ...known.settings };
    else sites.set(site.name, { ...site, settings: { ...site.settings } });
  }
  return [...sites.values()];
}

/** Many sites and a server-wide --origin do not mix: each origin belongs to its site, and to one only. */
export function checkSites(settings: { sites: readonly SiteConfig[]; origins: readonly string[] }): void {
  if (settings.sites.length && settings.origins.length) {
    throw new CliError(`--origin and --site do not mix: with many sites each origin belongs to its site (--site NAME=${settings.origins[0]}).`);
  }
  // A page's address names its site (a Webmention's target, siteOfUrl): two sites cannot share one.
  const owners = new Map<string, string>();
  for (const site of settings.sites) {
    for (const origin of site.origins) {
      const other = owners.get(origin);
      if (other !== undefined && other !== site.name) throw new CliError(`--site: ${origin} is an origin of both "${other}" and "${site.name}"; each origin belongs to one site.`);
      owners.set(origin, site.name);
    }
  }
}

/** The site whose origins hold `url`'s origin (a Webmention's target names its site so), if any. */
export function siteOfUrl(sites: readonly SiteConfig[], url: string): SiteConfig | undefined {
  // A site's origins are kept as URL.origin gives them (option-values.ts origin), so they compare as they are.
  if (!URL.canParse(url)) return undefined;
  const { origin } = new URL(url);
  return sites.find((site) => site.origins.includes(origin));
}

/** "a (https://a.example), b (https://b.example, https://www.b.example)": the sites and their origins, for a sentence. */
export const siteOrigins = (sites: readonly SiteConfig[]): string => sites.map((site) => `${site.name} (${site.origins.join(', ')})`).join(', ');
