// The echo rule's second test (issue 3): a one-line summary of the article's point. A summary shares
// too few words with any one sentence for echo.ts's alignment, so it is scored against the article
// as a whole: its content words drawn from anywhere in the article, weighted by how much they say
// (a topic word the article repeats, a rare word, a number), against the words it brings of its own.
// Then "nothing of its own": no number or name the article lacks, no first-person account, no
// question about the topic — and the rest of the comment is a short remark that names nothing of
// the article (a stock phrase fits any article, so it cannot). No phrase lists. Pure functions.

import { arguesCounterfactual, contentTokens, isRhetorical, namesAThing, speaksForSelf, wordRank, type Segment, type Token } from './text-features.ts';
import { namesThePiece, pieceCompliments } from './piece.ts';
import { isPraise, isReaction } from './valence.ts';

/** What the summary test reads from an indexed article: in how many sentences each content key is. */
export interface ArticleWords {
  /** content key → ids of the sentences that have it (their count is the key's spread). */
  postings: Map<string, number[]>;
  vocab: Set<string>;
}

/** Words ranked below this in general English are everyday words ("good", "came"). */
const EVERYDAY_RANK = 300;
/** Words ranked from here on are specific ("relegation", "commuters"). */
const SPECIFIC_RANK = 3000;
/** The article's words in the summary must weigh this much (three topic words)… */
const MIN_TOPIC_WEIGHT = 3;
/** …or this much after a compliment to the piece ("Informative article about …", piece.ts; round three)… */
const COMPLIMENTED_TOPIC_WEIGHT = 1.5;
/** …and at least this multiple of the weight of the words it brings of its own. */
const MIN_TOPIC_RATIO = 1;
/** A summary says several things: a shorter sentence is a reaction to one ("Quay Street shops will close."). */
const MIN_SUMMARY_WORDS = 5;
/** …and without a word of praise in the comment, a longer one (round eight): "Two winters in an 18 m² box. Shameful." is a reader's terse reaction. */
const MIN_PLAIN_SUMMARY_WORDS = 7;
/** A thing named in a question, ranked from here on, makes it pointed ("the council"; not "the thing"). */
const QUESTION_RANK = 500;
/** A remark with this many content words at most can be a stock phrase ("Big news for the area."). */
const REMARK_WORDS = 5;
/** …and less than this weight of words of its own (two not everyday, or one specific and one not). */
const REMARK_OWN = 2;
// Connectives of reasoning: a sentence that draws a consequence, sets a condition or sets one thing
// against another is an argument ("later start means later finish, and then clubs get squeezed";
// round three: "£2.8 million for some old jars while the library opens two days a week"), not a
// restatement. Like the stopword list this is general English, not a list of wrapper phrases.
const REASONING = new Set(['because', 'so', 'then', 'therefore', 'thus', 'hence', 'unless', 'if', 'otherwise', 'since', 'while', 'whereas']);

/** The subject of a clause after "but". */
const TURN_SUBJECTS = /^(?:it|it['’]s|he|he['’]s|she|she['’]s|they|they['’]re|we|we['’]re|i|i['’]m|that|that['’]s|this|there|there['’]s|you)$/i;

/** "more than", "less than", "better than": one thing weighed against another. */
function compares(seg: Segment): boolean {
  const t = seg.tokens.map((x) => x.raw.toLowerCase());
  return t.some((w, i) => w === 'than' && i > 0 && /^(?:more|less|fewer|better|worse)$/.test(t[i - 1]!));
}

function rank(tok: Token): number {
  return wordRank(tok.raw.toLowerCase());
}

/** How much an article word in the comment says about the article. */
function topicWeight(tok: Token, spread: number): number {
  if (tok.number) return 1;
  const r = rank(tok);
  // A word the article repeats is one of its topic words; an everyday one says less.
  if (spread >= 2) return r >= EVERYDAY_RANK ? 1 : 0.5;
  return r >= SPECIFIC_RANK ? 1 : r >= EVERYDAY_RANK ? 0.5 : 0;
}

/** How much a word the article does not have says of the commenter's own. */
function ownWeight(tok: Token): number {
  const r = rank(tok);
  return r >= SPECIFIC_RANK ? 1 : r >= EVERYDAY_RANK ? 0.5 : 0;
}

export interface SummaryJudgement {
  summary: boolean;
  /** The article's words it restates, for the moderator. */
  words: string[];
}

/**
 * Whether the comment is a summary of the article in a stock remark. `isName` tells a name
 * from a capitalised word (echo.ts's test, shared).
 */
export function summaryEcho(
  segs: Segment[],
  article: ArticleWords,
  isName: (tok: Token, seg: Segment) => boolean,
): SummaryJudgement {
  const no = { summary: false, words: [] };
  let topic = 0;
  let own = 0;
  let remarks = 0;
  let bodies = 0;
  let praised = 0;
  let complimented = false;
  const words: string[] = [];
  const seen = new Set<string>();
  const praisedAnywhere = () => segs.some((seg) => seg.tokens.some((t) => isPraise(t.raw.toLowerCase())) || pieceCompliments(seg, () => false).praise.size > 0);
  for (const seg of segs) {
    const content = contentTokens(seg.tokens);
    // "Excellent reporting on …", "A really balanced piece on …": praise of the piece (piece.ts).
    const compliments = pieceCompliments(seg, (tok) => article.postings.has(tok.key) || article.vocab.has(tok.key));
    const praising = compliments.praise.size > 0 || seg.tokens.some((t) => isPraise(t.raw.toLowerCase()));
    if (speaksForSelf(seg, praising)) return no;
    // The reader on the piece itself, without a word of praise in the comment: a critique ("The
    // article gives the hospital a whole paragraph and the survey one line. Pretty one-sided."), not
    // a bot's compliment (round four).
    if (namesThePiece(seg) && !praisedAnywhere()) return no;
    let segTopic = 0;
    let segTopicWords = 0;
    let segOwn = 0;
    let segPraise = 0;
    for (const tok of content) {
      if (compliments.praise.has(tok)) {
        segPraise++;
        continue;
      }
      if (compliments.pieces.has(tok)) continue;
      const ids = article.postings.get(tok.key);
      if (ids || article.vocab.has(tok.key)) {
        if (seen.has(tok.key)) continue;
        seen.add(tok.key);
        const w = topicWeight(tok, ids?.length ?? 1);
        segTopic += w;
        if (w >= 1 || (ids?.length ?? 1) >= 2) segTopicWords++;
        if (w > 0) words.push(tok.raw);
      } else {
        // A number or a name the article does not have is the commenter's own.
        if (tok.number || isName(tok, seg)) return no;
        // Praise is no content of the reader's own ("Great coverage of …", "A fascinating look at …"):
        // the sentence is then a summary and its stock remark in one.
        const lower = tok.raw.toLowerCase();
        if (isPraise(lower)) segPraise++;
        if (isReaction(lower)) continue;
        segOwn += ownWeight(tok);
      }
    }
    // A question about the topic is the commenter's own, and so is one that names a thing the article
    // does not ("How much did the council put in?": "council" is not in the article, "put" is everyday).
    // One of everyday filler or with nothing named is a stock remark ("Thoughts?", "Is anyone surprised?").
    const inArticle = (tok: Token) => article.postings.has(tok.key) || article.vocab.has(tok.key);
    if (seg.question && !isRhetorical(seg) && (segTopic > 0 || segOwn >= 1 || namesAThing(seg, QUESTION_RANK, (x) => !inArticle(x)))) return no;
    // A short sentence with no word of the article is a stock remark ("Great read.", "Sign of the
    // times."), unless it says something of its own ("Blame the regulator that sets the budget.",
    // "That money could have saved more species elsewhere."; round three): then it is a second body.
    if (segTopicWords === 0 && content.length <= REMARK_WORDS && segOwn < REMARK_OWN) {
      remarks++;
      continue;
    }
    if (content.length < (praisedAnywhere() ? MIN_SUMMARY_WORDS : MIN_PLAIN_SUMMARY_WORDS)) return no;
    if (seg.tokens.some((t) => REASONING.has(t.raw.toLowerCase()) && !t.sentenceStart)) return no;
    // "…, but it's unfair", "a good soundbite but he voted for it": a turn to a clause of the reader's
    // own (round eight), not the bots' pair of feelings ("Sad but necessary", "heartbreaking but important").
    if (seg.tokens.some((t, i) => t.raw.toLowerCase() === 'but' && !t.sentenceStart && TURN_SUBJECTS.test(seg.tokens[i + 1]?.raw ?? ''))) return no;
    // What could have been, and a comparison, are arguments too (round four): "That money could have
    // saved more species elsewhere", "worth more than any test score".
    if (arguesCounterfactual(seg) || compares(seg)) return no;
    bodies++;
    if (segPraise > 0) praised++;
    if (compliments.praise.size > 0) complimented = true;
    topic += segTopic;
    own += segOwn;
  }
  // One line: a summary in a sentence, the rest stock remarks; or praise of the piece with what it
  // is about, in a sentence or two ("Really balanced reporting on X: A, B and C").
  const framed = praised > 0 && bodies <= 2;
  if (!framed && (bodies !== 1 || remarks === 0)) return no;
  // A compliment to the piece names what the piece is about: fewer of its words make the summary.
  const minTopic = complimented ? COMPLIMENTED_TOPIC_WEIGHT : MIN_TOPIC_WEIGHT;
  if (topic < minTopic || topic < own * MIN_TOPIC_RATIO) return no;
  return { summary: true, words };
}
