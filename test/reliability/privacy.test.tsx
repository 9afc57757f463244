// @vitest-environment happy-dom
// Parley issue 7, DESIGN promise 1: post comments with known addresses, then walk every public
// response (lists in both orders, reply pages, every page of a cursor, counts, the form token,
// health, errors, 304s, replays), the widget's DOM and the page around it, and search everything
// for the addresses and their MD5, SHA-1 and SHA-256 (lower-cased, trimmed; hex and base64): none.
// The moderator's admin API is the one place that may carry them, and it does.
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpBackend } from '../../src/adapters/http.ts';
import { mount } from '../../src/widget/mount.ts';
import { ADMIN_TOKEN, postJson, relaxedApp } from './helpers.ts';

const EMAILS = ['Reader.One@Example.com', '  second.reader@example.org ', 'third+tag@EXAMPLE.net', 'held.bot@example.io'];

function needles(): string[] {
  const out = new Set<string>();
  for (const raw of EMAILS) {
    const email = raw.trim().toLowerCase();
    out.add(raw.trim().toLowerCase());
    out.add(email.split('@')[0]!); // the local part alone is identifying too
    for (const algo of ['md5', 'sha1', 'sha256']) {
      for (const input of [email, raw, raw.trim()]) {
        const digest = createHash(algo).update(input).digest();
        out.add(digest.toString('hex'));
        out.add(digest.toString('base64').replace(/=+$/, '').toLowerCase());
        out.add(digest.toString('base64url').toLowerCase());
      }
    }
  }
  return [...out];
}

const { app, store } = relaxedApp();
afterAll(async () => {
  document.body.innerHTML = '';
  await store.close();
});

describe('email privacy (DESIGN promise 1)', () => {
  it('keeps every address and its hashes out of every public response and the widget DOM', async () => {
    const seen: { what: string; text: string }[] = [];
    const record = async (what: string, res: Response) => {
      const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
      seen.push({ what, text: `${headers}\n${await res.clone().text()}` });
      return res;
    };
    const send = async (what: string, body: Record<string, unknown>) => record(what, await postJson(app, body));
    const ids: string[] = [];
    const tokens: string[] = [];
    let k = 0;
    for (const [i, email] of EMAILS.entries()) {
      for (let j = 0; j < 3; j++) {
        const body = {
          thread: `/private/${j % 2}`,
          // Short and unlike each other, so the echo rule does not hold them as copies.
          text: `Note ${j} of reader ${i}: ${['bridges', 'rivers', 'owls', 'tides'][i]}.`,
          name: `Reader ${i}`,
          email,
          website: j === 0 ? 'https://reader.example' : undefined,
          parent: j === 2 && i !== 3 ? ids.at(-2) : undefined, // a held comment cannot be replied to
          idempotencyKey: `privacy-${++k}`,
          // The last reader is a bot: held comments must not leak either.
          form: i === 3 ? { hp: 'filled by a bot' } : undefined,
        };
        const res = await send('post', body);
        const json = (await res.json()) as { comment: { id: string }; editToken: string };
        expect(res.status, JSON.stringify(json)).toBe(201);
        ids.push(json.comment.id);
        tokens.push(json.editToken);
        await send('replay', body); // 200, same answer
        await send('conflict', { ...body, text: `${body.text} (changed)` }); // 409
      }
      await send('duplicate', { thread: '/private/0', text: `Note 0 of reader ${i}: ${['bridges', 'rivers', 'owls', 'tides'][i]}.`, name: `Reader ${i}`, email, idempotencyKey: `privacy-dup-${i}` });
      await send('invalid', { thread: '/private/0', text: '', name: '', email, idempotencyKey: `privacy-bad-${i}` });
      await send('bad email', { thread: '/private/0', text: 'x', name: 'x', email: `${email} not an address`, idempotencyKey: `privacy-bad2-${i}` });
    }
    // An edit, and a deleted comment that stays as the anchor of its reply.
    await record('edit', await app.request(`/api/v1/comments/${ids[0]}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` }, body: JSON.stringify({ text: 'Edited words about bridges.' }) }));
    await record('delete', await app.request(`/api/v1/comments/${ids[1]}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens[1]}` } }));
    // Every public read.
    for (const thread of ['/private/0', '/private/1', '/unknown']) {
      for (const query of [`thread=${thread}`, `thread=${thread}&sort=newest`, `thread=${thread}&limit=1`]) {
        let cursor = '';
        for (let page = 0; page < 20; page++) {
          const res = await record('list', await app.request(`/api/v1/comments?${query}${cursor ? `&cursor=${cursor}` : ''}`));
          const etag = res.headers.get('etag');
          if (etag) await record('304', await app.request(`/api/v1/comments?${query}`, { headers: { 'if-none-match': etag } }));
          const json = (await res.json()) as { nextCursor: string | null };
          if (!json.nextCursor) break;
          cursor = json.nextCursor;
        }
      }
      await record('counts', await app.request(`/api/v1/counts?thread=${thread}&thread=/private/1`));
      await record('form', await app.request(`/api/v1/form?thread=${thread}`));
    }
    for (const id of ids) await record('replies', await app.request(`/api/v1/comments?thread=/private/0&parent=${id}`));
    for (const path of ['/healthz', '/parley.js', '/count.js', '/admin', '/admin/app.js', '/api/v1/admin/comments?status=spam', '/api/v1/nothing']) {
      await record(path, await app.request(path));
    }
    // The Atom feeds, site-wide and per thread (issue 14: this probed /feed and /rss, which answer
    // 404 and so checked nothing): each must answer with entries, so the search below means something.
    for (const path of ['/api/v1/feed.atom', '/api/v1/feed.atom?thread=/private/0', '/api/v1/feed.atom?thread=/private/1']) {
      const res = await record(path, await app.request(path));
      expect(res.status, path).toBe(200);
      expect((await res.clone().text()).match(/<entry>/g)?.length ?? 0, path).toBeGreaterThan(0);
    }
    // The widget, over the http backend into the same app, and the page around it.
    const fetchViaApp = ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      return Promise.resolve(app.request(url.pathname + url.search, init)).then((res: Response) => record(`widget ${url.pathname}`, res));
    }) as typeof fetch;
    for (const thread of ['/private/0', '/private/1']) {
      const el = document.createElement('div');
      document.body.append(el);
      mount(el, { backend: createHttpBackend({ api: 'http://parley.test', fetch: fetchViaApp }), thread, title: 'Privacy', storage: null });
      const root = el.querySelector('.parley')!.shadowRoot!;
      for (let i = 0; i < 100 && !root.querySelector('article'); i++) await new Promise((r) => setTimeout(r, 5));
      expect(root.querySelectorAll('article').length).toBeGreaterThan(0);
      seen.push({ what: `widget DOM ${thread}`, text: root.innerHTML + document.documentElement.outerHTML });
    }

    expect(seen.length).toBeGreaterThan(100);
    const forbidden = needles();
    const leaks: string[] = [];
    for (const { what, text } of seen) {
      const lower = text.toLowerCase();
      for (const needle of forbidden) if (lower.includes(needle)) leaks.push(`${what}: ${needle}`);
    }
    expect(leaks).toEqual([]);

    // The moderator does see them (so the search above would have found them had they leaked).
    const admin = await app.request('/api/v1/admin/comments?status=published&limit=200', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const adminText = (await admin.text()).toLowerCase();
    expect(adminText).toContain('reader.one@example.com');
    const spam = await (await app.request('/api/v1/admin/comments?status=spam', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    expect(spam).toContain('held.bot@example.io');
  });
});
