// The learning filter end to end through the API (issue 15, item 2): the moderator's Approve and
// Mark as spam (admin API, mail links) teach it; the model lives in the store, so another instance
// on the same database judges with it; from 20 decisions of each kind it is a rule with its own
// reason; the moderator sees what it learnt and resets it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { actOnModerationLink, seenStamp } from '../../src/server/comments/moderate-actions.ts';
import { createDeps } from '../../src/server/deps.ts';
import { LEARNING_SITE } from '../../src/server/learning/filter.ts';
import { makeActionToken } from '../../src/server/notify/action-links.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import type { Store } from '../../src/server/store/store.ts';
import { body, post, setup } from '../helpers/app.ts';

const TOKEN = 'admin-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'parley-learning-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Short sentences (under the 8 words of echo's repeat test), combined differently each time, as
// bots and readers vary their words: the filter must learn the kinds, not the copies.
const SPAM = ['Great article, thanks for sharing!', 'Really informative post.', 'Thanks for sharing this.', 'Nice post, very useful.', 'Wonderful article!'];
const CLOSE = ['Keep up the good work.', 'Bookmarked.', 'Cheers.', 'Will share with friends.'];
const GENUINE = ['My brother drives for the depot.', 'Does the council ask the union first?', 'I disagree with the mayor here.', 'We moved to Fenwick Street last year.', 'The figures leave out weekends.'];
const DETAIL = ['The 41 was late twice.', 'Route 7 lost its Sunday runs.', 'The 2019 survey says otherwise.', 'Night buses never come on time.', 'Harlow Road needs a stop.', 'Fares went up in March.'];
const spamText = (i: number) => `${SPAM[i % SPAM.length]} ${CLOSE[(i * 3) % CLOSE.length]}`;
const genuineText = (i: number) => `${GENUINE[i % GENUINE.length]} ${DETAIL[(i * 5) % DETAIL.length]}`;

const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
type App = ReturnType<typeof setup>['app'];

async function send(app: App, text: string, i: number) {
  const res = await post(app, body({ text, name: `Reader ${i}`, email: `r${i}@example.com` }));
  return (await res.json()) as { comment: { id: string }; status: string };
}
const act = (app: App, action: string, ids: string[]) => app.request('/api/v1/admin/comments/actions', { method: 'POST', headers: auth, body: JSON.stringify({ action, ids }) });
const filter = async (app: App) => (await (await app.request('/api/v1/admin/filter', { headers: auth })).json()) as {
  decisions: { approved: number; spam: number };
  active: boolean;
  needed: number;
  spamSigns: { label: string; ham: number; spam: number }[];
  approvedSigns: { label: string }[];
};

/** `n` decisions of each kind, taken on a moderator instance that holds every comment. */
async function teach(store: Store, n: number) {
  const { app } = setup({ store, moderation: 'all', adminToken: TOKEN });
  const spam: string[] = [];
  const ham: string[] = [];
  for (let i = 0; i < n; i++) {
    spam.push((await send(app, spamText(i), i)).comment.id);
    ham.push((await send(app, genuineText(i), 1000 + i)).comment.id);
  }
  expect((await act(app, 'spam', spam)).status).toBe(200);
  expect((await act(app, 'approve', ham)).status).toBe(200);
  return { app, spam, ham };
}

describe('the learning filter', () => {
  it('learns from decisions, judges on another instance of the same database from 20 of each, with its own reason', async () => {
    const file = join(dir, 'two.db');
    const moderator = createSqliteStore({ file });
    const other = createSqliteStore({ file });
    try {
      const { app } = await teach(moderator, 19);
      const reader = setup({ store: other, adminToken: TOKEN });
      // 19 of each: still learning, and it says so.
      expect(await filter(reader.app)).toMatchObject({ decisions: { approved: 19, spam: 19 }, active: false, needed: 20 });
      const early = await send(reader.app, 'Great article, thanks for sharing! Bookmarked.', 1);
      expect(early.status).toBe('published');

      // The 20th of each, decided on the moderator's instance.
      const s = await send(app, spamText(19), 19);
      const h = await send(app, genuineText(19), 1019);
      await act(app, 'spam', [s.comment.id]);
      await act(app, 'approve', [h.comment.id]);

      const view = await filter(reader.app);
      expect(view).toMatchObject({ decisions: { approved: 20, spam: 20 }, active: true });
      expect(view.spamSigns.map((x) => x.label)).toContain('"for sharing"');

      const bot = await send(reader.app, 'Thanks for sharing, great article! Keep up the good work.', 2);
      expect(bot.status).toBe('held');
      const row = (await other.comments.get(bot.comment.id))!;
      expect(row.status).toBe('spam');
      expect(row.reasons.find((r) => r.rule === 'learned')?.message).toMatch(/^learnt from the moderator's decisions \(20 approved, 20 spam\): 99(\.\d)? % like the spam \(/);

      const reader2 = await send(reader.app, 'Does the depot on Harlow Road still run the night bus? My rota changed in March too.', 3);
      expect(reader2.status).toBe('published');
      expect((await other.comments.get(reader2.comment.id))!.reasons.some((r) => r.rule === 'learned')).toBe(false);
    } finally {
      await moderator.close();
      await other.close();
    }
  });

  it('takes a comment back when the moderator changes their mind, and learns from mail links too', async () => {
    const store = createSqliteStore({ file: join(dir, 'mind.db') });
    try {
      const { app, spam } = await teach(store, 3);
      expect((await store.spam.model(LEARNING_SITE))).toMatchObject({ ham: 3, spam: 3 });
      await act(app, 'approve', [spam[0]!]);
      expect((await store.spam.model(LEARNING_SITE))).toMatchObject({ ham: 4, spam: 2 });
      // Deleting teaches nothing.
      await act(app, 'delete', [spam[1]!]);
      expect((await store.spam.model(LEARNING_SITE))).toMatchObject({ ham: 4, spam: 2 });

      const { app: holding, clock } = setup({ store, moderation: 'all', adminToken: TOKEN });
      const held = await send(holding, spamText(7), 7);
      const row = (await store.comments.get(held.comment.id))!;
      const deps = createDeps({ store, secret: 'test-secret', now: () => clock.now });
      const token = makeActionToken('test-secret', { id: row.id, action: 'spam', expiresAt: clock.now + 60_000 });
      expect((await actOnModerationLink(deps, { token, seen: seenStamp(row) })).kind).toBe('done');
      expect((await store.spam.model(LEARNING_SITE))).toMatchObject({ ham: 4, spam: 3 });
    } finally {
      await store.close();
    }
  });

  it('forgets everything on reset, and judges nothing until it has learnt enough again', async () => {
    const store = createSqliteStore({ file: join(dir, 'reset.db') });
    try {
      await teach(store, 20);
      const { app } = setup({ store, adminToken: TOKEN });
      expect((await send(app, 'Great article, thanks for sharing! Cheers.', 1)).status).toBe('held');
      const reset = await app.request('/api/v1/admin/filter/reset', { method: 'POST', headers: auth });
      expect(reset.status).toBe(200);
      expect(await filter(app)).toMatchObject({ decisions: { approved: 0, spam: 0 }, active: false, spamSigns: [], approvedSigns: [] });
      expect((await send(app, 'Great article, thanks for sharing! Regards.', 2)).status).toBe('published');
    } finally {
      await store.close();
    }
  });

  it('is behind the admin token', async () => {
    const { app } = setup({ adminToken: TOKEN });
    expect((await app.request('/api/v1/admin/filter')).status).toBe(401);
    expect((await app.request('/api/v1/admin/filter/reset', { method: 'POST' })).status).toBe(401);
    expect((await app.request('/admin/filter.js')).headers.get('content-type')).toMatch(/javascript/);
  });
});
