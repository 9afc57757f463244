// The echo rule (DESIGN.md "Moderation and spam", issue 3): spam is a comment whose own words are
// mostly the article's sentences — or long sentences other readers already posted — with nothing of
// its own around them. No phrase lists: a comment is aligned with the sentences it borrows from, and
// what is left over is judged by its features (a number or a name the source does not have, a first-
// person account, a pointed question, enough words of its own), never by matching known wrappers.
// Pure functions, no I/O: the article is fetched by src/server/article.ts and indexed once here.

import { summaryEcho } from './summary.ts';
import { baseRank, contentTokens, isFirstPerson, namesAThing, segments, wordRank, type Segment, type Token } from './text-features.ts';

/** One sentence that a comment may borrow from. */
export interface Source {
  keys: Set<string>;
  /** Unordered pairs of neighbouring content words ("a|b"): a run of them in a comment is copying. */
  pairs: Set<string>;
  size: number;
  from: 'article' | 'thread';
}

/** A set of sentences indexed for look-up. Build with `prepareArticle` or `prepareThread`. */
export interface SourceIndex {
  sources: Source[];
  /** content key → indexes into `sources` */
  postings: Map<string, number[]>;
  /** Every content key (stems and numbers) in the text. */
  vocab: Set<string>;
  /** How many words the text has. */
  words: number;
}

/** An article's text, indexed once and cacheable (it holds no reference to the raw text). */
export type ArticleIndex = SourceIndex;

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
    index.sources.push({ keys, pairs, size: keys.size, from });
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
  const { signatures: _signatures, ...index } = indexSegments(segments(text), 'article', 1);
  return index;
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
  const one = indexSegments(segments(text), 'thread', THREAD_SENTENCE_WORDS);
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

/**
 * Greedy cover: repeatedly take the source sentence that explains most of the still-unexplained
 * content words. Bags of words, so shuffled clauses and reordered sentences align as well as copies;
 * paraphrases align through what survives rewording (names, numbers, topic words). A source counts
 * only with a copied run of 4+ words or 5+ shared words: a reader who discusses the topic reuses a
 * few of its words here and there, a copy or a paraphrase reuses many.
 */
function align(tokens: Token[], indexes: SourceIndex[], maxSources: number): Alignment {
  const covered = tokens.map(() => false);
  const result: Alignment = { covered, borrowed: 0, fromArticle: 0, fromThread: 0, sourceKeys: new Set() };
  const used = new Set<Source>();
  for (let round = 0; round < maxSources; round++) {
    // Gain counts distinct words ("the back post, not the near post" reuses "post" once), and an
    // everyday word ("get", "time") half: sharing those is no sign of copying.
    const gains = new Map<Source, number>();
    const seen = new Set<string>();
    for (let i = 0; i < tokens.length; i++) {
      const key = tokens[i]!.key;
      if (covered[i] || seen.has(key)) continue;
      seen.add(key);
      for (const index of indexes) {
        const ids = index.postings.get(key);
        if (!ids) continue;
        const weight = tokens[i]!.number || wordRank(key) >= INFORMATIVE_RANK ? 1 : 0.5;
        for (const id of ids) {
          const s = index.sources[id]!;
          if (!used.has(s)) gains.set(s, (gains.get(s) ?? 0) + weight);
        }
      }
    }
    let best: Source | null = null;
    let bestScore = 0;
    for (const [s, gain] of gains) {
      if (gain < MIN_GAIN || gain / s.size < MIN_SOURCE_SHARE) continue;
      const run = copiedRun(tokens, s);
      if (run < MIN_RUN && gain < MIN_SHARED) continue;
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
    used.add(best);
    for (let i = 0; i < tokens.length; i++) {
      if (!covered[i] && best.keys.has(tokens[i]!.key)) {
        covered[i] = true;
        result.borrowed++;
      }
    }
    for (const k of best.keys) result.sourceKeys.add(k);
    if (best.from === 'article') result.fromArticle++;
    else result.fromThread++;
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
      else if (isName(tok, seg, allCaps)) own.push(`the name ${tok.raw}`);
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
    const firstPerson = seg.tokens.some((x) => isFirstPerson(x.raw.toLowerCase()) && !borrowedClauses.has(x.clause));
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
    if (seg.question && hits <= content.length * 0.6 && uncoveredWords >= 2) {
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

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Judges one comment against the thread's article and the thread's earlier comments.
 * @example
 *   echoRule({ text: 'Big if true. ' + articleSentence, article: prepareArticle(articleText), others: [] })
 *   // → { rule: 'echo', verdict: 'spam', message: 'echoes 1 sentence of the article and adds nothing of its own' }
 */
export function echoRule(input: EchoInput): EchoResult {
  const segs = segments(input.text);
  const tokens = segs.flatMap((s) => contentTokens(s.tokens));
  const thread = Array.isArray(input.others) ? prepareThread(input.others) : (input.others as SourceIndex | undefined);
  const indexes = [input.article, thread].filter((x): x is SourceIndex => !!x && x.sources.length > 0);
  const missing = input.article
    ? ''
    : `article could not be fetched${input.articleError ? ` (${input.articleError})` : ''}; checked against the thread only. `;

  const a = align(tokens, indexes, Math.min(8, segs.length + 2));
  const share = tokens.length ? a.borrowed / tokens.length : 0;
  const pct = `${Math.round(share * 100)}% of its words`;
  const parts: string[] = [];
  if (a.fromArticle) parts.push(`echoes ${plural(a.fromArticle, 'sentence', 'sentences')} of the article`);
  if (a.fromThread) parts.push(`repeats ${plural(a.fromThread, 'sentence', 'sentences')} already posted in this thread`);
  const what = parts.join(' and ');

  const letters = input.text.replace(/[^\p{L}]/gu, '');
  const allCaps = letters.length > 0 && letters === letters.toUpperCase();
  // A one-line summary of the article's point shares too few words with any one sentence to align.
  const summary = () => {
    if (!input.article) return null;
    const s = summaryEcho(segs, input.article, (tok, seg) => isName(tok, seg, allCaps));
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
