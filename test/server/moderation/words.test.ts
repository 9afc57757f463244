import { describe, expect, it } from 'vitest';
import { banned } from '../../../src/server/moderation/banned.ts';
import { findWords, words } from '../../../src/server/moderation/words.ts';
import { createMemoryStore } from '../../../src/server/store/memory.ts';
import { ctx } from './context.ts';

describe('words rule', () => {
  it('matches whole words and phrases in any case, never inside a longer word', () => {
    expect(findWords('Best CASINO bonus', ['casino'])).toEqual(['casino']);
    expect(findWords('a classic class', ['class', 'ass'])).toEqual(['class']);
    expect(findWords('FREE\n money now', ['free money'])).toEqual(['free money']);
    expect(findWords('Ünïcode wörds', ['wörds', 'word'])).toEqual(['wörds']);
    expect(findWords('price: $$$ (c++)', ['$$$', 'c++'])).toEqual(['$$$', 'c++']);
  });

  it('sends a comment with a spam word to spam, and one with a hold word to the moderator', async () => {
    const lists = { holdWords: ['refund'], spamWords: ['viagra', 'casino'] };
    expect(await words(ctx({ ...lists, draft: { text: 'Casino and VIAGRA here' } }))).toEqual({ rule: 'words', verdict: 'spam', message: 'spam words "casino", "viagra"' });
    expect(await words(ctx({ ...lists, draft: { text: 'I want a refund' } }))).toEqual({ rule: 'words', verdict: 'hold', message: 'hold word "refund"' });
    expect(await words(ctx({ ...lists, draft: { text: 'Hi', name: 'Casino King' } }))).toMatchObject({ verdict: 'spam' });
    expect(await words(ctx({ ...lists, draft: { text: 'Hi', website: 'https://viagra.example' } }))).toMatchObject({ verdict: 'spam' });
  });

  it('says nothing when no listed word appears or the lists are empty', async () => {
    expect(await words(ctx({ holdWords: ['refund'], draft: { text: 'Refunded later' } }))).toBeNull();
    expect(await words(ctx({ draft: { text: 'casino' } }))).toBeNull();
  });
});

describe('the owner’s lists in the store (issue 21)', () => {
  it('starts from the flags, then follows the desk: a word removed there stays removed, a new flag word is added', async () => {
    const store = createMemoryStore();
    const run = (holdWords: string[], text: string) => words(ctx({ store, holdWords, draft: { text } }));
    expect(await run(['refund'], 'I want a refund')).toMatchObject({ verdict: 'hold' });
    expect(await store.desk.listEntries('hold-words')).toMatchObject([{ value: 'refund', note: 'from the command line' }]);
    await store.desk.removeListEntry('hold-words', 'refund');
    expect(await run(['refund'], 'I want a refund')).toBeNull();
    await store.desk.putListEntry({ list: 'spam-words', value: 'casino', until: null, createdAt: 0, note: null });
    expect(await run(['refund'], 'casino night')).toMatchObject({ verdict: 'spam', message: 'spam word "casino"' });
    expect(await run(['refund', 'voucher'], 'a voucher please')).toMatchObject({ verdict: 'hold', message: 'hold word "voucher"' });
    expect(await run(['refund', 'voucher'], 'a refund please')).toBeNull();
  });

  it('marks a link to a blocked domain, or one of its subdomains, as spam; an entry that ended blocks nothing', async () => {
    const store = createMemoryStore();
    await store.desk.putListEntry({ list: 'blocked-domains', value: 'pills.example', until: null, createdAt: 0, note: null });
    await store.desk.putListEntry({ list: 'blocked-domains', value: 'old.example', until: 500, createdAt: 0, note: null });
    const run = (draft: { text: string; website?: string }) => words(ctx({ store, now: 1_000, draft }));
    expect(await run({ text: 'see https://shop.pills.example/buy' })).toEqual({ rule: 'words', verdict: 'spam', message: 'a link to blocked domain "pills.example"' });
    expect(await run({ text: 'Hi', website: 'https://pills.example' })).toMatchObject({ verdict: 'spam' });
    expect(await run({ text: 'see pills.example.org and https://old.example' })).toBeNull();
  });
});

describe('banned rule (issue 21)', () => {
  it('refuses a banned address, client or website domain while the ban lasts, or sends it to spam as the owner chose', async () => {
    const store = createMemoryStore();
    await store.desk.putListEntry({ list: 'ban-email', value: 'bot@example.com', until: null, createdAt: 0, note: null });
    await store.desk.putListEntry({ list: 'ban-client', value: 'client-9', until: 2_000, createdAt: 0, note: null });
    await store.desk.putListEntry({ list: 'ban-domain', value: 'spam.example', until: null, createdAt: 0, note: null });
    const run = (over: Parameters<typeof ctx>[0]) => banned(ctx({ store, now: 1_000, ...over }));
    expect(await run({ draft: { email: 'BOT@example.com ' } })).toMatchObject({ rule: 'banned', verdict: 'reject', code: 'invalid', message: 'This site does not take comments from this author.' });
    expect(await run({ clientHash: 'client-9' })).toMatchObject({ verdict: 'reject' });
    expect(await run({ clientHash: 'client-9', now: 3_000 })).toBeNull();
    expect(await run({ draft: { website: 'https://www.shop.spam.example/x' } })).toMatchObject({ verdict: 'reject' });
    expect(await run({ draft: { email: 'ann@example.com', website: 'https://ann.example' } })).toBeNull();
    await store.desk.setSetting('ban-action', 'spam');
    expect(await run({ draft: { email: 'bot@example.com' } })).toEqual({ rule: 'banned', verdict: 'spam', message: 'banned address' });
    expect(await run({ clientHash: 'client-9' })).toEqual({ rule: 'banned', verdict: 'spam', message: 'banned client until 1970-01-01' });
  });
});
