// Thread aliases through the HTTP API (issue 8, `parley alias OLD NEW`): reads, counts, posts and
// the form token that name OLD land on NEW.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/store/memory.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import { body, list, post, posted, setup } from '../helpers/app.ts';

describe('thread aliases in the API', () => {
  it('answers a read of the old thread with the new thread, its id and its count', async () => {
    const { app, store } = setup();
    const early = await posted(app, { thread: '/2024/05/putin-china', text: 'Posted under the old address' });
    const later = await posted(app, { thread: '/news/putin-china', text: 'Posted under the new address' });
    await store.aliases.set('/2024/05/putin-china', '/news/putin-china');
    const { res, json } = await list(app, 'thread=/2024/05/putin-china');
    expect(res.status).toBe(200);
    expect(json.thread).toEqual({ id: '/news/putin-china', count: 2, closed: false, votes: 'up' });
    expect(json.comments.map((c) => c.id)).toEqual([early.comment.id, later.comment.id]);
    // The same bytes as a read of the new thread itself, so caches may share them.
    const direct = await list(app, 'thread=/news/putin-china');
    expect(direct.json).toEqual(json);
    expect(res.headers.get('etag')).toBe(direct.res.headers.get('etag'));
  });

  it('keeps a post that was under way while `parley alias` ran: it lands on the new thread', async () => {
    // The post names /old and is held up in its article fetch; meanwhile the alias moves /old's
    // comments to /new. Found by review: the comment used to be stored in /old, seen by nobody.
    for (const store of [createMemoryStore(), createSqliteStore({ file: ':memory:' })]) {
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const fetchArticle = async () => (await gate, { ok: true as const, text: 'An article about the ferry. It sails twice a day.' });
      const { app } = setup({ store, fetchArticle });
      const pending = post(app, body({ thread: '/old', url: 'https://blog.example/old', text: 'Sent while the alias was made' }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await store.aliases.set('/old', '/new')).toEqual({ moved: 0 });
      release();
      const res = await pending;
      expect(res.status).toBe(201);
      const { comment } = (await res.json()) as { comment: { id: string; thread: string } };
      expect(comment.thread).toBe('/new');
      for (const thread of ['/old', '/new']) expect((await list(app, `thread=${thread}`)).json.comments.map((c) => c.id)).toEqual([comment.id]);
      await store.close();
    }
  });

  it('never serves a page kept from before the alias, nor after the alias is re-pointed', async () => {
    const { app, store } = setup();
    await posted(app, { thread: '/a', text: 'On a' });
    await posted(app, { thread: '/b', text: 'On b' });
    await posted(app, { thread: '/c', text: 'On c' });
    // Read first, so the page of /a and its resolution (to itself) are kept.
    const before = await list(app, 'thread=/a');
    expect(before.json.thread).toEqual({ id: '/a', count: 1, closed: false, votes: 'up' });
    await store.aliases.set('/a', '/b');
    const moved = await list(app, 'thread=/a');
    expect(moved.json.thread).toEqual({ id: '/b', count: 2, closed: false, votes: 'up' });
    expect(moved.res.headers.get('etag')).not.toBe(before.res.headers.get('etag'));
    // The old tag is not answered with 304 either.
    const revalidated = await app.request('/api/v1/comments?thread=/a', { headers: { 'if-none-match': before.res.headers.get('etag')! } });
    expect(revalidated.status).toBe(200);
    await store.aliases.set('/b', '/c');
    expect((await list(app, 'thread=/a')).json.thread).toEqual({ id: '/c', count: 3, closed: false, votes: 'up' });
    expect((await list(app, 'thread=/b')).json.thread).toEqual({ id: '/c', count: 3, closed: false, votes: 'up' });
  });

  it('revalidates an alias read with 304 until the new thread changes', async () => {
    const { app, store } = setup();
    await posted(app, { thread: '/new' });
    await store.aliases.set('/old', '/new');
    const first = await app.request('/api/v1/comments?thread=/old');
    const etag = first.headers.get('etag')!;
    expect((await app.request('/api/v1/comments?thread=/old', { headers: { 'if-none-match': etag } })).status).toBe(304);
    await posted(app, { thread: '/new', text: 'A newer comment' });
    const after = await app.request('/api/v1/comments?thread=/old', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { thread: { count: number } }).thread.count).toBe(2);
  });

  it('pages the replies of a comment moved by an alias when asked under the old thread', async () => {
    const { app, store } = setup();
    const root = await posted(app, { thread: '/old' });
    const reply = await posted(app, { thread: '/old', parent: root.comment.id, text: 'A reply' });
    await store.aliases.set('/old', '/new');
    const { res, json } = await list(app, `thread=/old&parent=${root.comment.id}`);
    expect(res.status).toBe(200);
    expect(json.comments.map((c) => c.id)).toEqual([reply.comment.id]);
  });

  it('counts an alias as its thread, under the key asked', async () => {
    const { app, store } = setup();
    await posted(app, { thread: '/old' });
    await posted(app, { thread: '/new' });
    await posted(app, { thread: '/new', text: 'Another one' });
    await posted(app, { thread: '/other' });
    await store.aliases.set('/old', '/new');
    const res = await app.request('/api/v1/counts?thread=/old&thread=/new&thread=/other&thread=/unknown&thread=/old');
    expect(await res.json()).toEqual({ counts: { '/old': 3, '/new': 3, '/other': 1, '/unknown': 0 } });
  });

  it('stores a post to the old thread in the new one', async () => {
    const { app, store } = setup();
    const root = await posted(app, { thread: '/new' });
    await store.aliases.set('/old', '/new');
    const res = await post(app, body({ thread: '/old', text: 'Sent to the old address' }));
    expect(res.status).toBe(201);
    const { comment } = (await res.json()) as { comment: { id: string; thread: string } };
    expect(comment.thread).toBe('/new');
    expect((await store.comments.get(comment.id))?.thread).toBe('/new');
    // A reply naming the old thread to a comment of the new one is a reply in the same thread.
    const replied = await post(app, body({ thread: '/old', parent: root.comment.id, text: 'A reply via the old address' }));
    expect(replied.status).toBe(201);
    expect((await list(app, 'thread=/new')).json.comments.map((c) => c.id)).toContain(comment.id);
  });

  it('hands out a form token for the new thread that a post to the old one passes with', async () => {
    const { app, store, clock } = setup({ minSubmitSeconds: 2 });
    await store.aliases.set('/old', '/new');
    const { token } = (await (await app.request('/api/v1/form?thread=/old')).json()) as { token: string };
    clock.now += 5_000;
    const passed = await post(app, body({ thread: '/old', form: { token } }));
    expect(((await passed.json()) as { status: string }).status).toBe('published');
    // The rule is on: a token for another thread holds the post.
    const other = (await (await app.request('/api/v1/form?thread=/elsewhere')).json()) as { token: string };
    clock.now += 5_000;
    const held = await post(app, body({ thread: '/old', text: 'With a foreign token', form: { token: other.token } }));
    expect(((await held.json()) as { status: string }).status).toBe('held');
  });

  it('leaves threads without an alias as they were', async () => {
    const { app, store } = setup();
    await store.aliases.set('/old', '/new');
    await posted(app, { thread: '/plain' });
    expect((await list(app, 'thread=/plain')).json.thread).toEqual({ id: '/plain', count: 1, closed: false, votes: 'up' });
    expect((await list(app, 'thread=/never')).json.thread).toEqual({ id: '/never', count: 0, closed: false, votes: 'up' });
  });
});
