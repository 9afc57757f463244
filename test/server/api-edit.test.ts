import { describe, expect, it } from 'vitest';
import { list, posted, setup } from '../helpers/app.ts';

const patch = (app: ReturnType<typeof setup>['app'], id: string, token: string | null, data: unknown) =>
  app.request(`/api/v1/comments/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(data),
  });
const remove = (app: ReturnType<typeof setup>['app'], id: string, token: string) =>
  app.request(`/api/v1/comments/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });

describe('PATCH and DELETE /api/v1/comments/:id', () => {
  it('edits with the edit token and marks the comment edited', async () => {
    const { app, clock } = setup();
    const p = await posted(app);
    clock.now += 60_000;
    const res = await patch(app, p.comment.id, p.editToken, { text: ' Better words ' });
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json).toMatchObject({ id: p.comment.id, text: 'Better words', editedAt: new Date(clock.now).toISOString(), status: 'published' });
    expect((await list(app, 'thread=/a')).json.comments[0]!.text).toBe('Better words');
  });

  it('refuses a missing or wrong edit token with 401', async () => {
    const { app } = setup();
    const p = await posted(app);
    expect((await patch(app, p.comment.id, null, { text: 'x' })).status).toBe(401);
    const wrong = await patch(app, p.comment.id, `${p.editToken}x`, { text: 'x' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('unauthorized');
    expect((await remove(app, p.comment.id, 'nope')).status).toBe(401);
  });

  it('says in the post answer until when the token works, and refuses edits and deletes after it with 403 edit_window_closed', async () => {
    const { app, clock } = setup({ editWindowSeconds: 60 });
    const p = (await posted(app)) as Awaited<ReturnType<typeof posted>> & { editableUntil: string };
    expect(p.editableUntil).toBe(new Date(clock.now + 60_000).toISOString());
    clock.now += 61_000;
    const res = await patch(app, p.comment.id, p.editToken, { text: 'late' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('edit_window_closed');
    expect((await remove(app, p.comment.id, p.editToken)).status).toBe(403);
  });

  it('refuses an empty edit with 400 invalid naming the text', async () => {
    const { app } = setup();
    const p = await posted(app);
    const res = await patch(app, p.comment.id, p.editToken, { text: '  ' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({ text: 'Comment is required.' });
  });

  it('runs moderation again on an edit, and an edit never publishes a held comment', async () => {
    const all = setup({ moderation: 'all' });
    const held = await posted(all.app);
    const res = await patch(all.app, held.comment.id, held.editToken, { text: 'Edited' });
    expect((await all.store.comments.get(held.comment.id))!.status).toBe('pending');
    // The answer says so, as a POST's does, so the author's widget shows it as awaiting moderation.
    expect(await res.json()).toMatchObject({ text: 'Edited', status: 'held' });

    const open = setup();
    const spam = await posted(open.app, { form: { hp: 'bot' } });
    await patch(open.app, spam.comment.id, spam.editToken, { text: 'Now harmless' });
    expect((await open.store.comments.get(spam.comment.id))!.status).toBe('spam');
  });

  it('deletes softly with 204, then answers 404 for the deleted comment', async () => {
    const { app } = setup();
    const p = await posted(app);
    expect((await remove(app, p.comment.id, p.editToken)).status).toBe(204);
    expect((await list(app, 'thread=/a')).json.thread.count).toBe(0);
    const again = await remove(app, p.comment.id, p.editToken);
    expect(again.status).toBe(404);
    expect((await again.json()).error.code).toBe('not_found');
    expect((await patch(app, 'missing', p.editToken, { text: 'x' })).status).toBe(404);
  });
});
