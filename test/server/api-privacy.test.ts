import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { body, post, setup } from '../helpers/app.ts';

const emails = ['Reader.One@Example.com', ' second@example.org '];
const forbidden = emails.flatMap((raw) => {
  const email = raw.trim().toLowerCase();
  const hex = (algo: string) => createHash(algo).update(email).digest('hex');
  return [raw.trim(), email, hex('md5'), hex('sha1'), hex('sha256')];
});

describe('email privacy', () => {
  it('keeps every email and its MD5, SHA-1 and SHA-256 out of every public response', async () => {
    const { app } = setup();
    const responses: Response[] = [];
    const keep = async (res: Response | Promise<Response>) => {
      const r = await res;
      responses.push(r);
      return r;
    };
    const first = body({ email: emails[0] });
    const created = await (await keep(post(app, first))).clone().json();
    await keep(post(app, first));
    await keep(post(app, { ...first, text: 'changed' }));
    await keep(post(app, body({ email: emails[0], text: first.text })));
    const second = await (await keep(post(app, body({ email: emails[1], parent: created.comment.id, text: 'A reply' })))).clone().json();
    await keep(post(app, body({ email: emails[1], website: 'not a url' })));
    await keep(post(app, body({ email: emails[1], text: 'Bot words', form: { hp: 'x' } })));
    await keep(app.request(`/api/v1/comments/${created.comment.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${created.editToken}` },
      body: JSON.stringify({ text: 'Edited' }),
    }));
    for (const path of [
      '/api/v1/comments?thread=/a',
      '/api/v1/comments?thread=/a&sort=newest',
      `/api/v1/comments?thread=/a&parent=${created.comment.id}`,
      '/api/v1/counts?thread=/a',
      '/api/v1/form?thread=/a',
      '/api/v1/feed.atom?thread=/a',
      '/api/v1/feed.atom',
      '/api/v1/admin/comments',
      '/healthz',
    ]) {
      await keep(app.request(path));
    }
    await keep(app.request(`/api/v1/comments/${second.comment.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${second.editToken}` } }));
    expect(responses.length).toBeGreaterThan(10);
    for (const res of responses) {
      const text = `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await res.text()}`.toLowerCase();
      for (const needle of forbidden) expect(text).not.toContain(needle.toLowerCase());
    }
  });
});
