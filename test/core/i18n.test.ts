// Every language file in src/core/i18n, checked against English and against the runtime's plural
// rules (issue 8, "Languages": every plural category of each language defined).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en, enCount, enEdit, enPost, type Plural, type Strings } from '../../src/core/i18n/en.ts';
import { countHeading, problemMessage } from '../../src/core/strings.ts';
import { formatDate } from '../../src/core/time.ts';

const english: Strings = { ...en, ...enPost, ...enEdit, ...enCount };
const folder = new URL('../../src/core/i18n/', import.meta.url);
const codes = readdirSync(folder)
  .map((file) => /^([a-z]{2,3})\.ts$/.exec(file)?.[1])
  .filter((code): code is string => !!code && code != 'en')
  .sort();
const load = async (code: string) => ((await import(new URL(`${code}.ts`, folder).href)) as Record<string, Strings>)[code]!;
const languages = await Promise.all(codes.map(async (code) => [code, await load(code)] as const));

const holes = (t: string) => (t.match(/\{\w+\}/g) ?? []).sort();
const isPlural = (v: unknown): v is Plural => typeof v === 'object' && v !== null;
const pluralKeys = (Object.keys(english) as (keyof Strings)[]).filter((key) => isPlural(english[key]));
/** Integers that reach each plural category of `lang`: 1 to 1,000 and some round large numbers. */
function numbersByCategory(lang: string): Map<string, number[]> {
  const rules = new Intl.PluralRules(lang);
  const map = new Map<string, number[]>();
  for (const n of [...Array.from({ length: 1000 }, (_, i) => i + 1), 10_000, 100_000, 1_000_000, 2_000_000]) {
    const category = rules.select(n);
    map.set(category, [...(map.get(category) ?? []), n]);
  }
  return map;
}

describe('the shipped languages', () => {
  it('are at least twelve besides English, right-to-left ones included', () => {
    expect(codes.length).toBeGreaterThanOrEqual(12);
    expect(codes).toEqual(expect.arrayContaining(['de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'ru', 'uk', 'ar', 'he', 'ja']));
    expect(languages.filter(([, s]) => s.dir == 'rtl').map(([code]) => code)).toEqual(['ar', 'he']);
  });

  it('has English with the plural categories English has', () => {
    for (const key of pluralKeys) expect(Object.keys(english[key] as Plural).sort(), key).toEqual(['one', 'other']);
  });
});

describe.each(languages)('%s', (code, s) => {
  it('names its language and the direction the runtime gives it', () => {
    expect(s.lang).toBe(code);
    const { direction } = (new Intl.Locale(code) as Intl.Locale & { textInfo: { direction: string } }).textInfo;
    expect(s.dir).toBe(direction);
  });

  it('has every key English has, and no other', () => {
    expect(Object.keys(s).sort()).toEqual(Object.keys(english).sort());
  });

  it('translates each sentence, keeping its placeholders', () => {
    const same: string[] = [];
    for (const key of Object.keys(english) as (keyof Strings)[]) {
      const mine = s[key];
      const theirs = english[key];
      if (isPlural(theirs) || key == 'lang' || key == 'dir') continue;
      expect(typeof mine, key).toBe('string');
      expect((mine as string).trim(), key).not.toBe('');
      expect(holes(mine as string), key).toEqual(holes(theirs));
      if (mine === theirs) same.push(key);
    }
    // A few words are the same in some languages ("Name", "Website"); a copied file is not.
    expect(same.length, same.join(', ')).toBeLessThanOrEqual(3);
  });

  it('defines exactly the plural categories Intl.PluralRules has for it, in every plural phrase', () => {
    const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
    for (const key of pluralKeys) {
      expect(Object.keys(s[key] as Plural).sort(), key).toEqual([...categories].sort());
    }
  });

  it('puts the number in every plural form that more than one number takes', () => {
    const byCategory = numbersByCategory(code);
    for (const key of pluralKeys) {
      const englishHoles = holes((english[key] as Plural).other).filter((h) => h != '{n}');
      for (const [category, form] of Object.entries(s[key] as Plural)) {
        const where = `${key}.${category}`;
        expect(form.trim(), where).not.toBe('');
        // The same placeholders as English ({title} where English has it), {n} where it is needed.
        expect(holes(form).filter((h) => h != '{n}'), where).toEqual(englishHoles);
        expect(holes(form).filter((h) => h == '{n}').length, where).toBeLessThanOrEqual(1);
        const numbers = byCategory.get(category) ?? [];
        if (numbers.length > 1) expect(form, `${where} is used for ${numbers.slice(0, 3).join(', ')}, …`).toContain('{n}');
      }
    }
  });

  it('writes a count heading for any number, with no placeholder left', () => {
    for (const n of [1, 2, 3, 5, 11, 21, 22, 25, 100, 101, 1_000_000]) {
      const heading = countHeading(n, 'Ttl', s);
      expect(heading, `${n}`).toContain('Ttl');
      expect(heading, `${n}`).not.toMatch(/\{\w+\}/);
      if (n > 2) expect(heading, `${n}`).toContain(String(n));
      expect(countHeading(n, '', s), `${n}`).not.toMatch(/\{\w+\}/);
    }
    expect(countHeading(0, 'Ttl', s)).toBe(s.countNone);
  });

  it('words a failed check with the field’s own label', () => {
    const message = problemMessage('name', { key: 'tooLong', max: 100 } as never, s);
    expect(message).toContain(s.name);
    expect(message).toContain('100');
  });

  // WCAG 2.5.3 (label in name): the Reply button shows `reply` and is named `replyTo` for screen
  // readers; a speech-input user says what they see, so the name must contain the visible words as
  // words. axe caught Arabic's "الرد على" (the definite form) against the button's "رد".
  it('names the Reply button with the words it shows', () => {
    const words = (t: string) => t.toLocaleLowerCase(code).split(/[\s\u00a0]+/);
    const rest = s.replyTo.replace('{name}', '').trim();
    // Japanese writes no spaces between words: there the visible text must appear as it is.
    if (!/\s/.test(rest)) return expect(rest).toContain(s.reply);
    for (const word of words(s.reply)) expect(words(rest), `${s.reply} / ${s.replyTo}`).toContain(word);
  });
});

describe('plural phrases, as a reader reads them', () => {
  const s = Object.fromEntries(languages) as Record<string, Strings>;
  it('Russian: 1 and 21 "комментарий", 2–4 "комментария", 5–20 "комментариев"', () => {
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => countHeading(n, 'T', s.ru!))).toEqual([
      '1 комментарий к «T»', '2 комментария к «T»', '5 комментариев к «T»', '11 комментариев к «T»',
      '21 комментарий к «T»', '22 комментария к «T»', '25 комментариев к «T»',
    ]);
  });
  it('Polish: 12–14 take "komentarzy", 22–24 "komentarze"', () => {
    expect([1, 3, 12, 22, 25].map((n) => countHeading(n, '', s.pl!))).toEqual(['Jeden komentarz', '3 komentarze', '12 komentarzy', '22 komentarze', '25 komentarzy']);
  });
  it('Arabic: the dual, 3–10, 11–99 and 100 each have their own form', () => {
    expect([1, 2, 3, 11, 100].map((n) => countHeading(n, '', s.ar!))).toEqual(['تعليق واحد', 'تعليقان', '3 تعليقات', '11 تعليقًا', '100 تعليق']);
  });
  it('French: one covers 1, round millions take "de"', () => {
    expect([1, 2, 1_000_000].map((n) => countHeading(n, '', s.fr!))).toEqual(['Une réflexion', '2 réflexions', '1000000 de réflexions']);
  });
  it('Hebrew: two has its own form', () => {
    expect([1, 2, 3].map((n) => countHeading(n, '', s.he!))).toEqual(['תגובה אחת', 'שתי תגובות', '3 תגובות']);
  });
});

describe('formatDate', () => {
  const iso = '2026-11-28T12:14:00Z';
  it('writes the date in the language it is given, through Intl', () => {
    expect(formatDate(iso, 'en')).toContain('November 28, 2026');
    expect(formatDate(iso, 'de')).toContain('28. November 2026');
    expect(formatDate(iso, 'ru')).toContain('28 ноября 2026');
    expect(formatDate(iso, 'ja')).toContain('2026年11月28日');
    expect(formatDate(iso, 'fr')).toContain('28 novembre 2026');
  });
  it('leaves a value that is not a date as it came', () => {
    expect(formatDate('not a date', 'de')).toBe('not a date');
  });
});

describe('the live updates\' words (src/core/i18n/live.ts, carried by the live chunk)', () => {
  it('speak every shipped language, in exactly its plural categories, with the number wherever more than one number takes a form', async () => {
    const { LIVE_WORDS } = await import('../../src/core/i18n/live.ts');
    expect(Object.keys(LIVE_WORDS).sort()).toEqual(['en', ...codes].sort());
    for (const [code, words] of Object.entries(LIVE_WORDS)) {
      const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
      expect(Object.keys(words.newComments).sort(), code).toEqual([...categories].sort());
      const byCategory = numbersByCategory(code);
      for (const [category, form] of Object.entries(words.newComments)) {
        expect(holes(form).filter((h) => h != '{n}'), `${code}.${category}`).toEqual([]);
        if ((byCategory.get(category) ?? []).length > 1) expect(form, `${code}.${category}`).toContain('{n}');
      }
    }
    expect(LIVE_WORDS.en!.newComments.other).toBe('{n} new comments');
  });
});

describe('the votes words (src/core/i18n/votes.ts, carried by the votes chunk)', () => {
  it('speak every shipped language, every word of them, a failed vote with its reason', async () => {
    const { VOTE_WORDS } = await import('../../src/core/i18n/votes.ts');
    expect(Object.keys(VOTE_WORDS).sort()).toEqual(['en', ...codes].sort());
    for (const [code, words] of Object.entries(VOTE_WORDS)) {
      expect(Object.keys(words).sort(), code).toEqual(Object.keys(VOTE_WORDS.en!).sort());
      for (const word of Object.values(words)) expect(word.trim(), code).not.toBe('');
      expect(holes(words.voteFailed), code).toEqual(['{reason}']);
      // The words of English are English only in English.
      if (code != 'en') for (const key of ['up', 'sort', 'pinned'] as const) expect(words[key], `${code}.${key}`).not.toBe(VOTE_WORDS.en![key]);
    }
  });
});
