// The votes chunk's words (issue 16 items 2–4): the vote buttons' names, the sort control, "Pinned"
// and a failed vote, in every language of this folder. Kept together here and carried by the votes
// chunk alone (src/widget/chunks/votes), as the live chunk's words are (live.ts): the language files
// are near their ceiling, and the first render in another language (the entry and its file, a group
// budget that may not grow) has no room for them. A site's `strings` override any of them by key,
// as it overrides the other words (chunks/votes/words.ts).
export interface VoteWords {
  /** The up-vote button's name (its count follows it). */
  up: string;
  down: string;
  /** The sort control's label. */
  sort: string;
  oldest: string;
  newest: string;
  /** By votes (the Wilson lower bound): offered only where the thread has votes. */
  best: string;
  /** Beside a comment the site owner pinned to the top. */
  pinned: string;
  /** {reason}: the server's words, or "could not be reached" in the reader's. */
  voteFailed: string;
}

export const VOTE_WORDS: Record<string, VoteWords> = {
  en: { up: 'Vote up', down: 'Vote down', sort: 'Sort by', oldest: 'Oldest', newest: 'Newest', best: 'Best', pinned: 'Pinned', voteFailed: 'Your vote was not counted. {reason}' },
  ar: { up: 'تصويت إيجابي', down: 'تصويت سلبي', sort: 'ترتيب حسب', oldest: 'الأقدم', newest: 'الأحدث', best: 'الأفضل', pinned: 'مثبّت', voteFailed: 'لم يُحتسب تصويتك. {reason}' },
  de: { up: 'Positiv bewerten', down: 'Negativ bewerten', sort: 'Sortieren nach', oldest: 'Älteste', newest: 'Neueste', best: 'Beste', pinned: 'Angeheftet', voteFailed: 'Deine Stimme wurde nicht gezählt. {reason}' },
  es: { up: 'Votar a favor', down: 'Votar en contra', sort: 'Ordenar por', oldest: 'Más antiguos', newest: 'Más recientes', best: 'Mejores', pinned: 'Fijado', voteFailed: 'Tu voto no se ha contado. {reason}' },
  fr: { up: 'Voter pour', down: 'Voter contre', sort: 'Trier par', oldest: 'Plus anciens', newest: 'Plus récents', best: 'Meilleurs', pinned: 'Épinglé', voteFailed: 'Votre vote n’a pas été compté. {reason}' },
  he: { up: 'הצבעה בעד', down: 'הצבעה נגד', sort: 'מיון לפי', oldest: 'הישנות ביותר', newest: 'החדשות ביותר', best: 'הטובות ביותר', pinned: 'נעוץ', voteFailed: 'ההצבעה שלך לא נספרה. {reason}' },
  it: { up: 'Vota a favore', down: 'Vota contro', sort: 'Ordina per', oldest: 'Meno recenti', newest: 'Più recenti', best: 'Migliori', pinned: 'In evidenza', voteFailed: 'Il tuo voto non è stato conteggiato. {reason}' },
  ja: { up: '高評価', down: '低評価', sort: '並べ替え', oldest: '古い順', newest: '新しい順', best: '評価順', pinned: '固定', voteFailed: '投票は反映されませんでした。{reason}' },
  nl: { up: 'Stem omhoog', down: 'Stem omlaag', sort: 'Sorteren op', oldest: 'Oudste', newest: 'Nieuwste', best: 'Beste', pinned: 'Vastgezet', voteFailed: 'Je stem is niet geteld. {reason}' },
  pl: { up: 'Głosuj za', down: 'Głosuj przeciw', sort: 'Sortuj według', oldest: 'Najstarsze', newest: 'Najnowsze', best: 'Najlepsze', pinned: 'Przypięty', voteFailed: 'Twój głos nie został policzony. {reason}' },
  pt: { up: 'Votar a favor', down: 'Votar contra', sort: 'Ordenar por', oldest: 'Mais antigos', newest: 'Mais recentes', best: 'Melhores', pinned: 'Fixado', voteFailed: 'Seu voto não foi contado. {reason}' },
  ru: { up: 'Голосовать за', down: 'Голосовать против', sort: 'Порядок', oldest: 'Сначала старые', newest: 'Сначала новые', best: 'Сначала лучшие', pinned: 'Закреплено', voteFailed: 'Ваш голос не учтён. {reason}' },
  uk: { up: 'Голосувати за', down: 'Голосувати проти', sort: 'Порядок', oldest: 'Спочатку старі', newest: 'Спочатку нові', best: 'Спочатку найкращі', pinned: 'Закріплено', voteFailed: 'Ваш голос не враховано. {reason}' },
};
