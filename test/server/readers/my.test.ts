// A reader's self-service (issue 17 item 3): /my asks for a link by email; the mailed link lists
// every comment of that address across threads, downloads them as JSON, deletes some or all
// (erased: a tombstone only where replies hang on one) and stops all mail. And the trust a
// confirmed address gives a browser (item 4).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { list } from '../../helpers/app.ts';
import { form, linkIn, MINUTE, parts, postJson, readerHarness, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await readerHarness();
});
afterEach(async () => {
  await h.close();
});

async function myLink(email: string): Promise<string> {
  const res = await h.app.request('/my', form({ email }));
  expect(res.status).toBe(200);
  await h.drain();
  const mail = h.mailsTo(email).at(-1)!;
  expect(parts(mail.raw).text).toContain('works for 24 hours');
  return linkIn(mail, '/my');
}

describe('/my', () => {
  it('lists, downloads, deletes and stops mail from the mailed link', async () => {
    const a = await postJson(h.app, { thread: '/a', email: 'Ada@Example.com', text: 'Ada on a', website: 'https://ada.example' });
    const b = await postJson(h.app, { thread: '/b', email: 'ada@example.com', text: 'Ada on b', notify: 'replies' });
    const c = await postJson(h.app, { thread: '/c', email: 'ada@example.com', text: 'Ada on c' });
    await postJson(h.app, { thread: '/a', email: 'bob@example.com', text: 'Bob is not listed' });
    const reply = await postJson(h.app, { thread: '/a', parent: a.json.comment.id, email: 'bob@example.com', text: 'Bob replies to Ada' });
    const link = await myLink('ada@example.com');

    const page = await h.app.request(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    for (const text of ['Ada on a', 'Ada on b', 'Ada on c']) expect(html).toContain(text);
    expect(html).not.toContain('Bob');

    // Someone liked Ada's comment on b: the download says so, as the thread does.
    const liked = await h.app.request(`/api/v1/comments/${b.json.comment.id}/vote`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: 1, voter: 'another-browser-key' }) });
    expect(liked.status).toBe(200);

    const t = new URL(link, 'https://x').searchParams.get('t')!;
    const download = await h.app.request(`/my/export?t=${t}`);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    const data = (await download.json()) as { address: string; mail: unknown; comments: { id: string; text: string; email: string; website: string | null; votes: { up: number; down: number } }[] };
    expect(data.address).toBe('ada@example.com');
    // Ada asked for replies to b (not confirmed): that is in the download too.
    expect(data.mail).toEqual({ askedAt: expect.any(String), confirmedAt: null, follows: [{ kind: 'replies', comment: b.json.comment.id, since: expect.any(String) }] });
    expect(data.comments.map((x) => x.text)).toEqual(['Ada on a', 'Ada on b', 'Ada on c']);
    expect(data.comments[0]).toMatchObject({ email: 'Ada@Example.com', website: 'https://ada.example' });
    expect(data.comments.map((x) => x.votes)).toEqual([{ up: 0, down: 0 }, { up: 1, down: 0 }, { up: 0, down: 0 }]);

    // Delete one: a has a reply, so a tombstone keeps its place, with nothing of Ada's left.
    const one = await h.app.request('/my/erase', form({ t, id: [a.json.comment.id] }));
    expect(one.status).toBe(200);
    expect(await one.text()).toContain('1 comment deleted');
    const { json } = await list(h.app, 'thread=/a');
    const tomb = json.comments.find((x) => x.id === a.json.comment.id) as unknown as { deleted?: true; text: string; author: { name: string } };
    expect(tomb).toMatchObject({ deleted: true, text: '' });
    expect(JSON.stringify(json)).not.toContain('Ada on a');
    expect(json.comments.some((x) => x.id === reply.json.comment.id)).toBe(true);
    expect(await h.store.comments.get(a.json.comment.id)).toMatchObject({ name: '', email: '', website: null, text: '', clientHash: null });

    // Stop all mail: a reply to b after that sends nothing.
    expect((await h.app.request('/my/stop', form({ t }))).status).toBe(200);
    const before = h.smtp.mails.length;
    await postJson(h.app, { thread: '/b', parent: b.json.comment.id, email: 'bob@example.com', text: 'Reply to b' });
    await h.drain();
    h.clock.now += 11 * MINUTE;
    await h.drain();
    expect(h.smtp.mails.length).toBe(before);

    // Delete all: b and c have no replies, so they are gone.
    const all = await h.app.request('/my/erase', form({ t, all: '1' }));
    expect(await all.text()).toContain('2 comments deleted');
    expect(await h.store.comments.get(c.json.comment.id)).toBeNull();
    expect(await (await h.app.request(link)).text()).toContain('There are no comments with this address.');
  });

  it('lets the reader have every new comment of one of their threads mailed, from the /my link', async () => {
    await postJson(h.app, { thread: '/a', email: 'ada@example.com', text: 'Mine' });
    const link = await myLink('ada@example.com');
    const t = new URL(link, 'https://x').searchParams.get('t')!;
    expect(await (await h.app.request(link)).text()).toContain('Mail me every new comment');
    // Only a thread the address has a comment on.
    expect((await h.app.request('/my/follow', form({ t, thread: '/elsewhere' }))).status).toBe(400);
    const res = await h.app.request('/my/follow', form({ t, thread: '/a' }));
    expect(res.status).toBe(200);
    expect(await (await h.app.request(link)).text()).toContain('every new comment is mailed to you');
    const before = h.mailsTo('ada@example.com').length;
    await postJson(h.app, { thread: '/a', email: 'bob@example.com', name: 'Bob', text: 'A new comment on a' });
    await h.drain();
    h.clock.now += 10 * MINUTE;
    await h.drain();
    const mails = h.mailsTo('ada@example.com');
    expect(mails).toHaveLength(before + 1);
    expect(parts(mails.at(-1)!.raw).text).toContain('A new comment on a');
  });

  it('a link works for 24 hours, and only for its own address', async () => {
    await postJson(h.app, { email: 'ada@example.com', text: 'Mine' });
    const bob = await postJson(h.app, { email: 'bob@example.com', text: 'Bob’s' });
    const link = await myLink('ada@example.com');
    const t = new URL(link, 'https://x').searchParams.get('t')!;
    // Ada's link cannot erase Bob's comment.
    const res = await h.app.request('/my/erase', form({ t, id: [bob.json.comment.id] }));
    expect(await res.text()).toContain('0 comments deleted');
    expect(await h.store.comments.get(bob.json.comment.id)).not.toBeNull();
    h.clock.now += 24 * 60 * MINUTE;
    const late = await h.app.request(link);
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('expired');
    expect((await h.app.request('/my/erase', form({ t, all: '1' }))).status).toBe(400);
  });

  it('sends at most 3 links a day to one address, and answers the same past the limit', async () => {
    await postJson(h.app, { email: 'ada@example.com' });
    const answers = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await h.app.request('/my', form({ email: 'ada@example.com' }));
      answers.add(`${res.status} ${await res.text()}`);
    }
    await h.drain();
    expect(answers.size).toBe(1);
    expect(h.mailsTo('ada@example.com')).toHaveLength(3);
  });

  it('refuses a malformed address with a sentence, sending nothing', async () => {
    const res = await h.app.request('/my', form({ email: 'not an address' }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Please enter an email address');
    await h.drain();
    expect(h.smtp.mails).toHaveLength(0);
  });
});

describe('trust from a confirmed address (first-time moderation)', () => {
  it('trusts a new browser once it is bound to an address whose other browser had a comment approved', async () => {
    await h.close();
    h = await readerHarness({ moderation: 'first-time' });
    const admin = { authorization: 'Bearer reader-mail-admin-token', 'content-type': 'application/json' };
    const confirmLast = async (email: string) => {
      await h.drain();
      const t = new URL(linkIn(h.mailsTo(email).at(-1)!, '/notify/confirm'), 'https://x').searchParams.get('t')!;
      expect((await h.app.request('/notify/confirm', form({ t }))).status).toBe(200);
    };
    // Browser A asks for mail, confirms (binding its key) and has its comment approved.
    const a = await postJson(h.app, { email: 'ada@example.com', text: 'From browser A', notify: 'replies' });
    expect(a.json.status).toBe('held');
    await confirmLast('ada@example.com');
    await h.app.request('/api/v1/admin/comments/actions', { method: 'POST', headers: admin, body: JSON.stringify({ action: 'approve', ids: [a.json.comment.id] }) });
    // Browser B: a new key, the same typed address. Typing it earns nothing.
    const b1 = await postJson(h.app, { email: 'ada@example.com', text: 'From browser B', notify: 'replies' });
    expect(b1.json.status).toBe('held');
    const b2 = await postJson(h.app, { email: 'ada@example.com', text: 'Again from B', authorKey: b1.json.authorKey });
    expect(b2.json.status).toBe('held');
    // B asked for mail: the confirmed address gets a confirmation for this browser; once opened, B is trusted.
    await confirmLast('ada@example.com');
    const b3 = await postJson(h.app, { email: 'ada@example.com', text: 'B, confirmed', authorKey: b1.json.authorKey });
    expect(b3.json.status).toBe('published');
    // A stranger's browser typing Ada's address is still held.
    const stranger = await postJson(h.app, { email: 'ada@example.com', text: 'Pretending' });
    expect(stranger.json.status).toBe('held');
  });
});
