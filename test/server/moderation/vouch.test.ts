// Round five of issue 15: the learning filter may vouch for a comment against echo's weakest test. A
// reader who argues from the article's own figures restates many of them; when the moderator's
// decisions make such a comment very like the approved ones (p ≤ 0.1 since round eight; 0.01 before), echo's restatement is set
// aside and the comment published, both reasons kept. Never echo's copy test, never another rule.
import { describe, expect, it } from 'vitest';
import { HAM_AT, type PreparedModel } from '../../../src/server/learning/model.ts';
import { prepareArticle } from '../../../src/server/moderation/echo.ts';
import { akismet } from '../../../src/server/moderation/akismet.ts';
import { learned } from '../../../src/server/moderation/learned.ts';
import { echo, moderate, standing } from '../../../src/server/moderation/moderate.ts';
import { ctx } from './context.ts';
import { POOL_ARTICLE } from './pool-article.ts';

const article = prepareArticle(POOL_ARTICLE);
/** A model that learnt "insult" from approved comments only (weights as prepareModel makes them). */
const model = (insultOdds: number): PreparedModel => ({ version: 1, ham: 40, spam: 40, active: true, weights: new Map([['w:insult', Math.log(insultOdds)]]), prior: 0, counts: new Map() });
// Echo takes this for a restatement (9 of the article's facts, nothing of its own); a moderator who
// approved readers like it has taught the filter otherwise.
const ARGUED = '£6.2 million, two years shut, 340 members sent eleven miles to Kingsbridge. What an insult to the club.';
const COPIED = 'Swimming clubs will move to the Kingsbridge leisure centre, eleven miles away, until the new pool opens in 2027. What an insult.';

function run(text: string, odds: number, asked: { akismet: number } = { akismet: 0 }) {
  return moderate(
    ctx({
      draft: { text },
      echo: async () => ({ article, others: [] }),
      learned: async () => model(odds),
      akismet: async () => {
        asked.akismet++;
        return { verdict: 'ham' as const };
      },
    }),
    [echo, learned, akismet],
  );
}

describe('the learning filter vouching against echo’s restatement (round five)', () => {
  it('publishes a restatement the moderator’s decisions make very like the approved, keeping both reasons, and then asks Akismet', async () => {
    const asked = { akismet: 0 };
    const d = await run(ARGUED, 1 / 200, asked);
    expect(d.verdict).toBe('publish');
    expect(d.reasons[0]).toMatchObject({ rule: 'echo', verdict: 'spam', message: expect.stringMatching(/^restates 9 facts of the article/) });
    expect(d.reasons[1]).toMatchObject({ rule: 'learned', verdict: 'publish', message: expect.stringMatching(/^learnt from the moderator's decisions \(40 approved, 40 spam\): 99\.\d % like the approved comments \("insult"\); echo's restatement set aside$/) });
    // Echo's spam no longer stands, so Akismet is asked, as for any comment not judged spam.
    expect(asked.akismet).toBe(1);
  });

  it('sets echo’s one-line summary test aside the same way (round seven)', async () => {
    const d = await run('Informative article about the council’s decision on the pool and where the clubs will swim meanwhile. An insult.', 1 / 200);
    expect(d.reasons[0]).toMatchObject({ rule: 'echo', verdict: 'spam', message: expect.stringMatching(/^restates the article's point/) });
    expect(d.reasons[1]).toMatchObject({ rule: 'learned', verdict: 'publish', message: expect.stringMatching(/echo's one-line summary set aside$/) });
    expect(d.verdict).toBe('publish');
  });

  it('leaves echo’s verdict when the filter is less sure, or when echo found a copy', async () => {
    // p ≈ 0.17: less sure than the line (p ≤ 0.1, round eight).
    expect(Math.log(1 / 5)).toBeGreaterThan(HAM_AT);
    expect((await run(ARGUED, 1 / 5)).verdict).toBe('spam');
    // p ≈ 0.03: within it since round eight (p ≤ 0.01 before).
    expect((await run(ARGUED, 1 / 30)).verdict).toBe('publish');
    const copied = await run(COPIED, 1 / 200);
    expect(copied.reasons[0]).toMatchObject({ rule: 'echo', verdict: 'spam', message: expect.stringMatching(/^echoes 1 sentence of the article/) });
    expect(copied.verdict).toBe('spam');
  });

  it('counts every finding but the ones set aside', () => {
    const found = [
      { rule: 'echo', verdict: 'spam' as const, message: 'restates …' },
      { rule: 'links', verdict: 'hold' as const, message: '3 links' },
      { rule: 'learned', verdict: 'publish' as const, message: '…', overrules: 'echo' },
    ];
    expect(standing(found).map((f) => f.rule)).toEqual(['links', 'learned']);
  });
});
