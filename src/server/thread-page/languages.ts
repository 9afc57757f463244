// The languages of the server-rendered thread (issue 18): the widget's own language files
// (src/core/i18n), picked by `?lang=` as the embed picks them by data-lang or <html lang>.
import { ar } from '../../core/i18n/ar.ts';
import { de } from '../../core/i18n/de.ts';
import { en, enCount, enEdit, enPost, type Strings } from '../../core/i18n/en.ts';
import { es } from '../../core/i18n/es.ts';
import { fr } from '../../core/i18n/fr.ts';
import { he } from '../../core/i18n/he.ts';
import { it } from '../../core/i18n/it.ts';
import { ja } from '../../core/i18n/ja.ts';
import { nl } from '../../core/i18n/nl.ts';
import { pl } from '../../core/i18n/pl.ts';
import { pt } from '../../core/i18n/pt.ts';
import { ru } from '../../core/i18n/ru.ts';
import { uk } from '../../core/i18n/uk.ts';

const LANGUAGES: Record<string, Strings> = { en: { ...en, ...enPost, ...enEdit, ...enCount }, ar, de, es, fr, he, it, ja, nl, pl, pt, ru, uk };

/** The words for `lang` ("pt-BR" → Portuguese), English for anything else. */
export function stringsFor(lang: string | undefined): Strings {
  const base = (lang ?? '').split('-')[0]!.toLowerCase();
  return Object.hasOwn(LANGUAGES, base) ? LANGUAGES[base]! : LANGUAGES.en!;
}
