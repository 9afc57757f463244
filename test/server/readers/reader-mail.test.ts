// Reader mail end to end in process (issue 17): the box on a POST, one confirmation mail that
// carries nothing the reader typed, nothing more until it is confirmed, replies batched over ten
// minutes into one DKIM-signed mail with RFC 8058 one-click unsubscribe, only published replies,
// and the abuse limits, all read from the mails a real SMTP server received.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeReaderToken } from '../../../src/server/readers/links.ts';
import { body, list, post, setup } from '../../helpers/app.ts';
import { dkimOf, form, header, linkIn, MINUTE, parts, postJson, readerHarness, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await readerHarness();
});
afterEach(async () => {
  await h.close();
});

const SITE = 'blog.example';

/** Ada posts on /a asking for replies, confirms from her mail, and this is her comment's id. */
async function adaConfirmed(): Promise<string> {
  const { json } = await postJson(h.app, { thread: '/a', email: 'ada@example.com', notify: 'replies' });
  await h.drain();
  const [mail] = h.mailsTo('ada@example.com');
  const page = await h.app.request(linkIn(mail!, '/notify/confirm'));
  expect(page.status).toBe(200);
  const t = new URL(linkIn(mail!, '/notify/confirm'), 'https://x').searchParams.get('t')!;
  const done = await h.app.request('/notify/confirm', form({ t }));
  expect(done.status).toBe(200);
  expect(await done.text()).toContain('Confirmed');
  return json.comment.id;
}

describe('reader mail: double opt-in', () => {
  it('sends one confirmation mail carrying nothing the reader typed, and nothing else before it is confirmed', async () => {
    const typed = { name: 'Cheap Pills', text: 'Buy cheap pills at pills.example today', website: 'https://pills.example' };
    const { status, json } = await postJson(h.app, { thread: '/a', email: 'Victim@Example.com', notify: 'replies', ...typed });
    expect(status).toBe(201);
    await h.drain();
    const mails = h.mailsTo('victim@example.com');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(header(mail.raw, 'Subject')).toBe(`Confirm that you want emails about replies to your comments on ${SITE}`);
    const { text, html } = parts(mail.raw);
    for (const value of ['Cheap Pills', 'pills.example', 'Buy cheap']) {
      expect(mail.raw).not.toContain(value);
      expect(text + html).not.toContain(value);
    }
    expect(text).toContain('/notify/confirm?t=');

    // A published reply while unconfirmed: nothing, even after the batch time.
    await postJson(h.app, { thread: '/a', parent: json.comment.id, email: 'bob@example.com', name: 'Bob', text: 'A reply' });
    h.clock.now += 11 * MINUTE;
    await h.drain();
    expect(h.mailsTo('victim@example.com')).toHaveLength(1);
    // A GET of the link (a mail scanner) confirms nothing either.
    expect((await h.app.request(linkIn(mail, '/notify/confirm'))).status).toBe(200);
    await postJson(h.app, { thread: '/a', parent: json.comment.id, email: 'bob@example.com', name: 'Bob', text: 'Another reply' });
    h.clock.now += 11 * MINUTE;
    await h.drain();
    expect(h.mailsTo('victim@example.com')).toHaveLength(1);
  });

  it('asks nothing for a box left unticked, and nothing for a comment judged spam', async () => {
    await h.close();
    h = await readerHarness({ spamWords: ['casino'] });
    await postJson(h.app, { email: 'plain@example.com' });
    const spam = await postJson(h.app, { email: 'spammer@example.com', text: 'best casino here', notify: 'replies' });
    expect(spam.status).toBe(201);
    await h.drain();
    expect(h.smtp.mails).toHaveLength(0);
  });

  it('mails replies, batched over ten minutes, DKIM-signed, with a one-click unsubscribe that works', async () => {
    const mine = await adaConfirmed();
    const before = h.smtp.mails.length;
    const r1 = await postJson(h.app, { thread: '/a', parent: mine, email: 'bob@example.com', name: 'Bob', text: 'First <reply> & more' });
    // The worker is woken at once by a post (onQueued); drain() is that wake-up here.
    await h.drain();
    h.clock.now += 4 * MINUTE;
    await h.drain();
    const r2 = await postJson(h.app, { thread: '/a', parent: mine, email: 'cy@example.com', name: 'Cy', text: 'Second reply' });
    // Ada's own reply to herself tells her nothing.
    await postJson(h.app, { thread: '/a', parent: mine, email: 'ada@example.com', name: 'Ada', text: 'Talking to myself' });
    await h.drain();
    h.clock.now += 5 * MINUTE;
    await h.drain();
    expect(h.smtp.mails.length).toBe(before); // 9 minutes: the batch is still open
    h.clock.now += 1 * MINUTE;
    await h.drain();
    const mails = h.mailsTo('ada@example.com').slice(1);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    const { text, html } = parts(mail.raw);
    expect(text).toContain('> First <reply> & more');
    expect(text).toContain('> Second reply');
    expect(text).not.toContain('Talking to myself');
    expect(html).toContain('First &lt;reply&gt; &amp; more');
    expect(text).toContain(`https://blog.example/a#comment-${r1.json.comment.id}`);
    expect(text).toContain(`https://blog.example/a#comment-${r2.json.comment.id}`);
    expect(header(mail.raw, 'Subject')).toBe(`2 new comments on ${SITE}`);
    // RFC 8058: both headers, an HTTPS link, and a DKIM signature that covers them.
    const unsubscribe = /^<(https:\/\/comments\.blog\.example\/notify\/unsubscribe\?t=[\w.-]+)>$/.exec(header(mail.raw, 'List-Unsubscribe'))?.[1];
    expect(unsubscribe).toBeTruthy();
    expect(header(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const dkim = await dkimOf(mail);
    expect(dkim.status.result).toBe('pass');
    expect(dkim.signingDomain).toBe('blog.example');
    expect((dkim as unknown as { signingHeaders: { keys: string } }).signingHeaders.keys.toLowerCase().split(': ').join(':')).toMatch(/list-unsubscribe.*list-unsubscribe-post/);
    expect(text).toContain('/my?t=');

    // The one-click POST a mail client sends.
    const res = await h.app.request(unsubscribe!.slice('https://comments.blog.example'.length), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    const count = h.smtp.mails.length;
    await postJson(h.app, { thread: '/a', parent: mine, email: 'bob@example.com', name: 'Bob', text: 'After the unsubscribe' });
    h.clock.now += 11 * MINUTE;
    await h.drain();
    expect(h.smtp.mails.length).toBe(count);
  });

  it('a DKIM check fails when the mail is changed after signing, so the check could fail', async () => {
    const mine = await adaConfirmed();
    await postJson(h.app, { thread: '/a', parent: mine, email: 'bob@example.com', name: 'Bob', text: 'Hi' });
    await h.drain();
    h.clock.now += 10 * MINUTE;
    await h.drain();
    const mail = h.mailsTo('ada@example.com').at(-1)!;
    // Only the header changes (the body hash still matches): the signature must cover List-Unsubscribe.
    const cut = mail.raw.indexOf('\r\n\r\n');
    const forged = { ...mail, raw: mail.raw.slice(0, cut).replace('/notify/unsubscribe?t=', '/notify/unsubscribe?x=1&t=') + mail.raw.slice(cut) };
    expect(forged.raw).not.toBe(mail.raw);
    expect((await dkimOf(forged)).status.result).not.toBe('pass');
  });

  it('sends a held reply only once it is approved, and never a deleted one', async () => {
    await h.close();
    h = await readerHarness({ moderation: 'all' });
    const { json } = await postJson(h.app, { thread: '/a', email: 'ada@example.com', notify: 'replies' });
    await h.drain();
    const t = new URL(linkIn(h.mailsTo('ada@example.com')[0]!, '/notify/confirm'), 'https://x').searchParams.get('t')!;
    await h.app.request('/notify/confirm', form({ t }));
    const admin = { authorization: 'Bearer reader-mail-admin-token', 'content-type': 'application/json' };
    await h.app.request('/api/v1/admin/comments/actions', { method: 'POST', headers: admin, body: JSON.stringify({ action: 'approve', ids: [json.comment.id] }) });
    const held = await postJson(h.app, { thread: '/a', parent: json.comment.id, email: 'bob@example.com', name: 'Bob', text: 'Held reply' });
    expect(held.json.status).toBe('held');
    const gone = await postJson(h.app, { thread: '/a', parent: json.comment.id, email: 'cy@example.com', name: 'Cy', text: 'Approved then deleted' });
    h.clock.now += 11 * MINUTE;
    await h.drain();
    expect(h.mailsTo('ada@example.com')).toHaveLength(1);
    const approve = await h.app.request('/api/v1/admin/comments/actions', { method: 'POST', headers: admin, body: JSON.stringify({ action: 'approve', ids: [held.json.comment.id, gone.json.comment.id] }) });
    expect(approve.status).toBe(200);
    await h.drain();
    // Cy deletes theirs before the batch closes: it is left out of the mail.
    const del = await h.app.request(`/api/v1/comments/${gone.json.comment.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${gone.json.editToken}` } });
    expect(del.status).toBe(204);
    h.clock.now += 10 * MINUTE;
    await h.drain();
    const mails = h.mailsTo('ada@example.com');
    expect(mails).toHaveLength(2);
    const { text } = parts(mails[1]!.raw);
    expect(text).toContain('Held reply');
    expect(text).not.toContain('Approved then deleted');
  });

  it('follows a whole thread when asked to', async () => {
    const { json } = await postJson(h.app, { thread: '/b', email: 'ada@example.com', notify: 'thread' });
    await h.drain();
    const t = new URL(linkIn(h.mailsTo('ada@example.com')[0]!, '/notify/confirm'), 'https://x').searchParams.get('t')!;
    await h.app.request('/notify/confirm', form({ t }));
    await postJson(h.app, { thread: '/b', email: 'bob@example.com', name: 'Bob', text: 'A new top-level comment' });
    await postJson(h.app, { thread: '/other', email: 'bob@example.com', name: 'Bob', text: 'Elsewhere' });
    await h.drain();
    h.clock.now += 10 * MINUTE;
    await h.drain();
    const mails = h.mailsTo('ada@example.com');
    expect(mails).toHaveLength(2);
    expect(parts(mails[1]!.raw).text).toContain('A new top-level comment');
    expect(parts(mails[1]!.raw).text).not.toContain('Elsewhere');
    void json;
  });
});

describe('reader mail: the API', () => {
  it('says in the GET answer that the server mails readers, and only then', async () => {
    expect((await list(h.app, 'thread=/a')).json.thread).toMatchObject({ mail: true });
    const plain = setup();
    expect((await list(plain.app, 'thread=/a')).json.thread).not.toHaveProperty('mail');
  });

  it('refuses a notify that is neither replies nor thread, naming the field', async () => {
    const res = await post(h.app, body({ notify: 'everything' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.notify).toBe("notify must be 'replies' or 'thread'.");
  });

  it('takes notify and sends nothing when the server does not mail readers', async () => {
    const plain = setup();
    const res = await post(plain.app, body({ notify: 'replies' }));
    expect(res.status).toBe(201);
    expect(await plain.store.outbox.list({ limit: 10 })).toEqual([]);
  });
});

describe('reader mail: abuse limits', () => {
  it('sends at most 3 confirmation mails a day to one address', async () => {
    for (let i = 0; i < 5; i++) {
      h.clock.now += 2 * MINUTE;
      const { status } = await postJson(h.app, { email: 'target@example.com', text: `Comment ${i}`, notify: 'replies' }, {});
      expect(status).toBe(201);
    }
    await h.drain();
    expect(h.mailsTo('target@example.com')).toHaveLength(3);
    // The next day the address may be asked again.
    h.clock.now += 24 * 60 * MINUTE;
    await postJson(h.app, { email: 'target@example.com', text: 'Next day', notify: 'replies' });
    await h.drain();
    expect(h.mailsTo('target@example.com')).toHaveLength(4);
  });

  it('sends at most 10 confirmation mails a day from one client', async () => {
    for (let i = 0; i < 12; i++) await postJson(h.app, { email: `reader${i}@example.com`, text: `Comment ${i}`, notify: 'replies' });
    await h.drain();
    expect(h.smtp.mails).toHaveLength(10);
  });

  it('a confirmation link expires after 48 hours; an unconfirmed address is forgotten after 7 days', async () => {
    await postJson(h.app, { email: 'slow@example.com', notify: 'replies' });
    await h.drain();
    const t = new URL(linkIn(h.mailsTo('slow@example.com')[0]!, '/notify/confirm'), 'https://x').searchParams.get('t')!;
    h.clock.now += 48 * 60 * MINUTE;
    const late = await h.app.request('/notify/confirm', form({ t }));
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('expired');
    expect(await h.store.readers.confirm('slow@example.com', h.clock.now, null)).toBe(true);
    // Another reader's request a week later forgets week-old unconfirmed addresses.
    await postJson(h.app, { email: 'later@example.com', notify: 'replies' });
    await h.store.readers.forget('slow@example.com');
    await postJson(h.app, { email: 'slow2@example.com', notify: 'replies' });
    h.clock.now += 7 * 24 * 60 * MINUTE + 1;
    await postJson(h.app, { email: 'other@example.com', notify: 'replies' });
    const forged = makeReaderToken('test-secret', { purpose: 'confirm', email: 'slow2@example.com', key: null, expiresAt: h.clock.now + 60 * MINUTE });
    const res = await h.app.request('/notify/confirm', form({ t: forged }));
    expect(res.status).toBe(410);
  });

  it('refuses a forged or cut link, and one made for another purpose', async () => {
    await postJson(h.app, { email: 'ada@example.com', notify: 'replies' });
    await h.drain();
    const t = new URL(linkIn(h.mailsTo('ada@example.com')[0]!, '/notify/confirm'), 'https://x').searchParams.get('t')!;
    const other = makeReaderToken('another-secret', { purpose: 'confirm', email: 'ada@example.com', key: null, expiresAt: h.clock.now + MINUTE });
    for (const bad of [t.slice(0, -2), other, t.replace(/^[^.]+/, Buffer.from(`confirm:9999999999:-:bob@example.com`).toString('base64url'))]) {
      expect((await h.app.request('/notify/confirm', form({ t: bad }))).status).toBe(400);
    }
    // A confirm token does not unsubscribe or open /my.
    expect((await h.app.request(`/notify/unsubscribe?t=${t}`, { method: 'POST' })).status).toBe(400);
    expect((await h.app.request(`/my?t=${t}`)).status).toBe(400);
  });
});

describe('reader mail: no address oracle', () => {
  it('answers a POST with notify the same for a new, an unconfirmed, a confirmed and a limited address', async () => {
    await adaConfirmed();
    for (let i = 0; i < 3; i++) await postJson(h.app, { email: 'limited@example.com', text: `n${i}`, notify: 'replies' });
    const shape = async (email: string) => {
      const res = await postJson(h.app, { email, text: `Asking as ${email}`, notify: 'replies' });
      const { comment, editToken, authorKey, ...rest } = res.json as unknown as Record<string, unknown>;
      return { status: res.status, keys: Object.keys(res.json).sort(), rest, hasId: !!comment && !!editToken && !!authorKey };
    };
    const answers = await Promise.all(['new@example.com', 'limited@example.com', 'ada@example.com'].map(shape));
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('answers /my the same for an address with comments and one without, and mails only the first', async () => {
    await postJson(h.app, { email: 'ada@example.com' });
    const ask = async (email: string) => {
      const res = await h.app.request('/my', form({ email }));
      return { status: res.status, text: (await res.text()).replaceAll(email, 'EMAIL') };
    };
    const known = await ask('ada@example.com');
    const unknown = await ask('nobody@example.com');
    expect(unknown).toEqual(known);
    expect(known.status).toBe(200);
    await h.drain();
    expect(h.mailsTo('ada@example.com')).toHaveLength(1);
    expect(h.mailsTo('nobody@example.com')).toHaveLength(0);
  });
});
