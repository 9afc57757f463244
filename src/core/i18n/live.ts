// The live updates' words (issue 16): the button that inserts comments posted since the page was
// read ("2 new comments"), in every language of this folder. Kept together here and carried by the
// live chunk alone (src/widget/chunks/live.tsx), so neither the first render nor the language
// files pay for a button most readers never see. test/core/i18n.test.ts checks every language
// has every plural category its runtime rules name.
import type { Plural } from './en.ts';

export const LIVE_WORDS: Record<string, { newComments: Plural }> = {
  en: { newComments: { one: 'One new comment', other: '{n} new comments' } },
  ar: { newComments: { zero: 'لا توجد تعليقات جديدة', one: 'تعليق جديد واحد', two: 'تعليقان جديدان', few: '{n} تعليقات جديدة', many: '{n} تعليقًا جديدًا', other: '{n} تعليق جديد' } },
  de: { newComments: { one: 'Ein neuer Kommentar', other: '{n} neue Kommentare' } },
  es: { newComments: { one: 'Un comentario nuevo', many: '{n} de comentarios nuevos', other: '{n} comentarios nuevos' } },
  fr: { newComments: { one: 'Un nouveau commentaire', many: '{n} de nouveaux commentaires', other: '{n} nouveaux commentaires' } },
  he: { newComments: { one: 'תגובה חדשה אחת', two: 'שתי תגובות חדשות', other: '{n} תגובות חדשות' } },
  it: { newComments: { one: 'Un nuovo commento', many: '{n} di nuovi commenti', other: '{n} nuovi commenti' } },
  ja: { newComments: { other: '新しいコメント{n}件' } },
  nl: { newComments: { one: 'Eén nieuwe reactie', other: '{n} nieuwe reacties' } },
  pl: { newComments: { one: 'Jeden nowy komentarz', few: '{n} nowe komentarze', many: '{n} nowych komentarzy', other: '{n} nowego komentarza' } },
  pt: { newComments: { one: 'Um comentário novo', many: '{n} de comentários novos', other: '{n} comentários novos' } },
  ru: { newComments: { one: '{n} новый комментарий', few: '{n} новых комментария', many: '{n} новых комментариев', other: '{n} нового комментария' } },
  uk: { newComments: { one: '{n} новий коментар', few: '{n} нові коментарі', many: '{n} нових коментарів', other: '{n} нового коментаря' } },
};
