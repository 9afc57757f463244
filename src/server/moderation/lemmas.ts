// Word forms the suffix stemmer (text-features.ts) cannot bring to one form (issue 15): irregular
// verbs ("slid" → slide, "rose" → rise), irregular comparatives ("bigger" → big), and words that
// say "per unit of time" ("annually" → year). General English grammar, like the stopword list, not
// a list of phrases. Measured against wink-nlp, wink-lemmatizer, en-inflectors, compromise and the
// Porter stemmers on the reworded set's tuning part (eval/spam/libraries.mjs, README "Moderation"):
// this table with the stemmer brings 27 of its 28 inflections together, as wink-nlp does, at no
// load time and a tenth of the reading time.

// "base past participle|…": each past form and participle maps to the base. Forms that are more
// often another word are left out: "ground", "wound", "bound", "lay", "saw" (kept: a saw is rare in
// comments), "left" (kept: "left" the club), "felt", "lit".
const IRREGULAR_VERBS =
  'arise arose arisen|awake awoke awoken|be was were been|bear bore borne|beat beat beaten|become became|begin began begun|' +
  'bend bent|bet bet|bite bit bitten|bleed bled|blow blew blown|break broke broken|breed bred|bring brought|build built|' +
  'burn burnt|buy bought|catch caught|choose chose chosen|cling clung|come came|creep crept|deal dealt|dig dug|do did done|' +
  'draw drew drawn|dream dreamt|drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|feed fed|fight fought|' +
  'find found|flee fled|fling flung|fly flew flown|forbid forbade forbidden|forget forgot forgotten|forgive forgave forgiven|' +
  'freeze froze frozen|get got gotten|give gave given|go went gone|grow grew grown|hang hung|have had has|hear heard|' +
  'hide hid hidden|hold held|keep kept|kneel knelt|know knew known|lead led|leap leapt|learn learnt|leave left|lend lent|' +
  'lose lost|make made|mean meant|meet met|mislead misled|overcome overcame|overtake overtook overtaken|pay paid|' +
  'ride rode ridden|ring rang rung|rise rose risen|run ran|say said|see saw seen|seek sought|sell sold|send sent|' +
  'shake shook shaken|shine shone|shoot shot|show shown|shrink shrank shrunk|sing sang sung|sink sank sunk|sit sat|' +
  'sleep slept|slide slid|speak spoke spoken|speed sped|spend spent|spin spun|spit spat|spring sprang sprung|stand stood|' +
  'steal stole stolen|stick stuck|sting stung|stink stank stunk|strike struck stricken|strive strove striven|swear swore sworn|' +
  'sweep swept|swim swam swum|swing swung|take took taken|teach taught|tear tore torn|tell told|think thought|' +
  'throw threw thrown|tread trod trodden|undergo underwent undergone|understand understood|undertake undertook undertaken|' +
  'upset upset|wake woke woken|wear wore worn|weave wove woven|weep wept|win won|withdraw withdrew withdrawn|' +
  'withhold withheld|write wrote written';

// Comparatives and superlatives the stemmer cannot undo (a doubled consonant, -ier, another word).
// Regular ones ("cheaper") stay apart on purpose: "not cheap" is no restatement of "the cheaper end".
const IRREGULAR_ADJECTIVES =
  'big bigger biggest|good better best|bad worse worst|far further furthest farther farthest|hot hotter hottest|' +
  'fat fatter fattest|sad sadder saddest|thin thinner thinnest|wet wetter wettest|pricey pricier priciest|' +
  'busy busier busiest|easy easier easiest|heavy heavier heaviest|early earlier earliest';

// "Per unit of time" adverbs and the unit they name: "annually" is "a year".
const PER_UNIT = 'year annually yearly|day daily|week weekly|month monthly|hour hourly|night nightly|quarter quarterly';

let table: Map<string, string> | undefined;

/** The base form of an irregular word, or undefined ("slid" → "slide", "annually" → "year"). */
export function irregularBase(lower: string): string | undefined {
  // Built on first use, not at import time (STYLE.md).
  if (!table) {
    table = new Map();
    for (const list of [IRREGULAR_VERBS, IRREGULAR_ADJECTIVES, PER_UNIT]) {
      for (const group of list.split('|')) {
        const [base, ...forms] = group.split(' ');
        for (const form of forms) if (form !== base) table.set(form, base!);
      }
    }
  }
  return table.get(lower);
}
