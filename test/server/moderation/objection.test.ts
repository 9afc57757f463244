// A reader's own objection and a question about a thing (issue 15, round three): the commonest false
// holds of the second round were readers arguing from the article's own figures ("41 of 118 were
// breakdowns, so 77 were weather: a new ship won't fix that") and restating a fact to ask about
// something it leaves out. The article (pool-article.ts) was written for these tests; the rule has no phrase lists.
import { describe, expect, it } from 'vitest';
import { check } from './pool-article.ts';


describe('echoRule and the reader who objects', () => {
  it('lets through a reader who denies what the article reports, in its own words and figures, and says so', () => {
    for (const text of [
      'Amir Shah says the rebuild will cut the energy bill by half. It won’t, not with a pool twice the size.',
      'A quarter of the 52,000 swims were school classes. A school can’t bus a class eleven miles for one lesson.',
    ]) {
      const r = check(text);
      expect(r.verdict, text).toBe('publish');
      expect(r.message, text).toMatch(/an objection/);
    }
  });

  it('still catches a bot that rewords a negation the article makes itself', () => {
    const r = check('The 340-member Mill Road Swimmers club was never consulted by the council about the move, and plenty of children will not keep swimming.');
    expect(r.verdict).toBe('spam');
  });

  it('reads "couldn’t agree more" and "can’t believe" as a stock remark, not an objection', () => {
    for (const text of [
      'Couldn’t agree more with Amir Shah. The council voted 9 to 4 to close the pool for a £6.2 million rebuild.',
      'Can’t believe the Mill Road pool is closing. The council voted 9 to 4 to close it for a £6.2 million rebuild.',
    ]) expect(check(text).verdict, text).toBe('spam');
  });
});

describe('echoRule and the reader who asks about a thing', () => {
  it('lets a restated sentence through when a question about a thing follows, and says so', () => {
    const r = check('Swimming clubs will move to the Kingsbridge leisure centre, eleven miles away, until the new pool opens in 2027. What about the buses?');
    expect(r.verdict).toBe('publish');
    expect(r.message).toMatch(/a question about a thing/);
  });

  it('does not take a stock question for one', () => {
    const r = check('Swimming clubs will move to the Kingsbridge leisure centre, eleven miles away, until the new pool opens in 2027. Where do I sign up?');
    expect(r.verdict).toBe('spam');
  });
});

describe('echoRule and the reader who says where they stand', () => {
  it('takes "I think …" without praise for an opinion of the reader’s own, even on the article’s figures', () => {
    const text = 'I think the council got this badly wrong: £6.2 million and two years without the pool, with Kingsbridge eleven miles away.';
    expect(check(text).verdict).toBe('publish');
    // The same words as the article's facts with a stock feeling are a bot's.
    expect(check('I feel for the swimmers: £6.2 million and two years without the pool, with Kingsbridge eleven miles away.').verdict).toBe('spam');
  });

  it('names what a published comment adds, for the moderator and the learning filter', () => {
    const r = check('When Leeds closed its Fearnville pool for a rebuild, most of the school classes never came back.');
    expect(r.verdict).toBe('publish');
    expect(r.message).toMatch(/; adds its own: the name Leeds, the name Fearnville/);
  });
});

describe('echoRule and the remark of the reader’s own', () => {
  it('does not take a short sentence that says something of its own for a stock remark beside a summary', () => {
    expect(check('Two years without a pool for a £6.2 million rebuild. Blame the regulator that sets budgets.').verdict).toBe('publish');
    expect(check('Two years without a pool for a £6.2 million rebuild. Such a shame.').verdict).toBe('spam');
  });
});
