// Bots that reword the article (issue 15): they restate its facts in other words and add nothing.
// An article written for this test; the rule has no phrase lists, so nothing here is known to it.
import { describe, expect, it } from 'vitest';
import { echoRule, prepareArticle } from '../../../src/server/moderation/echo.ts';
import { segments, speaksForSelf } from '../../../src/server/moderation/text-features.ts';

const ARTICLE = `Bus company cuts night routes as driver shortage grows

Northline Buses will stop running its night services on six routes from 3 March, the company said on Monday, because it is 60 drivers short of the 410 it needs.

The company spent $9 million a year on overtime to keep buses running, nearly twice what it had budgeted, according to its annual report.

Managing director Sofia Brandt said the cuts were a last resort. "We cannot keep asking the same drivers to work seventy hours a week," she said.

Starting pay for drivers is $19 an hour, and about a third of new recruits leave during their eight-week training course.

The routes affected serve the hospital, two industrial estates and the university campus, where many students work evening shifts.

The drivers' union said it had warned the company about the shortage for two years and called for pay talks to start at once.`;

const article = prepareArticle(ARTICLE);
const check = (text: string) => echoRule({ text, article, others: [] });

describe('echoRule on reworded bots', () => {
  it('catches a paraphrase whose figures are written otherwise, and says what it restates', () => {
    const r = check('Northline is about sixty drivers short of the four hundred and ten it needs, and spends something like nine million dollars annually on overtime.');
    expect(r.verdict).toBe('spam');
    expect(r.message).toMatch(/^restates \d+ facts of the article in other words \(figures, names, its topic words: sixty \(60\), four hundred and ten \(410\), nine million \(9,000,000\), Northline …\) and adds nothing of its own$/);
    expect(r.signals).toMatchObject({ reworded: expect.any(Number) });
    expect(r.signals!.reworded).toBeGreaterThanOrEqual(2);
  });

  it('catches a restated fact with a stock remark', () => {
    expect(check('Sixty drivers short and nine million dollars a year on overtime, for six night routes. Hope things improve soon!').verdict).toBe('spam');
  });

  it('lets a reader through who asks, tells or adds a figure of their own', () => {
    for (const text of [
      'So they are sixty drivers short and paying nine million a year in overtime. Why not put that money into starting pay?',
      'Sixty drivers short, and $9 million on overtime. I drove for Northline in 2019 and the rota was the reason I left, not the pay.',
      'Sixty drivers short is nothing new: Harbourline had 85 vacancies in 2022 and fixed it by paying trainees from day one.',
    ]) expect(check(text).verdict, text).toBe('publish');
  });

  it('reads a question that opens with a condition as a question (round four)', () => {
    for (const text of [
      // Without the condition read, the first is "an echo of 1 sentence, nothing of its own".
      'If Northline is sixty drivers short of the 410 it needs, are the six night routes to the hospital and the campus ever coming back?',
      'If the night routes stop on 3 March, will the hospital run a shuttle of its own for the nurses on late shifts?',
    ]) {
      const r = check(text);
      expect(r.verdict, text).toBe('publish');
      expect(r.message, text).toMatch(/a question/);
    }
  });

  it('reads an indirect question as a question, with or without its question mark (round four)', () => {
    for (const text of [
      'Sixty drivers short of 410, six night routes cut, and $9 million on overtime. You have to ask whether Northline can run buses at all.',
      'Northline is sixty drivers short and spends nine million a year on overtime. I wonder if the six night routes will ever come back',
    ]) {
      const r = check(text);
      expect(r.verdict, text).toBe('publish');
      expect(r.message, text).toMatch(/adds its own: .*a (?:question|first-person account)/);
    }
  });

  it('takes what might have been for an argument, its "saved" for no praise (round four)', () => {
    // Before, "That money could have saved …" was a stock reaction beside the article's figure.
    expect(check('$9 million on overtime. That money could have saved the night routes.').verdict).toBe('publish');
    expect(check('$9 million on overtime. Saved the night routes, brilliant.').verdict).toBe('spam');
  });

  it('reads a rhetorical question as the statement it wraps, and a real one as a question (round four)', () => {
    for (const text of [
      "Isn't it wild that Northline spends something like nine million dollars a year on overtime, nearly twice its budget?",
      'Can you believe Northline is sixty drivers short of the 410 it needs and is cutting six night routes?',
      'Who knew a third of new recruits quit during the eight-week training course?',
    ]) expect(check(text).verdict, text).toBe('spam');
    for (const text of [
      "Sixty drivers short and nine million on overtime. Isn't that the definition of a false economy?",
      "Nine million on overtime, nearly twice the budget. Doesn't that mean the pay is simply too low?",
    ]) expect(check(text).verdict, text).toBe('publish');
  });

  it('reads an exclamation AFINN does not rate as a reaction beside a figure (round four)', () => {
    for (const text of ['Sixty drivers short. Incredible.', '$9 million on overtime. Just staggering.', 'Nine million dollars on overtime. Whoa.']) {
      expect(check(text).verdict, text).toBe('spam');
    }
    expect(check('Sixty drivers short. Depot canteen closed.').verdict).toBe('publish');
  });

  it('lets a long quote through when the reader then says where they stand (round four)', () => {
    // Before, the quote's sentence test won: "echoes 1 sentence of the article and adds nothing of its own".
    const r = check('Starting pay for drivers is $19 an hour, and about a third of new recruits leave during their eight-week training course. I suspect the course itself is the problem, not the pay.');
    expect(r.verdict).toBe('publish');
    expect(r.message).toMatch(/adds its own: an opinion of its own/);
  });

  it('takes a reader who argues with the page itself for a reader (round five)', () => {
    // Before: "restates 7 facts of the article in other words … and adds nothing of its own".
    const r = check('The headline talks about night routes, but the real story is that they are sixty drivers short and burn nine million dollars a year on overtime.');
    expect(r.verdict).toBe('publish');
    expect(r.signals!.own).toBeGreaterThanOrEqual(2);
    // Praise of the page is the bots' frame, not an argument with it.
    expect(check('This article does a great job of showing that they are sixty drivers short and burn nine million dollars a year on overtime.').verdict).toBe('spam');
  });

  it('reads a last sentence in a question’s word order as a question, with or without its mark (round six)', () => {
    const last = (text: string) => segments(text).at(-1)!.question;
    expect(last('Six routes cut. Are those routes coming back once it hires')).toBe(true);
    expect(last('Six routes cut. What happens to the nurses on the hospital route')).toBe(true);
    expect(last('Six routes cut. What a mess')).toBe(false);
    expect(last('Six routes cut. How sad')).toBe(false);
    expect(last('What happens next is anyone’s guess.')).toBe(false);
    // Before: "restates the article's point (…) in a remark that would fit any article".
    expect(check('Northline is sixty drivers short of the 410 it needs and cut six night routes. Are those routes coming back once it hires').verdict).toBe('publish');
  });

  it('lets a quote through when the reader then takes issue with the page itself (round six)', () => {
    // Before: "echoes 1 sentence of the article (88% of its words) and adds nothing of its own".
    const r = check("The drivers' union said it had warned the company about the shortage for two years and called for pay talks to start at once. The article says the union warned them, but not what the company answered.");
    expect(r.verdict).toBe('publish');
    expect(r.message).toMatch(/adds its own: a word against the piece/);
  });

  it('catches a stock wish wrapped round the article’s facts, and lets one with the reader’s own through (round six)', () => {
    // Before: "mostly its own words".
    const r = check('Hope things improve soon for the drivers at Northline.');
    expect(r.verdict).toBe('spam');
    expect(r.message).toMatch(/^restates 2 facts of the article \(names, its topic words: Northline, drivers\)/);
    expect(check('Hope the union gets its pay talks, my brother drove the night route for six years.').verdict).toBe('publish');
    expect(check('Good luck everyone.').verdict).toBe('publish');
  });

  it('reads "did not know that …" as surprise at the article, not an objection to it (round six)', () => {
    // Before: "… but adds its own: an objection".
    const r = check('Great article! Did not know that Northline spends $9 million a year on overtime, nearly twice its budget.');
    expect(r.verdict).toBe('spam');
    expect(r.message).not.toMatch(/objection/);
  });

  it('reads "Thank you for …" as thanks, not a proposal, and "my son" as someone of the reader’s own (round six)', () => {
    // Before, "Thank" opened a command: a proposal of the reader's own (own weight 2).
    expect(check('Thank you for covering the night routes.').signals!.own).toBeLessThan(1);
    // Before: "echoes 1 sentence of the article (92% of its words) and adds nothing of its own".
    const r = check('Northline is sixty drivers short of 410 and cut six night routes from 3 March. My son is one of the drivers.');
    expect(r.verdict).toBe('publish');
    expect(r.message).toMatch(/a first-person account/);
  });

  it('reads "As I understand it, …" as a frame, not the reader’s opinion or account (round seven)', () => {
    // Before: "mostly its own words; adds its own: an opinion of its own".
    const r = check('As I understand it, the company is sixty drivers short and a third of recruits quit during training.');
    expect(r.verdict).toBe('spam');
    // An opinion or an account in the sentence itself still counts.
    expect(check('I think the company is sixty drivers short because it pays too little.').verdict).toBe('publish');
  });

  it('reads a sentence’s first word as no name when the dictionary knows it as an adjective, a contraction or an everyday possessive (round eight)', () => {
    // Before: "the name Staggering", "the name Let's", "the name Women's" made each the reader's own.
    expect(check('Northline is about sixty drivers short of the four hundred and ten it needs. Staggering number for one company.').verdict).toBe('spam');
    expect(check('Northline is sixty drivers short. Let’s hope the pay talks start at once!').verdict).toBe('spam');
    expect(check('Northline is sixty drivers short. Let’s hope the pay talks start at once!').message).not.toMatch(/the name/);
    // A rare word that is no dictionary word, or its possessive, is a name: the reader's own.
    const r = check('Northline is sixty drivers short. Kelworth’s depot had the same problem.');
    expect(r.verdict).toBe('publish');
    expect(r.message).toMatch(/the name Kelworth/);
  });

  it('reads "hardly" as a denial: the reader’s objection (round eight)', () => {
    // Before: "restates 6 facts of the article in other words … and adds nothing of its own".
    const r = check('Two years of warnings from the union and nine million dollars on overtime is hardly a last resort.');
    expect(r.verdict).toBe('publish');
    expect(r.message).toMatch(/adds its own: an objection/);
    // The same facts without the denial are a restatement.
    expect(check('Two years of warnings from the union and nine million dollars on overtime, and now the cuts.').verdict).toBe('spam');
  });

  it('reads a question about an everyday thing named as a definite one as the reader’s (round eight)', () => {
    // Before: "restates the article's point (…) in a remark that would fit any article".
    const r = check('Sixty drivers short and nine million dollars on overtime. Where did the money go?');
    expect(r.verdict).toBe('publish');
    expect(r.message).toMatch(/adds its own: a question about a thing/);
    // A stock question names nothing.
    expect(check('Sixty drivers short and nine million dollars on overtime. What do you think?').verdict).toBe('spam');
  });

  it('takes a short plain remark on the topic for a reader’s, not a one-line summary, unless it praises (round eight)', () => {
    // Before: "restates the article's point ("Cuts", "night", "routes", "overtime") in a remark that would fit any article".
    expect(check('Cuts to night routes, overtime at nine million. Cool cool cool.').verdict).toBe('publish');
    // Praise of the piece with as few words is still the bots' summary.
    expect(check('Great coverage of the night route cuts and the overtime bill.').verdict).toBe('spam');
  });

  it('reads a turn with "but" to a clause of the reader’s own as an argument, not a summary (round eight)', () => {
    // Before: "restates the article's point ("Brandt's", "resort", "drivers") in a remark that would fit any article".
    expect(check('Brandt’s line about a last resort is a good soundbite but it’s unfair to the drivers.').verdict).toBe('publish');
    expect(check('Brandt’s line about a last resort is a good soundbite for the drivers.').verdict).toBe('spam');
  });

  it('reads a negation the article makes in a sentence too short to index as the article’s, not an objection (round nine)', () => {
    const short = prepareArticle('Caterers stop cooking\n\nThe district chief executive met the caterers on Wednesday and asked them to resume cooking on Monday. They have not yet agreed.');
    const text = 'They have not yet agreed. On Wednesday the district chief executive met the caterers and asked them to resume cooking on Monday.';
    // Before: "echoes 1 sentence of the article (92% of its words), but adds its own: an objection".
    const r = echoRule({ text, article: short, others: [] });
    expect(r.verdict).toBe('spam');
    expect(r.message).not.toMatch(/objection/);
    // A denial the article does not make is still the reader's.
    expect(echoRule({ text: 'The caterers have not been paid for the cooking since March. On Wednesday the district chief executive met the caterers.', article: short, others: [] }).verdict).toBe('publish');
  });

  it('reads a stock condolence beside a figure as the bots’ reaction, not an account or a proposal (round nine)', () => {
    // Before: "mostly its own words" (a first-person account; "Stay safe" a proposal).
    const r = check('Seventy hours a week. My thoughts are with the drivers.');
    expect(r.verdict).toBe('spam');
    expect(r.message).toMatch(/with a stock reaction \("My thoughts are with the drivers"\)/);
    expect(check('Sixty drivers short and seventy hours a week. Stay safe out there, drivers.').verdict).toBe('spam');
    // The reader's own thoughts are no condolence.
    expect(check('Seventy hours a week. My thoughts are that the union should strike.').verdict).toBe('publish');
  });

  it('reads what could have been done instead, with words of the reader’s own, as an argument beside praise (round nine)', () => {
    // Before: "restates 3 facts of the article in other words (…) with praise ("nice") and adds nothing of its own".
    const r = check('Nice story, but nine million dollars could have paid for a decent bus network.');
    expect(r.verdict).toBe('publish');
    // Nothing of the reader's in what could have been: the article's own words.
    expect(check('Nice story, but the nine million on overtime could have paid for more drivers.').verdict).toBe('spam');
  });

  it('does not read a rate as a count: two per cent is not the article’s two years', () => {
    const r = check('The union warned for two years, but only two per cent of drivers are members of it.');
    expect(r.verdict).toBe('publish');
  });

  // Round two of issue 15: praise and hope (AFINN, valence.ts) are a bot's wrapper, not content.
  it('catches a one-line summary framed as praise of the piece, and says so', () => {
    const r = check('Great coverage of the Northline night route cuts and the driver shortage behind them.');
    expect(r.verdict).toBe('spam');
    expect(r.message).toBe(`restates the article's point ("Northline", "night", "route", "cuts") in a remark that would fit any article`);
  });

  it('counts praise beside a restatement as the wrapper it is, and names it', () => {
    // One fact alone is what a terse reader restates too; with a stock phrase of praise it is a bot's.
    expect(check('Northline is 60 drivers short.').verdict).toBe('publish');
    const r = check('Northline is 60 drivers short. Hope they sort it out soon, great article!');
    expect(r.verdict).toBe('spam');
    expect(r.message).toBe('restates 4 facts of the article (figures, names, its topic words: 60, Northline, drivers, short) with praise ("hope", "great") and adds nothing of its own');
  });

  // Round four: one of the article's figures and a stock reaction, nothing else, is the issue's own
  // example of a bot ("60 drivers short" becomes "about sixty drivers short", wrapped in a remark).
  it('catches one of the article’s figures with a short stock reaction, and names the reaction', () => {
    const r = check('Sixty drivers short. Madness.');
    expect(r.verdict).toBe('spam');
    expect(r.message).toBe('restates 3 facts of the article in other words (figures, its topic words: Sixty (60), drivers, short) with a stock reaction ("Madness") and adds nothing of its own');
    for (const text of ['$9 million. Devastating.', '$9 million a year on overtime. Devastating.', 'Madness. The $9 million went on overtime.', 'Wow. Nine million dollars on overtime!', 'About a third of recruits quit during training. That is so sad.']) {
      expect(check(text).verdict, text).toBe('spam');
    }
  });

  it('lets a figure through when the reaction is an argument, a thing of the reader’s, or in the figure’s own sentence', () => {
    for (const text of [
      // A judgement with a modal verb: what should have been is the reader's own (the same without
      // "should have" is caught above).
      'Madness. The $9 million should have gone on overtime.',
      // The remark names things of its own: not a reaction that fits any article.
      'Sixty drivers short! Going down to the depot with the kids this weekend to wave them off.',
      // One sentence, the reaction inside it: how a terse reader argues ("is a rounding error for them").
      '$9 million on overtime is a rounding error for a firm that size.',
      // No figure at all: a reaction to the topic.
      'Poor drivers. Years of this.',
    ]) expect(check(text).verdict, text).toBe('publish');
  });

  it('still lets a praised account of the reader’s own through', () => {
    for (const text of [
      'Great piece. I drove the night route to the hospital for six years and most of my passengers were nurses.',
      'Brilliant. Harbourline solved the same shortage in 2022 by paying trainees from day one.',
    ]) expect(check(text).verdict, text).toBe('publish');
  });

  it('weighs words swapped into a restated sentence less than a sentence of the reader’s own', () => {
    // "firm", "operators", "wage" are the reader's words, scattered through the article's facts.
    expect(check('The firm is sixty operators short of the four hundred and ten it needs and recruits start on a wage of $19 an hour.').verdict).toBe('spam');
    expect(check('Sixty drivers short. The depot at Kelby closed its canteen in May, and the drivers I know blame that.').verdict).toBe('publish');
  });

  // Round three: "while" sets one thing against another, an argument like "because".
  it('takes a sentence that sets the article’s figure against something else for an argument, not a summary', () => {
    expect(check('Nine million dollars a year on overtime while the depot canteen shuts at six. Priorities.').verdict).toBe('publish');
  });
});

describe('whose words a sentence speaks (round four)', () => {
  const own = (text: string) => speaksForSelf(segments(text)[0]!, false);
  it('reads "I\'ve", "I\'m", "we\'d" as the first person, and a framing "If I\'m reading this right, …" as no account (round seven)', () => {
    expect(own("I've done that road in February.")).toBe(true);
    expect(own("We'd walked it every week.")).toBe(true);
    expect(own("If I'm reading this right, the rigs need three-quarters of a metre of ice.")).toBe(false);
    expect(own('As I understand it, a third of recruits quit.')).toBe(false);
  });
  it('reads reported speech as the speaker’s, not the reader’s', () => {
    expect(own('We cannot say every business would see the same results, said Dr Kirsty Dalgleish, who led the team.')).toBe(false);
    expect(own('We cannot keep asking drivers to work seventy hours, she said.')).toBe(false);
  });
  it('still reads the reader’s own first person', () => {
    expect(own('We said no to the pouches at our school, and the phones stayed in bags.')).toBe(true);
    expect(own('I told the council as much in 2019.')).toBe(true);
  });
});

