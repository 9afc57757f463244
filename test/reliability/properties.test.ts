// Property tests over the whole of Unicode for the core functions hostile input goes through.
// test/core's properties draw from fast-check's default strings (printable ASCII), which never
// produce a control character, a bidi override or an astral code point; these draw from every
// code point, and mix in the characters DESIGN promise 4 is about.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkName, checkText, checkThread, checkWebsite, normalizeDraft } from '../../src/core/checks.ts';
import { parse } from '../../src/core/format/parse.ts';
import type { FormatNode } from '../../src/core/format/tree.ts';
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

// Everything a tree holds: its text, in order, and every link, tag and nesting depth.
function walk(nodes: FormatNode[], depth = 1, seen = { text: '', hrefs: [] as string[], tags: new Set<string>(), depth: 0 }) {
  seen.depth = Math.max(seen.depth, depth);
  for (const node of nodes) {
    if (typeof node == 'string') seen.text += node;
    else {
      seen.tags.add(node.tag);
      if (node.href !== undefined) seen.hrefs.push(node.href);
      walk(node.children, depth + 1, seen);
    }
  }
  return seen;
}

describe('the format parser over all of Unicode (issue 16)', () => {
  const TAGS = ['p', 'pre', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'a', 'br'];
  const markdownish = fc
    .array(fc.oneof(hostile, fc.constantFrom('*', '**', '`', '```\n', '\n', '\n\n', '> ', '- ', '1. ', '    ', '[', '](', ')', 'https://x.io/a', '\\'), { arbitrary: hostile, weight: 1 }), { maxLength: 20 })
    .map((parts) => parts.join(''));

  for (const format of ['plain', 'markdown'] as const) {
    it(`${format}: never throws, makes only the tree's own elements, links only http(s) URLs written in the text`, () => {
      fc.assert(
        fc.property(format == 'plain' ? hostile : markdownish, (text) => {
          const seen = walk(parse(text, format));
          for (const tag of seen.tags) expect(TAGS).toContain(tag);
          for (const href of seen.hrefs) {
            expect(href).toMatch(/^https?:\/\/[^\s]+$/i);
            expect(text).toContain(href);
          }
          // No character appears that the text did not have (the tree only drops markers, and a code
          // span's line ends become spaces).
          for (const ch of new Set(seen.text)) if (ch != ' ') expect(text.replace(/\r\n?/g, '\n')).toContain(ch);
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('plain: keeps every visible character, in order (markdown may drop its markers, plain drops nothing)', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const squash = (s: string) => s.replace(/\s/g, '');
        const seen = walk(parse(text, 'plain'));
        expect(squash(seen.text)).toBe(squash(text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n+/).filter((b) => b.trim()).join('')));
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
    format: 'plain',
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
