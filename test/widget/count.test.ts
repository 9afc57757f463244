// The count script (src/widget/count.ts → dist/count.js, issue 8): one request per 100 threads, the
// plural phrase by default, the number on request, the page's language when it has one. Each test
// makes its own happy-dom Window (not the happy-dom environment: build.mjs needs Node's URL).
import { Window } from 'happy-dom';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../../build/build.mjs';
import { ru } from '../../src/core/i18n/ru.ts';
import { fillCounts, pageWords, type CountWords } from '../../src/widget/count.ts';

const API = 'https://comments.example.org';

/** A fake fetch that answers /api/v1/counts from `counts` and records each URL it was asked. */
function server(counts: Record<string, number>) {
  const asked: URL[] = [];
  const fetch = async (url: string | URL) => {
    const u = new URL(url);
    asked.push(u);
    const threads = u.searchParams.getAll('thread');
    return new Response(JSON.stringify({ counts: Object.fromEntries(threads.map((t) => [t, Object.hasOwn(counts, t) ? counts[t] : 0])) }));
  };
  return { fetch: fetch as typeof globalThis.fetch, asked };
}

let window: Window;
let document: Document;
const texts = () => [...document.querySelectorAll('[data-parley-count]')].map((el) => el.textContent);
const page = (html: string) => {
  document.body.innerHTML = html;
};

beforeEach(() => {
  window = new Window({ url: 'https://blog.example.org/' });
  document = window.document as unknown as Document;
});
afterEach(async () => {
  await window.happyDOM.close();
});

describe('fillCounts', () => {
  it('writes "No comments", "One comment" and "12 comments" from one request', async () => {
    const { fetch, asked } = server({ '/a': 0, '/b': 1, '/c': 12 });
    page('<a data-parley-count="/a">Comments</a><a data-parley-count="/b">Comments</a><a data-parley-count="/c">Comments</a><a data-parley-count="/c">x</a>');
    await fillCounts(document, API, fetch);
    expect(texts()).toEqual(['No comments', 'One comment', '12 comments', '12 comments']);
    expect(asked.map(String)).toEqual([`${API}/api/v1/counts?thread=%2Fa&thread=%2Fb&thread=%2Fc`]);
  });

  it("names the script's data-site in the request, on a server of many sites (issue 19)", async () => {
    const { fetch, asked } = server({ '/a': 2 });
    page('<a data-parley-count="/a">Comments</a>');
    await fillCounts(document, API, fetch, undefined, 'blog');
    expect(texts()).toEqual(['2 comments']);
    expect(asked.map(String)).toEqual([`${API}/api/v1/counts?site=blog&thread=%2Fa`]);
  });

  it('counts a thread named __proto__ like any other (issue 14)', async () => {
    // JSON.parse makes "__proto__" an own key, as the server's answer has it.
    const { fetch } = server(JSON.parse('{"__proto__": 3, "constructor": 1, "/a": 2}'));
    page('<b data-parley-count="__proto__" data-parley-count-format="number">?</b><b data-parley-count="constructor">?</b><b data-parley-count="/a">?</b>');
    await fillCounts(document, API, fetch);
    expect(texts()).toEqual(['3', 'One comment', '2 comments']);
  });

  it('writes the bare number where data-parley-count-format="number"', async () => {
    const { fetch } = server({ '/a': 0, '/c': 12 });
    page('<span data-parley-count="/a" data-parley-count-format="number">?</span><span data-parley-count="/c" data-parley-count-format="number">?</span><span data-parley-count="/c">?</span>');
    await fillCounts(document, API, fetch);
    expect(texts()).toEqual(['0', '12', '12 comments']);
  });

  it('asks for at most 100 threads at a time', async () => {
    const { fetch, asked } = server({ '/t-150': 3 });
    page(Array.from({ length: 250 }, (_, i) => `<i data-parley-count="/t-${i}"></i>`).join(''));
    await fillCounts(document, `${API}/`, fetch);
    expect(asked.map((u) => u.searchParams.getAll('thread').length)).toEqual([100, 100, 50]);
    expect(new Set(asked.flatMap((u) => u.searchParams.getAll('thread'))).size).toBe(250);
    expect(asked.every((u) => u.href.startsWith(`${API}/api/v1/counts?`))).toBe(true);
    expect(texts()[150]).toBe('3 comments');
  });

  it('speaks Russian with Russian plural rules', async () => {
    const { fetch } = server({ '/1': 1, '/3': 3, '/5': 5, '/11': 11, '/21': 21, '/0': 0 });
    page(['/1', '/3', '/5', '/11', '/21', '/0'].map((t) => `<span data-parley-count="${t}"></span>`).join(''));
    await fillCounts(document, API, fetch, ru);
    expect(texts()).toEqual(['1 комментарий', '3 комментария', '5 комментариев', '11 комментариев', '21 комментарий', 'Нет комментариев']);
  });

  it('leaves the page’s own text when the server cannot be reached or does not know a thread', async () => {
    page('<span data-parley-count="/a">Comments</span>');
    await fillCounts(document, API, async () => Promise.reject(new TypeError('offline')));
    expect(texts()).toEqual(['Comments']);
    await fillCounts(document, API, async () => new Response(JSON.stringify({ counts: {} })));
    expect(texts()).toEqual(['Comments']);
    await fillCounts(document, API, async () => new Response('{"error":{}}', { status: 503 }));
    expect(texts()).toEqual(['Comments']);
  });
});

describe('pageWords', () => {
  const script = (data: Record<string, string> = {}) => {
    const s = document.createElement('script');
    s.src = 'https://comments.example.org/static/count.js';
    Object.assign(s.dataset, data);
    return s;
  };
  /** A fake script loader: "loading" i18n/ru.js does what the real file does. */
  function loader(works = true) {
    const loaded: string[] = [];
    const load = async (src: string) => {
      loaded.push(src);
      if (works && src.endsWith('/ru.js')) ((window as unknown as { Parley?: { strings?: unknown } }).Parley ||= {}).strings = ru;
    };
    return { load, loaded };
  }
  const page_ = () => window as unknown as globalThis.Window;
  const words = (w: CountWords) => [w.lang, w.commentsNone, w.comments.other];

  it('fetches the language of <html lang> from next to the script', async () => {
    page('<span data-parley-count="/a"></span>');
    document.documentElement.lang = 'ru-RU';
    const { load, loaded } = loader();
    expect(words(await pageWords(script(), page_(), load))).toEqual(['ru', 'Нет комментариев', '{n} комментария']);
    expect(loaded).toEqual(['https://comments.example.org/static/i18n/ru.js']);
  });

  it('prefers data-lang to <html lang>', async () => {
    page('<span data-parley-count="/a"></span>');
    document.documentElement.lang = 'de';
    const { load, loaded } = loader();
    expect((await pageWords(script({ lang: 'RU' }), page_(), load)).lang).toBe('ru');
    expect(loaded).toEqual(['https://comments.example.org/static/i18n/ru.js']);
  });

  it('uses strings already on the page without fetching anything', async () => {
    page('<span data-parley-count="/a"></span>');
    document.documentElement.lang = 'de';
    (window as unknown as { Parley?: unknown }).Parley = { strings: ru };
    const { load, loaded } = loader();
    expect((await pageWords(script(), page_(), load)).lang).toBe('ru');
    expect(loaded).toEqual([]);
  });

  it('fetches nothing for English, for numbers only, or for a lang that is no language subtag', async () => {
    const { load, loaded } = loader();
    page('<span data-parley-count="/a"></span>');
    document.documentElement.lang = 'en-GB';
    expect(words(await pageWords(script(), page_(), load))).toEqual(['en', 'No comments', '{n} comments']);
    document.documentElement.lang = '../../admin';
    expect((await pageWords(script(), page_(), load)).lang).toBe('en');
    page('<span data-parley-count="/a" data-parley-count-format="number"></span>');
    document.documentElement.lang = 'ru';
    expect((await pageWords(script(), page_(), load)).lang).toBe('en');
    expect(loaded).toEqual([]);
  });

  it('falls back to English when the language file does not load', async () => {
    page('<span data-parley-count="/a"></span>');
    document.documentElement.lang = 'ru';
    const { load, loaded } = loader(false);
    expect((await pageWords(script(), page_(), load)).commentsNone).toBe('No comments');
    expect(loaded).toHaveLength(1);
  });
});

describe('dist/count.js as shipped, on a page that loads scripts from a server', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const only = ['dist/count.js', 'dist/i18n/ru.js'];
  beforeAll(async () => {
    const result = await build({ only, log: { log() {}, warn() {}, error: console.error } });
    expect(result.built).toEqual(only);
  });

  /**
   * A Russian page. Scripts under https://comments.example.org/static/ come from dist/ (happy-dom's
   * virtual server) and load and run as in a browser; the API is a fake fetch. Returns the API requests
   * it got and the addresses of the page's scripts.
   */
  async function russianPage(body: string) {
    await window.happyDOM.close();
    window = new Window({
      url: 'https://blog.example.org/',
      settings: {
        enableJavaScriptEvaluation: true,
        suppressInsecureJavaScriptEnvironmentWarning: true,
        fetch: { virtualServers: [{ url: 'https://comments.example.org/static/', directory: `${root}dist` }] },
      },
    });
    document = window.document as unknown as Document;
    const asked: string[] = [];
    (window as unknown as { fetch: unknown }).fetch = async (url: string) => {
      const u = new URL(url);
      asked.push(u.pathname + u.search);
      const counts = Object.fromEntries(u.searchParams.getAll('thread').map((t) => [t, Number(t.slice(1))]));
      return new Response(JSON.stringify({ counts }));
    };
    document.documentElement.lang = 'ru';
    document.body.innerHTML = body;
    return { asked, scripts: () => [...document.querySelectorAll('script')].map((el) => (el as HTMLScriptElement).src).sort() };
  }
  const addScript = (src: string, data: Record<string, string> = {}) => {
    const s = document.createElement('script');
    s.src = src;
    Object.assign(s.dataset, data);
    document.body.append(s);
  };
  const filled = async () => {
    for (let i = 0; i < 100 && texts().includes('?'); i++) {
      await window.happyDOM.waitUntilComplete();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return texts();
  };
  const body = '<a data-parley-count="/5">?</a> <a data-parley-count="/21">?</a> <b data-parley-count="/2" data-parley-count-format="number">?</b>';

  it('fetches i18n/ru.js from beside itself for <html lang="ru">, then writes Russian phrases', async () => {
    const { asked, scripts } = await russianPage(body);
    addScript('https://comments.example.org/static/count.js', { api: API });
    expect(await filled()).toEqual(['5 комментариев', '21 комментарий', '2']);
    expect(asked).toEqual(['/api/v1/counts?thread=%2F5&thread=%2F21&thread=%2F2']);
    expect(scripts()).toEqual(['https://comments.example.org/static/count.js', 'https://comments.example.org/static/i18n/ru.js']);
  });

  it('uses i18n/ru.js included before it and fetches no other', async () => {
    const { asked, scripts } = await russianPage(body);
    addScript('https://comments.example.org/static/i18n/ru.js');
    addScript('https://comments.example.org/static/count.js', { api: API });
    expect(await filled()).toEqual(['5 комментариев', '21 комментарий', '2']);
    expect(asked).toHaveLength(1);
    expect(scripts()).toEqual(['https://comments.example.org/static/count.js', 'https://comments.example.org/static/i18n/ru.js']);
  });

  it('stays English when the page’s language has no file', async () => {
    const { scripts } = await russianPage(body);
    document.documentElement.lang = 'xx';
    addScript('https://comments.example.org/static/count.js', { api: API });
    expect(await filled()).toEqual(['5 comments', '21 comments', '2']);
    expect(scripts()).toEqual(['https://comments.example.org/static/count.js', 'https://comments.example.org/static/i18n/xx.js']);
  });
});
