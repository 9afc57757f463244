// `parley alias OLD NEW`: a page moved (a new permalink, a renamed slug) and its discussion should
// follow it. OLD's comments move to NEW, and OLD stays an alias, so an embed or count script still
// naming OLD (a cached page, another site's link) reads, counts and posts NEW's thread.
import { checkThread } from '../../core/checks.ts';
import { problemMessage } from '../../core/strings.ts';
import { threadIdFromUrl } from '../../core/thread-id.ts';
import { CliError, commandArgs, redactDb, resolveDb, type CliIo } from './args.ts';
import { openStore } from '../main.ts';
import { AliasError, type Store } from '../store/store.ts';

export const HELP = [
  'Usage: parley alias OLD NEW [--db <path|url>]',
  '       parley alias --list [--db <path|url>]',
  '',
  "Show thread OLD's comments under thread NEW from now on: OLD's comments move to NEW, and reads,",
  'counts, posts and feeds that name OLD are answered from NEW. OLD and NEW are thread ids as the',
  'widget makes them from a page address: its path and query, e.g. /2024/05/putin-china (or the',
  "page's data-thread). An alias that pointed at OLD moves on to NEW; NEW may not be an alias itself.",
  '',
  '  --db <path|url>   SQLite file or postgres://… URL (env PARLEY_DB or DATABASE_URL; default ./data/parley.db)',
  '  --list            print every alias, one "OLD -> NEW" a line',
  '',
  'Example: parley alias /2024/05/putin-china /news/putin-to-visit-china --db ./data/parley.db',
].join('\n');

interface AliasArgs {
  db: string | undefined;
  list: boolean;
  threads: string[];
}

function parse(args: readonly string[]): AliasArgs {
  // "--" ends the flags, for a thread id that itself starts with "--".
  const { values, positionals } = commandArgs('alias', args, { db: 'string', list: 'boolean' });
  return { db: values.db, list: values.list ?? false, threads: positionals };
}

/** A thread id as the API would accept it, or a CliError saying what to type instead. */
function threadArg(name: 'OLD' | 'NEW', value: string): string {
  const problem = checkThread(value);
  if (problem) throw new CliError(`${name}: ${problemMessage('thread', problem)}`);
  // A whole address is almost always a slip: the widget's id for that page is its path. Refused
  // rather than converted, because moving comments to a thread nobody reads is hard to notice.
  if (/^https?:\/\//i.test(value)) {
    throw new CliError(`${name} "${value}" is a page address; the widget's thread id for it is "${threadIdFromUrl(value)}". Use that instead.`);
  }
  return value;
}

const comments = (n: number) => `${n} comment${n === 1 ? '' : 's'}`;

/** @example await run(['/old', '/new', '--db', './data/parley.db'], io) // prints what moved */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parse(args);
  if (parsed.list ? parsed.threads.length > 0 : parsed.threads.length !== 2) {
    throw new CliError(parsed.list ? '--list takes no thread ids.' : `alias needs two thread ids, OLD and NEW (got ${parsed.threads.length}).`);
  }
  const [from, to] = parsed.list ? [] : [threadArg('OLD', parsed.threads[0]!), threadArg('NEW', parsed.threads[1]!)];
  const db = resolveDb(parsed.db, io.env);
  let store: Store;
  try {
    store = await openStore(db);
  } catch (error) {
    throw new CliError(`Could not open the database ${redactDb(db)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    if (parsed.list) {
      const aliases = await store.aliases.list();
      if (!aliases.length) io.out('No thread aliases yet.');
      for (const { from: old, to: now } of aliases) io.out(`${old} -> ${now}`);
      return 0;
    }
    const { moved } = await store.aliases.set(from!, to!);
    io.out(`Moved ${comments(moved)} from ${from} to ${to}; ${from} now shows ${to}.`);
    if (moved === 0) io.out(`(${from} held no comments: if that is unexpected, check the id against the one the widget uses, e.g. its data-thread.)`);
    return 0;
  } catch (error) {
    if (!(error instanceof AliasError)) throw error;
    io.err(`parley alias: ${error.message}`);
    return 1;
  } finally {
    await store.close();
  }
}
