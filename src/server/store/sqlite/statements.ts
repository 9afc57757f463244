// Every SQL statement the SQLite store runs, in one table, so test/server/query-plans.test.ts can
// EXPLAIN each of them (Parley issue 5: every query the API makes is backed by an index). The
// store prepares statements only from here; adding one anywhere else would escape that test.

// A deleted comment is public only while a published comment sits somewhere below it. The
// recursive walk runs only for deleted rows (rare), over the parent index. The unary `+` keeps the
// status tests off the indexes: without it SQLite answers the OR from comments_status, which reads
// every published comment of every thread (query-plans.test.ts caught this for the subtree and
// page-replies statements); the root, thread or parent index is always the narrower way in.
const VISIBLE = `(+c.status = 'published' OR (+c.status = 'deleted' AND EXISTS (
  WITH RECURSIVE sub(id) AS (
    SELECT d.id FROM comments d WHERE d.parent = c.id
    UNION ALL SELECT x.id FROM comments x JOIN sub ON x.parent = sub.id)
  SELECT 1 FROM sub JOIN comments y ON y.id = sub.id WHERE y.status = 'published')))`;

// Many sites (store/sites.ts): a listing across threads reads one site's when @scope is given: ''
// for the default site (keys without the mark, U+001F), 'NAME' + mark for another. A filter on the
// rows the listing's index already walks; NULL (a single site) costs nothing.
const SCOPE = `(@scope IS NULL OR (@scope = '' AND instr(thread, char(31)) = 0) OR (@scope <> '' AND substr(thread, 1, length(@scope)) = @scope))`;

export const SQLITE_STATEMENTS = {
  byId: 'SELECT * FROM comments WHERE id = ?',
  byKey: 'SELECT * FROM comments WHERE idempotency_key = ?',
  bump: `INSERT INTO thread_versions (thread, version) VALUES (?, 1)
    ON CONFLICT (thread) DO UPDATE SET version = version + 1`,
  insert: `INSERT INTO comments (id, thread, parent, root, status, name, email, website, avatar, text, format,
      created_at, edited_at, client_hash, author_key, reasons, idempotency_key, fingerprint, mention, source, owner)
    VALUES (@id, @thread, @parent, @root, @status, @name, @email, @website, @avatar, @text, @format,
      @createdAt, @editedAt, @clientHash, @authorKey, @reasons, @idempotencyKey, @fingerprint, @mention, @source, @owner)
    ON CONFLICT (idempotency_key) DO NOTHING`,
  // A comment that stops being published stops being pinned (issue 16 item 4): the caller passes
  // the pin it keeps (update) or the status twice (changeStatus).
  update: 'UPDATE comments SET text = ?, status = ?, reasons = ?, edited_at = ?, name = ?, website = ?, mention = ?, pinned_at = ? WHERE id = ?',
  changeStatus: `UPDATE comments SET status = ?, pinned_at = iif(? = 'published', pinned_at, NULL) WHERE id = ? AND status != ?`,
  // ---- Pins (issue 16 item 4): a thread's few, from the partial index comments_pinned ----
  pinnedOf: 'SELECT * FROM comments WHERE thread = ? AND pinned_at IS NOT NULL ORDER BY pinned_at',
  setPinned: 'UPDATE comments SET pinned_at = ? WHERE id = ?',
  // Best first (issue 16): by the kept Wilson score, then oldest; paged by position (votes move).
  // Pinned roots are left out (issue 16 item 4): the first page shows them first, from pinnedOf.
  rootsBest: `SELECT * FROM comments c WHERE thread = ? AND parent IS NULL AND pinned_at IS NULL AND ${VISIBLE} ORDER BY score DESC, seq LIMIT ? OFFSET ?`,
  rootsAsc: `SELECT * FROM comments c WHERE thread = ? AND parent IS NULL AND seq > ? AND pinned_at IS NULL AND ${VISIBLE} ORDER BY seq LIMIT ?`,
  rootsDesc: `SELECT * FROM comments c WHERE thread = ? AND parent IS NULL AND seq < ? AND pinned_at IS NULL AND ${VISIBLE} ORDER BY seq DESC LIMIT ?`,
  treeReplies: `SELECT * FROM comments c WHERE root = ? AND parent IS NOT NULL AND seq > ? AND ${VISIBLE} ORDER BY seq LIMIT ?`,
  // CROSS JOIN makes the walked ids the outer loop (SQLite keeps a CROSS JOIN's order): left to
  // itself the planner read every comment after the cursor by rowid and probed the walk.
  subtree: `WITH RECURSIVE sub(id) AS (
      SELECT id FROM comments WHERE parent = ? UNION ALL SELECT x.id FROM comments x JOIN sub ON x.parent = sub.id)
    SELECT c.* FROM sub CROSS JOIN comments c ON c.id = sub.id WHERE c.seq > ? AND ${VISIBLE} ORDER BY c.seq LIMIT ?`,
  // The replies of a whole page of roots in one statement (the root ids come as one JSON array,
  // json_each keeps their order in `key`). Each root's replies come from the (root, seq) index; the
  // ORDER BY then sorts the replies of at most 200 roots, and only when the thread has changed,
  // because the read route keeps the rendered page until the thread's version moves.
  pageReplies: `SELECT c.* FROM json_each(?) AS r JOIN comments c ON c.root = r.value
    WHERE c.parent IS NOT NULL AND ${VISIBLE} ORDER BY r.key, c.seq LIMIT ?`,
  // Which of these roots have any visible reply: stops at the first one of each.
  rootsWithReplies: `SELECT r.value AS root FROM json_each(?) AS r WHERE EXISTS (
    SELECT 1 FROM comments c WHERE c.root = r.value AND c.parent IS NOT NULL AND ${VISIBLE}) ORDER BY r.key`,
  byStatus: `SELECT * FROM comments WHERE status = @status AND seq < @before AND ${SCOPE} ORDER BY seq DESC LIMIT @limit`,
  byThreadStatus: 'SELECT * FROM comments WHERE thread = ? AND status = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
  // The echo rule's sample of a thread (routes/moderation-inputs.ts): only the columns it reads.
  recentTexts: 'SELECT id, seq, status, email, text FROM comments WHERE thread = ? AND status = ? ORDER BY seq DESC LIMIT ?',
  // …and what was added to it since (one range of the (thread, status, seq) index per status).
  textsSince: `SELECT id, seq, status, email, text FROM comments
    WHERE thread = ? AND status IN ('published', 'pending', 'spam') AND seq > ? ORDER BY seq LIMIT ?`,
  // The asked thread, or the one it is an alias of (issue 8), in the same statement.
  count: `SELECT count(*) AS n FROM comments WHERE thread = coalesce((SELECT to_thread FROM thread_aliases WHERE from_thread = ?), ?) AND status = 'published'`,
  version: 'SELECT version FROM thread_versions WHERE thread = ?',
  // substr(…) as in the comments_thread_text index (migrations.ts), so the lookup goes through it
  // (the text is bound twice).
  duplicate: `SELECT 1 FROM comments WHERE thread = ? AND substr(text, 1, 64) = substr(?, 1, 64) AND text = ? AND id != ?
    AND (lower(email) = lower(?) OR name = ?) LIMIT 1`,
  publishedByAuthor: `SELECT 1 FROM comments WHERE author_key = ? AND status = 'published' LIMIT 1`,
  byClient: 'SELECT count(*) AS n FROM comments WHERE client_hash = ? AND created_at >= ?',
  byClientAuthor: 'SELECT count(*) AS n FROM comments WHERE client_hash = ? AND author_key = ? AND created_at >= ?',
  hit: `INSERT INTO counters (key, window_start, count) VALUES (?, ?, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
  // Older windows of the same key are dead weight; dropping them on each hit keeps the table small.
  prune: 'DELETE FROM counters WHERE key = ? AND window_start < ?',
  counterGet: 'SELECT count FROM counters WHERE key = ? AND window_start = ?',
  secretInsert: `INSERT INTO settings (name, value) VALUES ('secret', ?) ON CONFLICT (name) DO NOTHING`,
  secretGet: `SELECT value FROM settings WHERE name = 'secret'`,
  articleGet: 'SELECT text, fetched_at FROM articles WHERE url = ?',
  articlePut: `INSERT INTO articles (url, text, fetched_at) VALUES (?, ?, ?)
    ON CONFLICT (url) DO UPDATE SET text = excluded.text, fetched_at = excluded.fetched_at`,
  articleDelete: 'DELETE FROM articles WHERE url = ?',
  // The cache is kept to a few hundred entries (comments/moderation-inputs.ts), newest kept.
  articlePrune: 'DELETE FROM articles WHERE url IN (SELECT url FROM articles ORDER BY fetched_at DESC, url LIMIT -1 OFFSET ?)',
  articlePrefix: 'SELECT url, text, fetched_at FROM articles WHERE substr(url, 1, length(?)) = ? ORDER BY fetched_at DESC LIMIT ?',
  ping: 'SELECT 1',
  // The change stamp (store.ts): this connection's row changes so far, and data_version, which
  // moves when another connection (another process) commits. No table is read.
  changeStamp: 'SELECT total_changes(), data_version FROM pragma_data_version',

  // ---- Issue 8 ----
  // Exports page through every comment: the rowid range is the whole table on purpose
  // (query-plans.test.ts lists the statements that read a whole table by design).
  listAll: `SELECT * FROM comments WHERE seq > @after AND ${SCOPE} ORDER BY seq LIMIT @limit`,
  // Imports: any unique conflict (id or idempotency key) skips the row, so a second import adds nothing.
  insertSkip: `INSERT INTO comments (id, thread, parent, root, status, name, email, website, avatar, text, format,
      created_at, edited_at, client_hash, reasons, idempotency_key, fingerprint, owner, pinned_at, mention, source)
    VALUES (@id, @thread, @parent, @root, @status, @name, @email, @website, @avatar, @text, @format,
      @createdAt, @editedAt, @clientHash, @reasons, @idempotencyKey, @fingerprint, @owner, @pinnedAt, @mention, @source)
    ON CONFLICT DO NOTHING`,
  // Atom feeds: (status, seq) and (thread, status, seq) serve the newest first and stop at the limit.
  // INDEXED BY: without statistics SQLite picks comments_status and sorts every published comment
  // of the site; the partial index walks them newest first and stops after the LIMIT.
  recentPublished: `SELECT * FROM comments INDEXED BY comments_published_created WHERE status = 'published' AND ${SCOPE} ORDER BY created_at DESC, seq DESC LIMIT @limit`,
  recentPublishedThread: `SELECT * FROM comments WHERE thread = ? AND status = 'published' ORDER BY created_at DESC, seq DESC LIMIT ?`,
  aliasGet: 'SELECT to_thread FROM thread_aliases WHERE from_thread = ?',
  aliasPut: `INSERT INTO thread_aliases (from_thread, to_thread) VALUES (?, ?)
    ON CONFLICT (from_thread) DO UPDATE SET to_thread = excluded.to_thread`,
  aliasRepoint: 'UPDATE thread_aliases SET to_thread = ? WHERE to_thread = ? RETURNING from_thread',
  // The whole (small) table, in its primary key order.
  aliasList: 'SELECT from_thread, to_thread FROM thread_aliases ORDER BY from_thread',
  moveThread: 'UPDATE comments SET thread = ? WHERE thread = ?',
  jobInsert: 'INSERT INTO jobs (kind, payload, run_at, created_at) VALUES (?, ?, ?, ?) RETURNING id',
  // Claiming: the due jobs in order, then each one leased, in one IMMEDIATE transaction (sqlite.ts),
  // so another process on the same file waits for the write lock and then sees the new run_at.
  // ---- Closing (issue 16 item 5) ----
  threadMeta: 'SELECT closed_at, published_at FROM thread_meta WHERE thread = ?',
  firstPublished: "SELECT min(created_at) AS at FROM comments WHERE thread = ? AND status = 'published'",
  setClosed: 'INSERT INTO thread_meta (thread, closed_at) VALUES (?, ?) ON CONFLICT (thread) DO UPDATE SET closed_at = excluded.closed_at',
  setPublishedAt: 'INSERT INTO thread_meta (thread, published_at) VALUES (?, ?) ON CONFLICT (thread) DO UPDATE SET published_at = excluded.published_at',
  // ---- Votes (issue 16 item 2) ----
  voteGet: 'SELECT value FROM votes WHERE comment_id = ? AND voter = ?',
  votePut: 'INSERT INTO votes (comment_id, voter, value, at) VALUES (?, ?, ?, ?) ON CONFLICT (comment_id, voter) DO UPDATE SET value = excluded.value, at = excluded.at',
  voteDelete: 'DELETE FROM votes WHERE comment_id = ? AND voter = ?',
  voteCounts: 'UPDATE comments SET votes_up = votes_up + ?, votes_down = votes_down + ? WHERE id = ? RETURNING thread, votes_up, votes_down',
  voteScore: 'UPDATE comments SET score = ? WHERE id = ?',
  // Exports (votesOf: the comments' ids as one JSON array) and imports (a created comment's votes,
  // after any rows an erased comment left under its id, then its counts and score in one write).
  votesOf: `SELECT v.comment_id, v.voter, v.value, v.at FROM json_each(@ids) AS r
    JOIN comments c ON c.id = r.value JOIN votes v ON v.comment_id = c.id WHERE ${SCOPE}`,
  votesClear: 'DELETE FROM votes WHERE comment_id = ?',
  voteRestore: 'INSERT INTO votes (comment_id, voter, value, at) VALUES (?, ?, ?, ?)',
  votesTally: 'UPDATE comments SET votes_up = ?, votes_down = ?, score = ? WHERE id = ?',
  jobDue: 'SELECT id FROM jobs WHERE dead = 0 AND run_at <= ? ORDER BY run_at, id LIMIT ?',
  // The kinds come as one JSON array (a statement cannot take a list of any length).
  jobDueOfKinds: 'SELECT id FROM jobs WHERE dead = 0 AND run_at <= ? AND kind IN (SELECT value FROM json_each(?)) ORDER BY run_at, id LIMIT ?',
  jobLease: 'UPDATE jobs SET attempts = attempts + 1, run_at = ? WHERE id = ? RETURNING *',
  jobDelete: 'DELETE FROM jobs WHERE id = ?',
  jobFail: 'UPDATE jobs SET run_at = ?, last_error = ?, dead = ? WHERE id = ?',
  jobsByDead: 'SELECT * FROM jobs WHERE dead = ? ORDER BY id LIMIT ?',

  // The readers part (issue 17).
  readerAdd: 'INSERT INTO reader_addresses (email, created_at) VALUES (?, ?) ON CONFLICT (email) DO NOTHING',
  readerGet: 'SELECT * FROM reader_addresses WHERE email = ?',
  readerFollows: 'SELECT kind, target, created_at FROM reader_follows WHERE email = ? ORDER BY created_at LIMIT 1000',
  readerFollow: 'INSERT INTO reader_follows (email, kind, target, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  readerConfirm: 'UPDATE reader_addresses SET confirmed_at = coalesce(confirmed_at, ?) WHERE email = ?',
  readerBind: 'INSERT INTO reader_keys (key_hash, email) VALUES (?, ?) ON CONFLICT (key_hash) DO UPDATE SET email = excluded.email',
  readerForgetAddress: 'DELETE FROM reader_addresses WHERE email = ?',
  readerForgetFollows: 'DELETE FROM reader_follows WHERE email = ?',
  readerForgetKeys: 'DELETE FROM reader_keys WHERE email = ?',
  readerForgetQueue: 'DELETE FROM reader_queue WHERE email = ?',
  readerStale: 'SELECT email FROM reader_addresses WHERE confirmed_at IS NULL AND created_at < ?',
  readerFollowers: `SELECT f.email FROM reader_follows f JOIN reader_addresses a ON a.email = f.email
    WHERE f.kind = 'replies' AND f.target = ? AND a.confirmed_at IS NOT NULL
    UNION SELECT f.email FROM reader_follows f JOIN reader_addresses a ON a.email = f.email
    WHERE f.kind = 'thread' AND f.target = ? AND a.confirmed_at IS NOT NULL`,
  readerQueue: 'INSERT INTO reader_queue (email, comment, queued_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  readerQueued: 'SELECT count(*) AS n FROM reader_queue WHERE email = ?',
  readerTake: 'DELETE FROM reader_queue WHERE email = ? RETURNING comment, queued_at',
  readerKeyAddress: `SELECT k.email FROM reader_keys k JOIN reader_addresses a ON a.email = k.email
    WHERE k.key_hash = ? AND a.confirmed_at IS NOT NULL`,
  readerKeys: 'SELECT key_hash FROM reader_keys WHERE email = ? LIMIT ?',
  readerComments: 'SELECT * FROM comments WHERE lower(email) = ? ORDER BY seq LIMIT ?',
  readerHasReply: 'SELECT 1 FROM comments WHERE parent = ? LIMIT 1',
  readerTombstone: `UPDATE comments SET status = 'deleted', name = '', email = '', website = NULL, text = '',
    client_hash = NULL, author_key = NULL, reasons = '[]', fingerprint = NULL, pinned_at = NULL WHERE id = ?`,
  readerRemove: 'DELETE FROM comments WHERE id = ?',
  // Every job, oldest first: the rowid order, stopping at the limit.
  jobsAll: 'SELECT * FROM jobs ORDER BY id LIMIT ?',

  // The spam part (issue 15): the learning filter's counts, Akismet's client details.
  spamModelGet: 'SELECT ham, spam, version FROM spam_models WHERE site = ?',
  spamModelAdd: `INSERT INTO spam_models (site, ham, spam, version) VALUES (?, ?, ?, 1)
    ON CONFLICT (site) DO UPDATE SET ham = ham + excluded.ham, spam = spam + excluded.spam, version = version + 1`,
  spamModelReset: 'UPDATE spam_models SET ham = 0, spam = 0, version = version + 1 WHERE site = ?',
  // The features come as one JSON array (json_each); `WHERE true` tells SQLite's parser the ON
  // CONFLICT is the upsert's, not the SELECT's join.
  spamFeaturesAdd: `INSERT INTO spam_features (site, feature, ham, spam) SELECT ?, value, ?, ? FROM json_each(?) WHERE true
    ON CONFLICT (site, feature) DO UPDATE SET ham = ham + excluded.ham, spam = spam + excluded.spam`,
  spamFeaturesPrune: 'DELETE FROM spam_features WHERE site = ? AND feature IN (SELECT value FROM json_each(?)) AND ham <= 0 AND spam <= 0',
  spamFeaturesAll: 'SELECT feature, ham, spam FROM spam_features WHERE site = ?',
  spamFeaturesReset: 'DELETE FROM spam_features WHERE site = ?',
  spamDecisionGet: 'SELECT label, features FROM spam_decisions WHERE site = ? AND comment_id = ?',
  spamDecisionPut: `INSERT INTO spam_decisions (site, comment_id, label, features) VALUES (?, ?, ?, ?)
    ON CONFLICT (site, comment_id) DO UPDATE SET label = excluded.label, features = excluded.features`,
  spamDecisionsReset: 'DELETE FROM spam_decisions WHERE site = ?',
  clientKeep: `INSERT INTO akismet_clients (comment_id, address, user_agent, referrer, kept_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (comment_id) DO UPDATE SET address = excluded.address, user_agent = excluded.user_agent, referrer = excluded.referrer, kept_at = excluded.kept_at`,
  clientGet: 'SELECT address, user_agent, referrer, kept_at FROM akismet_clients WHERE comment_id = ?',
  clientForget: 'DELETE FROM akismet_clients WHERE kept_at < ?',

  // ---- The moderation desk (issue 21) ----
  // Search within one tab (a status), newest or oldest first from a cursor: the status index gives
  // the order, and the text, rule and thread tests filter it (instr on lower(): any case, no
  // wildcards to escape). The thread filter may ride on the same index: a desk is a small table.
  deskNewest: `SELECT * FROM comments WHERE status = @status AND seq < @cursor
    AND (@thread IS NULL OR thread = @thread) AND ${SCOPE}
    AND (@query IS NULL OR instr(lower(text), @query) OR instr(lower(name), @query) OR instr(lower(email), @query)
      OR instr(lower(coalesce(website, '')), @query) OR instr(lower(thread), @query))
    AND (@rule IS NULL OR EXISTS (SELECT 1 FROM json_each(comments.reasons) r WHERE json_extract(r.value, '$.rule') = @rule))
    ORDER BY seq DESC LIMIT @limit`,
  deskOldest: `SELECT * FROM comments WHERE status = @status AND seq > @cursor
    AND (@thread IS NULL OR thread = @thread) AND ${SCOPE}
    AND (@query IS NULL OR instr(lower(text), @query) OR instr(lower(name), @query) OR instr(lower(email), @query)
      OR instr(lower(coalesce(website, '')), @query) OR instr(lower(thread), @query))
    AND (@rule IS NULL OR EXISTS (SELECT 1 FROM json_each(comments.reasons) r WHERE json_extract(r.value, '$.rule') = @rule))
    ORDER BY seq LIMIT @limit`,
  // A tab's count, up to a cap ("Published 1000+"): at most that many entries of the status index.
  deskCount: `SELECT count(*) AS n FROM (SELECT 1 FROM comments WHERE status = @status AND ${SCOPE} ORDER BY seq DESC LIMIT @cap)`,
  // An author's history by address (any case) and by client.
  deskByEmail: `SELECT status, count(*) AS n FROM comments WHERE lower(email) = lower(@email) AND ${SCOPE} GROUP BY status`,
  deskByClient: `SELECT status, count(*) AS n FROM comments WHERE client_hash = @clientHash AND ${SCOPE} GROUP BY status`,
  tokenAdd: 'INSERT INTO moderator_tokens (name, hash, created_at, site) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  tokenAll: 'SELECT name, hash, created_at, site FROM moderator_tokens ORDER BY name',
  tokenByHash: 'SELECT name, hash, created_at, site FROM moderator_tokens WHERE hash = ?',
  tokenRevoke: 'DELETE FROM moderator_tokens WHERE name = ?',
  logAdd: 'INSERT INTO moderator_log (at, who, action, ids, detail) VALUES (?, ?, ?, ?, ?) RETURNING id',
  logGet: 'SELECT * FROM moderator_log WHERE id = ?',
  logPage: 'SELECT * FROM moderator_log WHERE id < ? ORDER BY id DESC LIMIT ?',
  logPrune: 'DELETE FROM moderator_log WHERE at < ?',
  listsAll: 'SELECT * FROM moderation_lists ORDER BY list, value',
  listsOne: 'SELECT * FROM moderation_lists WHERE list = ? ORDER BY value',
  listPut: `INSERT INTO moderation_lists (list, value, until, created_at, note) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (list, value) DO UPDATE SET until = excluded.until, created_at = excluded.created_at, note = excluded.note`,
  listRemove: 'DELETE FROM moderation_lists WHERE list = ? AND value = ?',
  deskSettingGet: `SELECT value FROM settings WHERE name = 'desk:' || ?`,
  deskSettingPut: `INSERT INTO settings (name, value) VALUES ('desk:' || ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
} as const;

export type SqliteStatementName = keyof typeof SQLITE_STATEMENTS;
