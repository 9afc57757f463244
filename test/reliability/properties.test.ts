// Property tests over the whole of Unicode for the core functions hostile input goes through.
// test/core's properties draw from fast-check's default strings (printable ASCII), which never
// produce a control character, a bidi override or an astral code point; these draw from every
// code point, and mix in the characters DESIGN promise 4 is about.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkName, checkText, checkThread, checkWebsite, normalizeDraft } from '../../src/core/checks.ts';
import { tokenize } from '../../src/core/text.ts';
import { threadIdFromUrl } from '../../src/core/thread-id.ts';
import { buildTree, type TreeNode } from '../../src/core/tree.ts';
import type { PublicComment } from '../../src/core/types.ts';

const FORBIDDEN_NAME = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const FORBIDDEN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const hostileChar = fc.constantFrom('\u0000', '\u0007', '\t', '\n', '\r', '\u000b', '\u001b', '\u007f', '\u0085', '\u009f', '\u202a', '\u202e', '\u2066', '\u2069', '\u200b', '\u200f', '\ufeff', '\u00a0', '<', '>', '"', "'", '`', '&', 'é', '𝒜', '👩‍👩‍👧');
/** Any code points, with the interesting ones much more likely than chance. */
const hostile = fc
  .array(fc.oneof({ arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 3 }, { arbitrary: hostileChar, weight: 2 }, { arbitrary: fc.constantFrom('https://', 'http://x.io/', 'javascript:', ' ', 'a'), weight: 1 }), { maxLength: 30 })
  .map((parts) => parts.join(''));

describe('checks over all of Unicode', () => {
  it('accept no name with a control character or a bidi embedding, override or isolate', () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        const { name } = normalizeDraft({ text: '', name: raw, email: '', website: '' });
        if (checkName(name) === null) {
          expect(name).not.toMatch(FORBIDDEN_NAME);
          expect(name.trim()).toBe(name);
          expect(name.length).toBeGreaterThan(0);
        } else if (FORBIDDEN_NAME.test(name)) {
          expect(checkName(name)!.key).toMatch(/controlChars|bidi|tooLong/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accept text only without controls other than tab and newline, and keep tabs and newlines', () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        const { text } = normalizeDraft({ text: raw, name: '', email: '', website: '' });
        expect(text).not.toMatch(/\r/);
        if (checkText(text) === null) expect(text).not.toMatch(FORBIDDEN_TEXT);
        else if (text.trim() && !FORBIDDEN_TEXT.test(text)) expect.unreachable(`refused ${JSON.stringify(text)}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('accept only absolute http(s) websites with a host and no whitespace or controls', () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        const { website } = normalizeDraft({ text: '', name: '', email: '', website: raw });
        if (website && checkWebsite(website) === null) {
          expect(website).toMatch(/^https?:\/\/\S/i);
          expect(website).not.toMatch(/[\s\u0000-\u001f\u007f-\u009f]/);
          const url = new URL(website);
          expect(['http:', 'https:']).toContain(url.protocol);
          expect(url.hostname).not.toBe('');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('tidy idempotently: a tidied draft tidies to itself', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (text, name, website) => {
        const once = normalizeDraft({ text, name, email: 'a@b.co', website });
        expect(normalizeDraft(once)).toEqual(once);
      }),
    );
  });

  it('refuse no thread id but the empty one, controls and overlong ones', () => {
    fc.assert(
      fc.property(hostile, (thread) => {
        const problem = checkThread(thread);
        const expected = !thread || /[\u0000-\u001f\u007f-\u009f]/.test(thread) || [...thread].length > 1000;
        expect(problem !== null).toBe(expected);
      }),
    );
  });
});

describe('the tokenizer over all of Unicode', () => {
  it('makes links only of http(s) URLs found verbatim in the text, and loses no visible character', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const paragraphs = tokenize(text);
        let joined = '';
        for (const para of paragraphs) {
          for (const line of para) {
            for (const piece of line) {
              if (typeof piece === 'string') {
                expect(piece).not.toContain('\n');
                joined += piece;
              } else {
                expect(piece.href).toMatch(/^https?:\/\/[^\s<>"'`]+$/i);
                expect(piece.text).toBe(piece.href);
                expect(text).toContain(piece.href);
                joined += piece.text;
              }
            }
          }
        }
        // Only line-ending whitespace between paragraphs and lines may go; every other character stays, in order.
        const squash = (s: string) => s.replace(/[\r\n]+/g, '').replace(/^[ \t]+|[ \t]+$/gm, '').replace(/[ \t]/g, '');
        expect(squash(joined)).toBe(squash(text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n+/).filter((b) => b.trim()).join('')));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('thread ids over all of Unicode', () => {
  it('never throw, and are stable: the id of an id is itself', () => {
    fc.assert(
      fc.property(hostile, hostile, (path, query) => {
        const id = threadIdFromUrl(`https://example.com/${path}?${query}#frag`);
        expect(id.startsWith('/')).toBe(true);
        expect(id).not.toContain('#');
        expect(threadIdFromUrl(`https://example.com${id}`)).toBe(id);
        expect(() => threadIdFromUrl(path)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the thread tree with hostile lists', () => {
  const node = (id: string, parent: string | null): PublicComment => ({
    id,
    thread: '/t',
    parent,
    author: { name: id, website: null, avatar: 'x' },
    text: id,
    createdAt: '2026-01-01T00:00:00.000Z',
    editedAt: null,
  });
  const flatten = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

  it('shows every distinct comment once, never deeper than the cap, whatever order, repeats, unknown parents or cycles', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(30), fc.option(fc.nat(40), { nil: null })), { maxLength: 80 }),
        fc.oneof(fc.integer({ min: -3, max: 8 }), fc.constant(Number.NaN), fc.constant(Infinity)),
        (pairs, cap) => {
          const list = pairs.map(([id, parent]) => node(`c${id}`, parent === null ? null : `c${parent}`));
          const all = flatten(buildTree(list, cap));
          const ids = all.map((n) => n.comment.id);
          expect(new Set(ids).size).toBe(ids.length);
          expect(new Set(ids)).toEqual(new Set(list.map((c) => c.id)));
          const limit = Math.max(1, Math.floor(cap) || 1);
          for (const n of all) {
            expect(n.depth).toBeGreaterThanOrEqual(1);
            expect(n.depth).toBeLessThanOrEqual(limit);
            for (const child of n.children) expect(child.depth).toBe(n.depth + 1);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
