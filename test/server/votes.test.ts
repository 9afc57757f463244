// Votes and sorting (issue 16 items 2, 3) through the API: one vote per voter key and comment, up
// only unless --votes updown, none with --votes off, never on one's own comment, 30 a minute per
// client address; the counts in every PublicComment and the thread's ETag moving with them; and
// sort=best (the Wilson lower bound), paged by position.
import { describe, expect, it } from 'vitest';
import { wilsonScore } from '../../src/server/store/votes.ts';
import { body, list, post, posted, setup } from '../helpers/app.ts';

const vote = (app: ReturnType<typeof setup>['app'], id: string, data: Record<string, unknown>) =>
  app.request(`/api/v1/comments/${id}/vote`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
const voter = (n: number) => `voter-key-${String(n).padStart(8, '0')}`;

describe('POST /api/v1/comments/:id/vote', () => {
  it('counts one up vote per voter, replaces it, takes it back, and the GET answer and its ETag follow', async () => {
    const { app } = setup();
    const { comment } = await posted(app);
    const before = await list(app, 'thread=%2Fa');
    expect(before.json.comments[0]).toMatchObject({ votes: { up: 0, down: 0 } });
    expect((before.json.thread as { votes?: string }).votes).toBe('up');
    const res = await vote(app, comment.id, { value: 1, voter: voter(1) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ votes: { up: 1, down: 0 } });
    expect(await (await vote(app, comment.id, { value: 1, voter: voter(1) })).json()).toEqual({ votes: { up: 1, down: 0 } });
    expect(await (await vote(app, comment.id, { value: 1, voter: voter(2) })).json()).toEqual({ votes: { up: 2, down: 0 } });
    const after = await list(app, 'thread=%2Fa');
    expect(after.json.comments[0]).toMatchObject({ votes: { up: 2, down: 0 } });
    expect(after.res.headers.get('etag')).not.toBe(before.res.headers.get('etag'));
    expect(await (await vote(app, comment.id, { value: 0, voter: voter(1) })).json()).toEqual({ votes: { up: 1, down: 0 } });
  });

  it('takes down votes only with --votes updown, and refuses every vote with --votes off', async () => {
    const up = setup();
    const a = await posted(up.app);
    const refused = await vote(up.app, a.comment.id, { value: -1, voter: voter(1) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string; fields: Record<string, string> } }).error).toMatchObject({ code: 'invalid', fields: { value: expect.stringContaining('Down votes are turned off') } });

    const both = setup({ votes: 'updown' });
    const b = await posted(both.app);
    expect(await (await vote(both.app, b.comment.id, { value: 1, voter: voter(1) })).json()).toEqual({ votes: { up: 1, down: 0 } });
    expect(await (await vote(both.app, b.comment.id, { value: -1, voter: voter(1) })).json()).toEqual({ votes: { up: 0, down: 1 } });
    expect(((await list(both.app, 'thread=%2Fa')).json.thread as { votes?: string }).votes).toBe('updown');

    const off = setup({ votes: 'off' });
    const c = await posted(off.app);
    const no = await vote(off.app, c.comment.id, { value: 1, voter: voter(1) });
    expect(no.status).toBe(403);
    expect(((await no.json()) as { error: { code: string } }).error.code).toBe('votes_off');
    expect((await list(off.app, 'thread=%2Fa')).json.thread).not.toHaveProperty('votes');
  });

  it("refuses a vote on one's own comment (the author key it was posted with)", async () => {
    const { app } = setup();
    const res = await post(app, body());
    const { comment, authorKey } = (await res.json()) as { comment: { id: string }; authorKey: string };
    const own = await vote(app, comment.id, { value: 1, voter: voter(1), authorKey });
    expect(own.status).toBe(403);
    expect(((await own.json()) as { error: { code: string } }).error.code).toBe('own_comment');
    // Another reader's key is no reason to refuse.
    const other = (await (await post(app, body({ text: 'Another reader.' }))).json()) as { authorKey: string };
    expect((await vote(app, comment.id, { value: 1, voter: voter(2), authorKey: other.authorKey })).status).toBe(200);
  });

  it('answers 429 with Retry-After past 30 votes a minute from one address, and takes votes again the next minute', async () => {
    const { app, clock } = setup({ clientAddress: () => '203.0.113.9' });
    const { comment } = await posted(app);
    for (let i = 0; i < 30; i++) expect((await vote(app, comment.id, { value: 1, voter: voter(i) })).status).toBe(200);
    const limited = await vote(app, comment.id, { value: 1, voter: voter(99) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await list(app, 'thread=%2Fa')).json.comments[0]).toMatchObject({ votes: { up: 30, down: 0 } });
    clock.now += 60_000;
    expect((await vote(app, comment.id, { value: 1, voter: voter(99) })).status).toBe(200);
  });

  it('refuses a held or unknown comment (404) and a malformed vote (400), changing nothing', async () => {
    const { app } = setup({ moderation: 'all' });
    const held = (await (await post(app, body())).json()) as { comment: { id: string } };
    expect((await vote(app, held.comment.id, { value: 1, voter: voter(1) })).status).toBe(404);
    expect((await vote(app, 'nope', { value: 1, voter: voter(1) })).status).toBe(404);
    const bad = await vote(app, held.comment.id, { value: 2, voter: 'short' });
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { error: { fields: object } }).error.fields).sort()).toEqual(['value', 'voter']);
  });
});

describe('sort=best', () => {
  it('ranks by the Wilson lower bound: 9 of 10 below 90 of 100, a lone up vote below both', () => {
    expect(wilsonScore(90, 10)).toBeGreaterThan(wilsonScore(9, 1));
    expect(wilsonScore(9, 1)).toBeGreaterThan(wilsonScore(1, 0));
    expect(wilsonScore(0, 0)).toBe(0);
  });

  it('lists the roots best first, then oldest, and pages them by position', async () => {
    const { app } = setup({ votes: 'updown' });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await posted(app, { text: `Root number ${i}.` })).comment.id);
    const cast = async (id: string, ups: number, downs: number) => {
      for (let i = 0; i < ups; i++) await vote(app, id, { value: 1, voter: `${id}-up-voter-${i}` });
      for (let i = 0; i < downs; i++) await vote(app, id, { value: -1, voter: `${id}-down-voter-${i}` });
    };
    await cast(ids[1]!, 5, 0);
    await cast(ids[2]!, 6, 4);
    await cast(ids[3]!, 0, 2);
    const first = await list(app, 'thread=%2Fa&sort=best&limit=2');
    expect(first.json.comments.map((c) => c.id)).toEqual([ids[1], ids[2]]);
    const rest = await list(app, `thread=%2Fa&sort=best&limit=2&cursor=${first.json.nextCursor}`);
    expect(rest.json.comments.map((c) => c.id)).toEqual([ids[0], ids[3]]);
    expect(rest.json.nextCursor).toBeNull();
    expect((await app.request('/api/v1/comments?thread=%2Fa&sort=top')).status).toBe(400);
  });
});
