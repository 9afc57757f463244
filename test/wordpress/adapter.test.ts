// The wordpress backend in Chromium against a real WordPress (Parley issue 20): the page is the
// one WordPress renders (Twenty Twenty-Three, its Comments block replaced by Parley's two tags,
// parley.js and adapters/wordpress.js served from another origin), and everything the widget shows
// or sends goes through WordPress's own REST API, filters and Discussion settings. Posts are read
// back from WordPress's database, not from what the widget believes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serveDist } from './dist-server.ts';
import { startWordPress, wordpressAvailable, type CommentRow, type WordPressSite } from './site.ts';
import { chromiumAvailable, launchChromium, openPage, widgetReady } from '../helpers/browser.ts';


describe.runIf(wordpressAvailable() && chromiumAvailable())('the wordpress backend in Chromium against a real WordPress', () => {
  let wp: WordPressSite;
  let dist: Awaited<ReturnType<typeof serveDist>>;
  let browser: Browser;
  /** Posts made for these tests, by name. */
  const posts: Record<string, number> = {};

  beforeAll(async () => {
    dist = await serveDist();
    [wp, browser] = await Promise.all([startWordPress({ scripts: dist.url }), launchChromium()]);
    posts.closed = await wp.php<number>(
      "return wp_insert_post(['post_title' => 'Closed thoughts', 'post_name' => 'closed-thoughts', 'post_status' => 'publish', 'comment_status' => 'closed'], true);",
    );
    posts.open = await wp.php<number>("return wp_insert_post(['post_title' => 'Open thoughts', 'post_name' => 'open-thoughts', 'post_status' => 'publish'], true);");
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await wp?.close();
    await dist?.close();
  });

  // WordPress refuses a second comment from the same address within 15 seconds (every test posts
  // from 127.0.0.1): earlier comments are moved an hour back, except where the flood is the test.
  beforeEach(async () => {
    await wp.php("global $wpdb; $wpdb->query(\"UPDATE $wpdb->comments SET comment_date_gmt = comment_date_gmt - INTERVAL 1 HOUR, comment_date = comment_date - INTERVAL 1 HOUR\"); return true;");
    await wp.php("update_option('parley_test_api', ''); return true;");
  });

  const permalinks = (structure: string) =>
    wp.php(`global $wp_rewrite; $wp_rewrite->set_permalink_structure(${JSON.stringify(structure)}); $wp_rewrite->flush_rules(false); return true;`);
  const rows = (post: number) => wp.tool<CommentRow[]>('comments', { post }).then((r) => r.result);
  /** A comment WordPress already approved (its name stored as WordPress's filters store it), so this author is no longer a first-time commenter. */
  const approvedBefore = (name: string, email: string) =>
    wp.php(
      `return wp_insert_comment(['comment_post_ID' => 1, 'comment_author' => apply_filters('pre_comment_author_name', ${JSON.stringify(name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))}), 'comment_author_email' => ${JSON.stringify(email)}, 'comment_content' => 'An earlier comment.', 'comment_approved' => 1, 'comment_date_gmt' => '2024-01-01 00:00:00', 'comment_date' => '2024-01-01 00:00:00']);`,
    );

  async function fill(page: Page, text: string, name = 'Grace', email = 'grace@example.org') {
    await page.getByRole('textbox', { name: 'Comment required' }).fill(text);
    await page.getByRole('textbox', { name: 'Name required' }).fill(name);
    await page.getByRole('textbox', { name: 'Email required' }).fill(email);
    await page.getByRole('button', { name: 'Post Comment' }).click();
  }
  const status = (page: Page) => page.locator('.parley form [role=status]');

  it('finds the REST API from the page’s api.w.org link on a site with Plain permalinks, and shows its comments', async () => {
    const { page, problems, requests } = await openPage(browser, `${wp.url}/?p=1`);
    await widgetReady(page);
    const widget = page.locator('.parley');
    await expect(widget.locator('h2').textContent()).resolves.toBe('One thought on “Hello world!”');
    await expect(widget.locator('article').first().textContent()).resolves.toContain('Hi, this is a comment.');
    expect(requests.filter((r) => r.includes('rest_route=')).length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.startsWith('/wp-json/'))).toEqual([]);
    // The Parley plugin replaced the block theme's Comments block: no WordPress comment list or form.
    await expect(page.locator('#commentform, .wp-block-post-comments-form, .wp-block-comment-template').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows Parley in place of a classic theme’s comments (comments_template)', async () => {
    await wp.php("switch_theme('parley-classic'); return true;");
    try {
      const { page, problems } = await openPage(browser, `${wp.url}/?p=1`);
      await widgetReady(page);
      await expect(page.locator('.parley h2').textContent()).resolves.toBe('One thought on “Hello world!”');
      await expect(page.locator('#commentform, #respond, ol.commentlist').count()).resolves.toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await wp.php("switch_theme('twentytwentythree'); return true;");
    }
  });

  it('falls back to ?rest_route= when data-api names a site with Plain permalinks', async () => {
    await wp.php(`update_option('parley_test_api', ${JSON.stringify(wp.url)}); return true;`);
    const { page, problems } = await openPage(browser, `${wp.url}/?p=1`);
    await widgetReady(page);
    await expect(page.locator('.parley h2').textContent()).resolves.toBe('One thought on “Hello world!”');
    expect(problems).toEqual([]);
  });

  describe('with pretty permalinks', () => {
    beforeAll(() => permalinks('/%year%/%monthnum%/%postname%/'));
    afterAll(() => permalinks(''));

    it('asks the page’s own WordPress without data-api, not the host that served parley.js', async () => {
      const { page, problems } = await openPage(browser, `${wp.url}/?p=1`, {});
      const asked: string[] = [];
      page.on('request', (r) => asked.push(r.url()));
      await page.reload();
      await widgetReady(page);
      expect(page.url()).toMatch(/\/\d{4}\/\d{2}\/hello-world\/$/);
      await expect(page.locator('.parley h2').textContent()).resolves.toBe('One thought on “Hello world!”');
      expect(asked.filter((u) => u.startsWith(dist.url) && !u.endsWith('.js'))).toEqual([]);
      expect(asked.some((u) => u.startsWith(`${wp.url}/wp-json/wp/v2/comments`))).toBe(true);
      expect(problems).toEqual([]);
    });
  });

  it('holds a first-time commenter, as WordPress’s default Discussion settings do, and says so', async () => {
    const { page } = await openPage(browser, `${wp.url}/?p=${posts.open}`);
    await widgetReady(page);
    await fill(page, 'My first comment here.', 'Ada', 'ada@example.org');
    await expect.poll(() => page.locator('.parley article:focus > .n').textContent()).toBe('Your comment was sent and is awaiting moderation.');
    const stored = (await rows(posts.open)).filter((r) => r.author === 'Ada');
    expect(stored).toMatchObject([{ email: 'ada@example.org', approved: '0' }]);
    // After a reload the box says it still waits.
    await page.reload();
    await widgetReady(page);
    await expect(page.locator('.parley').getByText('Your comment is awaiting moderation.').isVisible()).resolves.toBe(true);
  });

  it('publishes a returning commenter’s comment, and it shows after a reload', async () => {
    await approvedBefore('Grace', 'grace@example.org');
    const { page } = await openPage(browser, `${wp.url}/?p=${posts.open}`);
    await widgetReady(page);
    const before = (await rows(posts.open)).filter((r) => r.approved === '1').length;
    await fill(page, 'Posted from Parley to WordPress.');
    await expect.poll(() => page.locator('.parley h2').textContent()).toBe(`${before + 1 === 1 ? 'One thought' : `${before + 1} thoughts`} on “Open thoughts”`);
    expect((await rows(posts.open)).at(-1)).toMatchObject({ author: 'Grace', email: 'grace@example.org', approved: '1' });
    await page.reload();
    await widgetReady(page);
    await expect(page.locator('.parley').getByText('Posted from Parley to WordPress.').isVisible()).resolves.toBe(true);
  });

  it('replies under the comment the reader answered', async () => {
    await approvedBefore('Lin', 'lin@example.org');
    const { page } = await openPage(browser, `${wp.url}/?p=1`);
    await widgetReady(page);
    await page.getByRole('button', { name: 'Reply to A WordPress Commenter' }).click();
    await fill(page, 'A reply from Parley.', 'Lin', 'lin@example.org');
    await expect.poll(() => rows(1).then((r) => r.at(-1)?.content ?? '')).toContain('A reply from Parley.');
    expect((await rows(1)).at(-1)).toMatchObject({ parent: '1', author: 'Lin', approved: '1' });
    await page.reload();
    await widgetReady(page);
    const reply = page.locator('.parley article').filter({ hasText: 'A reply from Parley.' }).last();
    // Nested: the reply's list item sits inside the list item of the comment it answers.
    await expect(reply.evaluate((el) => el.closest('li')?.parentElement?.closest('li')?.querySelector('article')?.textContent)).resolves.toContain('Hi, this is a comment.');
  });

  it('says WordPress’s flood message when a second comment follows within 15 seconds, and keeps the text', async () => {
    await approvedBefore('Max', 'max@example.org');
    const { page } = await openPage(browser, `${wp.url}/?p=${posts.open}`);
    await widgetReady(page);
    await fill(page, 'The first of two quick comments.', 'Max', 'max@example.org');
    await expect.poll(() => status(page).textContent()).not.toBe('');
    await expect.poll(() => page.getByRole('textbox', { name: 'Comment required' }).inputValue()).toBe('');
    await fill(page, 'The second, too soon.', 'Max', 'max@example.org');
    await expect.poll(() => status(page).textContent()).toContain('You are posting comments too quickly');
    await expect(page.getByRole('textbox', { name: 'Comment required' }).inputValue()).resolves.toBe('The second, too soon.');
    expect((await rows(posts.open)).filter((r) => r.content.includes('too soon'))).toEqual([]);
  });

  it('sends text and a name with <, & and markup so that WordPress keeps them as typed, and reads them back the same', async () => {
    const name = 'Kim & Co <k>';
    await approvedBefore(name, 'kim@example.org');
    const typed = [
      'is 3 < 5 and 7 > 2? I typed <em>tags</em> & <script>alert(1)</script> literally.',
      '<b>markup</b> stays text; so do &amp; and &lt;.',
    ].join('\n\n');
    const { page, dialogs } = await openPage(browser, `${wp.url}/?p=${posts.open}`);
    await widgetReady(page);
    await fill(page, typed, name, 'kim@example.org');
    await expect.poll(() => rows(posts.open).then((r) => r.filter((c) => c.email === 'kim@example.org').length)).toBe(1);
    const [stored] = (await rows(posts.open)).filter((c) => c.email === 'kim@example.org');
    expect(stored!.approved).toBe('1');
    // WordPress keeps names HTML-escaped (as its own comment form stores them): decoded, the name as typed.
    expect(await wp.php(`return html_entity_decode(get_comment_author(${stored!.id}), ENT_QUOTES);`)).toBe(name);
    // What WordPress shows: its own comment_text filters over the stored HTML, read as a browser
    // reads it. No element may come out of the reader's text.
    const shown = await wp.php<string>(`return apply_filters('comment_text', get_comment_text(${stored!.id}), get_comment(${stored!.id}), []);`);
    const seen = await page.evaluate((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      return { text: [...doc.body.querySelectorAll('p')].map((p) => p.textContent).join('\n\n'), tags: [...doc.body.querySelectorAll('*')].map((e) => e.tagName) };
    }, shown);
    expect(seen.tags.filter((t) => t !== 'P' && t !== 'BR')).toEqual([]);
    expect(seen.text).toBe(typed);
    // And Parley reads it back as the text that was typed.
    await page.reload();
    await widgetReady(page);
    const back = await page.evaluate(
      async (thread) => (await (window as any).Parley.backends.wordpress('').list(thread)).comments.find((c: any) => c.text.startsWith('is 3')),
      `/?p=${posts.open}`,
    );
    expect(back).toMatchObject({ text: typed, author: { name } });
    // The comment's paragraphs in the widget: text only, no element made from what was typed.
    const paragraphs = await page.locator('.parley article').filter({ hasText: 'is 3 < 5' }).locator('p').evaluateAll((ps) => ps.map((p) => [p.textContent, p.children.length]));
    expect(paragraphs).toEqual(typed.split('\n\n').map((text) => [text, 0]));
    expect(dialogs).toEqual([]);
  });

  it('shows “Comments are closed.” instead of the form on a post whose comments are closed, as its thread loads', async () => {
    const { page, problems } = await openPage(browser, `${wp.url}/?p=${posts.closed}`);
    await widgetReady(page);
    await expect(page.locator('.parley').getByText('Comments are closed.').isVisible()).resolves.toBe(true);
    await expect(page.locator('.parley form').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    const thread = await page.evaluate(async (t) => (await (window as any).Parley.backends.wordpress('').list(t)).thread, `/?p=${posts.closed}`);
    expect(thread).toEqual({ id: `/?p=${posts.closed}`, count: 0, closed: true });
    const open = await page.evaluate(async (t) => (await (window as any).Parley.backends.wordpress('').list(t)).thread, `/?p=${posts.open}`);
    expect(open.closed).toBe(false);
  });

  it('answers thread_closed when WordPress refuses a comment because the post was closed meanwhile', async () => {
    await approvedBefore('Ola', 'ola@example.org');
    const post = await wp.php<number>("return wp_insert_post(['post_title' => 'Closing soon', 'post_status' => 'publish'], true);");
    const { page } = await openPage(browser, `${wp.url}/?p=${post}`);
    await widgetReady(page);
    await wp.php(`return wp_update_post(['ID' => ${post}, 'comment_status' => 'closed']);`);
    const refused = await page.evaluate(
      async (t) =>
        (window as any).Parley.backends
          .wordpress('')
          .post({ thread: t, text: 'Too late?', name: 'Ola', email: 'ola@example.org', idempotencyKey: 'closed-1' })
          .then(
            () => null,
            (e: any) => ({ code: e.code, status: e.status, retryable: e.retryable, message: e.message }),
          ),
      `/?p=${post}`,
    );
    expect(refused).toEqual({ code: 'thread_closed', status: 403, retryable: false, message: expect.stringMatching(/closed/) });
    expect(await rows(post)).toEqual([]);
  });
});
