import { describe, expect, it } from 'vitest';
import { echoRule, prepareArticle, prepareThread } from '../../../src/server/moderation/echo.ts';

// An article written for this test: the rule has no phrase lists, so nothing here is known to it.
const ARTICLE = `Harbour town bans cars from its old quarter

The town council of Port Elsa voted on Monday to close the old quarter to private cars from 1 June.
Delivery vans will be allowed in between 6am and 10am, and residents will receive two permits per household.
The ban follows a two-year trial on three streets, during which footfall in local shops rose by 14 per cent.
Shop owners on Quay Street say they fear losing customers who drive in from the surrounding villages.
A new park-and-ride service will run every 12 minutes from the ferry terminal car park.`;

const article = prepareArticle(ARTICLE);
const check = (text: string, others: string[] = []) => echoRule({ text, article, others });

describe('echoRule', () => {
  it('marks an article sentence in a wrapper it has never seen as spam', () => {
    const r = check('Well, there it is. The ban follows a two-year trial on three streets, during which footfall in local shops rose by 14 per cent. Let us see.');
    expect(r).toMatchObject({ rule: 'echo', verdict: 'spam', message: expect.stringMatching(/^echoes 1 sentence of the article/) });
  });

  it('catches copies in capitals, without punctuation, trimmed and with clauses swapped', () => {
    for (const text of [
      'DELIVERY VANS WILL BE ALLOWED IN BETWEEN 6AM AND 10AM AND RESIDENTS WILL RECEIVE TWO PERMITS PER HOUSEHOLD. MIND BLOWN',
      'shop owners on quay street say they fear losing customers who drive in from the surrounding villages big if true',
      'A new park-and-ride service will run every 12 minutes. Food for thought.',
      'Residents will receive two permits per household, and delivery vans will be allowed in between 6am and 10am. Interesting.',
    ]) expect(check(text).verdict, text).toBe('spam');
  });

  it('catches a paraphrase that writes numbers in words', () => {
    expect(check('Every twelve minutes a new park and ride bus will leave the car park at the ferry terminal. Who knew.').verdict).toBe('spam');
  });

  it('catches two sentences joined with a connector', () => {
    const r = check('The town council of Port Elsa voted on Monday to close the old quarter to private cars from 1 June, while a new park-and-ride service will run every 12 minutes from the ferry terminal car park.');
    expect(r.verdict).toBe('spam');
    expect(r.message).toMatch(/^echoes 2 sentences of the article/);
  });

  it('catches a one-line summary of the article in a remark it has never seen', () => {
    for (const text of [
      'So the old quarter goes car-free after a trial, with delivery vans in the morning and permits for residents. Fair enough.',
      'Long story short: Port Elsa bans cars from the old quarter and laid on a park-and-ride. Noted.',
    ]) {
      expect(check(text).verdict, text).toBe('spam');
    }
    expect(check('So the old quarter goes car-free after a trial, with delivery vans in the morning and permits for residents. Fair enough.').message).toMatch(
      /restates the article's point/,
    );
  });

  it('lets a short reaction, an argument or a summary with something of its own through', () => {
    for (const text of [
      'Quay Street shops will close. So true.',
      'Cars out of the old quarter means the villages lose their shops, because nobody will take the ferry bus. Sad.',
      'Port Elsa bans cars from the old quarter after the trial. What happens to the Saturday market? Thoughts?',
      'So the old quarter goes car-free after a trial, with vans allowed in for 5 hours. Fair enough.',
    ]) expect(check(text).verdict, text).toBe('publish');
  });

  it('lets short comments through', () => {
    for (const text of ['Thanks, useful piece.', 'Big if true.', 'About time!', 'Quay Street will suffer.']) {
      expect(check(text).verdict, text).toBe('publish');
    }
  });

  it('lets a long quote with a specific reaction through', () => {
    for (const text of [
      'The ban follows a two-year trial on three streets, during which footfall in local shops rose by 14 per cent. I run the bakery on Mill Lane and our takings went up by a fifth during the trial.',
      'Shop owners on Quay Street say they fear losing customers who drive in from the surrounding villages. Which villages? The 47 bus from Carrow already stops at the quay every half hour.',
      'Delivery vans will be allowed in between 6am and 10am. So who delivers to the pharmacy when a prescription comes in at noon?',
    ]) expect(check(text).verdict, text).toBe('publish');
  });

  it('lets a first-person account through even when its number and place are the article\'s', () => {
    // "a third" is 3 and Quay Street is in the article, but the shop and its lost trade are the reader's.
    const r = check('The council banned cars from the old quarter after the trial on three streets. My shop on Quay Street lost a third of its trade.');
    expect(r).toMatchObject({ verdict: 'publish', message: expect.stringMatching(/a first-person account/) });
  });

  it('does not take a first-person stock phrase for an account of the reader\'s own', () => {
    for (const text of [
      'The ban follows a two-year trial on three streets, during which footfall in local shops rose by 14 per cent. I never thought I would see the day.',
      'I have to say, the ban follows a two-year trial on three streets during which footfall in local shops rose by 14 per cent.',
      'I think the town council of Port Elsa voted on Monday to close the old quarter to private cars from 1 June.',
    ]) expect(check(text).verdict, text).toBe('spam');
  });

  it('lets a pointed question through when its one topic word is not in the article', () => {
    // The held-out false hold, on this article ("Most of the £23 million came from the National
    // Heritage Fund. How much did the council put in?"): "mayor" is not in the article and "put" is an
    // everyday word, but the question is the reader's own — after a summary and after a copy.
    for (const text of [
      'Port Elsa bans cars from the old quarter after a trial, with a park-and-ride from the ferry. How much did the mayor put in?',
      'The ban follows a two-year trial on three streets, during which footfall in local shops rose by 14 per cent. How much did the mayor put in?',
    ]) expect(check(text), text).toMatchObject({ verdict: 'publish', message: expect.stringMatching(/a question|mostly its own words/) });
    // A question of everyday filler is still a stock remark.
    for (const text of [
      'The ban follows a two-year trial on three streets, during which footfall in local shops rose by 14 per cent. What do you think?',
      'The ban follows a two-year trial on three streets, during which footfall in local shops rose by 14 per cent. Thoughts?',
      'So the old quarter goes car-free after a trial, with delivery vans in the morning and permits for residents. Thoughts?',
    ]) expect(check(text).verdict, text).toBe('spam');
  });

  it('lets opinions, disagreements and other languages through', () => {
    for (const text of [
      'Two permits per household is not enough for families with carers visiting every day.',
      'I disagree: fourteen per cent more footfall on three streets says nothing about the winter months.',
      'Enfin une bonne décision pour le vieux quartier.',
    ]) expect(check(text).verdict, text).toBe('publish');
  });

  it('marks a comment that repeats a long sentence another reader posted, and says so', () => {
    const earlier = 'My mother lives on Quay Street and the park-and-ride stop is a twenty minute walk from her door.';
    const r = check(`So true. ${earlier}`, [earlier]);
    expect(r).toMatchObject({ rule: 'echo', verdict: 'spam', message: expect.stringMatching(/^repeats 1 sentence already posted in this thread/) });
  });

  it('takes another reader’s sentence for a repeat only when copied, not when it shares the topic’s words (round four)', () => {
    // A bot's paraphrase earlier in the thread shares the article's words with a reader who objects.
    // (Before round four the reader below was "repeats 1 sentence already posted in this thread".)
    const paraphrase = 'So private cars are banned from the historic quarter all summer, with delivery vans only in the mornings and residents getting a couple of parking permits each.';
    const reader = 'Sorry but banning cars from the historic quarter all summer is overreach. Vans in the mornings, fine. Evenings are for the residents.';
    expect(check(reader, [paraphrase]).message).not.toMatch(/repeats/);
    expect(check(reader, [paraphrase]).verdict).toBe('publish');
    // The same sentence copied is still a repeat.
    expect(check(`Exactly this. ${paraphrase}`, [paraphrase]).message).toMatch(/^repeats 1 sentence already posted in this thread/);
  });

  it('ignores short sentences of the thread (under 8 words)', () => {
    expect(check('Quay Street shops will close. So true.', ['Quay Street shops will close.']).verdict).toBe('publish');
  });

  it('says when the article could not be fetched and still checks the thread', () => {
    const earlier = 'My mother lives on Quay Street and the park-and-ride stop is a twenty minute walk from her door.';
    const copy = 'The ban follows a two-year trial on three streets, during which footfall in local shops rose by 14 per cent.';
    expect(echoRule({ text: copy, article: null, articleError: 'timeout', others: [] })).toMatchObject({
      rule: 'echo',
      verdict: 'publish',
      message: expect.stringMatching(/^article could not be fetched \(timeout\); checked against the thread only/),
    });
    expect(echoRule({ text: `Indeed. ${earlier}`, article: null, articleError: 'HTTP 404', others: prepareThread([earlier]) }).verdict).toBe('spam');
  });

  // Its cost (well under a millisecond per comment on a 2,000-word article) is measured by
  // `npm run bench`, not asserted here: these machines are shared and timings are noisy.
});
