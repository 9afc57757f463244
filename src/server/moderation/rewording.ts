// Reading a comment in the article's words (issue 15): a number that stands for one of the
// article's ("about sixty" for 62, "half a billion" for £502 million, "one in three" for "a third"),
// and a synonym of one of its words ("shut" for "close"), take the article's key, so that both the
// sentence alignment (echo.ts) and the count of restated facts (restatement.ts) see through the
// rewording. Each token so read is marked, for the moderator's reason ("in other words").
import { sameNumber } from './numbers.ts';
import { synonymsOf } from './synonyms.ts';
import { wordRank, type Token } from './text-features.ts';

/** What rewording needs from the article: its keys, how widely each is used, its numbers. */
export interface ArticleTerms {
  vocab: Set<string>;
  postings: Map<string, number[]>;
  /** The article's numbers, ascending by value, each with its key. */
  numbers: readonly { value: number; rate: boolean; key: string }[];
}

/** Words this common ("get", "big") are never read as another word: they say too little. */
const EVERYDAY_RANK = 300;

/** Finds the article's number a comment's number stands for, if any. */
function articleNumber(tok: Token, numbers: ArticleTerms['numbers']): string | undefined {
  const reading = { value: tok.value ?? 0, rate: tok.rate ?? false, approx: tok.approx ?? false };
  let best: { key: string; off: number } | undefined;
  for (const n of numbers) {
    if (!sameNumber(reading, n)) continue;
    const off = Math.abs(n.value - reading.value) / Math.max(1e-9, Math.abs(n.value));
    if (!best || off < best.off) best = { key: n.key, off };
  }
  return best?.key;
}

/**
 * Gives each content token of the comment that is not the article's word the key of the
 * article's word it stands for, when there is one: the closest number, or the synonym the article
 * uses most. Mutates the tokens (they belong to this one check) and returns how many were read so.
 */
export function readInArticleTerms(tokens: Token[], article: ArticleTerms): number {
  let reworded = 0;
  for (const tok of tokens) {
    if (tok.stop || article.vocab.has(tok.key)) continue;
    if (tok.number) {
      const key = articleNumber(tok, article.numbers);
      if (key) {
        tok.key = key;
        tok.reworded = true;
        reworded++;
      }
      continue;
    }
    if (wordRank(tok.raw.toLowerCase()) < EVERYDAY_RANK) continue;
    let best: string | undefined;
    let bestSpread = 0;
    for (const group of synonymsOf(tok.key)) {
      for (const other of group) {
        if (other === tok.key || !article.vocab.has(other) || wordRank(other) < EVERYDAY_RANK) continue;
        const spread = article.postings.get(other)?.length ?? 1;
        if (spread > bestSpread) {
          best = other;
          bestSpread = spread;
        }
      }
    }
    if (best) {
      tok.key = best;
      tok.reworded = true;
      reworded++;
    }
  }
  return reworded;
}
