// Issue 14 item 12: the flood rule holds real bursts only. It counts a browser's posts (its author
// key and its address together) in the last --flood-seconds, and holds the third: a reader who
// replies to their own comment 5 s later is not held, readers sharing one address (an office, a
// campus, a mobile carrier) are not held for each other, and a bot posting every few seconds is
// held from its third post, as WordPress holds a second one within 15 s. Posts without an author
// key count per address, as before.
import { describe, expect, it } from 'vitest';
import { body, post, setup } from '../../helpers/app.ts';

type Answer = { status: string; authorKey: string; comment: { id: string } };

function world() {
  const address = { now: '203.0.113.20' };
  const made = setup({ floodSeconds: 15, clientAddress: () => address.now });
  const send = async (over: Record<string, unknown>) => {
    const res = await post(made.app, body(over));
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Answer;
  };
  return { ...made, address, send };
}

describe('the flood rule holds bursts, not readers', () => {
  it('lets a reader reply to their own comment 5 s later', async () => {
    const { clock, send } = world();
    const first = await send({ text: 'My first thought.' });
    clock.now += 5_000;
    const reply = await send({ text: 'And one more thing I forgot.', parent: first.comment.id, authorKey: first.authorKey });
    expect(reply.status).toBe('published');
  });

  it('does not hold readers who share one address for each other', async () => {
    const { clock, send } = world();
    const keys = [];
    for (let i = 0; i < 4; i++) keys.push((await send({ text: `Colleague ${i} joins in.`, name: `Colleague ${i}`, email: `c${i}@office.example` })).authorKey);
    clock.now += 20_000;
    for (let i = 0; i < 4; i++) {
      clock.now += 1_000;
      expect((await send({ text: `Colleague ${i} again.`, name: `Colleague ${i}`, email: `c${i}@office.example`, authorKey: keys[i] })).status).toBe('published');
    }
  });

  it('holds a bot posting every few seconds from its third post within 15 s, with or without a key', async () => {
    const { clock, store, send } = world();
    const first = await send({ text: 'Buy now 1' });
    const statuses = [first.status];
    for (let i = 2; i <= 5; i++) {
      clock.now += 4_000;
      statuses.push((await send({ text: `Buy now ${i}`, authorKey: first.authorKey })).status);
    }
    expect(statuses).toEqual(['published', 'published', 'held', 'held', 'held']);
    const held = (await store.comments.listByStatus({ status: 'pending', limit: 10 })).at(-1)!;
    expect(held.reasons).toContainEqual({ rule: 'flood', verdict: 'hold', message: '3rd comment within 15 s from this browser (more than 2 is a burst)' });
    // Without a key (a script that keeps nothing), counted per address as before.
    clock.now += 60_000;
    const keyless = [];
    for (let i = 0; i < 3; i++) {
      clock.now += 3_000;
      keyless.push((await send({ text: `Keyless ${i}` })).status);
    }
    expect(keyless).toEqual(['published', 'published', 'held']);
  });
});
