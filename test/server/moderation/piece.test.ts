// Praise of the piece itself (issue 15, round three): bots frame a summary as a compliment to the
// article in words AFINN does not rate ("Informative article about …", "Really balanced reporting
// on …"), and speak of "our cities" in it. The article (pool-article.ts) was written for these tests; no phrase lists.
import { describe, expect, it } from 'vitest';
import { check } from './pool-article.ts';


describe('echoRule and praise of the piece', () => {
  it('catches a one-line summary framed as a compliment AFINN does not rate, and says what it restates', () => {
    for (const text of [
      'Informative article about the council’s decision on the pool and where the clubs will swim meanwhile.',
      'Really balanced reporting on the pool rebuild and what it means for the swimming clubs.',
    ]) {
      const r = check(text);
      expect(r.verdict, text).toBe('spam');
      expect(r.message, text).toMatch(/^restates the article's point \(/);
    }
  });

  it('reads a compliment to a "report" as one to the piece (round nine), and the reader’s own report as theirs', () => {
    // Before: "mostly its own words".
    expect(check('A thorough report on the council’s decision on the pool and where the clubs will swim meanwhile.').verdict).toBe('spam');
    expect(check('A damning report on the pool came out in 2019 and the council ignored it.').verdict).toBe('publish');
  });

  it('reads "our" in a compliment as everyone’s, and in an account as the reader’s', () => {
    expect(check('A really thoughtful piece on what closing the Mill Road pool means for swimming in our towns. Thanks for sharing!').verdict).toBe('spam');
    expect(check('We swam at Mill Road every week for years, and the Kingsbridge pool is eleven miles away.').verdict).toBe('publish');
  });

  it('catches praise of the piece and what it is about, in words of the bot’s own, with a stock remark (round four)', () => {
    // "fiasco" and "English" are the bot's words for what the piece is about, not the reader's own.
    for (const text of ['Fascinating read on the pool fiasco. Well worth sharing.', 'Very insightful piece about how an English town lost its pool and the hurdles its swimmers still face.']) {
      const r = check(text);
      expect(r.verdict, text).toBe('spam');
      expect(r.message, text).toMatch(/^restates \d+ facts? of the article \(.*\) with praise \(.*\) and adds nothing of its own$/);
    }
    // A compliment beside something of the reader's own is the reader's.
    expect(check('Fascinating read on the Mill Road saga. My daughter learnt to swim there in 1994.').verdict).toBe('publish');
  });

  it('takes a reader on the piece itself, without praise, for a critique, not a summary (round four)', () => {
    for (const text of [
      "The article gives the council's vote a whole paragraph and the swimming club one line. Pretty one-sided.",
      'This story gives the council leader the last word on the Mill Road pool. Pretty one-sided.',
    ]) expect(check(text).verdict, text).toBe('publish');
    // With praise it is the bots' compliment again.
    expect(check("Great story on the council's vote and the swimming club. Well worth a read.").verdict).toBe('spam');
  });

  it('reads a rare word of feeling that starts the comment as a reaction, not a name (round five)', () => {
    // Before: "mostly its own words; adds its own: the name Heartbreaking".
    for (const text of ['Heartbreaking but necessary read about the town losing its pool to a rebuild.', 'Heartbreaking but important story about a town losing its pool for two years.']) {
      const r = check(text);
      expect(r.verdict, text).toBe('spam');
      expect(r.message, text).not.toMatch(/Heartbreaking/);
    }
  });

  it('leaves a plain thank-you alone: a compliment with nothing of the article in it restates nothing', () => {
    for (const text of ['Great, clear write-up.', 'Informative article, thanks.']) expect(check(text).verdict, text).toBe('publish');
  });
});

describe('echoRule and the reader who tells what they did', () => {
  it('takes a deed told in the first person for an account, even in everyday words and the article’s facts', () => {
    const r = check('I filled in the council survey about the Mill Road pool and the £6.2 million rebuild.');
    expect(r.verdict).toBe('publish');
    expect(r.message).toMatch(/a first-person account/);
  });

  it('does not take stance or praise in the past for a deed', () => {
    for (const text of [
      'I loved reading about the Mill Road pool and the £6.2 million rebuild.',
      'I learned that the council voted 9 to 4 to close the Mill Road pool for a £6.2 million rebuild.',
    ]) expect(check(text).verdict, text).toBe('spam');
  });
});
