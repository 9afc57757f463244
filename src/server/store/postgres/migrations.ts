// PostgreSQL schema, as numbered steps applied once each and recorded in `schema_migrations`
// (the same scheme as sqlite/migrations.ts). Inline strings so the server bundle needs no
// extra assets. Append new steps; never edit a step that has shipped.
//
// Every statement in statements.ts is backed by one of these indexes; the comment above each index
// names the queries it serves.

export const POSTGRES_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE comments (
  -- An identity never hands out a number twice, so cursors stay valid after deletes.
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
  created_at BIGINT NOT NULL,
  edited_at BIGINT,
  client_hash TEXT,
  reasons JSONB NOT NULL DEFAULT '[]',
  -- UNIQUE is the idempotency guarantee: two instances inserting one key at once get one row.
  idempotency_key TEXT UNIQUE,
  fingerprint TEXT
);
-- listRoots: a thread's top-level comments in seq order, stopping after the page
CREATE INDEX comments_roots ON comments (thread, seq) WHERE parent IS NULL;
-- listSubtree of a top-level comment: the replies of one tree in posting order
CREATE INDEX comments_root ON comments (root, seq);
-- listSubtree below a reply, and "has published replies" for deleted comments (recursive walks)
CREATE INDEX comments_parent ON comments (parent, status);
-- countPublished, and listByStatus with a thread
CREATE INDEX comments_thread_status ON comments (thread, status, seq);
-- listByStatus across threads (the moderator queue)
CREATE INDEX comments_status ON comments (status, seq);
-- countByClient (flood rules)
CREATE INDEX comments_client ON comments (client_hash, created_at);
-- hasPublishedByEmail ("first-time" moderation)
CREATE INDEX comments_email_published ON comments (lower(email)) WHERE status = 'published';
-- hasDuplicate: md5 because a comment's text can be longer than a btree entry may be (~2.7 KB)
CREATE INDEX comments_thread_text ON comments (thread, md5(text));

CREATE TABLE thread_versions (thread TEXT PRIMARY KEY, version BIGINT NOT NULL);
CREATE TABLE counters (
  key TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
);
CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (url TEXT PRIMARY KEY, text TEXT NOT NULL, fetched_at BIGINT NOT NULL);
`,
  },
  {
    version: 2,
    // Issue 8: thread aliases (`parley alias`) and the notification outbox.
    sql: `
-- resolveThreads: the primary key
CREATE TABLE thread_aliases (from_thread TEXT PRIMARY KEY, to_thread TEXT NOT NULL);
-- setAlias: re-pointing the aliases of a thread that becomes an alias itself
CREATE INDEX thread_aliases_to ON thread_aliases (to_thread);
CREATE TABLE jobs (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind TEXT NOT NULL,
  payload JSONB NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  run_at BIGINT NOT NULL,
  last_error TEXT,
  dead BOOLEAN NOT NULL DEFAULT false,
  created_at BIGINT NOT NULL
);
-- claimJobs: the due jobs, oldest due first (dead ones are never claimed, so they stay out of it)
CREATE INDEX jobs_due ON jobs (run_at, id) WHERE NOT dead;
`,
  },
  {
    version: 3,
    // listRecentPublished (the Atom feeds): newest by created_at, since an import gives old
    // comments the highest seqs.
    sql: `
CREATE INDEX comments_published_created ON comments (created_at, seq) WHERE status = 'published';
CREATE INDEX comments_thread_published_created ON comments (thread, created_at, seq) WHERE status = 'published';
`,
  },
  {
    version: 4,
    // Issue 14, as SQLite's migration 6: the author key (its hash) decides first-time trust, and
    // no avatar seed comes from an email: older comments get their id's last 12 characters.
    sql: `
ALTER TABLE comments ADD COLUMN author_key TEXT;
-- hasPublishedByAuthor (first-time trust)
CREATE INDEX comments_author_published ON comments (author_key) WHERE status = 'published';
DROP INDEX comments_email_published;
UPDATE comments SET avatar = right(id, 12);
`,
  },
  {
    version: 5,
    // Issue 14, as SQLite's migration 7: the article cache is kept per thread and pruned.
    sql: `
DELETE FROM articles;
CREATE INDEX articles_fetched ON articles (fetched_at);
`,
  },
  {
    version: 6,
    // Issue 17, as SQLite's migration 8: reader mail (double opt-in) and /my.
    sql: `
CREATE TABLE reader_addresses (email TEXT PRIMARY KEY, created_at BIGINT NOT NULL, confirmed_at BIGINT);
-- pruneUnconfirmed: unconfirmed addresses by age
CREATE INDEX reader_addresses_unconfirmed ON reader_addresses (created_at) WHERE confirmed_at IS NULL;
CREATE TABLE reader_follows (
  email TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('replies', 'thread')),
  target TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (email, kind, target)
);
-- readerFollowers: who follows a comment's replies or a thread
CREATE INDEX reader_follows_target ON reader_follows (kind, target);
CREATE TABLE reader_keys (key_hash TEXT PRIMARY KEY, email TEXT NOT NULL);
CREATE INDEX reader_keys_email ON reader_keys (email);
CREATE TABLE reader_queue (email TEXT NOT NULL, comment TEXT NOT NULL, queued_at BIGINT NOT NULL, PRIMARY KEY (email, comment));
-- readerComments (/my): a reader's comments by address, any case as typed
CREATE INDEX comments_email_lower ON comments (lower(email), seq);
`,
  },
  {
    version: 7,
    // Issue 18, as SQLite's migration 9: Webmentions are comments of kind `mention` with their source.
    sql: `
ALTER TABLE comments ADD COLUMN mention TEXT CHECK (mention IN ('reply', 'mention'));
ALTER TABLE comments ADD COLUMN source TEXT;
`,
  },
  {
    version: 8,
    // Issue 15, as SQLite's migration 10: the learning filter's counts and Akismet's client details.
    sql: `
CREATE TABLE spam_models (site TEXT PRIMARY KEY, ham INTEGER NOT NULL, spam INTEGER NOT NULL, version BIGINT NOT NULL);
CREATE TABLE spam_features (site TEXT NOT NULL, feature TEXT NOT NULL, ham INTEGER NOT NULL, spam INTEGER NOT NULL, PRIMARY KEY (site, feature));
CREATE TABLE spam_decisions (
  site TEXT NOT NULL,
  comment_id TEXT NOT NULL,
  label TEXT NOT NULL CHECK (label IN ('ham', 'spam')),
  features TEXT[] NOT NULL,
  PRIMARY KEY (site, comment_id)
);
CREATE TABLE akismet_clients (comment_id TEXT PRIMARY KEY, address TEXT NOT NULL, user_agent TEXT NOT NULL, referrer TEXT NOT NULL, kept_at BIGINT NOT NULL);
CREATE INDEX akismet_clients_kept ON akismet_clients (kept_at);
`,
  },
  {
    version: 9,
    // Issue 21, as SQLite's migration 11: the moderation desk's tokens, log and lists.
    sql: `
CREATE TABLE moderator_tokens (name TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL);
CREATE TABLE moderator_log (id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL, ids JSONB NOT NULL, detail TEXT);
-- logPrune: the oldest entries by time
CREATE INDEX moderator_log_at ON moderator_log (at);
CREATE TABLE moderation_lists (
  list TEXT NOT NULL CHECK (list IN ('hold-words', 'spam-words', 'blocked-domains', 'ban-email', 'ban-client', 'ban-domain')),
  value TEXT NOT NULL,
  until BIGINT,
  created_at BIGINT NOT NULL,
  note TEXT,
  PRIMARY KEY (list, value)
);
`,
  },
  {
    version: 10,
    // Issue 16 item 5, as SQLite's migration 12: closed by hand, and the article's publication time.
    sql: `
CREATE TABLE thread_meta (thread TEXT PRIMARY KEY, closed_at BIGINT, published_at BIGINT);
`,
  },
  {
    version: 11,
    // Issue 16 item 2, as SQLite's migration 13: votes, each comment's counts and its best score.
    sql: `
ALTER TABLE comments ADD COLUMN votes_up INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN votes_down INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN score DOUBLE PRECISION NOT NULL DEFAULT 0;
CREATE TABLE votes (comment_id TEXT NOT NULL, voter TEXT NOT NULL, value SMALLINT NOT NULL CHECK (value IN (1, -1)), at BIGINT NOT NULL, PRIMARY KEY (comment_id, voter));
CREATE INDEX comments_thread_best ON comments (thread, score DESC, seq) WHERE parent IS NULL;
`,
  },
  {
    version: 12,
    // Issue 16, as SQLite's migration 14: how a comment's text is read; every older comment is plain.
    sql: `
ALTER TABLE comments ADD COLUMN format TEXT NOT NULL DEFAULT 'plain' CHECK (format IN ('plain', 'markdown'));
`,
  },
  {
    version: 13,
    // Issue 16 item 4, as SQLite's migration 15: the owner's comments (the badge) and pins, with a
    // partial index of only the pinned few.
    sql: `
ALTER TABLE comments ADD COLUMN owner BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE comments ADD COLUMN pinned_at BIGINT;
CREATE INDEX comments_pinned ON comments (thread, pinned_at) WHERE pinned_at IS NOT NULL;
`,
  },
  {
    version: 14,
    // Issue 19 item 5, as SQLite's migration 16: a moderator token for one site only (NULL: every site).
    sql: `
ALTER TABLE moderator_tokens ADD COLUMN site TEXT;
`,
  },
];
