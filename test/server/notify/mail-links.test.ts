// Owner mail through a real SMTP server the test starts, and the Approve / Spam links it carries:
// a GET shows a confirmation page and changes nothing (mail scanners open links), the POST acts;
// expired, forged and unknown links are refused with nothing changed.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeActionToken, readActionToken } from '../../../src/server/notify/action-links.ts';
import { createNotifier } from '../../../src/server/notify/events.ts';
import { createMailSender, createSmtpTransport } from '../../../src/server/notify/mail.ts';
import { byKind, createOutboxWorker } from '../../../src/server/notify/worker.ts';
import { seenStamp } from '../../../src/server/comments/moderate-actions.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';
import { body, list, post, setup } from '../../helpers/app.ts';
import { header, parts, startSmtp } from './helpers.ts';

const SECRET = 'test-secret'; // setup()'s server secret
const DAY = 864e5;
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function harness(smtpOptions: Parameters<typeof startSmtp>[0] = {}) {
  const smtp = await startSmtp(smtpOptions);
  closers.push(() => smtp.close());
  const store = createMemoryStore();
  const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
  const notify = createNotifier({ mail: true, now: () => clock.now });
  const { app } = setup({ store, notify, moderation: 'all', adminToken: 'mail-links-admin-token', now: () => clock.now });
  // The test server offers no TLS; a real one would be smtps:// or STARTTLS.
  const transport = createSmtpTransport(smtp.url, { secure: false, ignoreTLS: true });
  closers.push(() => transport.close?.());
  const worker = createOutboxWorker({
    store,
    now: () => clock.now,
    logger: { info: () => {}, error: () => {} },
    deliver: byKind({
      mail: createMailSender({
        transport,
        from: 'Parley <parley@blog.example>',
        to: 'owner@blog.example',
        publicUrl: 'https://comments.blog.example',
        adminUrl: 'https://comments.blog.example/admin',
        secret: async () => SECRET,
        now: () => clock.now,
      }),
    }),
  });
  return { smtp, store, app, clock, worker };
}

/** A held comment, mailed: its id, the mail, and the two links' paths. */
async function heldAndMailed(h: Awaited<ReturnType<typeof harness>>, over: Record<string, unknown> = {}) {
  const res = await post(h.app, body({ text: 'First line\nSecond <b>line</b> & more', website: 'https://ada.example', url: 'https://blog.example/a', ...over }));
  expect(res.status).toBe(201);
  const { comment, status, editToken } = (await res.json()) as { comment: { id: string }; status: string; editToken: string };
  expect(status).toBe('held');
  const before = h.smtp.mails.length;
  expect(await h.worker.runOnce()).toBe(1);
  await h.smtp.waitFor(before + 1);
  const mail = h.smtp.mails.at(-1)!;
  const { text, html } = parts(mail.raw);
  const link = (label: string) => new RegExp(`^${label}: (https://comments\\.blog\\.example/moderate\\?t=\\S+)$`, 'm').exec(text)?.[1];
  const approve = link('Approve');
  const spam = link('Mark as spam');
  if (!approve || !spam) throw new Error(`links missing from the mail:\n${text}`);
  const path = (url: string) => url.replace('https://comments.blog.example', '');
  return { id: comment.id, editToken, mail, text, html, approve: path(approve), spam: path(spam) };
}

/** The hidden fields of the confirmation form on a page. */
const hiddenFields = (page: string) => Object.fromEntries([...page.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));

/** Open the link (GET) and press its button: the POST the owner's browser sends, with what the page showed. */
async function confirmation(app: Awaited<ReturnType<typeof harness>>['app'], path: string) {
  const page = await (await app.request(path)).text();
  const fields = hiddenFields(page);
  expect(Object.keys(fields)).toEqual(['t', 'seen']);
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

const form = (path: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ t: new URL(path, 'http://x').searchParams.get('t')! }).toString(),
});

describe('owner mail for a held comment', () => {
  it('keeps U+2028 and U+2029 out of the subject, which some mail clients break lines at (issue 14)', async () => {
    const h = await harness();
    // A thread id may hold them (names may not); the subject names both.
    const { mail } = await heldAndMailed(h, { thread: '/a\u2028Subject: forged\u2029b' });
    const subject = header(mail.raw, 'Subject');
    expect(subject).toBe('Held for moderation: Ada on /a Subject: forged b');
    expect(subject).not.toMatch(/[\u2028\u2029]/);
  });

  it('is sent through SMTP with the comment, its author, the reasons and both links', async () => {
    const h = await harness();
    const { mail, text, html, approve, spam } = await heldAndMailed(h);
    expect(mail.to).toEqual(['owner@blog.example']);
    expect(mail.from).toBe('parley@blog.example');
    expect(header(mail.raw, 'Subject')).toBe('Held for moderation: Ada on /a');
    for (const part of ['Author: Ada', 'Email: ada@example.com', 'Website: https://ada.example', 'Page: https://blog.example/a', '> First line', '> Second <b>line</b> & more', 'mode (hold)']) {
      expect(text).toContain(part);
    }
    expect(text).toContain('Every held comment: https://comments.blog.example/admin');
    expect(text).toMatch(/They work without signing in until \w{3}, 08 Jan 2026 00:00:00 GMT\./);
    expect(approve).not.toBe(spam);
    // The HTML part escapes the comment and carries the same links.
    expect(html).toContain('Second &lt;b&gt;line&lt;/b&gt; &amp; more');
    expect(html).toContain(`href="https://comments.blog.example${approve.replace(/&/g, '&amp;')}"`);
    expect(await h.store.outbox.list({ limit: 10 })).toEqual([]);
  });

  it('gives a mail up at once when the SMTP server refuses it for good (5xx), and retries a 4xx', async () => {
    for (const [code, dead] of [
      [550, true],
      [451, false],
    ] as const) {
      const h = await harness({ refuseWith: code });
      const res = await post(h.app, body({ text: `Refused with ${code}` }));
      expect(res.status).toBe(201);
      expect(await h.worker.runOnce()).toBe(1);
      const [job] = await h.store.outbox.list({ limit: 10 });
      expect(job, String(code)).toMatchObject({ kind: 'mail', attempts: 1, dead });
      expect(job!.lastError).toContain(String(code));
      expect(h.smtp.mails).toEqual([]);
    }
  });

  it('opens a confirmation page on GET and changes nothing', async () => {
    const h = await harness();
    const { id, approve } = await heldAndMailed(h);
    for (let i = 0; i < 3; i++) {
      const res = await h.app.request(approve);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*form-action 'self'.*frame-ancestors 'none'/);
      const page = await res.text();
      // The one inline stylesheet is allowed by its hash, so a browser applies it and nothing else.
      const css = /<style>([^]*?)<\/style>/.exec(page)![1]!;
      expect(res.headers.get('content-security-policy')).toContain(`style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'`);
      expect(page).toContain('Approve this comment?');
      expect(page).toContain('<form method="post">');
      expect(page).toContain('Second &lt;b&gt;line&lt;/b&gt; &amp; more');
      expect(page).not.toContain('<b>line</b>');
      // A page anyone holding the link can open: the author's email is not on it (DESIGN promise 1).
      expect(page).not.toContain('ada@example.com');
    }
    expect((await h.store.comments.get(id))!.status).toBe('pending');
    expect((await list(h.app, 'thread=/a')).json.comments).toEqual([]);
  });

  it('approves on POST: the comment is published and listed', async () => {
    const h = await harness();
    const { id, approve } = await heldAndMailed(h);
    const res = await h.app.request(approve, await confirmation(h.app, approve));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Approved: the comment is published.');
    expect((await h.store.comments.get(id))!.status).toBe('published');
    const { json } = await list(h.app, 'thread=/a');
    expect(json.thread.count).toBe(1);
    expect(json.comments.map((c) => c.id)).toEqual([id]);
    // The page for the same link now says there is nothing to do, and offers no button.
    const again = await (await h.app.request(approve)).text();
    expect(again).toContain('already published');
    expect(again).not.toContain('<form');
  });

  it('marks as spam on POST of the spam link', async () => {
    const h = await harness();
    const { id, spam } = await heldAndMailed(h);
    const page = await (await h.app.request(spam)).text();
    expect(page).toContain('Mark this comment as spam?');
    expect((await h.app.request(spam, await confirmation(h.app, spam))).status).toBe(200);
    expect((await h.store.comments.get(id))!.status).toBe('spam');
  });

  it('refuses an expired link with nothing changed', async () => {
    const h = await harness();
    const { id, approve } = await heldAndMailed(h);
    h.clock.now += 7 * DAY + 1000;
    const shown = await h.app.request(approve);
    expect(shown.status).toBe(400);
    expect(await shown.text()).toContain('This link has expired');
    const posted = await h.app.request(approve, form(approve));
    expect(posted.status).toBe(400);
    expect((await h.store.comments.get(id))!.status).toBe('pending');
    // Just inside the week it still works.
    h.clock.now -= 2000;
    expect((await h.app.request(approve, await confirmation(h.app, approve))).status).toBe(200);
    expect((await h.store.comments.get(id))!.status).toBe('published');
  });

  it('refuses a tampered or made-up token with nothing changed', async () => {
    const h = await harness();
    const { id, approve, spam } = await heldAndMailed(h);
    const token = new URL(approve, 'http://x').searchParams.get('t')!;
    const [claims, mac] = token.split('.') as [string, string];
    const other = await post(h.app, body({ text: 'Another held comment' }));
    const otherId = ((await other.json()) as { comment: { id: string } }).comment.id;
    const forgeries = [
      // One character of the MAC changed.
      `${claims}.${mac.slice(0, -2)}${mac.at(-2) === 'A' ? 'B' : 'A'}${mac.at(-1)}`,
      // The claims rewritten to name another comment, the MAC kept.
      `${Buffer.from(Buffer.from(claims, 'base64url').toString().replace(id, otherId)).toString('base64url')}.${mac}`,
      // Signed with a secret that is not the server's.
      makeActionToken('not-the-secret', { id, action: 'approve', expiresAt: h.clock.now + DAY }),
      // The spam link's claims with the approve link's MAC.
      `${new URL(spam, 'http://x').searchParams.get('t')!.split('.')[0]}.${mac}`,
      '',
      'garbage',
    ];
    for (const forged of forgeries) {
      const path = `/moderate?t=${encodeURIComponent(forged)}`;
      const shown = await h.app.request(path);
      expect(shown.status).toBe(400);
      expect(await shown.text()).toContain('This link is not valid');
      expect((await h.app.request('/moderate', { ...form(path), body: new URLSearchParams({ t: forged }).toString() })).status).toBe(400);
    }
    // A POST without the form body is no approval either.
    expect((await h.app.request(approve, { method: 'POST' })).status).toBe(400);
    expect((await h.store.comments.get(id))!.status).toBe('pending');
    expect((await h.store.comments.get(otherId))!.status).toBe('pending');
    // Nor is a genuine form padded past the form-size cap (4 KiB): it is not read at all…
    const fields = { t: new URL(approve, 'http://x').searchParams.get('t')!, seen: seenStamp((await h.store.comments.get(id))!) };
    const padded = { ...form(approve), body: new URLSearchParams({ ...fields, pad: 'x'.repeat(5000) }).toString() };
    expect((await h.app.request('/moderate', padded)).status).toBe(400);
    expect((await h.store.comments.get(id))!.status).toBe('pending');
    // …while the same fields alone approve.
    expect((await h.app.request('/moderate', { ...form(approve), body: new URLSearchParams(fields).toString() })).status).toBe(200);
    expect((await h.store.comments.get(id))!.status).toBe('published');
  });

  it('refuses (409) a confirmation of text the author has edited since the page was shown, and shows the new text', async () => {
    const h = await harness();
    const { id, editToken, approve } = await heldAndMailed(h);
    const shown = await confirmation(h.app, approve);
    // Still inside the edit window, the author rewrites the held comment.
    const edit = await h.app.request(`/api/v1/comments/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editToken}` },
      body: JSON.stringify({ text: 'Now with <i>other</i> words' }),
    });
    expect(edit.status).toBe(200);
    const jobs = (await h.store.outbox.list({ limit: 10 })).length;

    const refused = await h.app.request(approve, shown);
    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(page).toContain('The comment was edited since this page was shown');
    expect(page).toContain('Nothing was changed. Here it is again');
    expect(page).toContain('Now with &lt;i&gt;other&lt;/i&gt; words');
    expect(page).not.toContain('Second &lt;b&gt;line');
    expect((await h.store.comments.get(id))!.status).toBe('pending');
    expect(await h.store.outbox.list({ limit: 10 })).toHaveLength(jobs);
    // A POST with no stamp at all is no confirmation of any text either.
    expect((await h.app.request(approve, form(approve))).status).toBe(409);
    expect((await h.store.comments.get(id))!.status).toBe('pending');

    // The fresh page's button confirms the text it shows.
    const fields = hiddenFields(page);
    expect(fields.seen).not.toBe(new URLSearchParams(shown.body).get('seen'));
    const again = await h.app.request(approve, { ...shown, body: new URLSearchParams(fields).toString() });
    expect(again.status).toBe(200);
    expect((await h.store.comments.get(id))!).toMatchObject({ status: 'published', text: 'Now with <i>other</i> words' });
  });

  it('undoes an approval when an edit lands between the check and the write', async () => {
    const h = await harness();
    const { id, approve } = await heldAndMailed(h);
    const shown = await confirmation(h.app, approve);
    // A store whose setStatus is preceded by the author's edit: it commits after the route
    // compared the stamps and before the status change, the narrowest race there is.
    const racing = {
      ...h.store,
      comments: {
        ...h.store.comments,
        setStatus: async (...args: Parameters<typeof h.store.comments.setStatus>) => {
          await h.store.comments.update(id, { text: 'Sneaked in', editedAt: h.clock.now });
          return h.store.comments.setStatus(...args);
        },
      },
    };
    const { app } = setup({ store: racing, moderation: 'all', now: () => h.clock.now });
    const res = await app.request(approve, shown);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Sneaked in');
    expect((await h.store.comments.get(id))!.status).toBe('pending');
  });

  it('answers 404 for a comment that no longer exists, and never brings back a deleted one', async () => {
    const h = await harness();
    const unknown = `/moderate?t=${makeActionToken(SECRET, { id: 'no-such-comment', action: 'approve', expiresAt: h.clock.now + DAY })}`;
    expect((await h.app.request(unknown)).status).toBe(404);
    expect((await h.app.request(unknown, form(unknown))).status).toBe(404);

    const { id, approve } = await heldAndMailed(h);
    await h.store.comments.update(id, { status: 'deleted' });
    expect((await h.app.request(approve)).status).toBe(409);
    expect((await h.app.request(approve, form(approve))).status).toBe(409);
    expect((await h.store.comments.get(id))!.status).toBe('deleted');
  });
});

describe('action tokens', () => {
  it('read back exactly what was signed, until the second they expire', () => {
    const expiresAt = Date.parse('2026-01-08T00:00:00Z');
    const token = makeActionToken('s', { id: 'wp-11/item 2', action: 'spam', expiresAt });
    expect(readActionToken('s', token, expiresAt - 1)).toEqual({ ok: true, id: 'wp-11/item 2', action: 'spam', expiresAt });
    expect(readActionToken('s', token, expiresAt)).toMatchObject({ ok: false, reason: 'expired' });
    expect(readActionToken('t', token, 0)).toEqual({ ok: false, reason: 'forged' });
    expect(readActionToken('s', undefined, 0)).toEqual({ ok: false, reason: 'malformed' });
  });
});
