// The seed fixture (DESIGN.md): a real article page whose 12 comments each copy a sentence or two of
// the article inside a stock phrase. Parley's first spam case: all 12 must come out `spam`, and real
// readers of the same article must not.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { echoRule, prepareArticle } from '../../../src/server/moderation/echo.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const page = readFileSync(resolve(repoRoot, '../shared/fixtures/seed/article-with-bot-comments.txt'), 'utf8');
const cut = page.search(/^\d+ thoughts on/m);
const articleText = page.slice(0, cut);
const bots = [...page.slice(cut).matchAll(/^\s*\d+\.\s+(.+)$/gm)].map((m) => m[1]!.trim());
const article = prepareArticle(articleText);

const readers = [
  'Thanks, useful piece.',
  'Putin and Xi have met dozens of times; I doubt this visit changes much for Ukraine.',
  'Why does the Kremlin announce this a month early? Last time they kept the dates secret until the day before.',
  'Putin will also meet with Chinese Premier Li Qiang to discuss trade and economic relations. I wonder whether the Power of Siberia 2 pipeline finally gets signed this time.',
  'The talks are set to conclude with a joint statement from the two leaders. Joint statements after these visits are usually vague; the 2024 one ran to 30 pages and said almost nothing new.',
  'Twice in one year is unusual. In 2019 he only went once.',
  'The APEC summit in Shenzhen is in November, so that would be his second trip of 2026. Does anyone know if Trump will be there too?',
  'Xi was among the foreign leaders who traveled to Moscow for the Victory Day parade. Which other leaders went? I remember Lula and Fico being there.',
  'Deepening strategic interaction sounds like more Russian oil sold at a discount.',
  'Ушаков всегда объявляет визиты заранее, ничего нового.',
];

describe('the seed article with bot comments', () => {
  it('finds the article and its 12 bot comments in the fixture', () => {
    expect(articleText).toContain('Russian President Vladimir Putin will make an official visit to China');
    expect(articleText).not.toContain('thoughts on');
    expect(bots).toHaveLength(12);
  });

  it('marks all 12 bot comments as spam, each on its own', () => {
    for (const text of bots) {
      const r = echoRule({ text, article, others: [] });
      expect(r, text).toMatchObject({ rule: 'echo', verdict: 'spam' });
      expect(r.message).toMatch(/^echoes \d sentences? of the article/);
    }
  });

  it('marks all 12 as spam when they arrive one after another in the same thread', () => {
    bots.forEach((text, i) => {
      expect(echoRule({ text, article, others: bots.slice(0, i) }).verdict, text).toBe('spam');
    });
  });

  it('still catches the bots that repeat earlier comments when the article cannot be fetched', () => {
    // Without the article only the repeats of earlier comments can be seen: the later bots reuse
    // the same article sentences, so from the 2nd repeat on they are caught from the thread alone.
    const verdicts = bots.map((text, i) => echoRule({ text, article: null, articleError: 'timeout', others: bots.slice(0, i) }));
    expect(verdicts[0]).toMatchObject({ verdict: 'publish', message: expect.stringMatching(/^article could not be fetched \(timeout\); checked against the thread only/) });
    expect(verdicts.filter((r) => r.verdict === 'spam').length).toBeGreaterThanOrEqual(8);
  });

  it('lets genuine readers of the same article through', () => {
    for (const text of readers) {
      expect(echoRule({ text, article, others: bots }).verdict, text).toBe('publish');
    }
  });
});
