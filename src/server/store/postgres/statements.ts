// Every SQL statement the PostgreSQL store runs, in one table (issue 13), as statements.ts does for
// SQLite: the parts (postgres/*.ts) run statements only by name from here, and
// test/server/store/postgres-plans.test.ts EXPLAINs each one on a filled, ANALYZEd database.
// Each is prepared once per connection under a name derived from its text (pool.ts).

// Named columns, never `*`: the statements are prepared per connection, and a prepared `SELECT *`
// fails ("cached plan must not change result type") once a newer instance's migration adds a
// column, which would break old instances during a rolling upgrade.
const COLUMN_NAMES = ['seq', 'id', 'thread', 'parent', 'root', 'status', 'name', 'email', 'website', 'avatar', 'text', 'format', 'created_at', 'edited_at', 'client_hash', 'author_key', 'reasons', 'idempotency_key', 'fingerprint', 'mention', 'source', 'votes_up', 'votes_down', 'owner', 'pinned_at'];
const COLUMNS = COLUMN_NAMES.join(', ');
const C_COLUMNS = COLUMN_NAMES.map((c) => `c.${c}`).join(', ');
const JOB_COLUMNS = 'id, kind, payload, attempts, run_at, last_error, dead, created_at';

// As in sqlite/statements.ts: a deleted comment is public only while a published comment sits
// somewhere below it. The recursive walk runs only for deleted rows (rare), over comments_parent.
const VISIBLE = `(c.status = 'published' OR (c.status = 'deleted' AND EXISTS (
  WITH RECURSIVE sub(id) AS (
    SELECT d.id FROM comments d WHERE d.parent = c.id
    UNION ALL SELECT x.id FROM comments x JOIN sub ON x.parent = sub.id)
  SELECT 1 FROM sub JOIN comments y ON y.id = sub.id WHERE y.status = 'published')))`;

// The echo rule's reads (comments/moderation-inputs.ts): the few columns it needs and the thread's
// version, in one statement so both come from one snapshot. The LEFT JOIN keeps the version row
// when there are no comments (then its comment columns are null).
const VERSION_OF = `(SELECT coalesce((SELECT version FROM thread_versions WHERE thread = $1), 0) AS version) v`;
const recentOf = (status: string, k: number) =>
  `(SELECT id, seq, status, email, text, ${k} AS k FROM comments WHERE thread = $1 AND status = '${status}' ORDER BY seq DESC LIMIT $2)`;

const sinceOf = (status: string) =>
  `(SELECT id, seq, status, email, text FROM comments WHERE thread = $1 AND status = '${status}' AND seq > $2 ORDER BY seq LIMIT $3)`;

const INSERT_COLUMNS = `id, thread, parent, root, status, name, email, website, avatar, text,
  created_at, edited_at, client_hash, reasons, idempotency_key, fingerprint, format`;

// Many sites (store/sites.ts), as SQLite's SCOPE: parameter $n is NULL (every thread), '' (the
// default site: keys without the mark, U+001F) or 'NAME' + mark (that site's keys).
const scope = (n: number) => `($${n}::text IS NULL OR ($${n} = '' AND strpos(thread, chr(31)) = 0) OR ($${n} <> '' AND left(thread, length($${n})) = $${n}))`;

export const PG_STATEMENTS = {
  ping: 'SELECT 1',

  // ---- Locks (advisory, per transaction; the key space is PARLEY_LOCK in pool.ts) ----
  // One writer per thread at a time, so seq order is commit order within a thread.
  lockThread: 'SELECT pg_advisory_xact_lock($1, hashtext($2))',
  lockKey: 'SELECT pg_advisory_xact_lock($1, $2)',
  // The insert locks of many threads, in one fixed order so two imports cannot deadlock.
  lockThreads: `SELECT pg_advisory_xact_lock($1, h) FROM (
    SELECT DISTINCT hashtext(t) AS h FROM unnest($2::text[]) AS t ORDER BY h OFFSET 0) AS locks`,

  // ---- Comments ----
  byId: `SELECT ${COLUMNS} FROM comments WHERE id = $1`,
  byIdForUpdate: `SELECT ${COLUMNS} FROM comments WHERE id = $1 FOR UPDATE`,
  byKey: `SELECT ${COLUMNS} FROM comments WHERE idempotency_key = $1`,
  insert: `INSERT INTO comments (${INSERT_COLUMNS}, author_key, mention, source, owner)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
    ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
  // A comment that stops being published stops being pinned (issue 16 item 4): update is given the
  // pin it keeps, setStatus clears it for any status but published.
  update: `UPDATE comments SET text = $1, status = $2, reasons = $3, edited_at = $4, name = $5, website = $6, mention = $7, pinned_at = $9 WHERE id = $8 RETURNING ${COLUMNS}`,
  // ---- Pins (issue 16 item 4): a thread's few, from the partial index comments_pinned ----
  pinnedOf: `SELECT ${COLUMNS} FROM comments WHERE thread = $1 AND pinned_at IS NOT NULL ORDER BY pinned_at`,
  setPinned: `UPDATE comments SET pinned_at = $1 WHERE id = $2 RETURNING ${COLUMNS}`,
  // Change the rows, then bump each touched thread once per changed row (as sqlite does), in a
  // fixed order so two bulk actions at once cannot deadlock on thread_versions. The changed rows
  // come back for the outbox's jobs.
  setStatus: `WITH changed AS (
      UPDATE comments SET status = $1, pinned_at = CASE WHEN $1 = 'published' THEN pinned_at END
        WHERE id = ANY($2::text[]) AND status <> $1 RETURNING ${COLUMNS}),
    bumped AS (
      INSERT INTO thread_versions (thread, version)
      SELECT thread, count(*) FROM changed GROUP BY thread ORDER BY thread
      ON CONFLICT (thread) DO UPDATE SET version = thread_versions.version + excluded.version)
    SELECT ${COLUMNS} FROM changed ORDER BY seq`,
  // Imports, 1000 rows a statement (17 arrays), in the order given, so a parent's seq is below its
  // replies'; any unique conflict (id or idempotency key) skips the row.
  importInsert: `WITH ins AS (
      INSERT INTO comments (${INSERT_COLUMNS}, owner, pinned_at, mention, source)
      SELECT id, thread, parent, root, status, name, email, website, avatar, text,
        created_at, edited_at, client_hash, reasons::jsonb, idempotency_key, fingerprint, format, owner, pinned_at, mention, source
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
        $9::text[], $10::text[], $11::bigint[], $12::bigint[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
        $18::boolean[], $19::bigint[], $20::text[], $21::text[])
        WITH ORDINALITY AS r(id, thread, parent, root, status, name, email, website, avatar, text,
          created_at, edited_at, client_hash, reasons, idempotency_key, fingerprint, format, owner, pinned_at, mention, source, ord)
      ORDER BY ord
      ON CONFLICT DO NOTHING
      RETURNING id, thread, status),
    bumped AS (
      INSERT INTO thread_versions (thread, version)
      SELECT DISTINCT thread, 1 FROM ins WHERE status = 'published' ORDER BY thread
      ON CONFLICT (thread) DO UPDATE SET version = thread_versions.version + 1)
    SELECT count(*) AS created, coalesce(array_agg(id), '{}') AS ids FROM ins`,
  byStatus: `SELECT ${COLUMNS} FROM comments WHERE status = $1 AND seq < $2 AND ${scope(4)} ORDER BY seq DESC LIMIT $3`,
  byThreadStatus: `SELECT ${COLUMNS} FROM comments WHERE thread = $1 AND status = $2 AND seq < $3 ORDER BY seq DESC LIMIT $4`,
  // Exports page through every comment by the primary key.
  listAll: `SELECT ${COLUMNS} FROM comments WHERE seq > $1 AND ${scope(3)} ORDER BY seq LIMIT $2`,

  // ---- Threads ----
  version: 'SELECT version FROM thread_versions WHERE thread = $1',
  bump: `INSERT INTO thread_versions (thread, version) VALUES ($1, 1)
    ON CONFLICT (thread) DO UPDATE SET version = thread_versions.version + 1`,
  // Many threads' versions once each, in one fixed order so bumps cannot deadlock.
  bumpMany: `INSERT INTO thread_versions (thread, version)
    SELECT t, 1 FROM unnest($1::text[]) AS t ORDER BY t
    ON CONFLICT (thread) DO UPDATE SET version = thread_versions.version + 1`,
  // Best first (issue 16): by the kept Wilson score, then oldest; paged by position (votes move).
  // Pinned roots are left out (issue 16 item 4): the first page shows them first, from pinnedOf.
  rootsBest: `SELECT ${COLUMNS} FROM comments c WHERE thread = $1 AND parent IS NULL AND pinned_at IS NULL AND ${VISIBLE} ORDER BY score DESC, seq LIMIT $2 OFFSET $3`,
  rootsAsc: `SELECT ${COLUMNS} FROM comments c WHERE thread = $1 AND parent IS NULL AND seq > $2 AND pinned_at IS NULL AND ${VISIBLE} ORDER BY seq LIMIT $3`,
  rootsDesc: `SELECT ${COLUMNS} FROM comments c WHERE thread = $1 AND parent IS NULL AND seq < $2 AND pinned_at IS NULL AND ${VISIBLE} ORDER BY seq DESC LIMIT $3`,
  rootOf: 'SELECT id, root FROM comments WHERE id = $1',
  // A top-level comment's subtree is its whole tree: comments_root serves it without recursion.
  treeReplies: `SELECT ${COLUMNS} FROM comments c WHERE root = $1 AND parent IS NOT NULL AND seq > $2 AND ${VISIBLE} ORDER BY seq LIMIT $3`,
  subtree: `WITH RECURSIVE sub(id) AS (
      SELECT id FROM comments WHERE parent = $1 UNION ALL SELECT x.id FROM comments x JOIN sub ON x.parent = sub.id)
    SELECT ${C_COLUMNS} FROM comments c JOIN sub ON c.id = sub.id WHERE c.seq > $2 AND ${VISIBLE} ORDER BY c.seq LIMIT $3`,
  // One round trip for a page of roots. LATERAL with its own LIMIT reads at most limit + 1 rows of
  // each tree from comments_root, so one huge tree costs no more.
  pageReplies: `SELECT ${C_COLUMNS} FROM unnest($1::text[]) WITH ORDINALITY AS r(root, ord)
    CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM comments c
      WHERE c.root = r.root AND c.parent IS NOT NULL AND ${VISIBLE} ORDER BY c.seq LIMIT $2) c
    ORDER BY r.ord, c.seq LIMIT $2`,
  // Which of these roots have any visible reply: stops at the first one of each.
  rootsWithReplies: `SELECT r.root FROM unnest($1::text[]) WITH ORDINALITY AS r(root, ord) WHERE EXISTS (
      SELECT 1 FROM comments c WHERE c.root = r.root AND c.parent IS NOT NULL AND ${VISIBLE}) ORDER BY r.ord`,
  // Each asked thread with the thread it stands for (an alias's target, else itself), counted in
  // one statement. A subquery per asked thread, not a join: as a join, the generic plan of the
  // prepared statement (which cannot know how many threads are asked) hashed every published
  // comment of the site (found by test/server/store/postgres-plans.test.ts).
  count: `SELECT t AS asked, (SELECT count(*) FROM comments c
        WHERE c.thread = coalesce((SELECT ta.to_thread FROM thread_aliases ta WHERE ta.from_thread = t), t) AND c.status = 'published')::int AS n
      FROM unnest($1::text[]) AS t`,
  // Atom feeds: newest by created_at, since an import gives old comments the highest seqs.
  recentPublished: `SELECT ${COLUMNS} FROM comments WHERE status = 'published' AND ${scope(2)} ORDER BY created_at DESC, seq DESC LIMIT $1`,
  recentPublishedThread: `SELECT ${COLUMNS} FROM comments WHERE thread = $1 AND status = 'published' ORDER BY created_at DESC, seq DESC LIMIT $2`,

  // ---- History (the moderation rules' reads) ----
  recentTexts: `SELECT v.version, c.id, c.seq, c.status, c.email, c.text FROM ${VERSION_OF}
    LEFT JOIN LATERAL (${recentOf('published', 0)} UNION ALL ${recentOf('pending', 1)} UNION ALL ${recentOf('spam', 2)}) c ON true
    ORDER BY c.k, c.seq DESC`,
  // One ordered range of (thread, status, seq) per status, merged: as one `status IN (…)` query,
  // the generic plan walked the primary key from the cursor through every thread's comments
  // (found by test/server/store/postgres-plans.test.ts).
  textsSince: `SELECT v.version, c.id, c.seq, c.status, c.email, c.text FROM ${VERSION_OF}
    LEFT JOIN LATERAL (SELECT * FROM (${sinceOf('published')} UNION ALL ${sinceOf('pending')} UNION ALL ${sinceOf('spam')}) u ORDER BY seq LIMIT $3) c ON true
    ORDER BY c.seq`,
  // md5 as in the comments_thread_text index: a comment's text can be longer than a btree entry may be.
  duplicate: `SELECT 1 FROM comments WHERE thread = $1 AND md5(text) = md5($2) AND text = $2 AND id <> $3
    AND (lower(email) = lower($4) OR name = $5) LIMIT 1`,
  publishedByAuthor: `SELECT 1 FROM comments WHERE author_key = $1 AND status = 'published' LIMIT 1`,
  byClient: 'SELECT count(*) AS n FROM comments WHERE client_hash = $1 AND created_at >= $2',
  byClientAuthor: 'SELECT count(*) AS n FROM comments WHERE client_hash = $1 AND author_key = $2 AND created_at >= $3',

  // ---- Counters, settings, articles ----
  // One statement, one round trip: drop this key's older windows (dead weight) and count the hit
  // atomically. Two instances hitting the same key at once both get distinct counts.
  hit: `WITH pruned AS (DELETE FROM counters WHERE key = $1 AND window_start < $2)
    INSERT INTO counters (key, window_start, count) VALUES ($1, $2, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = counters.count + 1 RETURNING count`,
  counterGet: 'SELECT count FROM counters WHERE key = $1 AND window_start = $2',
  secretGet: `SELECT value FROM settings WHERE name = 'secret'`,
  secretInsert: `INSERT INTO settings (name, value) VALUES ('secret', $1) ON CONFLICT (name) DO NOTHING`,
  articleGet: 'SELECT text, fetched_at FROM articles WHERE url = $1',
  articlePut: `INSERT INTO articles (url, text, fetched_at) VALUES ($1, $2, $3)
    ON CONFLICT (url) DO UPDATE SET text = excluded.text, fetched_at = excluded.fetched_at`,
  articleDelete: 'DELETE FROM articles WHERE url = $1',
  // The cache is kept to a few hundred entries (comments/moderation-inputs.ts), newest kept.
  articlePrune: 'DELETE FROM articles WHERE url IN (SELECT url FROM articles ORDER BY fetched_at DESC, url OFFSET $1)',
  articlePrefix: 'SELECT url, text, fetched_at FROM articles WHERE starts_with(url, $1) ORDER BY fetched_at DESC LIMIT $2',

  // ---- Aliases ----
  aliasOf: 'SELECT to_thread FROM thread_aliases WHERE from_thread = $1',
  aliasesOf: 'SELECT from_thread, to_thread FROM thread_aliases WHERE from_thread = ANY($1::text[])',
  aliasPut: `INSERT INTO thread_aliases (from_thread, to_thread) VALUES ($1, $2)
    ON CONFLICT (from_thread) DO UPDATE SET to_thread = excluded.to_thread`,
  aliasRepoint: 'UPDATE thread_aliases SET to_thread = $2 WHERE to_thread = $1 RETURNING from_thread',
  // The whole (small) table, in its primary key order.
  aliasList: 'SELECT from_thread, to_thread FROM thread_aliases ORDER BY from_thread',
  moveThread: 'UPDATE comments SET thread = $2 WHERE thread = $1',

  // ---- Outbox ----
  jobInsert: 'INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id',
  // A write's jobs in one statement, in the order given (their ids, and so their delivery order, follow it).
  jobsInsert: `INSERT INTO jobs (kind, payload, run_at, created_at)
    SELECT kind, payload::jsonb, run_at, $4 FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY AS j(kind, payload, run_at, ord)
    ORDER BY ord`,
  // ---- Closing (issue 16 item 5) ----
  threadMeta: 'SELECT closed_at, published_at FROM thread_meta WHERE thread = $1',
  firstPublished: "SELECT min(created_at) AS at FROM comments WHERE thread = $1 AND status = 'published'",
  setClosed: 'INSERT INTO thread_meta (thread, closed_at) VALUES ($1, $2) ON CONFLICT (thread) DO UPDATE SET closed_at = excluded.closed_at',
  // Changed only when the value differs; the row tells the caller whether to bump.
  setPublishedAt: `INSERT INTO thread_meta (thread, published_at) VALUES ($1, $2) ON CONFLICT (thread) DO UPDATE SET published_at = excluded.published_at
    WHERE thread_meta.published_at IS DISTINCT FROM excluded.published_at RETURNING thread`,
  // ---- Live updates (issue 16 item 6): one channel, the event as JSON (postgres/events.ts) ----
  announce: "SELECT pg_notify('parley_live', $1)",
  // SKIP LOCKED lets instances claiming at the same moment each take other jobs instead of
  // waiting for (and then re-taking) the rows another one is leasing.
  // ---- Votes (issue 16 item 2) ----
  voteGet: 'SELECT value FROM votes WHERE comment_id = $1 AND voter = $2 FOR UPDATE',
  votePut: 'INSERT INTO votes (comment_id, voter, value, at) VALUES ($1, $2, $3, $4) ON CONFLICT (comment_id, voter) DO UPDATE SET value = excluded.value, at = excluded.at',
  voteDelete: 'DELETE FROM votes WHERE comment_id = $1 AND voter = $2',
  voteCounts: 'UPDATE comments SET votes_up = votes_up + $1, votes_down = votes_down + $2 WHERE id = $3 RETURNING thread, votes_up, votes_down',
  voteScore: 'UPDATE comments SET score = $1 WHERE id = $2',
  // Exports (votesOf) and imports (the created comments' votes, after any rows erased comments left
  // under their ids, then each one's counts and score), as arrays: one round trip for many.
  votesOf: `SELECT v.comment_id, v.voter, v.value, v.at FROM comments c JOIN votes v ON v.comment_id = c.id
    WHERE c.id = ANY($1::text[]) AND ${scope(2)}`,
  votesClear: 'DELETE FROM votes WHERE comment_id = ANY($1::text[])',
  votesRestore: 'INSERT INTO votes (comment_id, voter, value, at) SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::bigint[])',
  votesTally: `UPDATE comments c SET votes_up = t.up, votes_down = t.down, score = t.score
    FROM unnest($1::text[], $2::int[], $3::int[], $4::float8[]) AS t(id, up, down, score) WHERE c.id = t.id`,
  jobClaim: `WITH due AS (
      SELECT id, run_at AS due_at FROM jobs WHERE NOT dead AND run_at <= $1 ORDER BY run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
    UPDATE jobs j SET attempts = j.attempts + 1, run_at = $3 FROM due WHERE j.id = due.id
    RETURNING ${JOB_COLUMNS.split(', ').map((c) => `j.${c}`).join(', ')}, due.due_at`,
  jobClaimOfKinds: `WITH due AS (
      SELECT id, run_at AS due_at FROM jobs WHERE NOT dead AND run_at <= $1 AND kind = ANY($4::text[]) ORDER BY run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
    UPDATE jobs j SET attempts = j.attempts + 1, run_at = $3 FROM due WHERE j.id = due.id
    RETURNING ${JOB_COLUMNS.split(', ').map((c) => `j.${c}`).join(', ')}, due.due_at`,
  jobDelete: 'DELETE FROM jobs WHERE id = $1',
  jobFail: 'UPDATE jobs SET run_at = $2, last_error = $3, dead = $4 WHERE id = $1',
  jobsAll: `SELECT ${JOB_COLUMNS} FROM jobs ORDER BY id LIMIT $1`,
  jobsByDead: `SELECT ${JOB_COLUMNS} FROM jobs WHERE dead = $1 ORDER BY id LIMIT $2`,

  // ---- Readers (issue 17) ----
  readerAdd: 'INSERT INTO reader_addresses (email, created_at) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING',
  readerGet: 'SELECT email, created_at, confirmed_at FROM reader_addresses WHERE email = $1',
  readerFollows: 'SELECT kind, target, created_at FROM reader_follows WHERE email = $1 ORDER BY created_at LIMIT 1000',
  readerFollow: 'INSERT INTO reader_follows (email, kind, target, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
  readerConfirm: 'UPDATE reader_addresses SET confirmed_at = coalesce(confirmed_at, $2) WHERE email = $1',
  readerBind: 'INSERT INTO reader_keys (key_hash, email) VALUES ($1, $2) ON CONFLICT (key_hash) DO UPDATE SET email = excluded.email',
  readerForgetAddress: 'DELETE FROM reader_addresses WHERE email = $1',
  readerForgetFollows: 'DELETE FROM reader_follows WHERE email = $1',
  readerForgetKeys: 'DELETE FROM reader_keys WHERE email = $1',
  readerForgetQueue: 'DELETE FROM reader_queue WHERE email = $1',
  readerStale: 'SELECT email FROM reader_addresses WHERE confirmed_at IS NULL AND created_at < $1',
  readerFollowers: `SELECT f.email FROM reader_follows f JOIN reader_addresses a ON a.email = f.email
    WHERE f.kind = 'replies' AND f.target = $1 AND a.confirmed_at IS NOT NULL
    UNION SELECT f.email FROM reader_follows f JOIN reader_addresses a ON a.email = f.email
    WHERE f.kind = 'thread' AND f.target = $2 AND a.confirmed_at IS NOT NULL`,
  readerQueue: 'INSERT INTO reader_queue (email, comment, queued_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
  readerQueued: 'SELECT count(*)::int AS n FROM reader_queue WHERE email = $1',
  readerTake: 'DELETE FROM reader_queue WHERE email = $1 RETURNING comment, queued_at',
  readerKeyAddress: `SELECT k.email FROM reader_keys k JOIN reader_addresses a ON a.email = k.email
    WHERE k.key_hash = $1 AND a.confirmed_at IS NOT NULL`,
  readerKeys: 'SELECT key_hash FROM reader_keys WHERE email = $1 LIMIT $2',
  readerComments: `SELECT ${COLUMNS} FROM comments WHERE lower(email) = $1 ORDER BY seq LIMIT $2`,
  readerHasReply: 'SELECT 1 FROM comments WHERE parent = $1 LIMIT 1',
  readerTombstone: `UPDATE comments SET status = 'deleted', name = '', email = '', website = NULL, text = '',
    client_hash = NULL, author_key = NULL, reasons = '[]'::jsonb, fingerprint = NULL, pinned_at = NULL WHERE id = $1`,
  readerRemove: 'DELETE FROM comments WHERE id = $1',

  // The spam part (issue 15): the learning filter's counts, Akismet's client details.
  spamModelGet: 'SELECT ham, spam, version FROM spam_models WHERE site = $1',
  spamModelAdd: `INSERT INTO spam_models (site, ham, spam, version) VALUES ($1, $2, $3, 1)
    ON CONFLICT (site) DO UPDATE SET ham = spam_models.ham + excluded.ham, spam = spam_models.spam + excluded.spam, version = spam_models.version + 1`,
  spamModelReset: 'UPDATE spam_models SET ham = 0, spam = 0, version = version + 1 WHERE site = $1',
  spamFeaturesAdd: `INSERT INTO spam_features (site, feature, ham, spam) SELECT $1, f, $2, $3 FROM unnest($4::text[]) AS f
    ON CONFLICT (site, feature) DO UPDATE SET ham = spam_features.ham + excluded.ham, spam = spam_features.spam + excluded.spam`,
  spamFeaturesPrune: 'DELETE FROM spam_features WHERE site = $1 AND feature = ANY($2::text[]) AND ham <= 0 AND spam <= 0',
  spamFeaturesAll: 'SELECT feature, ham, spam FROM spam_features WHERE site = $1',
  spamFeaturesReset: 'DELETE FROM spam_features WHERE site = $1',
  spamDecisionGet: 'SELECT label, features FROM spam_decisions WHERE site = $1 AND comment_id = $2',
  spamDecisionPut: `INSERT INTO spam_decisions (site, comment_id, label, features) VALUES ($1, $2, $3, $4::text[])
    ON CONFLICT (site, comment_id) DO UPDATE SET label = excluded.label, features = excluded.features`,
  spamDecisionsReset: 'DELETE FROM spam_decisions WHERE site = $1',
  clientKeep: `INSERT INTO akismet_clients (comment_id, address, user_agent, referrer, kept_at) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (comment_id) DO UPDATE SET address = excluded.address, user_agent = excluded.user_agent, referrer = excluded.referrer, kept_at = excluded.kept_at`,
  clientGet: 'SELECT address, user_agent, referrer, kept_at FROM akismet_clients WHERE comment_id = $1',
  clientForget: 'DELETE FROM akismet_clients WHERE kept_at < $1',

  // ---- The moderation desk (issue 21), as SQLite's ----
  deskNewest: `SELECT ${COLUMNS} FROM comments WHERE status = $1 AND seq < $2
    AND ($3::text IS NULL OR thread = $3) AND ${scope(7)}
    AND ($4::text IS NULL OR strpos(lower(text), $4) > 0 OR strpos(lower(name), $4) > 0 OR strpos(lower(email), $4) > 0
      OR strpos(lower(coalesce(website, '')), $4) > 0 OR strpos(lower(thread), $4) > 0)
    AND ($5::text IS NULL OR reasons @> jsonb_build_array(jsonb_build_object('rule', $5::text)))
    ORDER BY seq DESC LIMIT $6`,
  deskOldest: `SELECT ${COLUMNS} FROM comments WHERE status = $1 AND seq > $2
    AND ($3::text IS NULL OR thread = $3) AND ${scope(7)}
    AND ($4::text IS NULL OR strpos(lower(text), $4) > 0 OR strpos(lower(name), $4) > 0 OR strpos(lower(email), $4) > 0
      OR strpos(lower(coalesce(website, '')), $4) > 0 OR strpos(lower(thread), $4) > 0)
    AND ($5::text IS NULL OR reasons @> jsonb_build_array(jsonb_build_object('rule', $5::text)))
    ORDER BY seq LIMIT $6`,
  deskCount: `SELECT count(*)::int AS n FROM (SELECT 1 FROM comments WHERE status = $1 AND ${scope(3)} ORDER BY seq DESC LIMIT $2) capped`,
  deskByEmail: `SELECT status, count(*)::int AS n FROM comments WHERE lower(email) = lower($1) AND ${scope(2)} GROUP BY status`,
  deskByClient: `SELECT status, count(*)::int AS n FROM comments WHERE client_hash = $1 AND ${scope(2)} GROUP BY status`,
  tokenAdd: 'INSERT INTO moderator_tokens (name, hash, created_at, site) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
  tokenAll: 'SELECT name, hash, created_at, site FROM moderator_tokens ORDER BY name',
  tokenByHash: 'SELECT name, hash, created_at, site FROM moderator_tokens WHERE hash = $1',
  tokenRevoke: 'DELETE FROM moderator_tokens WHERE name = $1',
  logAdd: 'INSERT INTO moderator_log (at, who, action, ids, detail) VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING id',
  logGet: 'SELECT * FROM moderator_log WHERE id = $1',
  logPage: 'SELECT * FROM moderator_log WHERE id < $1 ORDER BY id DESC LIMIT $2',
  logPrune: 'DELETE FROM moderator_log WHERE at < $1',
  listsAll: 'SELECT * FROM moderation_lists ORDER BY list, value',
  listsOne: 'SELECT * FROM moderation_lists WHERE list = $1 ORDER BY value',
  listPut: `INSERT INTO moderation_lists (list, value, until, created_at, note) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (list, value) DO UPDATE SET until = excluded.until, created_at = excluded.created_at, note = excluded.note`,
  listRemove: 'DELETE FROM moderation_lists WHERE list = $1 AND value = $2',
  deskSettingGet: `SELECT value FROM settings WHERE name = 'desk:' || $1`,
  deskSettingPut: `INSERT INTO settings (name, value) VALUES ('desk:' || $1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
} as const;

export type PgStatementName = keyof typeof PG_STATEMENTS;
