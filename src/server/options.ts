// The one table of the server's options (issue 13). Each entry is one setting: its flag (and
// config-file key), environment variables, kind of value, default, help and the part of the
// server that uses it. Everything else is made from this table: the `serve` parser and the config
// file reader (cli/settings.ts), `parley serve --help` and the README's options table
// (cli/help.ts, checked by test/server/options.test.ts), and the defaults of createApp and
// startServer (`withDefaults`). A new option is one entry here plus the code that uses it.
import { dkimDomain, dkimKey, dkimSelector, mailFrom, notifyEmail, publicUrl, smtpUrl, webhookUrl, checkNotifySettings } from './notify/config.ts';
import { AKISMET_URL } from './akismet/client.ts';
import { checkSites, siteList, type SiteConfig } from './sites/config.ts';
import { checkAkismetSettings, httpUrl } from './akismet/config.ts';
import { adminToken, badge, database, integer, listOf, oneOf, onOff, optionalText, origin, text, word, type ValueKind } from './option-values.ts';

/**
 * The part of the server that reads an option: `cli` (the command line itself), `listen` and
 * `store` (startServer), `api` (createApp's routes and use cases), `moderation` (the rules, which
 * get every `moderation` setting in their context), `article` (the echo rule's article fetch),
 * `akismet` (the Akismet rule and the moderator's reports to it), `notify` (the outbox worker:
 * webhooks and owner mail), `webmention` (the outbox worker's fetch of
 * a Webmention's source page).
 */
export type Part = 'cli' | 'listen' | 'store' | 'api' | 'moderation' | 'article' | 'akismet' | 'notify' | 'webmention';

export interface OptionSpec<T, P extends Part = Part> {
  /** The flag (`--name`) and the config file's key. */
  name: string;
  /** False: no flag, only the environment or the config file (a secret on a command line shows in `ps`). */
  flag?: false;
  /** Environment variables, the first one set wins. */
  env: readonly string[];
  kind: ValueKind<T>;
  default: T;
  /** How the default reads in --help and the README, where the value alone says too little. */
  shows?: string;
  /** The flag's value in --help ("<n>", "publish|first-time|all"); none for a switch. */
  value?: string;
  help: string;
  part: P;
}

const option = <T, P extends Part>(spec: OptionSpec<T, P>): OptionSpec<T, P> => spec;

export const OPTIONS = {
  config: option({
    name: 'config',
    env: ['PARLEY_CONFIG'],
    kind: optionalText(),
    default: undefined,
    shows: 'none',
    value: '<file>',
    help: 'read settings from this TOML file (keys are the flag names); flags and env win over it',
    part: 'cli',
  }),
  port: option({ name: 'port', env: ['PARLEY_PORT'], kind: integer(0, 65535), default: 8080, value: '<n>', help: 'TCP port to listen on', part: 'listen' }),
  host: option({ name: 'host', env: ['PARLEY_HOST'], kind: text(), default: '0.0.0.0', value: '<addr>', help: 'address to listen on', part: 'listen' }),
  db: option({
    name: 'db',
    env: ['PARLEY_DB', 'DATABASE_URL'],
    kind: text(database),
    default: './data/parley.db',
    value: '<path|url>',
    help: 'SQLite file (created with its folder if missing) or postgres://user@host:5432/dbname',
    part: 'store',
  }),
  poolSize: option({ name: 'pool-size', env: ['PARLEY_POOL_SIZE'], kind: integer(1, 1_000), default: 10, value: '<n>', help: 'PostgreSQL connections per instance', part: 'store' }),
  origins: option({
    name: 'origin',
    env: ['PARLEY_ORIGINS'],
    kind: listOf('origin', origin),
    default: [] as string[],
    shows: 'none',
    value: '<url>',
    help: 'a site whose pages may post from the browser; without one only pages this server serves can',
    part: 'api',
  }),
  sites: option({
    name: 'site',
    env: [],
    kind: siteList,
    default: [] as SiteConfig[],
    shows: 'none: one site',
    value: '<name=origin,…>',
    help: 'one of many sites on this server and its origins, repeatable; every API call then names its site (site=, data-site), and a [sites.NAME] table in the config file may set the site\'s own moderation, votes, edit-window, close-after-days, min-submit-seconds, max-links, hold-words, spam-words, owner-name and owner-key',
    part: 'api',
  }),
  adminToken: option({
    name: 'admin-token',
    env: ['PARLEY_ADMIN_TOKEN'],
    kind: optionalText(adminToken),
    default: undefined,
    shows: 'none: admin off',
    value: '<token>',
    help: 'bearer token for the admin API and the /admin page, 16+ characters (10 wrong tries a minute per client, then 429); the action log names it admin, and parley token add NAME makes more',
    part: 'api',
  }),
  moderation: option({
    name: 'moderation',
    env: ['PARLEY_MODERATION'],
    kind: oneOf(['publish', 'first-time', 'all']),
    default: 'publish',
    value: 'publish|first-time|all',
    help: 'what is held for a moderator',
    part: 'moderation',
  }),
  votes: option({
    name: 'votes',
    env: ['PARLEY_VOTES'],
    kind: oneOf(['up', 'updown', 'off']),
    default: 'up',
    value: 'up|updown|off',
    help: 'votes on comments: up only, up and down, or none (one per browser and comment, 30 a minute per client)',
    part: 'api',
  }),
  editWindowSeconds: option({
    name: 'edit-window',
    env: ['PARLEY_EDIT_WINDOW'],
    kind: integer(0, 31_536_000),
    default: 900,
    value: '<seconds>',
    help: 'how long authors may edit or delete',
    part: 'api',
  }),
  purgeAfterDays: option({
    name: 'purge-after-days',
    env: ['PARLEY_PURGE_AFTER_DAYS'],
    kind: integer(0, 36_500),
    default: 30,
    value: '<days>',
    help: 'erase spam and deleted comments this many days after they were posted (a tombstone stays where replies hang); 0 keeps them',
    part: 'store',
  }),
  closeAfterDays: option({
    name: 'close-after-days',
    env: ['PARLEY_CLOSE_AFTER_DAYS'],
    kind: integer(0, 36_500),
    default: 0,
    value: '<days>',
    help: "close threads to new comments this many days after the article's article:published_time (else its first comment); 0 is never",
    part: 'api',
  }),
  maxStreams: option({
    name: 'max-streams',
    env: ['PARLEY_MAX_STREAMS'],
    kind: integer(0, 1_000_000),
    default: 2_000,
    value: '<n>',
    help: 'live-update streams (GET /api/v1/stream) one instance holds open; past it 503 with Retry-After; 0 turns live updates off',
    part: 'api',
  }),
  postsPerMinute: option({
    name: 'posts-per-minute',
    env: ['PARLEY_POSTS_PER_MINUTE'],
    kind: integer(0, 1_000_000),
    default: 5,
    value: '<n>',
    help: 'posts (and, counted apart, edits) per client a minute before 429; 0 is off',
    part: 'moderation',
  }),
  minSubmitSeconds: option({
    name: 'min-submit-seconds',
    env: ['PARLEY_MIN_SUBMIT_SECONDS'],
    kind: integer(0, 86_400),
    default: 3,
    value: '<seconds>',
    help: 'hold posts without a form token or sent sooner after the form opened; 0 is off',
    part: 'moderation',
  }),
  floodSeconds: option({
    name: 'flood-seconds',
    env: ['PARLEY_FLOOD_SECONDS'],
    kind: integer(0, 86_400),
    default: 15,
    value: '<seconds>',
    help: "hold a burst: a browser's third post within this many seconds (without an author key: an address's); 0 is off",
    part: 'moderation',
  }),
  maxLinks: option({ name: 'max-links', env: ['PARLEY_MAX_LINKS'], kind: integer(0, 1_000), default: 2, value: '<n>', help: 'hold comments with more links (text and website)', part: 'moderation' }),
  holdWords: option({
    name: 'hold-words',
    env: ['PARLEY_HOLD_WORDS'],
    kind: listOf('word or phrase', word, true),
    default: [] as string[],
    shows: 'none',
    value: '<a,b,…>',
    help: 'words or phrases that hold a comment (whole words, any case)',
    part: 'moderation',
  }),
  spamWords: option({
    name: 'spam-words',
    env: ['PARLEY_SPAM_WORDS'],
    kind: listOf('word or phrase', word, true),
    default: [] as string[],
    shows: 'none',
    value: '<a,b,…>',
    help: 'words or phrases that mark a comment as spam',
    part: 'moderation',
  }),
  ownerName: option({
    name: 'owner-name',
    env: ['PARLEY_OWNER_NAME'],
    kind: optionalText(),
    default: undefined,
    shows: 'none',
    value: '<name>',
    help: "the site owner's display name: the name of the owner's comments posted from /admin, and only a browser with an --owner-key may post under it or a look-alike (Unicode TR39)",
    part: 'moderation',
  }),
  ownerKeys: option({
    name: 'owner-key',
    env: ['PARLEY_OWNER_KEYS'],
    kind: listOf('author key', (raw) => raw),
    default: [] as string[],
    shows: 'none',
    value: '<key>',
    help: "the author key of the owner's browser (its localStorage parley:key), repeatable",
    part: 'moderation',
  }),
  ownerBadge: option({
    name: 'owner-badge',
    env: ['PARLEY_OWNER_BADGE'],
    kind: text(badge),
    default: 'Author',
    value: '<label>',
    help: "the badge beside the owner's comments (those posted from /admin or the admin API), at most 24 characters; nobody else's comment gets it",
    part: 'api',
  }),
  readCacheMb: option({
    name: 'read-cache-mb',
    env: ['PARLEY_READ_CACHE_MB'],
    kind: integer(0, 1_048_576),
    default: 64,
    value: '<MiB>',
    help: 'memory for rendered comment pages and counts (the least recently read go first: a read marks an answer, and eviction passes a marked one over once); each is still checked against the store on every read',
    part: 'api',
  }),
  trustProxy: option({
    name: 'trust-proxy',
    env: ['PARLEY_TRUST_PROXY'],
    kind: onOff,
    default: false,
    shows: 'off',
    help: "behind a reverse proxy: the client is X-Forwarded-For's last hop",
    part: 'api',
  }),
  logFormat: option({
    name: 'log-format',
    env: ['PARLEY_LOG_FORMAT'],
    kind: oneOf(['pretty', 'json']),
    default: 'pretty' as 'pretty' | 'json',
    value: 'pretty|json',
    help: 'pretty: plain sentences; json: one JSON object a line (pino), with a line per request (method, route, path without its query, status, ms)',
    part: 'listen',
  }),
  metricsToken: option({
    name: 'metrics-token',
    env: ['PARLEY_METRICS_TOKEN'],
    kind: optionalText(adminToken),
    default: undefined,
    shows: 'none: this machine only',
    value: '<token>',
    help: 'GET /metrics answers Authorization: Bearer <token> from anywhere; without it, only a direct connection from a loopback address (not through a proxy)',
    part: 'listen',
  }),
  shutdownSeconds: option({
    name: 'shutdown-timeout',
    env: ['PARLEY_SHUTDOWN_TIMEOUT'],
    kind: integer(0, 3_600),
    default: 10,
    value: '<seconds>',
    help: 'on SIGTERM or SIGINT: stop accepting, give the requests in flight this long to finish (then cut them), stop the outbox worker, close the database',
    part: 'listen',
  }),
  articleTimeoutMs: option({
    name: 'article-timeout',
    flag: false,
    env: [],
    kind: integer(100, 60_000),
    default: 3000,
    help: "the echo rule's article fetch gives up after this many milliseconds (a post never waits longer)",
    part: 'article',
  }),
  akismetKey: option({
    name: 'akismet-key',
    env: ['PARLEY_AKISMET_KEY'],
    kind: optionalText(),
    default: undefined,
    shows: 'none: Akismet off',
    value: '<key>',
    help: "turn Akismet on with this API key (needs --akismet-blog): each new comment, its author, address and user agent go to Akismet; a moderator's decisions go back as reports",
    part: 'akismet',
  }),
  akismetBlog: option({
    name: 'akismet-blog',
    env: ['PARLEY_AKISMET_BLOG'],
    kind: optionalText(httpUrl),
    default: undefined,
    shows: 'none',
    value: '<url>',
    help: "the front page of the site the Akismet key is registered for (Akismet's `blog`)",
    part: 'akismet',
  }),
  akismetUrl: option({
    name: 'akismet-url',
    env: ['PARLEY_AKISMET_URL'],
    kind: text(httpUrl),
    default: AKISMET_URL,
    value: '<url>',
    help: "Akismet's API root (tests point it at a fake)",
    part: 'akismet',
  }),
  akismetTimeoutMs: option({
    name: 'akismet-timeout',
    env: ['PARLEY_AKISMET_TIMEOUT'],
    kind: integer(100, 60_000),
    default: 2000,
    value: '<ms>',
    help: 'a comment-check gives up after this many milliseconds, and the comment is held with the reason (never lost)',
    part: 'akismet',
  }),
  allowPrivateSources: option({
    name: 'allow-private-sources',
    env: ['PARLEY_ALLOW_PRIVATE_SOURCES'],
    kind: onOff,
    default: false,
    shows: 'off',
    help: 'UNSAFE in production, for tests only: fetch Webmention sources on loopback addresses (127.0.0.0/8, ::1); private and link-local ones stay refused',
    part: 'webmention',
  }),
  webhooks: option({
    name: 'webhook',
    env: ['PARLEY_WEBHOOKS'],
    kind: listOf('URL', webhookUrl),
    default: [] as string[],
    shows: 'none',
    value: '<url>',
    help: 'POST each new published or held comment here, signed',
    part: 'notify',
  }),
  webhookSecret: option({
    name: 'webhook-secret',
    env: ['PARLEY_WEBHOOK_SECRET'],
    kind: optionalText(),
    default: undefined,
    shows: 'none (required with --webhook)',
    value: '<secret>',
    help: 'the HMAC-SHA256 key of X-Parley-Signature, 16+ characters',
    part: 'notify',
  }),
  smtpUrl: option({
    name: 'smtp',
    env: ['PARLEY_SMTP_URL'],
    kind: optionalText(smtpUrl),
    default: undefined,
    shows: 'none: no mail',
    value: '<url>',
    help: 'mail server for owner mail: smtp://user:pass@host:587 or smtps://…:465',
    part: 'notify',
  }),
  notifyEmail: option({
    name: 'notify-email',
    env: ['PARLEY_NOTIFY_EMAIL'],
    kind: optionalText(notifyEmail),
    default: undefined,
    shows: 'none',
    value: '<addr>',
    help: 'mail each held comment, with approve and spam links, here (needs --smtp)',
    part: 'notify',
  }),
  mailFrom: option({
    name: 'mail-from',
    env: ['PARLEY_MAIL_FROM'],
    kind: optionalText(mailFrom),
    default: undefined,
    shows: 'Parley <parley@HOST>',
    value: '<addr>',
    help: "the mail's sender; HOST is --public-url's, else the SMTP server's",
    part: 'notify',
  }),
  mailBatchSeconds: option({
    name: 'mail-batch-seconds',
    env: ['PARLEY_MAIL_BATCH_SECONDS'],
    kind: integer(0, 86_400),
    default: 600,
    value: '<seconds>',
    help: "reader mail: new comments for one reader within this time go out as one mail",
    part: 'notify',
  }),
  dkimDomain: option({
    name: 'dkim-domain',
    env: ['PARLEY_DKIM_DOMAIN'],
    kind: optionalText(dkimDomain),
    default: undefined,
    shows: 'none: unsigned',
    value: '<domain>',
    help: "sign mail with DKIM for this domain (with --dkim-selector and --dkim-key); RFC 8058 one-click unsubscribe wants it",
    part: 'notify',
  }),
  dkimSelector: option({
    name: 'dkim-selector',
    env: ['PARLEY_DKIM_SELECTOR'],
    kind: optionalText(dkimSelector),
    default: undefined,
    shows: 'none',
    value: '<name>',
    help: 'the DKIM selector: the public key is in DNS at <name>._domainkey.<domain>',
    part: 'notify',
  }),
  dkimKey: option({
    name: 'dkim-key',
    env: ['PARLEY_DKIM_KEY'],
    kind: optionalText(dkimKey),
    default: undefined,
    shows: 'none',
    value: '<file>',
    help: 'the DKIM private key: a PEM file (or, in PARLEY_DKIM_KEY, the PEM text)',
    part: 'notify',
  }),
  publicUrl: option({
    name: 'public-url',
    env: ['PARLEY_PUBLIC_URL'],
    kind: optionalText(publicUrl),
    default: undefined,
    shows: 'the listen URL',
    value: '<url>',
    help: "this server's address as you open it, for the links in mail and the Atom feeds' ids (else the request's Host)",
    part: 'api',
  }),
  secret: option({
    name: 'secret',
    flag: false,
    env: ['PARLEY_SECRET'],
    kind: optionalText(),
    default: undefined,
    shows: 'kept in the database',
    help: 'replaces the secret kept in the database (edit tokens, avatar seeds, client hashes, form tokens, ETags): the same on every instance',
    part: 'api',
  }),
};

export type Options = typeof OPTIONS;
export type OptionKey = keyof Options;
type ValueOf<O> = O extends OptionSpec<infer T, Part> ? T : never;
type PartOf<O> = O extends OptionSpec<unknown, infer P> ? P : never;

/** The settings of the given parts, by their names in code (`postsPerMinute`). */
export type PartSettings<P extends Part> = { [K in OptionKey as PartOf<Options[K]> extends P ? K : never]: ValueOf<Options[K]> };

/** Every setting of a running server (the command line's own `config` aside). */
export type Settings = PartSettings<Exclude<Part, 'cli'>>;

/** Checks between settings, run once they are all read (a webhook needs its secret, and so on). */
export const CROSS_CHECKS: readonly ((settings: Settings) => void)[] = [checkNotifySettings, checkAkismetSettings, checkSites];

/**
 * The settings given, each missing one from the table's default, for createApp and startServer:
 * the same defaults as `parley serve` (form token 3 s, flood 15 s, …).
 */
export function withDefaults<T extends Partial<Settings>>(given: T): Settings & T {
  const out: Record<string, unknown> = { ...given };
  for (const [key, spec] of Object.entries(OPTIONS)) {
    if (spec.part === 'cli') continue;
    if (out[key] === undefined) out[key] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  return out as Settings & T;
}

/** The browser scripts the server hands out: the embed, the count script, and the optional extras. */
export type AssetName = 'parley.js' | 'count.js' | `adapters/${string}.js` | `i18n/${string}.js`;
