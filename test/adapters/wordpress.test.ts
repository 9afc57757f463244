// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiRoot, createWordPressBackend, htmlToText, type WordPressOptions } from '../../src/adapters/wordpress.ts';
import { draft, rejection, runBackendContract } from './contract.ts';
import { fakeStorage, fakeWordPress, json, wpError, type FakeOptions, type WpRow } from './fake-wordpress.ts';

// import.meta.dirname, not new URL(…, import.meta.url): happy-dom replaces the global URL.
const repoRoot = path.resolve(import.meta.dirname, '../..');
/** The WordPress handbook's sample answer of GET /wp/v2/comments (one approved comment on post 4). */
const SAMPLE = JSON.parse(readFileSync(path.resolve(repoRoot, '../shared/fixtures/wordpress/rest-comments-sample.json'), 'utf8')) as WpRow[];

function setup(fake: FakeOptions = {}, options: Partial<WordPressOptions> = {}) {
  const wp = fakeWordPress(fake);
  const storage = fakeStorage();
  const backend = createWordPressBackend({ api: 'https://blog.example.org/wp-json/', fetch: wp.fetch, storage, ...options });
  return { wp, storage, backend };
}

runBackendContract('wordpress', ({ holdAll }) => {
  const wp = fakeWordPress({ holdAll });
  return createWordPressBackend({ api: 'https://blog.example.org', fetch: wp.fetch, storage: fakeStorage(), postId: (thread) => wp.postFor(thread) });
}, { replies: true, edit: false, remove: false, counts: true, formToken: false });

describe('createWordPressBackend reading', () => {
  it('maps the handbook sample comment to a PublicComment without its Gravatar or email hash', async () => {
    const { backend } = setup({ seed: SAMPLE, posts: { 4: 'hello-world' } });
    const page = await backend.list('/?p=4');
    expect(page).toEqual({
      thread: { id: '/?p=4', count: 1, closed: false },
      comments: [
        {
          id: '2',
          thread: '/?p=4',
          parent: null,
          author: { name: 'Internet of something or other', website: 'http://lights.example.org/', avatar: expect.stringMatching(/^[0-9a-z]{1,7}$/) },
          text: 'This is a comment',
          format: 'plain',
          createdAt: '2017-02-14T00:00:00Z',
          editedAt: null,
        },
      ],
      nextCursor: null,
    });
    const text = JSON.stringify(page);
    expect(text).not.toContain('gravatar');
    expect(text).not.toContain('bd7c2b505bcf39cc71cfee564c614956');
    expect(text).not.toContain('meta_value');
  });

  it('finds the post by the slug of the thread, once per thread', async () => {
    const { wp, backend } = setup({ seed: SAMPLE, posts: { 4: 'hello-world' } });
    expect((await backend.list('/2017/02/hello-world')).comments.map((c) => c.id)).toEqual(['2']);
    await backend.list('/2017/02/hello-world', { sort: 'newest' });
    const slugs = wp.seen.filter((s) => s.url.pathname.endsWith('/posts'));
    // One look-up brings the post's comment_status along (issue 20: closed threads).
    expect(slugs.map((s) => s.url.search)).toEqual(['?slug=hello-world&_fields=id%2Ccomment_status']);
  });

  it('takes a numeric thread id as the post id, and the postId option over both', async () => {
    const { wp, backend } = setup({ seed: SAMPLE });
    expect((await backend.list('4')).thread.count).toBe(1);
    // Comments, and the post's comment_status by id (issue 20: closed threads).
    expect(wp.seen.filter((s) => !s.url.pathname.endsWith('/comments')).map((s) => s.url.pathname + s.url.search)).toEqual([
      '/wp-json/wp/v2/posts?include%5B%5D=4&_fields=id%2Ccomment_status',
    ]);
    const custom = setup({ seed: SAMPLE }, { postId: (thread) => (thread === '/about' ? 4 : 0) });
    expect((await custom.backend.list('/about')).comments).toHaveLength(1);
    expect(custom.wp.seen.some((s) => s.url.searchParams.has('slug'))).toBe(false);
  });

  it('lists a page with no WordPress post as empty, and refuses a post to it', async () => {
    const { backend } = setup({ posts: { 4: 'hello-world' } });
    expect(await backend.list('/no/such-article')).toEqual({ thread: { id: '/no/such-article', count: 0, closed: true }, comments: [], nextCursor: null });
    expect(await backend.counts!(['/no/such-article'])).toEqual({ '/no/such-article': 0 });
    const error = await rejection(backend.post(draft('/no/such-article')));
    expect(error).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('asks for roots with parent=0, replies with parent[], and the count from an unfiltered one-comment page', async () => {
    const { wp, backend } = setup({}, { postId: () => 7 });
    wp.posts.set(7, 'seven');
    const root = await backend.post(draft('/t'));
    await backend.post(draft('/t', { parent: root.comment.id }));
    wp.seen.length = 0;
    await backend.list('/t', { limit: 20, sort: 'newest' });
    const queries = wp.seen.map((s) => Object.fromEntries([...s.url.searchParams].map(([k, v]) => [k, v])));
    expect(queries).toContainEqual({ post: '7', parent: '0', per_page: '20', offset: '0', order: 'desc', orderby: 'date_gmt' });
    expect(queries).toContainEqual({ post: '7', per_page: '1', _fields: 'id' });
    expect(queries).toContainEqual({ post: '7', 'parent[]': root.comment.id, per_page: '100', offset: '0', order: 'asc', orderby: 'date_gmt' });
  });

  it('asks WordPress for at most 100 comments a page, its own ceiling', async () => {
    const { wp, backend } = setup({ seed: SAMPLE });
    await backend.list('4', { limit: 200 });
    expect(wp.seen[0]!.url.searchParams.get('per_page')).toBe('100');
  });

  it('carries replies past repliesPerPage as more cursors that replies() continues from', async () => {
    const { wp, backend } = setup({}, { postId: (t) => wp.postFor(t), repliesPerPage: 2 });
    const a = await backend.post(draft('/t'));
    const b = await backend.post(draft('/t'));
    const a1 = await backend.post(draft('/t', { parent: a.comment.id }));
    const b1 = await backend.post(draft('/t', { parent: b.comment.id }));
    const a2 = await backend.post(draft('/t', { parent: a1.comment.id }));
    const a3 = await backend.post(draft('/t', { parent: a.comment.id }));
    const page = await backend.list('/t');
    // Level 1 in date order (a1, b1, a3): two fit; a3 and a2 wait behind a's cursor. b gets a cursor
    // too: the walk stopped before asking for b1's children, so the adapter cannot know it has none.
    expect(page.comments.map((c) => c.id)).toEqual([a, b, a1, b1].map((p) => p.comment.id));
    expect(page.more).toEqual({ [a.comment.id]: '1', [b.comment.id]: '1' });
    expect(await backend.replies!(b.comment.id, { thread: '/t', cursor: '1' })).toMatchObject({ comments: [], nextCursor: null });
    expect(page.thread.count).toBe(6);
    const rest = await backend.replies!(a.comment.id, { thread: '/t', cursor: page.more![a.comment.id] });
    expect(rest.comments.map((c) => c.id)).toEqual([a3.comment.id, a2.comment.id]);
    expect(rest).toMatchObject({ thread: { id: '/t', count: 6 }, nextCursor: null });
  });

  it('does not loop when the site ignores the parent filter and answers the same comments again', async () => {
    const { wp, backend } = setup({ seed: SAMPLE });
    wp.outage(() => json(SAMPLE, 200, { 'x-wp-total': '1', 'x-wp-totalpages': '1' }));
    expect((await backend.list('4')).comments.map((c) => c.id)).toEqual(['2']);
    // Roots, the count, replies once, and the post's status (answered with comments, so: unknown).
    expect(wp.seen.length).toBeLessThanOrEqual(4);
  });

  it('counts one thread per request', async () => {
    const { wp, backend } = setup({ seed: SAMPLE });
    wp.seen.length = 0;
    expect(await backend.counts!(['4', '5'])).toEqual({ '4': 1, '5': 0 });
    expect(wp.seen).toHaveLength(2);
  });
});

describe('where the REST API is (apiRoot)', () => {
  const link = 'https://blog.example.org/index.php?rest_route=/';
  it('takes a REST root as given', () => {
    expect(apiRoot('https://blog.example.org/wp-json', link, 'https://blog.example.org')).toBe('https://blog.example.org/wp-json');
    expect(apiRoot('https://blog.example.org/?rest_route=/', null, 'https://x.example')).toBe('https://blog.example.org/?rest_route=/');
  });
  it('takes the page’s api.w.org link without data-api, or when data-api names the same site', () => {
    expect(apiRoot('', link, 'https://blog.example.org')).toBe(link);
    expect(apiRoot('https://blog.example.org/', link, 'https://blog.example.org')).toBe(link);
  });
  it('falls back to ?rest_route= on the named site, else on the page’s origin', () => {
    expect(apiRoot('https://other.example/', link, 'https://blog.example.org')).toBe('https://other.example/index.php?rest_route=/');
    expect(apiRoot('', null, 'https://blog.example.org')).toBe('https://blog.example.org/index.php?rest_route=/');
  });
  it('asks every route through rest_route when given a site, which any permalink setting answers', async () => {
    const wp = fakeWordPress({ seed: SAMPLE, posts: { 4: 'hello-world' } });
    const backend = createWordPressBackend({ api: 'https://blog.example.org', fetch: wp.fetch, storage: fakeStorage() });
    expect((await backend.list('/2017/02/hello-world')).comments.map((c) => c.id)).toEqual(['2']);
    expect(wp.seen.map((s) => [s.url.pathname, s.url.searchParams.get('rest_route')])).toEqual([
      ['/index.php', '/wp/v2/posts'],
      ['/index.php', '/wp/v2/comments'],
      ['/index.php', '/wp/v2/comments'],
      ['/index.php', '/wp/v2/comments'],
    ]);
  });
});

describe('htmlToText', () => {
  it('keeps paragraphs as blank lines and <br> as newlines, and decodes entities', () => {
    expect(htmlToText('<p>This is a comment</p>\n')).toBe('This is a comment');
    expect(htmlToText('<p>One<br />\ntwo</p>\n<p>Three &amp; &#8220;four&#8221; &lt;b&gt;</p>\n')).toBe('One\ntwo\n\nThree & “four” <b>');
  });

  it('turns markup into text without running or loading anything', async () => {
    const w = window as unknown as { pwned?: number };
    const html = '<p>Hi<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2"> there <img class="wp-smiley" alt=":)" src="https://s.w.org/smilies/simple-smile.png"></p>';
    expect(htmlToText(html)).toBe('Hi there :)');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(w.pwned).toBeUndefined();
  });

  it('keeps the address of a link whose text is not its address', () => {
    expect(htmlToText('<p>See <a href="https://x.example/a" rel="nofollow ugc">https://x.example/a</a> and <a href="https://y.example/">this</a>.</p>')).toBe(
      'See https://x.example/a and this (https://y.example/).',
    );
    expect(htmlToText('<p><a href="javascript:alert(1)">click</a></p>')).toBe('click');
  });
});

describe('createWordPressBackend posting', () => {
  it('posts the draft in WordPress field names and maps approved and hold', async () => {
    const { wp, backend } = setup({ posts: { 4: 'hello-world' } });
    const d = draft('/hello-world', { website: 'https://ada.example.org' });
    const posted = await backend.post(d);
    expect(wp.seen.at(-1)).toMatchObject({
      method: 'POST',
      body: { post: 4, parent: 0, content: d.text, author_name: 'Ada Lovelace', author_email: 'ada@example.com', author_url: 'https://ada.example.org' },
    });
    expect(posted.status).toBe('published');
    expect(JSON.stringify(posted)).not.toMatch(/ada@example|gravatar/);

    const held = setup({ holdAll: true, posts: { 4: 'hello-world' } });
    expect((await held.backend.post(draft('/hello-world'))).status).toBe('held');
  });

  it('sends text and name escaped as HTML, which WordPress takes them for, and reads them back as typed', async () => {
    const { wp, backend } = setup({ posts: { 4: 'hello-world' } });
    const d = draft('/hello-world', { text: 'is 3 < 5? <b>no</b> & &amp;', name: 'Tom & Jerry <h>' });
    const posted = await backend.post(d);
    expect(wp.seen.at(-1)!.body).toMatchObject({ content: 'is 3 &lt; 5? &lt;b&gt;no&lt;/b&gt; &amp; &amp;amp;', author_name: 'Tom &amp; Jerry &lt;h&gt;' });
    expect(posted.comment).toMatchObject({ text: d.text, author: { name: 'Tom & Jerry <h>' } });
    expect((await backend.list('/hello-world')).comments[0]).toMatchObject({ text: d.text, author: { name: 'Tom & Jerry <h>' } });
  });

  it('explains that the site must allow anonymous REST comments', async () => {
    const { backend } = setup({ anonymous: false, posts: { 4: 'p' } });
    const error = await rejection(backend.post(draft('4')));
    expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(error.message).toContain('rest_allow_anonymous_comments');
  });

  it('maps WordPress field errors to invalid with fields', async () => {
    const { wp, backend } = setup({ posts: { 4: 'p' } });
    wp.outage(() => wpError('rest_invalid_param', 'Invalid parameter(s): author_email', 400, { params: { author_email: 'Invalid email address.' } }));
    expect(await rejection(backend.post(draft('4')))).toMatchObject({ code: 'invalid', status: 400, fields: { email: 'Invalid email address.' } });
    wp.outage(() => wpError('rest_comment_content_invalid', 'Invalid comment content.', 400));
    expect(await rejection(backend.post(draft('4')))).toMatchObject({ code: 'invalid', fields: { text: 'Invalid comment content.' } });
    wp.outage(() => wpError('comment_flood', 'You are posting comments too quickly. Slow down.', 400));
    expect(await rejection(backend.post(draft('4')))).toMatchObject({ code: 'rate_limited', retryable: true });
  });

  it('reads a closed post as a closed thread, and maps rest_comment_closed to thread_closed', async () => {
    const { wp, backend } = setup({ seed: SAMPLE, posts: { 4: 'hello-world', 5: 'open' }, closed: [4] });
    expect((await backend.list('/2017/02/hello-world')).thread).toEqual({ id: '/2017/02/hello-world', count: 1, closed: true });
    expect((await backend.list('/?p=5')).thread).toEqual({ id: '/?p=5', count: 0, closed: false });
    expect(await rejection(backend.post(draft('/2017/02/hello-world')))).toMatchObject({
      code: 'thread_closed',
      status: 403,
      retryable: false,
      message: 'Sorry, comments are closed for this item.',
    });
    expect(wp.rows).toHaveLength(1);
  });

  it('reports a server error as unavailable and an unreachable site as network, both retryable', async () => {
    const { wp, backend } = setup({ seed: SAMPLE });
    wp.outage(() => new Response('<h1>Error establishing a database connection</h1>', { status: 500 }));
    expect(await rejection(backend.list('4'))).toMatchObject({ code: 'unavailable', status: 500, retryable: true });
    wp.outage(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await rejection(backend.list('4'))).toMatchObject({ code: 'network', retryable: true });
  });

  it('refuses WordPress duplicates of a new draft as duplicate', async () => {
    const { backend } = setup({ posts: { 4: 'p' } });
    const d = draft('4');
    await backend.post(d);
    const error = await rejection(backend.post({ ...d, idempotencyKey: 'a-new-key' }));
    expect(error).toMatchObject({ code: 'duplicate', status: 409, retryable: false });
  });

  it('answers a retry in the same tab from sessionStorage, even from a new backend', async () => {
    const { wp, storage, backend } = setup({ posts: { 4: 'p' } });
    const d = draft('4');
    const first = await backend.post(d);
    const again = await createWordPressBackend({ api: 'https://blog.example.org', fetch: wp.fetch, storage }).post(d);
    expect(again).toEqual(first);
    expect(wp.rows).toHaveLength(1);
    expect([...storage.map.values()].join()).not.toContain('ada@example.com');
  });

  it('finds the comment when a retry follows a lost answer and WordPress calls it a duplicate', async () => {
    const { wp, backend } = setup({ posts: { 4: 'p' } });
    const d = draft('4');
    wp.loseNextAnswer();
    expect((await rejection(backend.post(d))).code).toBe('network');
    const again = await backend.post(d);
    expect(again.comment.text).toBe(d.text);
    expect(wp.rows).toHaveLength(1);
    expect((await backend.list('4')).comments.map((c) => c.id)).toEqual([again.comment.id]);
  });

  it('surfaces duplicate when the lost comment was held and cannot be seen', async () => {
    const { wp, backend } = setup({ holdAll: true, posts: { 4: 'p' } });
    const d = draft('4');
    wp.loseNextAnswer();
    await rejection(backend.post(d));
    expect(await rejection(backend.post(d))).toMatchObject({ code: 'duplicate', status: 409 });
    expect(wp.rows).toHaveLength(1);
  });

  it('sends one request when the same draft is posted twice at once', async () => {
    const { wp, backend } = setup({ posts: { 4: 'p' } });
    const d = draft('4');
    const [a, b] = await Promise.all([backend.post(d), backend.post(d)]);
    expect(a).toEqual(b);
    expect(wp.seen.filter((s) => s.method === 'POST')).toHaveLength(1);
  });

  it('refuses a reply to a held or unknown comment without asking WordPress to store it', async () => {
    const { wp, backend } = setup({ posts: { 4: 'p' } });
    const error = await rejection(backend.post(draft('4', { parent: '999' })));
    expect(error).toMatchObject({ code: 'invalid', fields: { parent: expect.any(String) } });
    expect(wp.seen.filter((s) => s.method === 'POST')).toHaveLength(0);
  });
});
