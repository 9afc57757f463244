import { describe, expect, it } from 'vitest';
import { findWords, words } from '../../../src/server/moderation/words.ts';
import { ctx } from './context.ts';

describe('words rule', () => {
  it('matches whole words and phrases in any case, never inside a longer word', () => {
    expect(findWords('Best CASINO bonus', ['casino'])).toEqual(['casino']);
    expect(findWords('a classic class', ['class', 'ass'])).toEqual(['class']);
    expect(findWords('FREE\n money now', ['free money'])).toEqual(['free money']);
    expect(findWords('Ünïcode wörds', ['wörds', 'word'])).toEqual(['wörds']);
    expect(findWords('price: $$$ (c++)', ['$$$', 'c++'])).toEqual(['$$$', 'c++']);
  });

  it('sends a comment with a spam word to spam, and one with a hold word to the moderator', () => {
    const lists = { holdWords: ['refund'], spamWords: ['viagra', 'casino'] };
    expect(words(ctx({ ...lists, draft: { text: 'Casino and VIAGRA here' } }))).toEqual({ rule: 'words', verdict: 'spam', message: 'spam words "viagra", "casino"' });
    expect(words(ctx({ ...lists, draft: { text: 'I want a refund' } }))).toEqual({ rule: 'words', verdict: 'hold', message: 'hold word "refund"' });
    expect(words(ctx({ ...lists, draft: { text: 'Hi', name: 'Casino King' } }))).toMatchObject({ verdict: 'spam' });
    expect(words(ctx({ ...lists, draft: { text: 'Hi', website: 'https://viagra.example' } }))).toMatchObject({ verdict: 'spam' });
  });

  it('says nothing when no listed word appears or the lists are empty', () => {
    expect(words(ctx({ holdWords: ['refund'], draft: { text: 'Refunded later' } }))).toBeNull();
    expect(words(ctx({ draft: { text: 'casino' } }))).toBeNull();
  });
});
