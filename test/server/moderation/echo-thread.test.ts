// The per-process thread index (echo-thread.ts) must answer exactly what prepareThread answers for
// the texts the server used to load for each post: same verdicts, same sources met in the same order.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { echoRule, prepareArticle, prepareThread, type SourceIndex } from '../../../src/server/moderation/echo.ts';
import { ThreadIndex } from '../../../src/server/moderation/echo-thread.ts';
import { threadSources } from '../../../src/server/comments/moderation-inputs.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';
import { ECHO_STATUSES, type ThreadText } from '../../../src/server/store/store.ts';

const comments: { article: string; text: string }[] = JSON.parse(readFileSync(new URL('../../../eval/spam/comments.json', import.meta.url), 'utf8'));
const articleFile = JSON.parse(readFileSync(new URL('../../../eval/spam/articles/council-library.json', import.meta.url), 'utf8'));
const article = prepareArticle([articleFile.title, ...articleFile.paragraphs].join('\n\n'));

/** What routes/moderation-inputs.ts loaded before the index: newest `perStatus` per status, others' only. */
function reference(rows: ThreadText[], perStatus: number, email: string, exceptId?: string): string[] {
  const author = email.trim().toLowerCase();
  return ECHO_STATUSES.flatMap((status) => rows.filter((r) => r.status === status).sort((a, b) => b.seq - a.seq).slice(0, perStatus))
    .filter((r) => r.id !== exceptId && r.email.trim().toLowerCase() !== author)
    .map((r) => r.text);
}

/** Each key's sources as the rule meets them (by content, since ids are private to an index). */
function lookups(index: SourceIndex, keys: string[]): string[][] {
  return keys.map((k) => (index.postings.get(k) ?? []).map((id) => [...index.sources[id]!.keys].join(' ')));
}

/** The rule's verdict, reason and signals; not its `cost`: a view also walks postings of comments it leaves out. */
function judgement(text: string, others: SourceIndex) {
  const { cost: _cost, ...rest } = echoRule({ text, article, others });
  return rest;
}

function random(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('ThreadIndex', () => {
  it('gives the same sources, in the same order, and the same verdicts as prepareThread', () => {
    const next = random(3);
    const perStatus = 7;
    const texts = comments.map((c) => c.text);
    const rows: ThreadText[] = [];
    const index = new ThreadIndex(0, perStatus);
    let checked = 0;
    for (let seq = 1; seq <= 120; seq++) {
      // Copies of earlier comments (bots copy each other) and a few repeat authors.
      const text = next() < 0.3 && rows.length ? rows[Math.floor(next() * rows.length)]!.text : texts[Math.floor(next() * texts.length)]!;
      const status = ECHO_STATUSES[Math.floor(next() * 3)]!;
      const row = { id: `c${seq}`, seq, status, email: `${next() < 0.5 ? 'A' : 'b'}${Math.floor(next() * 4)}@x.org `, text };
      // The post as the server would judge it now, before it is stored.
      if (seq % 3 === 0) {
        for (const email of [row.email, 'nobody@x.org']) {
          const view = index.view(email);
          const ref = prepareThread(reference(rows, perStatus, email));
          const keys = [...new Set([...text.toLowerCase().split(/\W+/), ...[...ref.postings.keys()].slice(0, 50)])];
          expect(lookups(view, keys)).toEqual(lookups(ref, keys));
          expect(view.sources.length > 0).toBe(ref.sources.length > 0);
          expect(judgement(text, view)).toEqual(judgement(text, ref));
          checked++;
        }
      }
      rows.push(row);
      index.add(row);
    }
    expect(checked).toBe(80);
    // An edit's view leaves the comment itself out, and compacting changes nothing seen.
    const compacted = index.compact();
    const last = rows[rows.length - 1]!;
    for (const text of texts.slice(0, 20)) {
      const ref = judgement(text, prepareThread(reference(rows, perStatus, 'x@y.z', last.id)));
      expect(judgement(text, index.view('x@y.z', last.id))).toEqual(ref);
      expect(judgement(text, compacted.view('x@y.z', last.id))).toEqual(ref);
    }
  });

  it('keeps a view as it was when taken', () => {
    const index = new ThreadIndex(0, 10);
    const copied = comments.find((c) => c.text.split(' ').length > 20)!.text;
    const view = index.view('me@x.org');
    index.add({ id: 'a', seq: 1, status: 'published', email: 'other@x.org', text: copied });
    expect(view.postings.get('library')).toBeUndefined();
    expect(echoRule({ text: copied, article: null, others: index.view('me@x.org') }).message).toMatch(/already posted in this thread/);
  });
});

describe('threadSources', () => {
  it('follows the store: new comments, edits and deletes, as reading it on every post would', async () => {
    const store = createMemoryStore();
    const thread = '/echo-cache';
    const long = comments.filter((c) => c.text.split(' ').length > 20).map((c) => c.text);
    let n = 0;
    const add = (text: string, status: ThreadText['status'] = 'published', email = `r${n}@x.org`) =>
      store.comments.insert({
        id: `k${++n}`, thread, parent: null, root: `k${n}`, status, name: `R${n}`, email, website: null, avatar: 's', text,
        createdAt: n, editedAt: null, clientHash: null, reasons: [], idempotencyKey: null, fingerprint: null,
      });
    const verdict = async (text: string, email = 'poster@x.org') => echoRule({ text, article: null, others: await threadSources(store, thread, email) }).verdict;
    const first = await add(long[0]!);
    expect(await verdict(long[0]!)).toBe('spam');
    expect(await verdict(long[1]!)).toBe('publish');
    await add(long[1]!, 'pending', 'held@x.org');
    expect(await verdict(long[1]!)).toBe('spam');
    expect(await verdict(long[1]!, ' Held@X.org')).toBe('publish');
    // Changed elsewhere (another instance): an edit and a delete bump the version; the index follows.
    await store.comments.update(first.comment.id, { text: long[2]!, editedAt: 5 });
    expect(await verdict(long[0]!)).toBe('publish');
    expect(await verdict(long[2]!)).toBe('spam');
    await store.comments.setStatus([first.comment.id], 'deleted');
    expect(await verdict(long[2]!)).toBe('publish');
    // Many at once, concurrently: every call sees at least what was stored before it began.
    for (const text of long.slice(3, 9)) await add(text, 'spam');
    const seen = await Promise.all(long.slice(3, 9).map((t) => verdict(t)));
    expect(seen).toEqual(long.slice(3, 9).map(() => 'spam'));
  });
});
