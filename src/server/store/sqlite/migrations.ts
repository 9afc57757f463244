// SQLite schema, as numbered steps applied once each and recorded in `schema_migrations`.
// Inline strings rather than .sql files so the esbuild bundle of the server needs no extra assets.
// Append new steps; never edit a step that has shipped.

export const SQLITE_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE comments (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: a seq is never reused, so cursors stay valid
  id TEXT NOT NULL UNIQUE,
  thread TEXT NOT NULL,
  parent TEXT,
  root TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('published', 'pending', 'spam', 'deleted')),
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  website TEXT,
  avatar TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  edited_at INTEGER,
  client_hash TEXT,
  reasons TEXT NOT NULL DEFAULT '[]',
  idempotency_key TEXT UNIQUE,
  fingerprint TEXT
);
-- counts, duplicate checks and moderator listings by thread
CREATE INDEX comments_thread_status ON comments (thread, status, parent, seq);
-- root paging: scans a thread's roots in seq order and stops after the page
CREATE INDEX comments_thread_roots ON comments (thread, parent, seq);
-- replies of one tree in posting order
CREATE INDEX comments_root ON comments (root, seq);
-- subtree walks below a reply, and "has published replies" for deleted comments
CREATE INDEX comments_parent ON comments (parent, status);
-- moderator queue across threads
CREATE INDEX comments_status ON comments (status, seq);
-- flood rules per client
CREATE INDEX comments_client ON comments (client_hash, created_at);
-- "first-time" moderation: has this author a published comment?
CREATE INDEX comments_email ON comments (lower(email), status);

CREATE TABLE thread_versions (thread TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE counters (
  key TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
) WITHOUT ROWID;
CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE articles (url TEXT PRIMARY KEY, text TEXT NOT NULL, fetched_at INTEGER NOT NULL) WITHOUT ROWID;
`,
  },
  {
    version: 2,
    // The moderation inputs read a thread's newest comments of one status (echo compares with
    // them); comments_thread_status has parent before seq, so SQLite used comments_status instead
    // and walked that status across every thread. Found by test/server/query-plans.test.ts.
    sql: `CREATE INDEX comments_thread_status_seq ON comments (thread, status, seq);`,
  },
  {
    version: 3,
    // The duplicate rule looks a text up in its thread; with the thread alone it compared every
    // comment of the thread on every post (issue 5). A prefix keeps the index small; the statement
    // then compares the whole text of the few rows that share it.
    sql: `CREATE INDEX comments_thread_text ON comments (thread, substr(text, 1, 64));`,
  },
  {
    version: 4,
    // Issue 8: thread aliases (`parley alias`) and the notification outbox.
    sql: `
CREATE TABLE thread_aliases (from_thread TEXT PRIMARY KEY, to_thread TEXT NOT NULL) WITHOUT ROWID;
-- re-pointing the aliases of a thread that becomes an alias itself
CREATE INDEX thread_aliases_to ON thread_aliases (to_thread);
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, so a finished job's id never names a new one
  kind TEXT NOT NULL,
  payload TEXT NOT NULL, -- JSON
  attempts INTEGER NOT NULL DEFAULT 0,
  run_at INTEGER NOT NULL,
  last_error TEXT,
  dead INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
-- claiming due jobs (dead = 0 AND run_at <= now, oldest due first) and listing by dead
CREATE INDEX jobs_due ON jobs (dead, run_at);
`,
  },
  {
    version: 5,
    // The Atom feeds list the newest published comments by when they were written, not by seq: an
    // import gives old comments the highest seqs, and a feed must not put 2013 above today.
    sql: `
CREATE INDEX comments_published_created ON comments (created_at, seq) WHERE status = 'published';
CREATE INDEX comments_thread_published_created ON comments (thread, created_at, seq) WHERE status = 'published';
`,
  },
  {
    version: 6,
    // Issue 14: who wrote a comment is its author key (its hash), which earns first-time trust,
    // not its typed email; and no public avatar seed comes from an email any more. Every older
    // comment's seed (an HMAC of its email, which let anyone confirm a guessed address) becomes
    // its id's last 12 characters, as crypto.ts's keylessAvatar gives imported comments.
    sql: `
ALTER TABLE comments ADD COLUMN author_key TEXT;
-- hasPublishedByAuthor (first-time trust, comments/trust.ts)
CREATE INDEX comments_author ON comments (author_key, status);
DROP INDEX comments_email;
UPDATE comments SET avatar = substr(id, -12);
`,
  },
  {
    version: 7,
    // Issue 14: the article cache is kept per thread (it was per URL, any URL a poster named) and
    // pruned to its newest entries; the old URL-keyed entries are a cache, so they simply go.
    sql: `
DELETE FROM articles;
CREATE INDEX articles_fetched ON articles (fetched_at);
`,
  },
  {
    version: 8,
    // Issue 17: reader mail (double opt-in) and a reader's own comments by address (/my).
    sql: `
CREATE TABLE reader_addresses (email TEXT PRIMARY KEY, created_at INTEGER NOT NULL, confirmed_at INTEGER) WITHOUT ROWID;
-- pruneUnconfirmed: unconfirmed addresses by age
CREATE INDEX reader_addresses_unconfirmed ON reader_addresses (created_at) WHERE confirmed_at IS NULL;
CREATE TABLE reader_follows (
  email TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('replies', 'thread')),
  target TEXT NOT NULL, -- a comment id (replies) or a thread id (thread)
  created_at INTEGER NOT NULL,
  PRIMARY KEY (email, kind, target)
) WITHOUT ROWID;
-- followers: who follows a comment's replies or a thread
CREATE INDEX reader_follows_target ON reader_follows (kind, target);
CREATE TABLE reader_keys (key_hash TEXT PRIMARY KEY, email TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX reader_keys_email ON reader_keys (email);
CREATE TABLE reader_queue (email TEXT NOT NULL, comment TEXT NOT NULL, queued_at INTEGER NOT NULL, PRIMARY KEY (email, comment)) WITHOUT ROWID;
-- commentsOf (/my): a reader's comments by address, any case as typed
CREATE INDEX comments_email_lower ON comments (lower(email), seq);
`,
  },
  {
    version: 9,
    // Issue 18: a Webmention is a comment of kind `mention` (`reply` when its source is in reply
    // to the page), with the page that sent it. Found again by its idempotency key, so no index.
    sql: `
ALTER TABLE comments ADD COLUMN mention TEXT CHECK (mention IN ('reply', 'mention'));
ALTER TABLE comments ADD COLUMN source TEXT;
`,
  },
  {
    version: 10,
    // Issue 15: the learning filter's counts per site (spam_models: decisions and a version that
    // only moves on; spam_features: per feature, in how many ham and spam comments; spam_decisions:
    // each learnt comment's label and features, to take it back when the moderator changes their
    // mind), and the client details Akismet needs for submit-spam/ham, kept while Akismet is on and
    // at most 30 days (akismet_clients, pruned by kept_at).
    sql: `
CREATE TABLE spam_models (site TEXT PRIMARY KEY, ham INTEGER NOT NULL, spam INTEGER NOT NULL, version INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE spam_features (site TEXT NOT NULL, feature TEXT NOT NULL, ham INTEGER NOT NULL, spam INTEGER NOT NULL, PRIMARY KEY (site, feature)) WITHOUT ROWID;
CREATE TABLE spam_decisions (
  site TEXT NOT NULL,
  comment_id TEXT NOT NULL,
  label TEXT NOT NULL CHECK (label IN ('ham', 'spam')),
  features TEXT NOT NULL,
  PRIMARY KEY (site, comment_id)
) WITHOUT ROWID;
CREATE TABLE akismet_clients (comment_id TEXT PRIMARY KEY, address TEXT NOT NULL, user_agent TEXT NOT NULL, referrer TEXT NOT NULL, kept_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX akismet_clients_kept ON akismet_clients (kept_at);
`,
  },
  {
    version: 11,
    // Issue 21: the moderation desk. Named moderator tokens (hashes only), the log of moderator
    // actions (pruned after 90 days, by time), and the lists the owner edits on the desk.
    sql: `
CREATE TABLE moderator_tokens (name TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE moderator_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL, ids TEXT NOT NULL, detail TEXT);
-- logPrune: the oldest entries by time
CREATE INDEX moderator_log_at ON moderator_log (at);
CREATE TABLE moderation_lists (
  list TEXT NOT NULL CHECK (list IN ('hold-words', 'spam-words', 'blocked-domains', 'ban-email', 'ban-client', 'ban-domain')),
  value TEXT NOT NULL,
  until INTEGER,
  created_at INTEGER NOT NULL,
  note TEXT,
  PRIMARY KEY (list, value)
) WITHOUT ROWID;
`,
  },
  {
    version: 12,
    // Issue 16 item 5: a thread closed by hand, and when its article was published (for
    // --close-after-days). One row per thread that has either.
    sql: `
CREATE TABLE thread_meta (thread TEXT PRIMARY KEY, closed_at INTEGER, published_at INTEGER) WITHOUT ROWID;
`,
  },
  {
    version: 13,
    // Issue 16 item 2: votes, one per voter (a keyed hash of the browser's voter key) and comment;
    // each comment's counts and "best" score (the Wilson lower bound, store/votes.ts) beside it, and
    // an index that walks a thread's roots best first.
    sql: `
ALTER TABLE comments ADD COLUMN votes_up INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN votes_down INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN score REAL NOT NULL DEFAULT 0;
CREATE TABLE votes (comment_id TEXT NOT NULL, voter TEXT NOT NULL, value INTEGER NOT NULL CHECK (value IN (1, -1)), at INTEGER NOT NULL, PRIMARY KEY (comment_id, voter)) WITHOUT ROWID;
CREATE INDEX comments_thread_best ON comments (thread, score DESC, seq) WHERE parent IS NULL;
`,
  },
  {
    version: 14,
    // Issue 16: how a comment's text is read. Every comment stored before is plain (it was written
    // for a box that formatted nothing); new ones say markdown.
    sql: `
ALTER TABLE comments ADD COLUMN format TEXT NOT NULL DEFAULT 'plain' CHECK (format IN ('plain', 'markdown'));
`,
  },
  {
    version: 15,
    // Issue 16 item 4, the site owner's voice: a comment the owner posted from the desk (shown with
    // the owner's badge), and when a top-level comment was pinned (null: not pinned). The partial
    // index holds only the pinned few: a thread's pins (at most 3) in the order they were made.
    sql: `
ALTER TABLE comments ADD COLUMN owner INTEGER NOT NULL DEFAULT 0 CHECK (owner IN (0, 1));
ALTER TABLE comments ADD COLUMN pinned_at INTEGER;
CREATE INDEX comments_pinned ON comments (thread, pinned_at) WHERE pinned_at IS NOT NULL;
`,
  },
  {
    version: 16,
    // Issue 19 item 5, many sites on one server: a moderator token may be for one site only (NULL:
    // every site). Threads need no column: a site's thread key carries its name (store/sites.ts),
    // and every row written before belongs to the default site as it is.
    sql: `
ALTER TABLE moderator_tokens ADD COLUMN site TEXT;
`,
  },
];
