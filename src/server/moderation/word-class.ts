// What kind of word a comment adds (issue 15: "word classes"): a concrete thing ("pasta",
// "husband", "chargers") says something of the reader's own; an abstract noun ("restoration",
// "challenges"), a verb of stance ("hope", "agree"), an adjective ("fascinating") or an adverb is
// how a remark that fits any article is made. Classes of common words come from WordNet
// (word-classes.ts); other words are guessed from their ending, or left unknown (a rare word that is
// no derivation, such as "chinook" or "hedgerows", is most likely a specific thing).
import { irregularBase } from './lemmas.ts';
import { WORD_CLASSES } from './word-classes.ts';

/** c concrete, g group, a abstract, m communication ("article", "piece"), e stance verb, v other verb, j adjective, r adverb, ? unknown. */
export type WordClass = 'a' | 'c' | 'e' | 'g' | 'j' | 'm' | 'r' | 'v' | '?';

let classes: Map<string, WordClass> | undefined;

function known(word: string): WordClass | undefined {
  if (!classes) {
    classes = new Map();
    for (const [cls, words] of Object.entries(WORD_CLASSES)) for (const w of words.split(' ')) classes.set(w, cls as WordClass);
  }
  return classes.get(word);
}

/** The class of a lower-case word as written ("challenges", "overworked", "heartbreaking"). */
export function wordClass(lower: string): WordClass {
  const direct = known(lower) ?? known(irregularBase(lower) ?? '');
  if (direct) return direct;
  // Inflections: plural, past, -ing, with the usual spelling changes.
  const bases = [
    lower.replace(/ies$/, 'y'), lower.replace(/es$/, ''), lower.replace(/s$/, ''),
    lower.replace(/ied$/, 'y'), lower.replace(/ed$/, ''), lower.replace(/d$/, ''), lower.replace(/(\w)\1ed$/, '$1'),
    lower.replace(/ing$/, ''), lower.replace(/ing$/, 'e'), lower.replace(/(\w)\1ing$/, '$1'),
  ];
  for (const b of bases) {
    if (b === lower || b.length < 3) continue;
    const cls = known(b);
    // "overworked" from a verb is how something is, an adjective; "staffing" a noun of an act.
    if (cls) return cls === 'v' || cls === 'e' ? (/ing$/.test(lower) ? 'a' : /ed$/.test(lower) ? 'j' : cls) : cls;
  }
  // Derivational endings (general English morphology).
  if (/ly$/.test(lower)) return 'r';
  if (/(?:tion|sion|ment|ness|ity|ance|ence|ship|ism|ure|ing|age)s?$/.test(lower)) return 'a';
  if (/(?:ous|ful|ive|able|ible|ical|ic|less|ish|ary|al|ed)$/.test(lower)) return 'j';
  return '?';
}
