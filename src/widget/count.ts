// The count script (`dist/count.js`, DESIGN "The HTTP API": GET /count.js): for an index page that
// lists articles. Every element with `data-parley-count="THREAD"` gets that thread's published total,
// from one GET /api/v1/counts (one per 100 threads, the API's limit), as a phrase in the page's
// language ("No comments", "One comment", "12 comments"), or as the bare number when the element
// says `data-parley-count-format="number"`:
//
//   <a href="/2024/05/putin-china#comments" data-parley-count="/2024/05/putin-china">Comments</a>
//   <span data-parley-count="/2024/05/putin-china" data-parley-count-format="number"></span>
//   <script src="https://comments.example.com/count.js" data-api="https://comments.example.com" defer></script>
//
// The attribute value is the thread id verbatim (the same id the widget uses, DESIGN "Words").
// `data-api` defaults to the origin the script was loaded from (as for the embed); `data-site` names the site
// on a server that serves many. The language is the embed's:
// strings already on the page (a dist/i18n/*.js included before), else `data-lang`, else <html lang>,
// whose file is then fetched from next to this script (only when some element wants a phrase). It
// imports no strings table but the three English count words, so it stays under its 1 KB budget; a
// failed request leaves the page's own text.
import { enCount, type Plural } from '../core/i18n/en.ts';
import { fill, plural } from '../core/strings.ts';

/** What the count script says: the count words of a language file (core/i18n) and its plural rules. */
export type CountWords = { lang: string; commentsNone: string; comments: Plural };

type Page = Window & { Parley?: { strings?: Partial<CountWords> } };

const english: CountWords = { lang: 'en', ...enCount };

/** Fill every `[data-parley-count]` under `root`. Resolves when done; never rejects. */
export async function fillCounts(
  root: ParentNode,
  api: string,
  fetch = globalThis.fetch,
  words: CountWords | Promise<CountWords> = english,
  site?: string,
): Promise<void> {
  const elements = [...root.querySelectorAll<HTMLElement>('[data-parley-count]')];
  const threads = [...new Set(elements.map((el) => el.dataset.parleyCount!))];
  // data-site names the site on a server that serves many (README "Many sites on one server").
  const base = `${api.replace(/\/+$/, '')}/api/v1/counts?${site ? `site=${encodeURIComponent(site)}&` : ''}`;
  // No prototype: Object.assign onto {} would take a thread named "__proto__" as the object's
  // prototype instead of a key (issue 14).
  const counts: Record<string, number> = Object.create(null);
  try {
    for (let i = 0; i < threads.length; i += 100) {
      const query = new URLSearchParams(threads.slice(i, i + 100).map((thread) => ['thread', thread]));
      const response = await fetch(base + query);
      if (response.ok) Object.assign(counts, (await response.json()).counts);
    }
  } catch {
    // Counts are decoration: offline or a down server must not break the page or its console.
  }
  const w = await words;
  for (const el of elements) {
    const n = counts[el.dataset.parleyCount!];
    if (typeof n == 'number') {
      el.textContent = el.dataset.parleyCountFormat == 'number' ? '' + n : n ? fill(plural(w.comments, n, w.lang), { n }) : w.commentsNone;
    }
  }
}

/** Run a classic script and wait for it; a failure (unknown language, offline) resolves too. */
function loadScript(src: string, doc: Document): Promise<unknown> {
  return new Promise((done) => {
    const s = doc.createElement('script');
    s.src = src;
    s.onload = s.onerror = done;
    doc.head.append(s);
  });
}

/**
 * The words for this page. A language file already on it (window.Parley.strings) wins; otherwise
 * `data-lang` on the script, else <html lang> (its first subtag), names one, and `i18n/<lang>.js`
 * next to this script is fetched, as the embed does. English when there is none, it fails to load,
 * or every element asks for a bare number.
 */
export async function pageWords(script: HTMLScriptElement, page: Window = window, load = loadScript): Promise<CountWords> {
  const doc = page.document;
  const lang = (script.dataset.lang || doc.documentElement.lang).split('-')[0]!.toLowerCase();
  if (
    !(page as Page).Parley?.strings &&
    lang != 'en' &&
    // Two or three letters only: the value becomes part of a URL.
    /^[a-z]{2,3}$/.test(lang) &&
    doc.querySelector('[data-parley-count]:not([data-parley-count-format=number])')
  ) {
    await load(new URL(`i18n/${lang}.js`, script.src || page.location.href).href, doc);
  }
  return { ...english, ...(page as Page).Parley?.strings };
}

// Read synchronously: document.currentScript is null once this script has finished running.
const script = typeof document != 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
if (script) {
  // The API is at its own script's origin (issue 8; the embed does the same), or data-api.
  const start = () => fillCounts(document, script.dataset.api || new URL(script.src || location.href).origin, fetch, pageWords(script), script.dataset.site);
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
