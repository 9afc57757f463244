// The learning filter's features and classifier (src/server/learning/features.ts, model.ts).
import { describe, expect, it } from 'vitest';
import { ADDS_ITS_OWN, describeFeature, learningFeatures } from '../../../src/server/learning/features.ts';
import { countModel, HOLD_AT, judge, learnedFinding, learntSummary, MIN_DECISIONS, OWN_AT, prepareModel, type PreparedModel } from '../../../src/server/learning/model.ts';

const spamText = (i: number) => `Great article, thanks for sharing! Really informative post number ${i}.`;
const hamText = (i: number) => `I rode the ${i} bus yesterday and the driver told me the depot is short of mechanics too.`;
const examples = (n: number) => [
  ...Array.from({ length: n }, (_, i) => ({ spam: true, features: learningFeatures(spamText(i), [{ rule: 'echo', verdict: 'publish', message: 'nothing of the article' }]) })),
  ...Array.from({ length: n }, (_, i) => ({ spam: false, features: learningFeatures(hamText(i), [{ rule: 'echo', verdict: 'publish', message: 'restates 1 fact, but adds its own: a first-person account' }]) })),
];

describe('learning features', () => {
  it('reads words, word pairs, the shape and the earlier findings, each once', () => {
    const f = learningFeatures('Great piece! I think 60 drivers is a lot?', [
      { rule: 'echo', verdict: 'spam', message: 'restates 3 facts of the article in other words …' },
      { rule: 'links', verdict: 'publish', message: '1 link' },
      { rule: 'learned', verdict: 'spam', message: 'its own earlier verdict' },
      { rule: 'akismet', verdict: 'spam', message: 'Akismet: spam' },
    ]);
    expect(f).toEqual(expect.arrayContaining(['w:great', 'w:piece', 'b:great piece', 'w:#', 'b:think #', 's:question', 's:exclaim', 's:first-person', 's:figure', 'r:echo:spam', 'e:restates', 'r:links:publish']));
    expect(f.some((x) => x.startsWith('r:learned') || x.startsWith('r:akismet'))).toBe(false);
    expect(new Set(f).size).toBe(f.length);
  });

  it('counts praise and other reactions, so a new stock word still weighs (AFINN, valence.ts)', () => {
    expect(learningFeatures('Splendid piece, truly superb and thanks!', [])).toEqual(expect.arrayContaining(['s:praise:3', 's:reactions:3']));
    expect(learningFeatures('The depot at Kelby closed its canteen in May.', []).some((x) => /^s:(praise|reactions)/.test(x))).toBe(false);
  });

  it('marks a comment in which echo found something plainly the reader’s own (round three)', () => {
    const own = (message: string) => learningFeatures('The 18 per cent drop matches what San Diego found.', [{ rule: 'echo', verdict: 'publish', message }]);
    expect(own('mostly its own words; adds its own: the name Diego')).toContain(ADDS_ITS_OWN);
    expect(own('echoes 1 sentence of the article (40% of its words), but adds its own: an objection')).toContain(ADDS_ITS_OWN);
    expect(own('echoes 1 sentence of the article (58% of its words) but adds its own: 6 words of its own')).not.toContain(ADDS_ITS_OWN);
    expect(own('mostly its own words')).not.toContain(ADDS_ITS_OWN);
  });

  it('describes features in words a moderator reads', () => {
    expect(['b:great piece', 'r:echo:spam', 'e:own', 's:question'].map(describeFeature)).toEqual(['"great piece"', 'echo said spam', 'echo: adds its own', 'question']);
  });
});

describe('the classifier', () => {
  it('says nothing until it has learnt enough decisions of each kind', () => {
    const few = prepareModel(countModel(examples(MIN_DECISIONS - 1)));
    expect(few.active).toBe(false);
    expect(learnedFinding(few, learningFeatures(spamText(99), []))).toBeNull();
    expect(prepareModel(countModel(examples(MIN_DECISIONS))).active).toBe(true);
  });

  it('marks what is like the spam as spam, with a reason naming what weighed, and leaves the rest', () => {
    const model = prepareModel(countModel(examples(25)));
    const spam = learnedFinding(model, learningFeatures('Thanks for sharing, great article! Very informative.', [{ rule: 'echo', verdict: 'publish', message: 'x' }]));
    expect(spam?.verdict).toBe('spam');
    expect(spam?.message).toMatch(/^learnt from the moderator's decisions \(25 approved, 25 spam\): 99(\.\d)? % like the spam \(.*"(thanks|great|for sharing|informative)/);
    const genuine = learningFeatures('The driver on my bus told me the depot lost three mechanics.', [{ rule: 'echo', verdict: 'publish', message: 'but adds its own: a first-person account' }]);
    expect(learnedFinding(model, genuine)).toBeNull();
    expect(judge(model, genuine).probability).toBeLessThan(0.1);
  });

  it('holds a comment that adds its own only when it is sure: p ≥ 0.95, not 0.8', () => {
    const model = (odds: number): PreparedModel => ({ version: 1, ham: 20, spam: 20, active: true, weights: new Map([['w:cheap', Math.log(odds)]]), prior: 0, counts: new Map() });
    expect(Math.log(10)).toBeGreaterThan(HOLD_AT);
    expect(Math.log(10)).toBeLessThan(OWN_AT);
    expect(learnedFinding(model(10), ['w:cheap'])?.verdict).toBe('hold');
    expect(learnedFinding(model(10), ['w:cheap', ADDS_ITS_OWN])).toBeNull();
    expect(learnedFinding(model(50), ['w:cheap', ADDS_ITS_OWN])?.verdict).toBe('hold');
  });

  it('sums up what it learnt: the strongest signs each way', () => {
    const summary = learntSummary(prepareModel(countModel(examples(25))));
    expect(summary.decisions).toEqual({ approved: 25, spam: 25 });
    expect(summary.active).toBe(true);
    expect(summary.spamSigns.map((s) => s.label)).toEqual(expect.arrayContaining(['"article thanks"', '"for sharing"']));
    expect(summary.approvedSigns.map((s) => s.label)).toEqual(expect.arrayContaining(['"# bus"', '"bus yesterday"']));
    expect(summary.spamSigns.every((s) => s.weight > 0) && summary.approvedSigns.every((s) => s.weight < 0)).toBe(true);
  });
});
