// `parley token add NAME | list | revoke NAME` (issue 21 item 5): named moderator tokens for the
// /admin desk and the admin API. The token is printed once, when it is made; the store keeps its hash.
import { CliError, commandArgs, redactDb, resolveDb, type CliIo } from './args.ts';
import { openStore } from '../main.ts';
import { newToken, TOKEN_NAME, tokenHash } from '../desk/tokens.ts';
import type { Store } from '../store/store.ts';
import { siteName } from '../sites/config.ts';

export const HELP = [
  'Usage: parley token add NAME [--site <name>] [--db <path|url>]',
  '       parley token list [--db <path|url>]',
  '       parley token revoke NAME [--db <path|url>]',
  '',
  'Moderator tokens for the /admin desk and the admin API, one per moderator: the action log names',
  'who acted by the token\'s NAME. "add" prints the new token once: copy it then, as only its hash',
  'is kept. "revoke" signs that moderator out everywhere at once. --admin-token still works, as a',
  'token named admin. A NAME is 1-40 letters, digits, dots, dashes or underscores.',
  '',
  '  --site <name>     many sites (serve --site NAME=…): the token moderates that site only;',
  '                    without it, every site',
  '  --db <path|url>   SQLite file or postgres://… URL (env PARLEY_DB or DATABASE_URL; default ./data/parley.db)',
  '',
  'Example: parley token add ann --db ./data/parley.db',
].join('\n');

/** @example await run(['add', 'ann'], io) // prints the token once */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = commandArgs('token', args, { db: 'string', site: 'string' });
  const [action, name, ...rest] = positionals;
  if (action !== 'add' && action !== 'list' && action !== 'revoke') throw new CliError(`token needs add NAME, list or revoke NAME${action ? ` (not "${action}")` : ''}.`);
  if (action === 'list' ? name !== undefined : name === undefined || rest.length > 0) {
    throw new CliError(action === 'list' ? 'token list takes no name.' : `token ${action} needs one NAME.`);
  }
  if (name !== undefined && !TOKEN_NAME.test(name)) throw new CliError(`"${name}" is not a token name: use 1-40 letters, digits, dots, dashes or underscores, starting with a letter or digit.`);
  if (values.site !== undefined && action !== 'add') throw new CliError(`--site is for token add (a token's site is chosen when it is made).`);
  const site = values.site === undefined ? undefined : siteName(values.site, '--site');
  const db = resolveDb(values.db, io.env);
  let store: Store;
  try {
    store = await openStore(db);
  } catch (error) {
    throw new CliError(`Could not open the database ${redactDb(db)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    if (action === 'list') {
      const tokens = await store.desk.tokens();
      if (!tokens.length) io.out('No moderator tokens yet (parley token add NAME makes one; --admin-token works as "admin").');
      for (const t of tokens) io.out(`${t.name}  added ${new Date(t.createdAt).toISOString()}${t.site ? `  site ${t.site}` : ''}`);
      return 0;
    }
    if (action === 'revoke') {
      if (await store.desk.revokeToken(name!)) {
        io.out(`Revoked the token "${name}": it no longer opens the desk or the admin API.`);
        return 0;
      }
      io.err(`parley token: there is no token named "${name}" (parley token list shows them).`);
      return 1;
    }
    const token = newToken();
    if (!(await store.desk.addToken({ name: name!, hash: tokenHash(token), createdAt: Date.now(), ...(site && { site }) }))) {
      io.err(`parley token: a token named "${name}" already exists; revoke it first or choose another name.`);
      return 1;
    }
    io.out(`Token for "${name}"${site ? ` on the site "${site}"` : ''} (shown this once; only its hash is kept):`);
    io.out(token);
    return 0;
  } finally {
    await store.close();
  }
}
