// The echo rule (DESIGN.md "Moderation and spam", issue 3): spam is a comment whose own words are
// mostly the article's sentences — or long sentences other readers already posted — with nothing of
// its own around them. No phrase lists: a comment is aligned with the sentences it borrows from, and
// what is left over is judged by its features (a number or a name the source does not have, a first-
// person account, a pointed question, enough words of its own), never by matching known wrappers.
// Pure functions, no I/O: the article is fetched by src/server/article.ts and indexed once here.

import { isNegated } from './objection.ts';
import { numberForm, weighRestatement, type ArticleFacts, type Restatement } from './restatement.ts';
import { readInArticleTerms } from './rewording.ts';
import { summaryEcho } from './summary.ts';
import { wordClass } from './word-class.ts';
import { baseRank, contentTokens, isFirstPerson, isRhetorical, namesAThing, segments, speaksForSelf, wordRank, type Segment, type Token } from './text-features.ts';
import { isPraise, valence } from './valence.ts';

/** One sentence that a comment may borrow from. */
export interface Source {
  keys: Set<string>;
  /** Unordered pairs of neighbouring content words ("a|b"): a run of them in a comment is copying. */
  pairs: Set<string>;
  size: number;
  from: 'article' | 'thread';
  /** An article's sentence with a negation (objection.ts: a reader's own negation is one it lacks). */
  negated?: true;
}

/** A set of sentences indexed for look-up. Build with `prepareArticle` or `prepareThread`. */
export interface SourceIndex {
  sources: Source[];
  /** content key → indexes into `sources` */
  postings: Map<string, number[]>;
  /**
   * At most `max` ids for `key`, and how many postings were read to find them. An index whose
   * lists are built on demand (a thread view, echo-thread.ts) reads no more than that; without
   * it the first `max` of `postings.get(key)` are taken.
   */
  lookup?(key: string, max: number): { ids: readonly number[]; read: number };
  /** Every content key (stems and numbers) in the text. */
  vocab: Set<string>;
  /** How many words the text has. */
  words: number;
}

/** An article's text, indexed once and cacheable (it holds no reference to the raw text). */
export interface ArticleIndex extends SourceIndex, ArticleFacts {
  /** Longer than ECHO_CAPS.articleWords: only its first words were indexed. */
  truncated?: true;
}

/** The first sentences of `segs` up to `max` words. */
function capWords(segs: Segment[], max: number): Segment[] {
  let n = 0;
  for (let i = 0; i < segs.length; i++) {
    n += segs[i]!.words;
    if (n > max) return segs.slice(0, i);
  }
  return segs;
}

export interface EchoInput {
  /** The comment. */
  text: string;
  /** The thread's article, or null when it could not be fetched (see `articleError`). */
  article: ArticleIndex | null;
  /** Why the article is missing, for the moderator ("timeout", "HTTP 404"…). */
  articleError?: string;
  /** Texts already posted by others in the thread, or the same prepared with `prepareThread`. */
  others?: readonly string[] | SourceIndex;
}

export interface EchoResult {
  rule: 'echo';
  verdict: 'spam' | 'publish';
  message: string;
  /** What the rule measured, for the moderator's tools and a learning filter (not part of the verdict's contract). */
  signals?: EchoSignals;
  /** The work it did (ECHO_CAPS). */
  cost?: EchoCost;
}

export interface EchoSignals {
  /** Weight of the article's facts the comment restates, and of what it adds (restatement.ts). */
  restated: number;
  own: number;
  /** How many of the restated facts are in other words (synonyms, numbers written otherwise). */
  reworded: number;
}

// Tuning. Each number is chosen on eval/spam (written before the rule) and explained here.
/** A source sentence counts only if it gives the comment this many content words… */
const MIN_GAIN = 3;
/** …and they are at least this share of the source sentence (so scattered common words don't add up). */
const MIN_SOURCE_SHARE = 0.25;
/** A comment that borrows fewer content words than this is never echo ("Thanks, useful piece."). */
const MIN_BORROWED = 4;
/** Borrowed share of the comment's content words above which only an addition of its own saves it. */
const ECHO_SHARE = 0.5;
/** A source sentence needs a copied run of this many words… */
const MIN_RUN = 4;
/** …or this many shared words (a paraphrase keeps names, numbers and topic words, not the order). */
const MIN_SHARED = 5;
/** A clause with this share of covered words is borrowed; its other topic words are rewording. */
const BORROWED_CLAUSE = 0.3;
/** Words ranked below this in general English are everyday words ("good", "think"). */
const INFORMATIVE_RANK = 300;
/** Words ranked from here on carry weight in a first-person sentence or a question ("homework", "sad"). */
const WEIGHTY_RANK = 500;
/** A first-person clause with this many content words can be an account, even on the article's own facts… */
const ACCOUNT_WORDS = 4;
/** …if this many of them are not the article's (nor the borrowed sentences'), one of them weighty. */
const ACCOUNT_NEW_WORDS = 2;
/** Words ranked from here on are specific ("pensioners", "melatonin"). */
const SPECIFIC_RANK = 3000;
/** DESIGN.md: a sentence of the thread counts when it has 8 or more words. */
const THREAD_SENTENCE_WORDS = 8;

/**
 * The echo rule's work per post is capped (issue 14): a deliberately poisoned thread of long,
 * similar comments made each post cost seconds of CPU. Each cap is a count, so tests can assert it;
 * the time cap is a last guard only. When one is hit the rule says so in its reason and judges
 * with what it compared.
 */
export const ECHO_CAPS = {
  /** Content words of the comment compared (about 2,000 characters of prose). */
  commentWords: 300,
  /** Posting-list entries read per check, article and thread together. */
  postings: 5_000,
  /** Candidate sentences scored per check. */
  candidates: 300,
  /** Words of the article indexed (a long read is 10,000; pages with more are not articles). */
  articleWords: 20_000,
  /** Words of each earlier comment indexed for the thread (its first sentences). */
  threadTextWords: 400,
  /** Wall-clock milliseconds of comparing; past it the rule judges with what it found. */
  ms: 15,
} as const;

/** Work from which the time cap applies (an ordinary comment reads a few hundred postings). */
const HEAVY_POSTINGS = 2_000;
const HEAVY_CANDIDATES = 200;

/** What one check did, for tests, the benchmark and the moderator's reason when a cap was hit. */
export interface EchoCost {
  /** Content words of the comment compared. */
  words: number;
  postings: number;
  candidates: number;
  /** Which caps were hit: 'comment', 'postings', 'candidates', 'time'. */
  capped: string[];
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function indexSegments(segs: Segment[], from: Source['from'], minWords: number): SourceIndex & { signatures: string[] } {
  const index = { sources: [], postings: new Map(), vocab: new Set<string>(), words: 0, signatures: [] as string[] };
  addSegments(index, segs, from, minWords);
  return index;
}

function addSegments(index: SourceIndex & { signatures?: string[] }, segs: Segment[], from: Source['from'], minWords: number): void {
  // A sentence repeated on the page (a pull quote, a bot's copy in the thread) is one source.
  const seen = new Set<string>();
  for (const seg of segs) {
    index.words += seg.words;
    const seq = contentTokens(seg.tokens).map((t) => t.key);
    const keys = new Set(seq);
    for (const k of keys) index.vocab.add(k);
    if (seg.words < minWords || keys.size < 2) continue;
    const signature = seq.join(' ');
    if (seen.has(signature)) continue;
    seen.add(signature);
    const pairs = new Set<string>();
    for (let i = 1; i < seq.length; i++) pairs.add(pairKey(seq[i - 1]!, seq[i]!));
    const id = index.sources.length;
    index.sources.push({ keys, pairs, size: keys.size, from, ...(from === 'article' && isNegated(seg) ? { negated: true as const } : {}) });
    index.signatures?.push(signature);
    for (const k of keys) {
      const list = index.postings.get(k);
      if (list) list.push(id);
      else index.postings.set(k, [id]);
    }
  }
}

/**
 * Indexes an article's main text once; keep the result with the cached article.
 * @example
 *   const article = prepareArticle(fetched.text);
 *   echoRule({ text: comment, article, others: earlierTexts });
 */
export function prepareArticle(text: string): ArticleIndex {
  // A page with more words than a long read is no article; its first ECHO_CAPS.articleWords are
  // indexed (issue 14: indexing runs in the request that fetched the page). Cut before tokenizing:
  // a word is about six characters, so a tenth more characters than that are read at most.
  const limit = ECHO_CAPS.articleWords * 7;
  const all = segments(text.length > limit ? text.slice(0, limit) : text);
  const segs = capWords(all, ECHO_CAPS.articleWords);
  const truncated = text.length > limit || segs.length < all.length;
  const { signatures: _signatures, ...index } = indexSegments(segs, 'article', 1);
  // Its numbers (for "about sixty" = 62) and its names (a restated name is a restated fact).
  const numbers = new Map<string, { value: number; rate: boolean }>();
  const names = new Set<string>();
  const pairs = new Set<string>();
  const numberForms = new Set<string>();
  for (const seg of segs) {
    const seq = contentTokens(seg.tokens);
    for (let i = 1; i < seq.length; i++) pairs.add(pairKey(seq[i - 1]!.key, seq[i]!.key));
    for (const tok of seg.tokens) {
      if (tok.number) {
        numbers.set(tok.key, { value: tok.value ?? 0, rate: tok.rate ?? false });
        numberForms.add(numberForm(tok));
      }
      else if (!tok.stop && isName(tok, seg, false)) names.add(tok.key);
    }
  }
  const negated = new Set(index.sources.flatMap((s, i) => (s.negated ? [i] : [])));
  // Negated sentences too short to index ("They have not yet agreed."): the objection test's too.
  const shortNegated = segs.filter((seg) => new Set(contentTokens(seg.tokens).map((t) => t.key)).size === 1 && isNegated(seg)).map((seg) => [...new Set(contentTokens(seg.tokens).map((t) => t.key))]);
  return { ...index, truncated: truncated || undefined, names, pairs, numberForms, negated, shortNegated, numbers: [...numbers].map(([key, n]) => ({ key, ...n })).sort((a, b) => a.value - b.value) };
}

// Each post indexes up to 600 earlier comments of its thread, nearly all of them the same as for
// the previous post; tokenizing and indexing them again was most of a post's CPU in the write
// benchmark (issue 5: the echo check must not dominate). What one text contributes to a thread
// index is a pure function of the text, and Sources are only read once built, so it is kept by
// text: a bounded number (a few hot threads' worth), first in, first out. prepareThread then only
// merges, with the same de-duplication by signature as addSegments, so the index is the same.
export interface PreparedText {
  words: number;
  vocab: string[];
  sources: { signature: string; source: Source }[];
  /** content key → indexes into this text's `sources` */
  postings: Map<string, number[]>;
}
const PREPARED_MEMO_SIZE = 2000;
const preparedMemo = new Map<string, PreparedText>();
export function preparedText(text: string): PreparedText {
  let found = preparedMemo.get(text);
  if (found) return found;
  // Each earlier comment is indexed by its first ECHO_CAPS.threadTextWords words (issue 14): a bot
  // copies whole sentences, and a poisoned thread of 10,000-character comments would otherwise
  // cost seconds to index. Cut before tokenizing (about seven characters a word).
  const cut = ECHO_CAPS.threadTextWords * 7;
  const one = indexSegments(capWords(segments(text.length > cut ? text.slice(0, cut) : text), ECHO_CAPS.threadTextWords), 'thread', THREAD_SENTENCE_WORDS);
  found = {
    words: one.words,
    vocab: [...one.vocab],
    sources: one.sources.map((source, i) => ({ signature: one.signatures[i]!, source })),
    postings: one.postings,
  };
  if (preparedMemo.size >= PREPARED_MEMO_SIZE) preparedMemo.delete(preparedMemo.keys().next().value!);
  preparedMemo.set(text, found);
  return found;
}

/**
 * A thread's postings, looked up when asked: align() asks for the comment's own few dozen words
 * only, so merging every word of 600 comments up front was wasted work on every post. Each answer
 * is the ids in increasing order, exactly as the eager map held them.
 */
class LazyPostings extends Map<string, number[]> {
  constructor(
    private readonly texts: PreparedText[],
    /** Per text: its local source index → id in the thread index, or -1 when a repeat was dropped. */
    private readonly ids: number[][],
  ) {
    super();
  }

  override get(key: string): number[] | undefined {
    if (super.has(key)) return super.get(key);
    let list: number[] | undefined;
    for (let t = 0; t < this.texts.length; t++) {
      const local = this.texts[t]!.postings.get(key);
      if (!local) continue;
      for (const l of local) {
        const id = this.ids[t]![l]!;
        if (id >= 0) (list ??= []).push(id);
      }
    }
    super.set(key, list!);
    return list;
  }
}

/** Indexes the thread's earlier comments (by other authors); only sentences of 8+ words count. */
export function prepareThread(texts: readonly string[]): SourceIndex {
  const prepared = texts.map(preparedText);
  const sources: Source[] = [];
  // A sentence repeated in the thread (a bot's copies) is one source: the first one kept.
  const seen = new Set<string>();
  const ids = prepared.map((p) =>
    p.sources.map(({ signature, source }) => {
      if (seen.has(signature)) return -1;
      seen.add(signature);
      return sources.push(source) - 1;
    }),
  );
  let vocab: Set<string> | undefined;
  return {
    sources,
    postings: new LazyPostings(prepared, ids),
    // Built on first use only: echoRule reads the article's vocabulary, never the thread's.
    get vocab() {
      return (vocab ??= new Set(prepared.flatMap((p) => p.vocab)));
    },
    words: prepared.reduce((n, p) => n + p.words, 0),
  };
}

interface Alignment {
  /** Per content token of the comment: covered by a chosen source. */
  covered: boolean[];
  borrowed: number;
  fromArticle: number;
  fromThread: number;
  /** Keys of the chosen sources, to tell the comment's own numbers and names from borrowed ones. */
  sourceKeys: Set<string>;
}

/** Longest run of consecutive comment tokens whose neighbours are neighbours in `s` too. */
function copiedRun(tokens: Token[], s: Source): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (!s.keys.has(tokens[i]!.key)) run = 0;
    else if (run > 0 && s.pairs.has(pairKey(tokens[i - 1]!.key, tokens[i]!.key))) run++;
    else run = 1;
    if (run > best) best = run;
  }
  return best;
}

function lookup(index: SourceIndex, key: string, max: number): { ids: readonly number[]; read: number } {
  if (index.lookup) return index.lookup(key, max);
  const all = index.postings.get(key);
  if (!all) return { ids: [], read: 0 };
  const ids = all.length > max ? all.slice(0, max) : all;
  return { ids, read: ids.length };
}

/**
 * Greedy cover: repeatedly take the source sentence that explains most of the still-unexplained
 * content words. Bags of words, so shuffled clauses and reordered sentences align as well as copies;
 * paraphrases align through what survives rewording (names, numbers, topic words). A source counts
 * only with a copied run of 4+ words or 5+ shared words: a reader who discusses the topic reuses a
 * few of its words here and there, a copy or a paraphrase reuses many.
 *
 * The postings are read once (ECHO_CAPS.postings at most), noting for each candidate sentence the
 * comment's words it has (ECHO_CAPS.candidates at most); each round then only re-counts those, as a
 * sentence's gain can only fall as words get covered.
 */
function align(tokens: Token[], indexes: SourceIndex[], maxSources: number, cost: EchoCost, now: () => number): Alignment {
  const covered = tokens.map(() => false);
  const result: Alignment = { covered, borrowed: 0, fromArticle: 0, fromThread: 0, sourceKeys: new Set() };
  const deadline = now() + ECHO_CAPS.ms;
  // The clock is only consulted once the check is doing real work: an ordinary comment must not be
  // cut short because a busy machine paused this process (its verdict would depend on the load).
  const heavy = () => cost.postings >= HEAVY_POSTINGS || hits.size >= HEAVY_CANDIDATES;
  // The comment's distinct keys, in order, and their weight: an everyday word ("get", "time")
  // counts half, sharing those is no sign of copying.
  const keys: string[] = [];
  const weights: number[] = [];
  const keyIndex = new Map<string, number>();
  for (const tok of tokens) {
    if (keyIndex.has(tok.key)) continue;
    keyIndex.set(tok.key, keys.length);
    keys.push(tok.key);
    weights.push(tok.number || wordRank(tok.key) >= INFORMATIVE_RANK ? 1 : 0.5);
  }
  const hits = new Map<Source, number[]>();
  read: for (let k = 0; k < keys.length; k++) {
    for (const index of indexes) {
      const left = ECHO_CAPS.postings - cost.postings;
      if (left <= 0) {
        cost.capped.push('postings');
        break read;
      }
      const { ids, read } = lookup(index, keys[k]!, left);
      cost.postings += read;
      for (const id of ids) {
        const s = index.sources[id]!;
        let list = hits.get(s);
        if (!list) {
          if (hits.size >= ECHO_CAPS.candidates) {
            if (!cost.capped.includes('candidates')) cost.capped.push('candidates');
            continue;
          }
          hits.set(s, (list = []));
        }
        if (list[list.length - 1] !== k) list.push(k);
      }
    }
    if ((k & 15) === 15 && heavy() && now() > deadline) {
      cost.capped.push('time');
      break;
    }
  }
  cost.candidates = hits.size;
  const coveredKey = keys.map(() => false);
  const runs = new Map<Source, number>();
  for (let round = 0; round < maxSources; round++) {
    let best: Source | null = null;
    let bestScore = 0;
    for (const [s, list] of hits) {
      let gain = 0;
      for (const k of list) if (!coveredKey[k]) gain += weights[k]!;
      if (gain < MIN_GAIN || gain / s.size < MIN_SOURCE_SHARE) {
        hits.delete(s); // for good: a sentence's gain and share only fall
        continue;
      }
      // A copied run is at most as long as the words it shares: skip the count (a walk over the
      // comment) when even the longest run could not beat the best so far.
      if (gain + list.length / 2 < bestScore) continue;
      let run = runs.get(s);
      if (run === undefined) runs.set(s, (run = copiedRun(tokens, s)));
      // Another reader's sentence counts only when copied (a run of its words): readers on the same
      // point share its words, and a bot's paraphrase in the thread shares the article's (round four).
      if (run < MIN_RUN && (gain < MIN_SHARED || s.from === 'thread')) continue;
      // The sentence actually copied beats a looser match with a few more words in common
      // (an article sentence quoted verbatim vs. another reader's paraphrase of it).
      // On a near tie the article wins: another reader's sentence may wrap the same copy in
      // words of its own, which would then wrongly count as borrowed by this comment.
      const score = gain + run / 2 - (s.from === 'thread' ? 1 : 0);
      if (score > bestScore || (score === bestScore && best && s.size < best.size)) {
        best = s;
        bestScore = score;
      }
    }
    if (!best) break;
    hits.delete(best);
    for (let i = 0; i < tokens.length; i++) {
      if (!covered[i] && best.keys.has(tokens[i]!.key)) {
        covered[i] = true;
        coveredKey[keyIndex.get(tokens[i]!.key)!] = true;
        result.borrowed++;
      }
    }
    for (const k of best.keys) result.sourceKeys.add(k);
    if (best.from === 'article') result.fromArticle++;
    else result.fromThread++;
    if (heavy() && now() > deadline) {
      if (!cost.capped.includes('time')) cost.capped.push('time');
      break;
    }
  }
  return result;
}

interface Judgement {
  /** Content words that come from the sources: covered, or topic words inside a borrowed clause. */
  borrowed: number;
  /** What the comment adds of its own, in words a moderator can check. */
  own: string[];
}

/**
 * Splits the comment into clauses. A clause that is mostly covered is borrowed: its other topic
 * words count as borrowed too (a paraphrase or summary keeps some and rewords the rest), and its
 * new words are rewording. The other clauses are the comment's own, judged by their features.
 */
function judge(segs: Segment[], a: Alignment, known: Set<string>, allCaps: boolean): Judgement {
  const own: string[] = [];
  let borrowed = a.borrowed;
  let topical = 0;
  let informative = 0;
  let specific = 0;
  let t = 0;
  for (const seg of segs) {
    const content = contentTokens(seg.tokens);
    const covered = a.covered.slice(t, t + content.length);
    t += content.length;
    const clauses = new Map<number, number[]>();
    content.forEach((tok, j) => {
      const list = clauses.get(tok.clause);
      if (list) list.push(j);
      else clauses.set(tok.clause, [j]);
    });
    const borrowedClauses = new Set<number>();
    // The comment's own words: uncovered words of its own clauses, and their covered words as topic
    // words (a reader arguing about the topic reuses its words in sentences of their own).
    const mine: Token[] = [];
    let segTopical = 0;
    for (const [clause, idx] of clauses) {
      const hit = idx.filter((j) => covered[j]).length;
      if ((hit >= 2 && hit / idx.length >= BORROWED_CLAUSE) || hit / idx.length >= 0.5) {
        borrowedClauses.add(clause);
        borrowed += idx.filter((j) => !covered[j] && known.has(content[j]!.key)).length;
      } else {
        for (const j of idx) {
          if (!covered[j]) mine.push(content[j]!);
          else if (weighty(content[j]!)) segTopical++;
        }
      }
    }
    let segInformative = 0;
    let segWeighty = 0;
    for (const tok of mine) {
      if (tok.number) {
        if (!known.has(tok.key)) own.push(`the number ${tok.raw}`);
        else segTopical++;
      } else if (known.has(tok.key)) {
        // An everyday word ("real", "take") shared with the article is no sign of being on topic.
        if (weighty(tok)) segTopical++;
      }
      else if (isOwnName(tok, seg, allCaps)) own.push(`the name ${tok.raw}`);
      else if (rank(tok) >= INFORMATIVE_RANK) {
        segInformative++;
        if (rank(tok) >= WEIGHTY_RANK) segWeighty++;
        if (rank(tok) >= SPECIFIC_RANK) specific++;
      }
    }
    topical += segTopical;
    informative += segInformative;
    // A whole sentence of its own that is about the topic ("Consultations always attract the people
    // who are against something"). A stock phrase fits any article, so it has no topic word.
    const topicWord = content.some((x, j) => weighty(x) && (covered[j] || known.has(x.key)));
    if (borrowedClauses.size === 0 && topicWord && content.length >= 4) own.push('a sentence of its own on the topic');
    // A first-person account with some substance ("I volunteer at the job club there"), not
    // "I love this" or "sad times we live in".
    const praising = seg.tokens.some((x) => isPraise(x.raw.toLowerCase()));
    const firstPerson = speaksForSelf(seg, praising, (x) => !borrowedClauses.has(x.clause));
    if (firstPerson && segTopical + segWeighty >= 3) own.push('a first-person account');
    // The same when the account's facts are the article's: "My shop on Quay Street lost a third of its
    // trade" has the article's street and number ("a third" = 3), so its clause aligns as borrowed, but
    // the shop and its trade are the reader's.
    else if (accountOnTopic(seg, content, known)) own.push('a first-person account');
    // A pointed question: not mostly copied, and about the topic, or with weighty words of its own
    // ("who pays for the roof?"), or naming a thing the article does not ("how much did the council
    // put in?"), unlike "Thoughts?", "What do you think?", "Where do I sign up?" or "Is anyone surprised?".
    const hits = covered.filter(Boolean).length;
    const uncoveredWords = content.length - hits;
    if (seg.question && !isRhetorical(seg) && hits <= content.length * 0.6 && uncoveredWords >= 2) {
      const topicWords = content.filter((x, j) => !covered[j] && known.has(x.key)).length;
      const weighty = content.filter((x, j) => !covered[j] && !known.has(x.key) && !x.number && rank(x) >= WEIGHTY_RANK).length;
      if (topicWords >= 1 || weighty >= 2 || namesAThing(seg, WEIGHTY_RANK, (x) => !known.has(x.key))) own.push('a question');
    }
  }
  // Enough words of its own about the topic: an argument, an explanation, a correction.
  if ((topical >= 1 && topical + informative >= 4) || specific >= 3) own.push(`${topical + informative} words of its own`);
  return { borrowed, own };
}

/**
 * A first-person clause with a few content words, on the topic, with words of its own beyond the
 * article's, one of them not everyday — whether or not its numbers and names are the article's. Not
 * "I never thought I would see the day" (nothing of the topic), nor "I think" or "I have to say"
 * around a copy (no words beyond the article's), nor a copy of another reader's account (its words
 * are the borrowed sentence's, so they are in `known`).
 */
function accountOnTopic(seg: Segment, content: Token[], known: Set<string>): boolean {
  const clauses = new Set(seg.tokens.filter((x) => isFirstPerson(x.raw.toLowerCase())).map((x) => x.clause));
  for (const clause of clauses) {
    const words = content.filter((x) => x.clause === clause);
    const fresh = words.filter((x) => !x.number && !known.has(x.key));
    if (
      words.length >= ACCOUNT_WORDS &&
      words.some((x) => weighty(x) && known.has(x.key)) &&
      fresh.length >= ACCOUNT_NEW_WORDS &&
      fresh.some((x) => baseRank(x) >= WEIGHTY_RANK)
    ) {
      return true;
    }
  }
  return false;
}

function rank(tok: Token): number {
  return wordRank(tok.raw.toLowerCase());
}

/** A number, or a word that is not an everyday one. */
function weighty(tok: Token): boolean {
  return tok.number || rank(tok) >= INFORMATIVE_RANK;
}

/**
 * A capitalised word in mixed-case text: a name unless it only starts a sentence and is an ordinary
 * word ("Unbelievable." is not a name, "Kelworth closed three branches" has one).
 */
function isName(tok: Token, seg: Segment, allCaps: boolean): boolean {
  if (allCaps || !tok.capital || tok.raw === 'I') return false;
  const lower = tok.raw.toLowerCase();
  // An all-capitals word in mixed text ("BREAKING:", "NHS") is a name only if it is not a word.
  if (tok.raw.length > 1 && tok.raw === tok.raw.toUpperCase()) return wordRank(lower) === Infinity;
  if (tok.sentenceStart) return wordRank(lower) >= 10_000 && seg.words >= 3;
  return true;
}

/**
 * A name in a comment: as isName, but a rare word of feeling that only starts the sentence is the
 * reader's reaction, not a name ("Heartbreaking but necessary read about …", round five). The
 * article's names are read with isName alone (its headline's words).
 */
function isOwnName(tok: Token, seg: Segment, allCaps: boolean): boolean {
  if (!isName(tok, seg, allCaps)) return false;
  if (!tok.sentenceStart) return true;
  // Nor, at a sentence's start, a rare word the dictionary knows as an adjective, adverb, verb or
  // abstract noun ("Staggering number …", "Rural New Zealand …"), a contraction ("Let's hope") or an
  // everyday word's possessive ("Women's footy …"): the sentence's first word, not a name (round
  // eight). A concrete noun may be one ("Rose"), and a rare word's possessive is ("Fenwick's plan").
  const lower = tok.raw.toLowerCase().replace(/['’]s$/, '');
  return valence(lower) === 0 && !/['’]/.test(lower) && wordRank(lower) >= 10_000 && ['c', '?'].includes(wordClass(lower));
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Judges one comment against the thread's article and the thread's earlier comments.
 * @example
 *   echoRule({ text: 'Big if true. ' + articleSentence, article: prepareArticle(articleText), others: [] })
 *   // → { rule: 'echo', verdict: 'spam', message: 'echoes 1 sentence of the article and adds nothing of its own' }
 */
export function echoRule(input: EchoInput, now: () => number = () => performance.now()): EchoResult {
  const cost: EchoCost = { words: 0, postings: 0, candidates: 0, capped: [] };
  // Tokenize no more than the cap needs (a 10,000-character comment is about 1,700 words).
  const cut = ECHO_CAPS.commentWords * 12;
  const segs = capSegments(segments(input.text.length > cut ? input.text.slice(0, cut) : input.text), ECHO_CAPS.commentWords, cost);
  if (input.text.length > cut && !cost.capped.includes('comment')) cost.capped.push('comment');
  const tokens = segs.flatMap((s) => contentTokens(s.tokens));
  cost.words = tokens.length;
  const letters = input.text.replace(/[^\p{L}]/gu, '');
  const allCaps = letters.length > 0 && letters === letters.toUpperCase();
  const nameTest = (tok: Token, seg: Segment) => isOwnName(tok, seg, allCaps);
  // The comment in the article's terms: its numbers and synonyms read as the article's (issue 15).
  const sentence = sentenceEcho(input, segs, tokens, allCaps, cost, now);
  if (input.article) readInArticleTerms(tokens, input.article);
  const r = input.article ? weighRestatement(segs, input.article, nameTest) : null;
  const signals: EchoSignals | undefined = r ? { restated: r.restatedWeight, own: r.ownWeight, reworded: r.reworded } : undefined;
  let result = sentence.result;
  if (r) {
    // Something plainly the reader's own (a question, an account, a name or figure the article
    // lacks, a proposal) outweighs a sentence test that saw only the article's words around it.
    const strong = r.own.filter((o) => STRONG_OWN.test(o));
    if (result.verdict === 'spam' && (strong.some((o) => SURE_OWN.includes(o)) || strong.length >= 2) && !sentence.fromThread) {
      result = { rule: 'echo', verdict: 'publish', message: `${result.message.replace(/ and adds nothing of its own$/, '')}, but adds its own: ${strong.slice(0, 3).join(', ')}` };
    } else if (result.verdict === 'publish' && r.restates) {
      result = { rule: 'echo', verdict: 'spam', message: restatementReason(r) };
    } else if (result.verdict === 'publish' && strong.length > 0 && !/adds its own/.test(result.message)) {
      // Say what the reader adds (round three): the moderator reads it, and the learning filter
      // learns from it (learning/features.ts: a comment that adds its own is held only when the
      // filter is sure).
      result = { ...result, message: `${result.message}; adds its own: ${strong.slice(0, 3).join(', ')}` };
    }
  }
  const limits = capReason(cost, input.article);
  if (limits) result = { ...result, message: `${limits}; ${result.message}` };
  result = { ...result, ...(signals ? { signals } : {}), cost };
  if (DEBUG) (result as EchoResult & { debug?: unknown }).debug = { ...r, sentence: sentence.result.verdict, overridden: sentence.result.verdict === 'spam' && result.verdict === 'publish' };
  return result;
}

/** The comment's first sentences, up to `max` content words. */
function capSegments(segs: Segment[], max: number, cost: EchoCost): Segment[] {
  let n = 0;
  for (let i = 0; i < segs.length; i++) {
    n += contentTokens(segs[i]!.tokens).length;
    if (n > max) {
      cost.capped.push('comment');
      return segs.slice(0, Math.max(1, i));
    }
  }
  return segs;
}

/** The moderator's reading of the caps hit, or '' ("compared its first 400 words; …"). */
function capReason(cost: EchoCost, article: ArticleIndex | null): string {
  const parts: string[] = [];
  if (cost.capped.includes('comment')) parts.push(`a long comment: its first ${cost.words} words compared`);
  if (article?.truncated) parts.push(`a long article: its first ${ECHO_CAPS.articleWords.toLocaleString('en')} words compared`);
  if (cost.capped.includes('postings') || cost.capped.includes('candidates')) {
    parts.push(`work cap reached (${cost.postings.toLocaleString('en')} postings read, ${cost.candidates.toLocaleString('en')} sentences compared): judged on what was compared`);
  }
  if (cost.capped.includes('time')) parts.push(`time cap of ${ECHO_CAPS.ms} ms reached: judged on what was compared`);
  return parts.join('; ');
}

/** Findings of restatement.ts that are the reader's own on their own: an account, an objection, a question about a thing, an opinion (round four). */
const SURE_OWN = ['a first-person account', 'an objection', 'a question about a thing', 'an opinion of its own', 'a word against the piece'];
/** What counts as plainly the reader's own (restatement.ts's findings). */
const STRONG_OWN = /^(?:a first-person account|an objection|a question about a thing|an opinion of its own|a word against the piece|the name |the number )/;

/** "restates 4 facts of the article in other words (62, $9.4 million, Riverside, overtime) with praise ("great") and adds nothing of its own" */
function restatementReason(r: Restatement): string {
  const facts = [...r.restated.figures, ...r.restated.names, ...r.restated.words];
  const kinds = [r.restated.figures.length && 'figures', r.restated.names.length && 'names', r.restated.words.length && 'its topic words'].filter(Boolean);
  const shown = facts.slice(0, 4).join(', ') + (facts.length > 4 ? ' …' : '');
  const praise = r.reaction
    ? ` with a stock reaction ("${r.reaction}")`
    : r.praise.length ? ` with praise (${[...new Set(r.praise.map((w) => `"${w.toLowerCase()}"`))].slice(0, 3).join(', ')})` : '';
  return `restates ${plural(facts.length, 'fact', 'facts')} of the article${r.reworded ? ' in other words' : ''} (${kinds.join(', ')}: ${shown})${praise} and adds nothing of its own`;
}

const DEBUG = typeof process !== 'undefined' && process.env.ECHO_DEBUG === '1';

/** The sentence test: copies and close paraphrases of the article's or the thread's sentences. */
function sentenceEcho(input: EchoInput, segs: Segment[], tokens: Token[], allCaps: boolean, cost: EchoCost, now: () => number): { result: EchoResult; fromThread: number } {
  const seen = { fromThread: 0 };
  const result = sentenceVerdict(input, segs, tokens, allCaps, seen, cost, now);
  return { result, fromThread: seen.fromThread };
}

function sentenceVerdict(input: EchoInput, segs: Segment[], tokens: Token[], allCaps: boolean, seen: { fromThread: number }, cost: EchoCost, now: () => number): EchoResult {
  const thread = Array.isArray(input.others) ? prepareThread(input.others) : (input.others as SourceIndex | undefined);
  const indexes = [input.article, thread].filter((x): x is SourceIndex => !!x && x.sources.length > 0);
  const missing = input.article
    ? ''
    : `article could not be fetched${input.articleError ? ` (${input.articleError})` : ''}; checked against the thread only. `;

  const a = align(tokens, indexes, Math.min(8, segs.length + 2), cost, now);
  seen.fromThread = a.fromThread;
  const share = tokens.length ? a.borrowed / tokens.length : 0;
  const pct = `${Math.round(share * 100)}% of its words`;
  const parts: string[] = [];
  if (a.fromArticle) parts.push(`echoes ${plural(a.fromArticle, 'sentence', 'sentences')} of the article`);
  if (a.fromThread) parts.push(`repeats ${plural(a.fromThread, 'sentence', 'sentences')} already posted in this thread`);
  const what = parts.join(' and ');

  // A one-line summary of the article's point shares too few words with any one sentence to align.
  const summary = () => {
    if (!input.article) return null;
    const s = summaryEcho(segs, input.article, (tok, seg) => isOwnName(tok, seg, allCaps));
    if (!s.summary) return null;
    const words = s.words.slice(0, 4).map((w) => `"${w}"`).join(', ');
    return { rule: 'echo', verdict: 'spam', message: `${missing}restates the article's point (${words}) in a remark that would fit any article` } as const;
  };
  if (a.borrowed < MIN_BORROWED) {
    return summary() ?? { rule: 'echo', verdict: 'publish', message: `${missing}${what ? `${what} (${pct}), ` : ''}mostly its own words` };
  }
  // What the sources already say is not the comment's own: the article's words, the chosen sentences'.
  const known = new Set([...(input.article?.vocab ?? []), ...a.sourceKeys]);
  const j = judge(segs, a, known, allCaps);
  const echoed = `${Math.round((j.borrowed / tokens.length) * 100)}% of its words`;
  if (j.own.length > 0) {
    const words = j.own.every((o) => / of its own/.test(o)) ? summary() : null;
    if (words) return words;
    return { rule: 'echo', verdict: 'publish', message: `${missing}${what} (${echoed}) but adds its own: ${[...new Set(j.own)].slice(0, 3).join(', ')}` };
  }
  if (j.borrowed / tokens.length >= ECHO_SHARE) {
    return { rule: 'echo', verdict: 'spam', message: `${missing}${what} (${echoed}) and adds nothing of its own` };
  }
  return summary() ?? { rule: 'echo', verdict: 'publish', message: `${missing}${what} (${echoed}), the rest its own words` };
}
