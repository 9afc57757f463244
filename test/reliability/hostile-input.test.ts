// Parley issue 7, hostile input through the HTTP API: every line of xss/payloads.txt and every
// string of blns.json as text, name, website and thread id. Each post is either stored exactly as
// sent after the documented tidying (surrounding whitespace trimmed, CRLF/CR → LF, a scheme-less
// website given https://; no Unicode normalisation) or refused with a clear 4xx naming the field;
// never a 5xx. Rendering of the same payloads is hostile-render.test.tsx.
import { describe, expect, it } from 'vitest';
import { checkName, checkText, checkThread, checkWebsite, normalizeDraft } from '../../src/core/checks.ts';
import { createSqliteStore } from '../../src/server/store/sqlite.ts';
import { allRows, naughtyStrings, pool, postJson, relaxedApp, xssPayloads } from './helpers.ts';

const payloads = xssPayloads();
const naughty = naughtyStrings();

// What DESIGN promise 4 forbids: in names C0/C1 controls and bidi embeddings, overrides and
// isolates; in text the same controls except tab and newline (CR is folded into LF first).
const NAME_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const TEXT_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BAD_SCHEME = /^\s*(javascript|data|vbscript|file):/i;

type Field = 'text' | 'name' | 'website' | 'thread';

interface Outcome {
  status: number;
  body: any;
}

/** Posted with the payload in one field and plain values elsewhere. */
function bodyFor(field: Field, value: string, i: number, thread: string): Record<string, unknown> {
  return {
    thread: field === 'thread' ? value : thread,
    text: field === 'text' ? value : `Plain comment ${field} ${i}`,
    name: field === 'name' ? value : `Reader ${i}`,
    // One author per thread: the echo rule compares a comment with *other* authors' texts only, so
    // a thousand payloads that look alike are not marked as copies of each other.
    email: `hostile-${field}@example.com`,
    website: field === 'website' ? value : undefined,
    idempotencyKey: `${field}-${i}-${thread.length}`,
  };
}

/** The DESIGN error shape with the field named and a sentence a person can act on. */
function expectClearRefusal(res: Outcome, field: string, label: string) {
  expect(res.status, label).toBe(400);
  expect(res.body?.error?.code, label).toBe('invalid');
  expect(typeof res.body.error.message, label).toBe('string');
  expect(res.body.error.fields?.[field], label).toMatch(/\w.*\.$/);
}

async function send(app: ReturnType<typeof relaxedApp>['app'], data: unknown): Promise<Outcome> {
  const res = await postJson(app, data);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('xss/payloads.txt through the API (2,000 lines × text, name, website)', () => {
  it('has the fixture as documented', () => {
    expect(payloads).toHaveLength(2000);
  });

  for (const field of ['text', 'name', 'website'] as const) {
    it(`stores each payload as ${field} exactly as tidied, or refuses it with 400 naming the field`, async () => {
      const { app, store } = relaxedApp();
      const accepted = new Map<string, string>(); // id → what was expected to be stored
      const seenTexts = new Set<string>();
      const outcomes = await pool(payloads, 16, async (payload, i) => {
        const thread = `/xss/${field}/${Math.floor(i / 100)}`;
        const sent = bodyFor(field, payload, i, thread);
        return { payload, i, thread, res: await send(app, sent) };
      });
      let refused = 0;
      for (const { payload, i, thread, res } of outcomes) {
        const label = `${field} payload line ${i + 1}: ${JSON.stringify(payload).slice(0, 120)}`;
        expect(res.status, label).toBeLessThan(500);
        const tidy = normalizeDraft({ text: field === 'text' ? payload : 'x', name: field === 'name' ? payload : 'x', email: 'a@b.co', website: field === 'website' ? payload : '' });
        const value = tidy[field];
        const problem = field === 'text' ? checkText(value) : field === 'name' ? checkName(value) : checkWebsite(value);
        if (res.status === 409) {
          // Two lines that differ only in surrounding whitespace are one text once trimmed.
          expect(res.body.error.code, label).toBe('duplicate');
          expect(seenTexts.has(`${thread}\n${value}`), label).toBe(true);
          refused++;
          continue;
        }
        if (problem) {
          expectClearRefusal(res, field, label);
          refused++;
          continue;
        }
        expect(res.status, `${label} → ${JSON.stringify(res.body)}`).toBe(201);
        expect(res.body.status, label).toBe('published');
        const c = res.body.comment;
        if (field === 'text') expect(c.text, label).toBe(payload.replace(/\r\n?/g, '\n').trim());
        if (field === 'name') expect(c.author.name, label).toBe(payload.trim());
        if (field === 'website') {
          expect(c.author.website, label).toBe(value);
          expect(c.author.website, label).toMatch(/^https?:\/\/[^\s]/i);
          expect(c.author.website, label).not.toMatch(BAD_SCHEME);
        }
        if (field === 'text') seenTexts.add(`${thread}\n${value}`);
        accepted.set(c.id, value);
      }
      // Every refusal stored nothing, every acceptance stored exactly one row with the tidied value.
      const rows = await allRows(store);
      expect(rows).toHaveLength(accepted.size);
      expect(rows.length + refused).toBe(payloads.length);
      for (const row of rows) {
        const stored = field === 'text' ? row.text : field === 'name' ? row.name : row.website;
        expect(stored).toBe(accepted.get(row.id));
        expect(row.status).toBe('published');
      }
      // No javascript:, data: or vbscript: address was stored as a website.
      for (const row of rows) expect(row.website ?? '').not.toMatch(BAD_SCHEME);
      // Most payloads are refused as websites (they are not URLs) and accepted as text.
      if (field === 'text') expect(rows.length).toBeGreaterThan(1900);
    });
  }

  it('never stores a javascript:, data: or vbscript: website, however it is disguised', async () => {
    const { app, store } = relaxedApp();
    const disguised = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'javascript://example.com/%0aalert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'jav&#x09;ascript:alert(1)',
      '//evil.example/x',
      'https:javascript:alert(1)',
      'http://',
      'https://exa mple.com',
    ];
    for (const [i, website] of disguised.entries()) {
      const res = await send(app, bodyFor('website', website, i, '/disguised'));
      expect(res.status, website).toBe(400);
      expect(res.body.error.fields.website, website).toBeTruthy();
    }
    expect(await allRows(store)).toHaveLength(0);
  });
});

describe('naughty/blns.json through the API (515 strings × text, name, thread id)', () => {
  it('has the fixture as documented', () => {
    expect(naughty).toHaveLength(515);
  });

  for (const field of ['text', 'name', 'thread'] as const) {
    it(`answers each string as ${field} with 2xx or a clear 4xx, never 5xx, and returns exactly what it accepted`, async () => {
      const { app, store } = relaxedApp();
      let accepted = 0;
      for (const [i, value] of naughty.entries()) {
        const label = `${field} blns[${i}]: ${JSON.stringify(value).slice(0, 80)}`;
        const res = await send(app, bodyFor(field, value, i, `/blns/${field}`));
        expect(res.status, label).toBeLessThan(500);
        const expected = field === 'text' ? value.replace(/\r\n?/g, '\n').trim() : field === 'name' ? value.trim() : value;
        const problem = field === 'text' ? checkText(expected) : field === 'name' ? checkName(expected) : checkThread(expected);
        if (problem) {
          expectClearRefusal(res, field, label);
          continue;
        }
        if (res.status === 409) {
          // Same text and author in one thread: allowed only when trimming made two strings one.
          expect(res.body.error.code, label).toBe('duplicate');
          continue;
        }
        expect(res.status, `${label} → ${JSON.stringify(res.body)}`).toBe(201);
        accepted++;
        const c = res.body.comment;
        if (field === 'text') expect(c.text, label).toBe(expected);
        if (field === 'name') {
          expect(c.author.name, label).toBe(expected);
          expect(c.author.name, label).not.toMatch(NAME_FORBIDDEN);
        }
        if (field === 'thread') expect(c.thread, label).toBe(expected);
        // And the public read returns it unchanged (the thread id through the query string too).
        const thread = field === 'thread' ? value : `/blns/${field}`;
        const read = await app.request(`/api/v1/comments?${new URLSearchParams({ thread, limit: '200', sort: 'newest' })}`);
        expect(read.status, label).toBe(200);
        const page = (await read.json()) as { thread: { id: string }; comments: { id: string; text: string; author: { name: string } }[] };
        expect(page.thread.id, label).toBe(thread);
        const found = page.comments.find((x) => x.id === c.id);
        expect(found, label).toBeTruthy();
        expect(found!.text).toBe(c.text);
        expect(found!.author.name).toBe(c.author.name);
      }
      const rows = await allRows(store);
      expect(rows).toHaveLength(accepted);
      for (const row of rows) {
        expect(row.name).not.toMatch(NAME_FORBIDDEN);
        expect(row.text).not.toMatch(TEXT_FORBIDDEN);
      }
      expect(accepted).toBeGreaterThan(400);
    });
  }

  it('refuses every forbidden character of DESIGN promise 4 in a name, alone or hidden in a real name', async () => {
    const { app, store } = relaxedApp();
    const forbidden = [
      ...Array.from({ length: 0x20 }, (_, n) => n).filter((n) => n !== 0x09 && n !== 0x0a && n !== 0x0d),
      0x7f,
      ...Array.from({ length: 0x20 }, (_, n) => 0x80 + n),
      0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
    ];
    // Tab, newline and CR inside a name (not at its ends, which trimming removes) are refused too.
    const inside = [...forbidden, 0x09, 0x0a, 0x0d];
    for (const [i, code] of inside.entries()) {
      const ch = String.fromCharCode(code);
      for (const name of [`Ada${ch}Lovelace`, `${ch}Ada`, `Ada${ch}`, `\u202eecalevoL adA`]) {
        if (name.trim() === 'Ada') continue; // trimmed away: the name is simply Ada
        const res = await send(app, bodyFor('name', name, i, '/spoof'));
        expect(res.status, `U+${code.toString(16)} in ${JSON.stringify(name)}`).toBe(400);
        expect(res.body.error.fields.name).toMatch(/control|direction|character/i);
      }
    }
    expect(await allRows(store)).toHaveLength(0);
  });

  it('keeps tabs and newlines in text and refuses the other controls there', async () => {
    const { app } = relaxedApp();
    const ok = await send(app, bodyFor('text', 'one\ttwo\r\nthree\rfour', 1, '/ctl'));
    expect(ok.status).toBe(201);
    expect(ok.body.comment.text).toBe('one\ttwo\nthree\nfour');
    for (const ch of ['\u0000', '\u0007', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009b']) {
      const res = await send(app, bodyFor('text', `bad${ch}text`, 2, '/ctl'));
      expect(res.status, JSON.stringify(ch)).toBe(400);
      expect(res.body.error.fields.text).toBeTruthy();
    }
  });
});

describe('thread ids named like Object.prototype members', () => {
  // DESIGN: any id the site owner sets with data-thread is a thread; "__proto__" once made the count
  // an object ({}) and vanished from /counts, because the stores built their answer on a plain {}.
  const names = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
  for (const [label, make] of [['memory', () => undefined], ['sqlite', () => createSqliteStore({ file: ':memory:' })]] as const) {
    it(`counts them and lists them like any other thread (${label} store)`, async () => {
      const store = make();
      const { app } = relaxedApp(store ? { store } : {});
      for (const [i, thread] of names.entries()) {
        expect((await postJson(app, bodyFor('text', `Comment on ${thread}`, i, thread))).status).toBe(201);
      }
      const counts = await app.request(`/api/v1/counts?${names.map((t) => `thread=${t}`).join('&')}&thread=unknown`);
      const json = JSON.parse(await counts.text()) as { counts: Record<string, unknown> };
      expect(Object.keys(json.counts).sort()).toEqual([...names, 'unknown'].sort());
      for (const thread of names) expect(json.counts[thread], thread).toBe(1);
      expect(json.counts.unknown).toBe(0);
      for (const thread of names) {
        const page = (await (await app.request(`/api/v1/comments?thread=${thread}`)).json()) as { thread: { id: string; count: unknown }; comments: unknown[] };
        expect(page.thread, thread).toEqual({ id: thread, count: 1, closed: false, votes: 'up' });
        expect(page.comments).toHaveLength(1);
      }
      await store?.close();
    });
  }
});
