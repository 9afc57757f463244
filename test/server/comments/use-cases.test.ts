// The use cases are functions of (deps, input) → result, with no HTTP in them (issue 13): called
// here directly, as the routes, the CLI and the mail links call them.
import { describe, expect, it } from 'vitest';
import { editComment } from '../../../src/server/comments/edit.ts';
import { actOnModerationLink, moderateComments, readModerationLink, seenStamp } from '../../../src/server/comments/moderate-actions.ts';
import { postComment } from '../../../src/server/comments/post.ts';
import { removeComment } from '../../../src/server/comments/remove.ts';
import { createDeps, type AppOptions } from '../../../src/server/deps.ts';
import { ApiError } from '../../../src/server/errors.ts';
import { makeActionToken } from '../../../src/server/notify/action-links.ts';
import { createNotifier } from '../../../src/server/notify/events.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const draft = (over: Record<string, unknown> = {}) => ({ thread: '/a', text: 'A thought', name: 'Ada', email: 'ada@example.com', idempotencyKey: 'k-1', ...over });

function deps(over: Partial<AppOptions> = {}) {
  return createDeps({ store: createMemoryStore(), secret: 'use-case-secret', now: () => NOW, minSubmitSeconds: 0, floodSeconds: 0, ...over });
}

describe('the comment use cases, without HTTP', () => {
  it('posts, answers a retry with the same comment, and refuses a reused key with another body', async () => {
    const d = deps();
    const first = await postComment(d, { body: draft(), address: '192.0.2.1' });
    expect(first).toMatchObject({ outcome: 'published', replay: false, comment: { thread: '/a', text: 'A thought', status: 'published' } });
    expect(first.editableUntil).toBe(new Date(NOW + 900_000).toISOString());
    const again = await postComment(d, { body: draft(), address: '192.0.2.1' });
    expect(again).toMatchObject({ replay: true, editToken: first.editToken, comment: { id: first.comment.id } });
    await expect(postComment(d, { body: draft({ text: 'Other words' }), address: '192.0.2.1' })).rejects.toMatchObject({ code: 'idempotency_conflict' });
  });

  it('refuses invalid input with the fields to fix, and stores nothing', async () => {
    const d = deps();
    const refused = postComment(d, { body: draft({ email: 'not-an-email' }), address: 'unknown' });
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ code: 'invalid', fields: { email: expect.any(String) } });
    expect(await d.store.comments.listAll({ limit: 10 })).toEqual([]);
  });

  it('decides statuses in one place: held by the mode, never published by an edit, deleted softly', async () => {
    const d = deps({ moderation: 'all' });
    const held = await postComment(d, { body: draft(), address: 'unknown' });
    expect(held).toMatchObject({ outcome: 'held', comment: { status: 'pending' } });
    const edited = await editComment(deps({ store: d.store, moderation: 'publish' }), { id: held.comment.id, token: held.editToken, body: { text: 'Better words' }, address: 'unknown' });
    // The mode would publish it now, but an edit never makes a held comment public.
    expect(edited).toMatchObject({ outcome: 'held', comment: { status: 'pending', text: 'Better words', editedAt: NOW } });
    await removeComment(d, { id: held.comment.id, token: held.editToken });
    expect((await d.store.comments.get(held.comment.id))!.status).toBe('deleted');
    await expect(removeComment(d, { id: held.comment.id, token: held.editToken })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('queues the notifications of a post and of an approval with the write, and none for spam', async () => {
    const d = deps({ moderation: 'all', notify: createNotifier({ webhooks: ['https://hooks.example/p'] }) });
    const held = await postComment(d, { body: draft(), address: 'unknown' });
    const spam = await postComment(d, { body: draft({ idempotencyKey: 'k-2', text: 'Another' }), address: 'unknown' });
    expect(await moderateComments(d, { action: 'approve', ids: [held.comment.id] })).toEqual({ updated: 1 });
    expect(await moderateComments(d, { action: 'spam', ids: [spam.comment.id] })).toEqual({ updated: 1 });
    const events = (await d.store.outbox.list({ limit: 10 })).map((j) => {
      const { event, cause, comment } = (j.payload as { event: { event: string; cause: string; comment: { id: string } } }).event;
      return [event, cause, comment.id];
    });
    expect(events).toEqual([
      ['comment.held', 'posted', held.comment.id],
      ['comment.held', 'posted', spam.comment.id],
      ['comment.published', 'approved', held.comment.id],
    ]);
  });

  it('acts on a mail link only while the comment has the text the owner saw', async () => {
    const d = deps({ moderation: 'all' });
    const held = await postComment(d, { body: draft(), address: 'unknown' });
    const token = makeActionToken('use-case-secret', { id: held.comment.id, action: 'approve', expiresAt: NOW + 60_000 });
    expect(await readModerationLink(d, token)).toMatchObject({ kind: 'found', action: 'approve', row: { id: held.comment.id } });
    expect(await readModerationLink(d, `${token}x`)).toEqual({ kind: 'invalid' });
    expect(await actOnModerationLink(d, { token, seen: 'a stamp of other words' })).toMatchObject({ kind: 'edited', row: { status: 'pending' } });
    expect(await actOnModerationLink(d, { token, seen: seenStamp(held.comment) })).toMatchObject({ kind: 'done', row: { status: 'published' } });
    expect((await d.store.comments.get(held.comment.id))!.status).toBe('published');
  });
});
