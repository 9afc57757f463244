// The store as one site of many sees it (issue 19 item 5; the keys: sites.ts): the site's threads
// have their own ids and the other sites do not exist, so the API, the read cache, the live hub and
// the use cases run unchanged on it (app.ts makes one app per site). What the view leaves shared, on
// purpose: rate limits (per client, whichever site it posts to), the outbox (one worker delivers
// every site's jobs), the server secret, and a reader's address and its confirmation.
import type { StoredComment } from './comments.ts';
import { inScope, siteScope } from './sites.ts';
import type { LogEntry } from './desk.ts';
import type { Store } from './store.ts';

/** How many pages of the whole action log one site's page may read (forSite's logEntries). */
const LOG_READS = 20;

/**
 * The store as one site sees it. `shared`: other sites share the store, so the default site's
 * listings leave their rows out (a single-site server uses the store itself, with no view).
 *
 * @example const blog = forSite(store, 'blog'); await blog.threads.countPublished(['/about']);
 */
export function forSite(store: Store, site: string): Store {
  const scope = siteScope(site);
  const key = (thread: string) => scope + thread;
  const mine = (thread: string) => inScope(thread, scope);
  const own = (thread: string) => thread.slice(scope.length);
  const keyOf = (idempotencyKey: string | null) => (idempotencyKey === null ? null : scope + idempotencyKey);
  const out = (row: StoredComment): StoredComment => ({
    ...row,
    thread: own(row.thread),
    idempotencyKey: row.idempotencyKey === null ? null : row.idempotencyKey.slice(scope.length),
  });
  const outRows = (rows: StoredComment[]) => rows.filter((row) => mine(row.thread)).map(out);
  const { comments, threads, history, aliases, votes, events, readers, spam, desk, articles } = store;
  const ownComment = async (id: string) => {
    const row = await comments.get(id);
    return row && mine(row.thread) ? row : null;
  };
  const ownIds = async (ids: readonly string[]) => (await Promise.all(ids.map(ownComment))).flatMap((row) => (row ? [row.id] : []));

  return {
    ...store,
    comments: {
      async insert(comment, options) {
        const { comment: row, created } = await comments.insert({ ...comment, thread: key(comment.thread), idempotencyKey: keyOf(comment.idempotencyKey) }, options);
        return { comment: out(row), created };
      },
      get: async (id) => {
        const row = await ownComment(id);
        return row && out(row);
      },
      async getByIdempotencyKey(idempotencyKey) {
        const row = await comments.getByIdempotencyKey(scope + idempotencyKey);
        return row && mine(row.thread) ? out(row) : null;
      },
      async update(id, patch, options) {
        if (!(await ownComment(id))) return null;
        const row = await comments.update(id, patch, options);
        return row && out(row);
      },
      setStatus: async (ids, status, options) => comments.setStatus(await ownIds(ids), status, options),
      insertMany: (rows) => comments.insertMany(rows.map((c) => ({ ...c, thread: key(c.thread), idempotencyKey: keyOf(c.idempotencyKey) }))),
      listByStatus: async (filter) => outRows(await comments.listByStatus({ ...filter, thread: filter.thread === undefined ? undefined : key(filter.thread), scope })),
      search: async (filter) => outRows(await comments.search({ ...filter, thread: filter.thread === undefined ? undefined : key(filter.thread), scope })),
      statusCounts: (of) => comments.statusCounts({ ...of, scope }),
      listAll: async (page) => outRows(await comments.listAll({ ...page, scope })),
      // Issue 16 item 4: another site's comment is not there to pin.
      async pin(id, change) {
        if (!(await ownComment(id))) return { ok: false, refused: 'not_found' };
        const outcome = await comments.pin(id, change);
        if (outcome.ok) return { ...outcome, comment: out(outcome.comment) };
        return outcome.refused === 'limit' ? { ...outcome, pinned: outcome.pinned.map(out) } : outcome;
      },
    },
    threads: {
      listRoots: async (thread, page) => outRows(await threads.listRoots(key(thread), page)),
      listPinned: async (thread) => outRows(await threads.listPinned(key(thread))),
      listSubtree: async (parent, page) => outRows(await threads.listSubtree(parent, page)),
      async listReplies(roots, page) {
        const { replies, truncated } = await threads.listReplies(roots, page);
        return { replies: outRows(replies), truncated };
      },
      async countPublished(asked) {
        const totals = await threads.countPublished(asked.map(key));
        // No prototype: a thread may be called "__proto__" (as in the stores).
        const counts: Record<string, number> = Object.create(null);
        for (const thread of asked) counts[thread] = totals[key(thread)] ?? 0;
        return counts;
      },
      version: (thread) => threads.version(key(thread)),
      ...(threads.versionNow && { versionNow: (thread: string) => threads.versionNow!(key(thread)) }),
      listRecentPublished: async (filter) =>
        outRows(await threads.listRecentPublished(filter.thread === undefined ? { limit: filter.limit, scope } : { thread: key(filter.thread), limit: filter.limit })),
      closing: (thread) => threads.closing(key(thread)),
      setClosed: (thread, at) => threads.setClosed(key(thread), at),
      setPublishedAt: (thread, at) => threads.setPublishedAt(key(thread), at),
    },
    history: {
      ...history,
      recentTexts: (thread, perStatus) => history.recentTexts(key(thread), perStatus),
      textsSince: (thread, afterSeq, limit) => history.textsSince(key(thread), afterSeq, limit),
      hasDuplicate: (query) => history.hasDuplicate({ ...query, thread: key(query.thread) }),
    },
    aliases: {
      set: (from, to) => aliases.set(key(from), key(to)),
      async resolve(asked) {
        const found = await aliases.resolve(asked.map(key));
        const resolved: Record<string, string> = Object.create(null);
        for (const thread of asked) resolved[thread] = own(found[key(thread)] ?? key(thread));
        return resolved;
      },
      list: async () => (await aliases.list()).filter((a) => mine(a.from)).map((a) => ({ from: own(a.from), to: own(a.to) })),
    },
    votes: {
      async cast(vote) {
        if (!(await ownComment(vote.comment))) return null;
        const cast = await votes.cast(vote);
        return cast && { ...cast, thread: own(cast.thread) };
      },
      listOf: (ids) => votes.listOf(ids, scope),
    },
    events: {
      announce: (event) => events.announce({ ...event, thread: key(event.thread) }),
      listen: (hear) => events.listen((event) => mine(event.thread) && hear({ ...event, thread: own(event.thread) })),
    },
    readers: {
      ...readers,
      follow: (email, follow, now) => readers.follow(email, follow.kind === 'thread' ? { ...follow, target: key(follow.target) } : follow, now),
      async get(email) {
        const found = await readers.get(email);
        return found && { ...found, follows: found.follows.filter((f) => f.kind !== 'thread' || mine(f.target)).map((f) => (f.kind === 'thread' ? { ...f, target: own(f.target) } : f)) };
      },
      followers: (query) => readers.followers({ ...query, thread: key(query.thread) }),
      commentsOf: async (email, limit) => outRows(await readers.commentsOf(email, limit)),
    },
    spam: {
      ...spam,
      // One learning model per site (the store keys models by site already, issue 15).
      learn: (_site, commentId, label, features) => spam.learn(site, commentId, label, features),
      version: () => spam.version(site),
      model: () => spam.model(site),
      reset: () => spam.reset(site),
    },
    desk: {
      ...desk,
      // A token made with `parley token add NAME --site S` moderates S only; one without a site, every site.
      tokens: async () => (await desk.tokens()).filter((t) => !t.site || t.site === site),
      async tokenByHash(hash) {
        const token = await desk.tokenByHash(hash);
        return token && (!token.site || token.site === site) ? token : null;
      },
      // The site's own lists (hold words, bans …), desk settings and action log: each value, setting
      // name and log entry's `who` carries the site as a thread key does.
      listEntries: async (list) =>
        (await desk.listEntries(list)).filter((e) => mine(e.value)).map((e) => ({ ...e, value: own(e.value) })),
      putListEntry: (entry) => desk.putListEntry({ ...entry, value: key(entry.value) }),
      removeListEntry: (list, value) => desk.removeListEntry(list, key(value)),
      setting: (name) => desk.setting(key(name)),
      setSetting: (name, value) => desk.setSetting(key(name), value),
      log: (entry) => desk.log({ ...entry, who: key(entry.who) }),
      async logEntry(id) {
        const entry = await desk.logEntry(id);
        return entry && mine(entry.who) ? { ...entry, who: own(entry.who) } : null;
      },
      async logEntries({ beforeId, limit }) {
        // Other sites' entries are left out, so a page is read on until it is full: at most
        // LOG_READS pages of the whole log, then what was found (a short page, the rest older).
        const found: LogEntry[] = [];
        for (let read = 0, before = beforeId; read < LOG_READS && found.length < limit; read++) {
          const page = await desk.logEntries({ beforeId: before, limit });
          found.push(...page.filter((e) => mine(e.who)).map((e) => ({ ...e, who: own(e.who) })));
          if (page.length < limit) break;
          before = page.at(-1)!.id;
        }
        return found.slice(0, limit);
      },
    },
    articles: {
      ...articles,
      get: (name) => articles.get(key(name)),
      put: (name, article) => articles.put(key(name), article),
      remove: (name) => articles.remove(key(name)),
      listPrefix: async (prefix, limit) =>
        (await articles.listPrefix(key(prefix), limit)).filter((a) => mine(a.key)).map((a) => ({ ...a, key: own(a.key) })),
    },
    // The store is the server's; closing one site's view leaves it open for the others.
    close: async () => {},
  };
}
