// The echo rule's work per post is capped (issue 14): a poisoned thread of long, similar comments
// made every post cost seconds. Asserted by counts (postings read, sentences compared, words), never
// by time: `npm run bench` measures the time (bench/echo-poison.mjs).
import { describe, expect, it } from 'vitest';
import { ECHO_CAPS, echoRule, prepareArticle, prepareThread, preparedText } from '../../../src/server/moderation/echo.ts';
import { ThreadIndex } from '../../../src/server/moderation/echo-thread.ts';

function random(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const WORDS = ('river weir salmon trust council flood town club boathouse rowing anglers gravel water fish pass ' +
  'summer winter counter redds spawning valley mills heritage stonework footbridge consultation').split(' ');

/** Long sentences that share most of their words: every word of a post has thousands of postings. */
function poison(next: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => {
    const w = Array.from({ length: 22 }, (_, i) => (i % 3 === 2 ? 'and' : WORDS[Math.floor(next() * WORDS.length)]!));
    return `${w[0]![0]!.toUpperCase()}${w.join(' ').slice(1)}.`;
  }).join(' ');
}

const article = prepareArticle(`Weirs come down on the river\n\n${poison(random(1), 40)}`);

describe('the echo rule’s caps', () => {
  it('reads at most ECHO_CAPS.postings postings and compares at most ECHO_CAPS.candidates sentences on a poisoned thread, and says so', () => {
    const next = random(7);
    const thread = prepareThread(Array.from({ length: 300 }, () => poison(next, 12)));
    const text = poison(next, 10);
    // Without the cap this post would read far more postings than the cap allows.
    const keys = new Set(text.toLowerCase().match(/\p{L}+/gu)!.filter((w) => w !== 'and'));
    const available = [...keys].reduce((n, k) => n + (thread.postings.get(k.replace(/s$/, ''))?.length ?? 0), 0);
    expect(available).toBeGreaterThan(ECHO_CAPS.postings * 2);
    const r = echoRule({ text, article, others: thread });
    expect(r.cost!.postings).toBeLessThanOrEqual(ECHO_CAPS.postings);
    expect(r.cost!.candidates).toBeLessThanOrEqual(ECHO_CAPS.candidates);
    expect(r.cost!.capped).toContain('postings');
    expect(r.message).toMatch(/^work cap reached \([\d,]+ postings read, [\d,]+ sentences compared\): judged on what was compared; /);
  });

  it('reads no more postings through a kept thread index than the cap, however long the thread', () => {
    const next = random(11);
    const index = ThreadIndex.from(
      Array.from({ length: 600 }, (_, i) => ({ id: `c${i}`, seq: i + 1, status: (['published', 'pending', 'spam'] as const)[i % 3], email: `p${i}@x.org`, text: poison(next, 12) })),
      0,
      200,
    );
    const r = echoRule({ text: poison(next, 10), article, others: index.view('me@x.org') });
    expect(r.cost!.postings).toBeLessThanOrEqual(ECHO_CAPS.postings);
    expect(r.cost!.capped).toContain('postings');
  });

  it('compares only the first ECHO_CAPS.commentWords words of a long comment, and says so', () => {
    const text = poison(random(3), 80); // about 10,000 characters
    expect(text.length).toBeGreaterThan(9000);
    const r = echoRule({ text, article: null, others: [] });
    expect(r.cost!.words).toBeLessThanOrEqual(ECHO_CAPS.commentWords);
    expect(r.cost!.capped).toContain('comment');
    expect(r.message).toMatch(/^a long comment: its first \d+ words compared; /);
  });

  it('indexes the first ECHO_CAPS.articleWords words of a very long page, and says so', () => {
    const long = prepareArticle(`Title\n\n${poison(random(5), 1200)}`);
    expect(long.truncated).toBe(true);
    expect(long.words).toBeLessThanOrEqual(ECHO_CAPS.articleWords);
    expect(echoRule({ text: 'Thanks for this.', article: long, others: [] }).message).toMatch(/a long article: its first 20,000 words compared/);
    expect(article.truncated).toBeUndefined();
  });

  it('indexes the first ECHO_CAPS.threadTextWords words of each earlier comment', () => {
    const prepared = preparedText(poison(random(9), 80));
    expect(prepared.words).toBeLessThanOrEqual(ECHO_CAPS.threadTextWords);
  });

  it('stops comparing at the time cap, by the clock it is given', () => {
    let t = 0;
    const clock = () => (t += 30); // every look at the clock is 30 ms later
    const next = random(13);
    const r = echoRule({ text: poison(next, 6), article, others: prepareThread(Array.from({ length: 50 }, () => poison(next, 6))) }, clock);
    expect(r.cost!.capped).toContain('time');
    expect(r.message).toMatch(/time cap of \d+ ms reached/);
  });

  it('builds a thread index in slices, handing the event loop back, with the same result as at once', async () => {
    const next = random(17);
    const rows = Array.from({ length: 60 }, (_, i) => ({ id: `c${i}`, seq: i + 1, status: 'published' as const, email: `p${i}@x.org`, text: poison(next, 3) }));
    let pauses = 0;
    const built = await ThreadIndex.build(rows, 0, 200, async () => void pauses++, 0);
    expect(pauses).toBeGreaterThanOrEqual(rows.length - 1);
    const text = rows[5]!.text;
    const judge = (index: ThreadIndex) => {
      const { cost: _cost, ...rest } = echoRule({ text, article: null, others: index.view('me@x.org') });
      return rest;
    };
    expect(judge(built)).toEqual(judge(ThreadIndex.from(rows, 0, 200)));
    expect(judge(built).verdict).toBe('spam');
  });
});
