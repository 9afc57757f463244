// The SQLite store's change stamp (store.ts: a number that moves whenever anything may have been
// committed, by any process), and the thread versions it lets the store remember (issue 22).
//
// Every statement SQLite runs on a WAL database opens a read transaction, and each costs three
// system calls (a read lock on the shared-memory file, an fstat of the database, the unlock): most
// of the version check of a kept read, and a third of what plain node:http spends on the whole
// request. SQLite knows whether anything was committed without those: each commit rewrites the
// header of the WAL index (the `-shm` file, https://www.sqlite.org/walformat.html#the_wal_index_file_format),
// which SQLite writes twice (the second copy first) so a reader can take it without a lock: equal
// copies are a consistent header, and a header equal to the last one seen means no commit since,
// which is exactly how SQLite decides its own page cache is still good. One pread of 96 bytes
// does the same here. A torn read (a writer between the copies), a database that is not in WAL
// mode or a missing -shm file fall back to asking SQLite (total_changes() and data_version).
import { closeSync, openSync, readSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { SQLITE_STATEMENTS } from './statements.ts';

/** The WAL-index header: 48 bytes (12 words), kept twice, at the start of the -shm file. */
const HEADER = 48;
const WORDS = HEADER / 4;

/**
 * The stamp, and a way to remember per-stamp answers. `walIndex` reads the header; it returns
 * undefined when no consistent header can be read (then SQLite is asked).
 *
 * @example const { stamp } = createChangeStamp(db, './data/parley.db'); const s = stamp();
 */
export function createChangeStamp(db: Database.Database, file: string) {
  const walIndex: (() => Int32Array | undefined) & { close?: () => void } =
    file === ':memory:' || db.pragma('journal_mode', { simple: true }) !== 'wal' ? () => undefined : walIndexReader(file);
  const asked = db.prepare(SQLITE_STATEMENTS.changeStamp).raw();
  // The last header seen, compared word by word in JavaScript: a Buffer's equals() and copy() are
  // calls into C++, and on a kept read those calls cost more than the pread itself (issue 22).
  const header = new Int32Array(WORDS);
  let kind: 'wal' | 'sql' | undefined;
  let last: [number, number] = [-1, -1];
  let stamp = 0;

  const read = (): number => {
    const now = walIndex();
    if (now) {
      let same = kind === 'wal';
      for (let i = 0; same && i < WORDS; i++) same = now[i] === header[i];
      if (!same) {
        header.set(now.subarray(0, WORDS));
        kind = 'wal';
        stamp++;
      }
      return stamp;
    }
    // total_changes() counts this connection's changes (every write of this process goes through
    // it), data_version moves on another connection's commit. Rolled-back changes move it too,
    // which costs a recount, never a stale answer.
    const [changes, dataVersion] = asked.get() as [number, number];
    if (kind !== 'sql' || changes !== last[0] || dataVersion !== last[1]) {
      last = [changes, dataVersion];
      kind = 'sql';
      stamp++;
    }
    return stamp;
  };

  return {
    stamp: read,
    close: () => walIndex.close?.(),
    /**
     * `ask(key)`, remembered while the stamp stands: a thread's version costs one pread, not a
     * statement, while nothing was committed. The stamp is read before asking, so an answer is
     * never older than the stamp it is kept under (a commit in between moves the stamp, and the
     * next call asks again). At most `limit` answers are kept.
     */
    remember<T>(ask: (key: string) => T, limit = 10_000): (key: string) => T {
      const kept = new Map<string, T>();
      let keptAt = -1;
      return (key) => {
        const now = read();
        if (now !== keptAt) {
          kept.clear();
          keptAt = now;
        } else {
          const found = kept.get(key);
          if (found !== undefined) return found;
        }
        const answer = ask(key);
        if (kept.size >= limit) kept.clear();
        kept.set(key, answer);
        return answer;
      };
    },
  };
}

/**
 * The -shm readers of this process, one per file, shared by every store open on it. Closing a file
 * descriptor drops every POSIX lock this process holds on that file, SQLite's own included (the
 * lock that tells other processes the shared memory is in use): a reader closed while another
 * connection of this process still uses the file would pull the floor from under it. So a reader
 * is closed only when the last store on its file closes, after that store's connection is closed.
 */
const shmReaders = new Map<string, { read: () => Int32Array | undefined; close: () => void; users: number }>();

function walIndexReader(file: string): (() => Int32Array | undefined) & { close?: () => void } {
  let path: string;
  try {
    path = `${realpathSync(file)}-shm`;
  } catch {
    path = `${resolve(file)}-shm`;
  }
  let shared = shmReaders.get(path);
  if (!shared) shmReaders.set(path, (shared = { ...openShmReader(path), users: 0 }));
  shared.users++;
  const entry = shared;
  let released = false;
  return Object.assign(() => entry.read(), {
    close: () => {
      if (released) return;
      released = true;
      if (--entry.users > 0) return;
      shmReaders.delete(path);
      entry.close();
    },
  });
}

/**
 * Reads the WAL-index header from the -shm file: both copies, as 24 words (the first 12 the
 * header) when they are equal, else undefined. The same array every time: the caller compares it
 * before the next read.
 */
function openShmReader(shm: string): { read: () => Int32Array | undefined; close: () => void } {
  const words = new Int32Array(WORDS * 2);
  const both = new Uint8Array(words.buffer);
  let fd: number | undefined;
  const read = () => {
    try {
      // Opened on first use: SQLite makes the -shm file with its first read of a WAL database.
      fd ??= openSync(shm, 'r');
      if (readSync(fd, both, 0, HEADER * 2, 0) < HEADER * 2) return undefined;
    } catch {
      // Kept open (see shmReaders): SQLite is asked this time.
      return undefined;
    }
    // Equal copies: a consistent header (SQLite's own lock-free read); unequal: a writer is between them.
    for (let i = 0; i < WORDS; i++) if (words[i] !== words[i + WORDS]) return undefined;
    return words;
  };
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return { read, close };
}
