// The script tag's data-* attributes → where to mount and with what (README "Embedding").
// Called by embed.ts; nothing happens at import time, so tests build a script element and call it.
import type { Backend } from '../adapters/backend.ts';
import { en } from '../core/i18n/en.ts';
import { fill } from '../core/strings.ts';
import { threadIdFromUrl } from '../core/thread-id.ts';
import type { MountOptions } from './mount.ts';

/**
 * Backend factories by `data-backend` name; the embed carries only `http`. Each gets `data-api`
 * ('' when absent) and picks its own default: `http` the origin this script came from (the Parley
 * server), `wordpress` the page's own site (issue 20: not the host of parley.js).
 */
export type BackendFactories = Record<string, (api: string, scriptOrigin: string, site?: string) => Backend>;

export type Config =
  | { el: Element; options: MountOptions; lang: string; error?: undefined }
  | { el: Element; error: string; options?: undefined; lang?: undefined };

/**
 * @example readConfig(document.currentScript as HTMLScriptElement, { http: (api, origin) => createHttpBackend({ api: api || origin }) })
 */
export function readConfig(script: HTMLScriptElement, backends: BackendFactories): Config {
  const doc = script.ownerDocument;
  const data = script.dataset;
  const meta = (sel: string, attr: string) => doc.querySelector(sel)?.getAttribute(attr);
  const page = meta('link[rel=canonical]', 'href') || doc.location?.href || '';
  let el = data.target ? doc.querySelector(data.target) : null;
  if (!el) {
    el = doc.createElement('div');
    script.after(el);
  }
  const name = data.backend || 'http';
  const make = Object.hasOwn(backends, name) ? backends[name] : undefined;
  if (!make) return { el, error: fill(en.badBackend, { name }) };
  const theme = data.theme;
  // data-lang, else the page's <html lang>: its base subtag, lower-case ("pt-BR" → "pt"), or "en"
  // for anything that is not a language code, so it can only ever name a file i18n/<lang>.js.
  const lang = (data.lang || doc.documentElement.lang).split('-')[0]!.toLowerCase();
  return {
    el,
    lang: /^[a-z]{2,3}$/.test(lang) ? lang : 'en',
    options: {
      // data-site: the site on a server that serves many (README "Many sites on one server").
      backend: make(data.api || '', script.src ? new URL(script.src, doc.baseURI).origin : '', data.site),
      thread: data.thread || threadIdFromUrl(page, doc.baseURI),
      // Issue 21: without og:title, the article's <h1> rather than a <title> that ends in the site's
      // name. (Cutting that name off the <title> too, core/page-title.ts, would cost the first render
      // 51 B; the server's article reader does it.)
      title: data.title || meta('meta[property="og:title"]', 'content') || doc.querySelector('h1')?.textContent!.trim() || doc.title,
      url: page,
      theme: theme == 'light' || theme == 'dark' ? theme : 'auto',
      maxDepth: Number(data.maxDepth) || 5,
      // Issue 16: as written; a value the server does not know is its 400, "sort must be oldest,
      // newest or best.", shown where the comments would be (a check here would cost the entry).
      sort: data.sort as MountOptions['sort'],
    },
  };
}

