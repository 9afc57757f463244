// The one adapter contract (DESIGN "The Backend adapter"): every Backend in src/adapters runs this
// suite, so the widget can count on the same answers from memory, localStorage and the real server.
// Each test makes its own backend, so a backend needs no reset between tests.
import { describe, expect, it } from 'vitest';
import { BackendError, type Backend } from '../../src/adapters/backend.ts';
import type { NewComment, PublicComment, ThreadPage } from '../../src/core/types.ts';

export interface ContractOptions {
  /** Hold every new comment for a moderator (the server's `moderation: 'all'`). */
  holdAll?: boolean;
}

export type MakeBackend = (options: ContractOptions) => Backend | Promise<Backend>;

/**
 * What an adapter declares it supports, of the Backend's optional methods (issue 14 item 14). The
 * contract asserts the declaration (a backend has exactly these methods) and runs each optional
 * method's tests only where it is declared, shown as skipped elsewhere: a test that returns early
 * when a method is missing passes having checked nothing.
 */
export interface Capabilities {
  replies: boolean;
  edit: boolean;
  remove: boolean;
  counts: boolean;
  formToken: boolean;
}

let serial = 0;

/** A valid draft with a fresh idempotency key and a text no other draft has (servers refuse duplicates). */
export function draft(thread: string, extra: Partial<NewComment> = {}): NewComment {
  const n = ++serial;
  return {
    thread,
    text: `Contract comment number ${n}, with a few words of its own.`,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    idempotencyKey: `contract-${n}-${Math.random().toString(36).slice(2)}`,
    ...extra,
  };
}

/** The BackendError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BackendError);
    return error as BackendError;
  }
  throw new Error('Expected the call to be refused, but it succeeded.');
}

const ids = (page: ThreadPage) => page.comments.map((c) => c.id);

/** Every comment's parent, when it is on the page, comes before it (DESIGN: "parents before children"). */
function expectParentsFirst(comments: PublicComment[]) {
  const seen = new Set<string>();
  for (const c of comments) {
    if (c.parent && comments.some((p) => p.id === c.parent)) expect(seen.has(c.parent), `${c.id} listed before its parent`).toBe(true);
    seen.add(c.id);
  }
}

/** Follow nextCursor to the end, returning every page. */
async function allPages(backend: Backend, thread: string, limit: number): Promise<ThreadPage[]> {
  const pages: ThreadPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await backend.list(thread, { limit, cursor });
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
    if (pages.length > 50) throw new Error('nextCursor never ran out');
  } while (cursor);
  return pages;
}

export function runBackendContract(name: string, makeBackend: MakeBackend, caps: Capabilities): void {
  let threadSerial = 0;
  const newThread = () => `/contract/${name.replace(/\W+/g, '-')}/${++threadSerial}`;

  describe(`${name} backend (adapter contract)`, () => {
    it('has exactly the optional methods it declares', async () => {
      const backend = await makeBackend({});
      const has = Object.fromEntries(Object.keys(caps).map((method) => [method, typeof backend[method as keyof Backend] === 'function']));
      expect(has).toEqual(caps);
    });

    it('lists an unknown thread as empty with a count of 0', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const page = await backend.list(thread);
      // `closed` is optional (a backend that cannot tell leaves it out); an open thread is never
      // closed. `votes` (issue 16) is what votes a backend takes, where it has any.
      expect(page).toEqual({ thread: { id: thread, count: 0, ...('closed' in page.thread && { closed: false }), ...(page.thread.votes && { votes: page.thread.votes }) }, comments: [], nextCursor: null });
    });

    it('publishes a post and lists it under the published count', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const d = draft(thread, { website: 'https://ada.example.org' });
      const posted = await backend.post(d);
      expect(posted.status).toBe('published');
      expect(typeof posted.editToken).toBe('string');
      expect(posted.editToken.length).toBeGreaterThan(0);
      expect(posted.comment).toMatchObject({ thread, parent: null, text: d.text, editedAt: null });
      expect(posted.comment.author.name).toBe('Ada Lovelace');
      expect(posted.comment.author.website).toMatch(/^https:\/\/ada\.example\.org\/?$/);
      expect(typeof posted.comment.author.avatar).toBe('string');
      expect(Number.isNaN(Date.parse(posted.comment.createdAt))).toBe(false);
      expect(posted.comment.deleted).toBeUndefined();

      const page = await backend.list(thread);
      expect(page.thread).toEqual({ id: thread, count: 1, ...('closed' in page.thread && { closed: false }), ...(page.thread.votes && { votes: page.thread.votes }) });
      expect(page.comments).toEqual([posted.comment]);
      expect(page.nextCursor).toBeNull();
    });

    it('never shows the email address, in the post answer or the list', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const posted = await backend.post(draft(thread, { email: 'Secret.Person@example.com' }));
      const page = await backend.list(thread);
      for (const json of [JSON.stringify(posted), JSON.stringify(page)]) {
        expect(json.toLowerCase()).not.toContain('secret.person');
      }
    });

    it('answers held for a held comment and keeps it out of the list and the counts', async () => {
      const backend = await makeBackend({ holdAll: true });
      const thread = newThread();
      const posted = await backend.post(draft(thread));
      expect(posted.status).toBe('held');
      expect(posted.editToken.length).toBeGreaterThan(0);
      const page = await backend.list(thread);
      expect(page.comments).toEqual([]);
      expect(page.thread.count).toBe(0);
      if (caps.counts) expect(await backend.counts!([thread])).toEqual({ [thread]: 0 });
    });

    it('returns the same comment and edit token when a post is retried with its key', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const d = draft(thread);
      const first = await backend.post(d);
      const again = await backend.post({ ...d });
      expect(again.comment.id).toBe(first.comment.id);
      expect(again.editToken).toBe(first.editToken);
      expect(again.status).toBe(first.status);
      const page = await backend.list(thread);
      expect(ids(page)).toEqual([first.comment.id]);
      expect(page.thread.count).toBe(1);
    });

    it('returns held again, not a second comment, when a held post is retried', async () => {
      const backend = await makeBackend({ holdAll: true });
      const d = draft(newThread());
      const first = await backend.post(d);
      const again = await backend.post({ ...d });
      expect(again).toMatchObject({ status: 'held', editToken: first.editToken });
      expect(again.comment.id).toBe(first.comment.id);
    });

    it('refuses the same idempotency key with a different body', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const d = draft(thread);
      const first = await backend.post(d);
      const error = await rejection(backend.post({ ...d, text: 'Something else entirely, said twice.' }));
      expect(error.code).toBe('idempotency_conflict');
      expect(error.status).toBe(409);
      expect(error.retryable).toBe(false);
      expect(ids(await backend.list(thread))).toEqual([first.comment.id]);
    });

    it('refuses an invalid draft with a message for each field and stores nothing', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const error = await rejection(backend.post(draft(thread, { text: '   ', email: 'not an address', name: 'Eve\u202Eevil' })));
      expect(error.code).toBe('invalid');
      expect(error.status).toBe(400);
      expect(error.message.length).toBeGreaterThan(0);
      expect(Object.keys(error.fields ?? {}).sort()).toEqual(['email', 'name', 'text']);
      for (const message of Object.values(error.fields ?? {})) expect(message).toMatch(/\w{3,}/);
      expect(await backend.list(thread)).toMatchObject({ thread: { count: 0 }, comments: [] });
    });

    it('refuses a reply to a comment that does not exist, naming the parent field', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const error = await rejection(backend.post(draft(thread, { parent: 'no-such-comment' })));
      expect(error.code).toBe('invalid');
      expect(error.fields?.parent).toBeTruthy();
    });

    it('refuses a reply to a comment of another thread', async () => {
      const backend = await makeBackend({});
      const elsewhere = await backend.post(draft(newThread()));
      const error = await rejection(backend.post(draft(newThread(), { parent: elsewhere.comment.id })));
      expect(error.code).toBe('invalid');
      expect(error.fields?.parent).toBeTruthy();
    });

    it('lists replies with their roots, parents before children', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const a = await backend.post(draft(thread));
      const b = await backend.post(draft(thread));
      const a1 = await backend.post(draft(thread, { parent: a.comment.id }));
      const a2 = await backend.post(draft(thread, { parent: a1.comment.id }));
      const b1 = await backend.post(draft(thread, { parent: b.comment.id }));
      expect(a1.comment.parent).toBe(a.comment.id);
      const page = await backend.list(thread);
      expect(page.thread.count).toBe(5);
      expect(ids(page).sort()).toEqual([a, b, a1, a2, b1].map((p) => p.comment.id).sort());
      expectParentsFirst(page.comments);
      expect(page.comments.filter((c) => !c.parent).map((c) => c.id)).toEqual([a.comment.id, b.comment.id]);

      if (caps.replies) {
        const sub = await backend.replies!(a.comment.id, { thread });
        expect(ids(sub).sort()).toEqual([a1.comment.id, a2.comment.id].sort());
        expectParentsFirst(sub.comments);
        expect(sub.nextCursor).toBeNull();
      }
    });

    it('pages top-level comments with cursors until nextCursor is null', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const roots: string[] = [];
      for (let i = 0; i < 5; i++) roots.push((await backend.post(draft(thread))).comment.id);
      const reply = await backend.post(draft(thread, { parent: roots[2] }));
      const pages = await allPages(backend, thread, 2);
      expect(pages.map((p) => p.comments.filter((c) => !c.parent).length)).toEqual([2, 2, 1]);
      expect(pages.flatMap((p) => p.comments.filter((c) => !c.parent).map((c) => c.id))).toEqual(roots);
      // The reply travels on its root's page, and every page carries the thread's whole count.
      expect(ids(pages[1]!)).toContain(reply.comment.id);
      for (const page of pages) expect(page.thread.count).toBe(6);
    });

    it('sorts newest first when asked', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const roots: string[] = [];
      for (let i = 0; i < 3; i++) roots.push((await backend.post(draft(thread))).comment.id);
      const page = await backend.list(thread, { sort: 'newest' });
      expect(ids(page)).toEqual([...roots].reverse());
      const oldest = await backend.list(thread, { sort: 'oldest' });
      expect(ids(oldest)).toEqual(roots);
    });

    it('clamps the page size instead of refusing it', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      for (let i = 0; i < 3; i++) await backend.post(draft(thread));
      expect((await backend.list(thread, { limit: 0 })).comments).toHaveLength(1);
      expect((await backend.list(thread, { limit: -7 })).comments).toHaveLength(1);
      const big = await backend.list(thread, { limit: 100_000 });
      expect(big.comments).toHaveLength(3);
      expect(big.nextCursor).toBeNull();
    });

    it.runIf(caps.counts)('counts exactly the threads asked for, published comments only', async () => {
      const backend = await makeBackend({});
      const busy = newThread();
      const odd = `${newThread()}?p=4&x=a b`;
      const empty = newThread();
      const root = await backend.post(draft(busy));
      await backend.post(draft(busy, { parent: root.comment.id }));
      await backend.post(draft(odd));
      expect(await backend.counts!([busy, odd, empty])).toEqual({ [busy]: 2, [odd]: 1, [empty]: 0 });
      expect(await backend.counts!([])).toEqual({});
    });

    it.runIf(caps.edit)('edits a comment with its edit token', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const posted = await backend.post(draft(thread));
      const edited = await backend.edit!(posted.comment.id, posted.editToken, '  Second thoughts, better worded.  ');
      expect(edited).toMatchObject({ id: posted.comment.id, text: 'Second thoughts, better worded.' });
      expect(edited.editedAt).not.toBeNull();
      expect((await backend.list(thread)).comments[0]?.text).toBe('Second thoughts, better worded.');
    });

    it.runIf(caps.edit)('refuses an edit without the right token and leaves the comment as it was', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const posted = await backend.post(draft(thread));
      const other = await backend.post(draft(thread));
      for (const token of ['', 'forged-token', other.editToken]) {
        const error = await rejection(backend.edit!(posted.comment.id, token, 'Hijacked.'));
        expect(error.code).toBe('unauthorized');
        expect(error.status).toBe(401);
      }
      expect((await backend.list(thread)).comments[0]?.text).toBe(posted.comment.text);
    });

    it.runIf(caps.edit)('refuses an edit that makes the text invalid', async () => {
      const backend = await makeBackend({});
      const posted = await backend.post(draft(newThread()));
      const error = await rejection(backend.edit!(posted.comment.id, posted.editToken, '   '));
      expect(error.code).toBe('invalid');
      expect(error.fields?.text).toBeTruthy();
    });

    it.runIf(caps.edit)('answers not_found for an edit of a comment that does not exist', async () => {
      const backend = await makeBackend({});
      const error = await rejection(backend.edit!('no-such-comment', 'whatever', 'Text.'));
      expect(error.code).toBe('not_found');
      expect(error.status).toBe(404);
    });

    it.runIf(caps.remove)('removes a comment with its edit token, and refuses without it', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const posted = await backend.post(draft(thread));
      const error = await rejection(backend.remove!(posted.comment.id, 'forged-token'));
      expect(error.code).toBe('unauthorized');
      expect((await backend.list(thread)).thread.count).toBe(1);

      await backend.remove!(posted.comment.id, posted.editToken);
      expect(await backend.list(thread)).toMatchObject({ thread: { count: 0 }, comments: [] });
      if (caps.counts) expect(await backend.counts!([thread])).toEqual({ [thread]: 0 });
    });

    it.runIf(caps.remove)('keeps a removed comment with published replies as a deleted placeholder without its text', async () => {
      const backend = await makeBackend({});
      const thread = newThread();
      const parent = await backend.post(draft(thread));
      const reply = await backend.post(draft(thread, { parent: parent.comment.id }));
      await backend.remove!(parent.comment.id, parent.editToken);
      const page = await backend.list(thread);
      expect(page.thread.count).toBe(1);
      expect(ids(page)).toEqual([parent.comment.id, reply.comment.id]);
      expect(page.comments[0]?.deleted).toBe(true);
      expect(page.comments[0]?.text).not.toContain(parent.comment.text);
    });
  });
}
