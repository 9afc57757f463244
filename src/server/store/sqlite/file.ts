// The SQLite file's path, checked before SQLite sees it (issue 14 item 11): SQLite's own words
// ("unable to open database file", "attempt to write a readonly database") name neither the path
// nor the fix, and Node's recursive mkdir spins for ever under /proc. Each problem is one sentence
// with the path and what to do; the CLI prints it as it is.
import { closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A database path that cannot work, worded for the person who gave it. */
export class DatabasePathError extends Error {}

const fail = (message: string): never => {
  throw new DatabasePathError(message);
};

/** "no such file or directory" from "ENOENT: no such file or directory, mkdir '/proc/nope'". */
const reasonOf = (error: unknown) => /^\w+: ([^,]+)/.exec((error as Error).message)?.[1] ?? String(error);

/**
 * Makes sure `file` can be a SQLite database: not a folder, writable if it exists, its folder
 * created if missing (one level at a time, not with `recursive`, which spins on /proc).
 */
export function prepareDatabaseFile(file: string): void {
  if (file === ':memory:') return;
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) fail(`--db ${file} is a folder, not a database file; give a file in it, like --db ${join(file, 'parley.db')}.`);
    // Opening it for writing, not access(2), which answers for the real user rather than the
    // effective one.
    try {
      closeSync(openSync(file, 'r+'));
    } catch {
      fail(`the database file ${file} is read-only, and Parley must write to it; make it writable (chmod u+w ${file}) or choose another file with --db.`);
    }
    return;
  }
  const folder = dirname(file);
  const missing: string[] = [];
  let at = folder;
  while (!existsSync(at) && dirname(at) !== at) {
    missing.unshift(at);
    at = dirname(at);
  }
  const cannot = (reason: string) => fail(`cannot create the folder ${folder} for the database file ${file} (${reason}); create it yourself or choose another place with --db.`);
  if (!statSync(at).isDirectory()) cannot(`${at} is a file, not a folder`);
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      cannot(reasonOf(error));
    }
  }
}

/** SQLite's failure to open or migrate `file`, in the same words as above where it is one of them. */
export function openFailure(file: string, error: unknown): Error {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_READONLY')) {
    return new DatabasePathError(`the database file ${file} is read-only, and Parley must write to it; make it writable (chmod u+w ${file}) or choose another file with --db.`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new DatabasePathError(`cannot open the database file ${file} (${(error as Error).message}); check that its folder ${dirname(file)} exists and is writable, or choose another file with --db.`);
  }
  if (code === 'SQLITE_NOTADB') return new DatabasePathError(`${file} is not a SQLite database; give the file Parley made, or a new path with --db.`);
  return error as Error;
}
